import { randomUUID } from 'node:crypto';
import type { LocationInfo, MovementInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { createOutboxWriter } from '../kernel/outbox-writer';

export interface MovementRequest {
  sku: string;
  qty: number;
  from: string;
  to: string;
  reason: string;
  ref?: string | null;
  staff: string;
  station: string;
  /** Batch/lot from the item's GS1 label (AI 10), for recalls. */
  batch?: string | null;
  /** Expiry day from the label (AI 17 or 15), YYYY-MM-DD. */
  expiry?: string | null;
}

interface MovementRow {
  seq: number;
  id: string;
  sku: string;
  qty: number;
  from_loc: string;
  to_loc: string;
  reason: string;
  ref: string | null;
  staff: string;
  station: string;
  at: string;
  batch: string | null;
  expiry: string | null;
}

const toInfo = (row: MovementRow): MovementInfo => ({
  id: row.id,
  seq: row.seq,
  sku: row.sku,
  qty: row.qty,
  from: row.from_loc,
  to: row.to_loc,
  reason: row.reason,
  ref: row.ref,
  staff: row.staff,
  station: row.station,
  at: row.at,
  ...(row.batch !== null ? { batch: row.batch } : {}),
  ...(row.expiry !== null ? { expiry: row.expiry } : {}),
});

export const movementEventType = 'stock.movement';

/**
 * Double-entry stock movements. Each append is one transaction that writes the
 * movement, both stock levels and the outbox event, or nothing at all.
 */
/** What the ledger needs of the catalog room: that a SKU exists. */
export interface KnownSkus {
  exists(sku: string): boolean;
}

export function createMovementLedger(db: Db, locations: Map<string, LocationInfo>, catalog: KnownSkus, now: () => Date = () => new Date()) {
  const outbox = createOutboxWriter(db);
  const levelOf = db.prepare('SELECT qty FROM stock_levels WHERE sku = ? AND location = ?').pluck();
  const insertMovement = db.prepare(
    `INSERT INTO movements (id, sku, qty, from_loc, to_loc, reason, ref, staff, station, at, batch, expiry)
     VALUES (@id, @sku, @qty, @from, @to, @reason, @ref, @staff, @station, @at, @batch, @expiry)`,
  );
  const addToLevel = db.prepare(
    `INSERT INTO stock_levels (sku, location, qty) VALUES (?, ?, ?)
     ON CONFLICT (sku, location) DO UPDATE SET qty = qty + excluded.qty`,
  );
  // Keyset pages over movements_by_sku (sku, seq): each page starts below the last seq shown, so a
  // page deep in a long history costs what the first one does.
  const history = db.prepare('SELECT * FROM movements WHERE sku = ? AND seq < ? ORDER BY seq DESC LIMIT ?');

  function validate(request: MovementRequest): void {
    if (!Number.isSafeInteger(request.qty) || request.qty <= 0) {
      throw new StoreError('INVALID_QUANTITY', `Quantity must be a whole number above zero, not ${request.qty}.`, {
        qty: request.qty,
      });
    }
    for (const code of [request.from, request.to]) {
      if (!locations.has(code)) throw new StoreError('UNKNOWN_LOCATION', `There is no location "${code}".`, { location: code });
    }
    if (request.from === request.to) {
      throw new StoreError('VALIDATION', 'A movement needs two different locations.', { location: request.from });
    }
    if (!catalog.exists(request.sku)) {
      throw new StoreError('UNKNOWN_SKU', `There is no product with SKU "${request.sku}".`, { sku: request.sku });
    }
  }

  const appendTx = db.transaction((request: MovementRequest): MovementInfo => {
    validate(request);
    const from = locations.get(request.from)!;
    if (!from.allowNegative) {
      const available = (levelOf.get(request.sku, request.from) as number | undefined) ?? 0;
      if (available < request.qty) {
        throw new StoreError(
          'INSUFFICIENT_STOCK',
          `Only ${available} of ${request.sku} in ${from.name}; cannot move ${request.qty}.`,
          { sku: request.sku, location: request.from, available, requested: request.qty },
        );
      }
    }
    const row = {
      id: randomUUID(),
      sku: request.sku,
      qty: request.qty,
      from: request.from,
      to: request.to,
      reason: request.reason,
      ref: request.ref ?? null,
      staff: request.staff,
      station: request.station,
      at: now().toISOString(),
    };
    const batch = request.batch ?? null;
    const expiry = request.expiry ?? null;
    const seq = Number(insertMovement.run({ ...row, batch, expiry }).lastInsertRowid);
    addToLevel.run(row.sku, row.from, -row.qty);
    addToLevel.run(row.sku, row.to, row.qty);
    // Batch and expiry travel only when known, so HQ sees older movements unchanged.
    const movement: MovementInfo = { ...row, seq, ...(batch !== null ? { batch } : {}), ...(expiry !== null ? { expiry } : {}) };
    outbox.append(movementEventType, movement, row.at);
    return movement;
  });

  const anyMovement = db.prepare('SELECT EXISTS (SELECT 1 FROM movements)').pluck();
  const lastSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM movements').pluck();
  const netSince = db.prepare(
    `SELECT COALESCE(SUM(CASE WHEN to_loc = @location THEN qty ELSE -qty END), 0)
       FROM movements WHERE sku = @sku AND seq > @afterSeq AND (to_loc = @location OR from_loc = @location)`,
  ).pluck();
  return {
    /** Commits one movement (its own transaction, or part of the caller's). */
    append: (request: MovementRequest): MovementInfo => appendTx(request),
    /** A SKU's movements, newest first; `beforeSeq` pages on from the last one shown. */
    history: (sku: string, limit = 50, beforeSeq = Number.MAX_SAFE_INTEGER): MovementInfo[] =>
      (history.all(sku, beforeSeq, limit) as MovementRow[]).map(toInfo),
    /** Whether any stock ever moved here (an opening snapshot, a CSV import, the demo's own stock). */
    hasMovements: (): boolean => anyMovement.get() === 1,
    /** The newest movement's seq (0 before any): a point in the ledger's history. */
    lastSeq: (): number => lastSeq.get() as number,
    /** Units of a SKU that moved into a location, less those out of it, after movement `afterSeq`. */
    netSince: (sku: string, location: string, afterSeq: number): number => netSince.get({ sku, location, afterSeq }) as number,
  };
}
export type MovementLedger = ReturnType<typeof createMovementLedger>;
