import type { Db } from '../kernel/db/open-ledger';

/** An instant range, [from, to), as ISO strings (the ledger's own format, so they compare as text). */
export interface InstantRange {
  from: string;
  to: string;
}

/** One order received in a range, as the KPI page measures it (issue 15). */
export interface OrderKpiRow {
  receivedAt: string;
  promisedAt: string | null;
  status: string;
  /** When picking began (the order's first move to "picking"); null if it never did. */
  pickingAt: string | null;
  /** When it was first ready for collection; null if it never was. */
  readyAt: string | null;
  orderedUnits: number;
  shortUnits: number;
}

export interface ReturnsByReason {
  reason: string;
  units: number;
  returns: number;
}

/**
 * The orders room's reads for the KPI page: one statement per question, by the indexes of
 * migration 23 (orders by arrival, returns by date), so a year of a busy store reads in
 * milliseconds. Read-only: the KPI room never writes these tables.
 */
export function createOrderKpiReads(db: Db) {
  const rows = db.prepare(
    `SELECT o.received_at AS receivedAt, o.promised_at AS promisedAt, o.status,
            (SELECT MIN(h.at) FROM order_history h WHERE h.order_id = o.order_id AND h.to_status = 'picking') AS pickingAt,
            (SELECT MIN(h.at) FROM order_history h WHERE h.order_id = o.order_id AND h.to_status = 'ready') AS readyAt,
            (SELECT COALESCE(SUM(l.qty), 0) FROM order_lines l WHERE l.order_id = o.order_id) AS orderedUnits,
            (SELECT COALESCE(SUM(l.short_qty), 0) FROM order_lines l WHERE l.order_id = o.order_id) AS shortUnits
       FROM pickup_orders o INDEXED BY pickup_orders_by_received
      WHERE o.received_at >= @from AND o.received_at < @to`,
  );
  const returns = db.prepare(
    `SELECT l.reason, SUM(l.qty) AS units, COUNT(DISTINCT r.return_id) AS returns
       FROM order_returns r INDEXED BY order_returns_by_at
       JOIN order_return_lines l ON l.return_id = r.return_id
      WHERE r.at >= @from AND r.at < @to
      GROUP BY l.reason ORDER BY units DESC, l.reason`,
  );
  return {
    /** Every order received in the range, with its milestones and units. */
    kpiRows: (range: InstantRange): OrderKpiRow[] => rows.all(range) as OrderKpiRow[],
    /** Units returned in the range, by the reason staff gave (pickup orders are the one channel with returns so far). */
    returnsByReason: (range: InstantRange): ReturnsByReason[] => returns.all(range) as ReturnsByReason[],
  };
}
export type OrderKpiReads = ReturnType<typeof createOrderKpiReads>;
