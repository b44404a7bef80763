import type { Db } from '../kernel/db/open-ledger';

/**
 * Negative adjustments that say nothing of where the stock went: a count approved as
 * `unexplained`, and units a picker could not find (`short-pick`, phantom stock). Damage, expiry,
 * theft, samples and own use are written off with a cause, so they are not shrink's "unknown loss".
 */
export const unexplainedLossReasons = ['unexplained', 'short-pick'] as const;

export interface MovementKpis {
  /** Units that left to `customer` (till sales and pickup handovers). */
  unitsToCustomers: number;
  /** Units written off to `adjustment`, by reason code, and whether the reason is one of unexplainedLossReasons. */
  writtenOffByReason: { reason: string; units: number; unexplained: boolean }[];
  /** Of those, the units with no cause (unexplainedLossReasons). */
  unexplainedLoss: number;
}

/**
 * The stock room's aggregates for the KPI page, from the movement ledger. Both sums read only the
 * index `movements_by_destination (to_loc, at, reason, qty)` (migration 23): a year of two million
 * movements is summed without touching the table.
 */
export function createMovementKpiReads(db: Db) {
  const toCustomers = db.prepare(
    `SELECT COALESCE(SUM(qty), 0) FROM movements INDEXED BY movements_by_destination
      WHERE to_loc = 'customer' AND at >= @from AND at < @to`,
  ).pluck();
  const writtenOff = db.prepare(
    `SELECT reason, SUM(qty) AS units FROM movements INDEXED BY movements_by_destination
      WHERE to_loc = 'adjustment' AND at >= @from AND at < @to GROUP BY reason ORDER BY units DESC, reason`,
  );
  return {
    /** Sales, collections and write-offs in [from, to) (ISO instants). */
    movementKpis(range: { from: string; to: string }): MovementKpis {
      const unexplained = new Set<string>(unexplainedLossReasons);
      const byReason = (writtenOff.all(range) as { reason: string; units: number }[]).map((r) => ({ ...r, unexplained: unexplained.has(r.reason) }));
      return {
        unitsToCustomers: toCustomers.get(range) as number,
        writtenOffByReason: byReason,
        unexplainedLoss: byReason.filter((r) => r.unexplained).reduce((sum, r) => sum + r.units, 0),
      };
    },
  };
}
export type MovementKpiReads = ReturnType<typeof createMovementKpiReads>;
