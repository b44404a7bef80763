import { createHash } from 'node:crypto';

/** Digest of the store's internal stock levels, computed the same way on both sides (docs/protocol.md). */
export function stockDigest(rows: { sku: string; location: string; qty: number }[]): { levels: number; sha256: string } {
  const lines = rows.map((r) => `${r.sku}|${r.location}|${r.qty}`).sort();
  return { levels: lines.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

export const internalLocations: ReadonlySet<string> = new Set(['sales_floor', 'back_room', 'pickup_hold', 'in_transit', 'damaged']);
