import type { Db } from '../kernel/db/open-ledger';

/**
 * The stock documents' tolerances (issue 13). These are the chain's defaults; HQ may override them
 * per store with a `tolerances` message (the stock room stores the override, createStockTolerances,
 * and answers `current()`), and each document reads them when it checks, not when it is created.
 */
export interface StockTolerances {
  /** Units received above the expected quantity, as a percentage of it: 0 refuses any over-receipt. */
  overReceiptPct: number;
  /**
   * A count line needs a recount by another person when its variance is over the tolerance: 2 units
   * or 5 %, whichever is larger. So it must exceed BOTH: one unit off on 8 is not a recount, three
   * units off on 1,000 is not either.
   */
  countVarianceUnits: number;
  countVariancePct: number;
}

export const defaultStockTolerances: StockTolerances = Object.freeze({
  overReceiptPct: 0,
  countVarianceUnits: 2,
  countVariancePct: 5,
});

/** Where documents read the tolerances in force. */
export interface StockTolerancesSource {
  current(): StockTolerances;
}

/** HQ's override as its `tolerances` message carries it (docs/protocol.md). */
export interface ToleranceOverride extends StockTolerances {
  version: number;
}

/**
 * The tolerances in force at this store: HQ's latest override, else the defaults. The stock room
 * keeps them because every stock document (receipts, counts) checks against them.
 */
export function createStockTolerances(db: Db, now: () => Date = () => new Date()) {
  const read = db.prepare(
    'SELECT version, over_receipt_pct AS overReceiptPct, count_variance_units AS countVarianceUnits, count_variance_pct AS countVariancePct FROM stock_tolerance_override WHERE id = 1',
  );
  const write = db.prepare(
    `INSERT INTO stock_tolerance_override (id, version, over_receipt_pct, count_variance_units, count_variance_pct, received_at)
     VALUES (1, @version, @overReceiptPct, @countVarianceUnits, @countVariancePct, @at)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, over_receipt_pct = excluded.over_receipt_pct,
       count_variance_units = excluded.count_variance_units, count_variance_pct = excluded.count_variance_pct, received_at = excluded.received_at
     WHERE excluded.version > stock_tolerance_override.version`,
  );
  const override = () => (read.get() as ToleranceOverride | undefined) ?? null;
  return {
    current(): StockTolerances {
      const found = override();
      if (!found) return defaultStockTolerances;
      const { version: _version, ...tolerances } = found;
      return tolerances;
    },
    /** The override's version, or null while the defaults hold. */
    version: (): number | null => override()?.version ?? null,
    /** Applies HQ's override once: an equal or older version changes nothing (false). */
    applyFromHq(next: ToleranceOverride): boolean {
      return write.run({ ...next, at: now().toISOString() }).changes > 0;
    },
  };
}
export type StockTolerancesStore = ReturnType<typeof createStockTolerances>;

/** Whether a count line's variance needs a recount by another person: over 2 units or 5 %, whichever is larger (it exceeds both). */
export function varianceNeedsRecount(variance: number, expected: number, tolerances: StockTolerances): boolean {
  const units = Math.abs(variance);
  const pct = expected === 0 ? (units === 0 ? 0 : Infinity) : (units / Math.abs(expected)) * 100;
  return units > tolerances.countVarianceUnits && pct > tolerances.countVariancePct;
}
