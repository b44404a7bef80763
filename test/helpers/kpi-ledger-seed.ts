// Writes a ledger's history straight into its tables, with the times a test or benchmark chooses:
// the rooms' own services date everything "now", and the KPIs need days and hours of history.
// Only tests and benchmarks do this; the store itself never backdates anything.
import type { Db } from '../../main/kernel/db/open-ledger';

export interface SeedOrder {
  orderId: string;
  receivedAt: string;
  promisedAt: string | null;
  status: string;
  /** Status changes in order: [at, to]. */
  history: [string, string][];
  lines: { sku: string; qty: number; short?: number }[];
}

export function ledgerSeeder(db: Db) {
  const order = db.prepare(
    "INSERT INTO pickup_orders (order_id, version, status, order_json, received_at, updated_at, promised_at) VALUES (?, 1, ?, '{}', ?, ?, ?)",
  );
  const line = db.prepare('INSERT INTO order_lines (order_id, line_id, sku, qty, short_qty) VALUES (?, ?, ?, ?, ?)');
  const history = db.prepare("INSERT INTO order_history (order_id, at, staff, station, from_status, to_status) VALUES (?, ?, 'seed', 'seed', ?, ?)");
  const returnRow = db.prepare("INSERT INTO order_returns (return_id, order_id, at, staff, station, refund_method) VALUES (?, ?, ?, 'seed', 'seed', 'card')");
  const returnLine = db.prepare("INSERT INTO order_return_lines (return_id, line_id, sku, qty, reason, condition) VALUES (?, ?, ?, ?, ?, 'resellable')");
  const movement = db.prepare("INSERT INTO movements (id, sku, qty, from_loc, to_loc, reason, ref, staff, station, at) VALUES (?, ?, ?, ?, ?, ?, NULL, 'seed', 'seed', ?)");
  const count = db.prepare(
    "INSERT INTO stock_counts (count_id, location, scope, origin, owner, status, created_at, closed_at) VALUES (?, 'sales_floor', 'skus', 'manual', 'seed', ?, ?, ?)",
  );
  const countLine = db.prepare('INSERT INTO stock_count_lines (count_id, sku, counted, approved_expected, approved_variance) VALUES (?, ?, ?, ?, ?)');
  const shelfLevel = db.prepare('INSERT INTO shelf_level_history (sensor_id, sku, location, level, at) VALUES (?, ?, ?, ?, ?)');
  let movementIds = 0;
  return {
    order(o: SeedOrder) {
      const updatedAt = o.history.at(-1)?.[0] ?? o.receivedAt;
      order.run(o.orderId, o.status, o.receivedAt, updatedAt, o.promisedAt);
      o.lines.forEach((l, i) => line.run(o.orderId, `L${i + 1}`, l.sku, l.qty, l.short ?? 0));
      history.run(o.orderId, o.receivedAt, null, 'received');
      let from = 'received';
      for (const [at, to] of o.history) {
        history.run(o.orderId, at, from, to);
        from = to;
      }
    },
    orderReturn(returnId: string, orderId: string, at: string, lines: { sku: string; qty: number; reason: string }[]) {
      returnRow.run(returnId, orderId, at);
      lines.forEach((l, i) => returnLine.run(returnId, `L${i + 1}`, l.sku, l.qty, l.reason));
    },
    movement(m: { sku: string; qty: number; from: string; to: string; reason: string; at: string }) {
      movement.run(`seed-${++movementIds}`, m.sku, m.qty, m.from, m.to, m.reason, m.at);
    },
    /** A closed count and its lines' figures as approval kept them. */
    count(countId: string, status: 'approved' | 'cancelled', closedAt: string, lines: { sku: string; expected: number; variance: number }[]) {
      count.run(countId, status, closedAt, closedAt);
      for (const l of lines) countLine.run(countId, l.sku, l.expected + l.variance, status === 'approved' ? l.expected : null, status === 'approved' ? l.variance : null);
    },
    shelfLevel(sensorId: string, sku: string, level: 'ok' | 'low' | 'out' | 'unknown', at: string) {
      shelfLevel.run(sensorId, sku, 'sales_floor', level, at);
    },
  };
}
