import type { Db } from '../kernel/db/open-ledger';
import type { ShelfEvent, ShelfRef } from './shelf-events';

type HistoryLevel = 'ok' | 'low' | 'out' | 'unknown';

/** The level a shelf event leaves its shelf at; null: the event changes no level. */
function levelAfter(event: ShelfEvent): HistoryLevel | null {
  switch (event.type) {
    case 'stock.out':
      return 'out';
    case 'stock.low':
      return 'low';
    case 'stock.replenished':
      return 'ok';
    // An offline sensor says nothing about the shelf: its time is not counted as out of stock.
    case 'sensor.offline':
      return 'unknown';
    default:
      return null;
  }
}

export interface ShelfOutOfStock extends ShelfRef {
  /** Milliseconds the shelf read "out" within the range. */
  outMs: number;
}

/**
 * Each monitored shelf's level as it changed (the shelves room's shelf_level_history), kept so
 * out-of-stock time can be measured afterwards, e.g. by the KPI page. The monitor itself keeps
 * only the present.
 */
export function createShelfLevelHistory(db: Db) {
  const insert = db.prepare('INSERT INTO shelf_level_history (sensor_id, sku, location, level, at) VALUES (?, ?, ?, ?, ?)');
  // Each sensor's rows within the range, and the last row before it (the level it entered the range with).
  const rowsWithin = db.prepare(
    `SELECT sensor_id AS sensorId, sku, location, level, at FROM shelf_level_history INDEXED BY shelf_level_history_by_at
      WHERE at >= @from AND at < @to ORDER BY sensor_id, at, id`,
  );
  const rowsBefore = db.prepare(
    `SELECT h.sensor_id AS sensorId, h.sku, h.location, h.level, h.at
       FROM (SELECT DISTINCT sensor_id FROM shelf_level_history) s
       JOIN shelf_level_history h
         ON h.id = (SELECT p.id FROM shelf_level_history p WHERE p.sensor_id = s.sensor_id AND p.at < @from ORDER BY p.at DESC, p.id DESC LIMIT 1)`,
  );
  return {
    /** Records the level a shelf event leaves its shelf at (events that change no level are ignored). */
    record(event: ShelfEvent): void {
      const level = levelAfter(event);
      if (level) insert.run(event.shelf.sensorId, event.shelf.sku, event.shelf.location, level, new Date(event.at).toISOString());
    },
    /** Out-of-stock time per shelf in [from, to): shelves never out in the range are listed with 0. */
    outOfStock(range: { from: string; to: string }): ShelfOutOfStock[] {
      type Row = ShelfRef & { level: HistoryLevel; at: string };
      const before = new Map((rowsBefore.all({ from: range.from }) as Row[]).map((row) => [row.sensorId, row]));
      const within = rowsWithin.all(range) as Row[];
      // One list in sensor order, each sensor's row from before the range first.
      const rows: Row[] = [];
      for (const row of within) {
        const entered = before.get(row.sensorId);
        if (entered) {
          rows.push(entered);
          before.delete(row.sensorId);
        }
        rows.push(row);
      }
      rows.push(...before.values());
      rows.sort((a, b) => (a.sensorId < b.sensorId ? -1 : a.sensorId > b.sensorId ? 1 : 0));
      const out = new Map<string, ShelfOutOfStock>();
      const toMs = Date.parse(range.to);
      const fromMs = Date.parse(range.from);
      rows.forEach((row, i) => {
        const shelf = out.get(row.sensorId) ?? { sensorId: row.sensorId, sku: row.sku, location: row.location, outMs: 0 };
        out.set(row.sensorId, shelf);
        if (row.level !== 'out') return;
        const next = rows[i + 1];
        const start = Math.max(fromMs, Date.parse(row.at));
        const end = next && next.sensorId === row.sensorId ? Date.parse(next.at) : toMs;
        shelf.outMs += Math.max(0, Math.min(end, toMs) - start);
      });
      return [...out.values()].sort((a, b) => a.sensorId.localeCompare(b.sensorId));
    },
  };
}
export type ShelfLevelHistory = ReturnType<typeof createShelfLevelHistory>;
