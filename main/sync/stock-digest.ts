import { createHash } from 'node:crypto';
import type { Db } from '../kernel/db/open-ledger';

/** Digest of the store's internal stock levels, computed the same way on both sides (docs/protocol.md). */
export function stockDigest(db: Db): { levels: number; sha256: string } {
  const rows = db
    .prepare(
      `SELECT s.sku, s.location, s.qty FROM stock_levels s JOIN locations l ON l.code = s.location
        WHERE l.kind = 'internal' AND s.qty <> 0`,
    )
    .all() as { sku: string; location: string; qty: number }[];
  const lines = rows.map((r) => `${r.sku}|${r.location}|${r.qty}`).sort();
  return { levels: lines.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

export const internalLocations: ReadonlySet<string> = new Set(['sales_floor', 'back_room', 'pickup_hold', 'in_transit', 'damaged']);
