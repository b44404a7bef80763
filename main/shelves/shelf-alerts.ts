// The shelf alerts staff act on: low stock, out of stock, a misplaced item, a silent sensor.
// Each is kept (shelf_alerts, migration 24) until a person acknowledges it; the dispatcher
// puts the acknowledgement on the audit log too. A shelf that raises the same alert again
// while one is still open adds nothing: the open one already asks for the same action.
import type { ShelfAlert } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import type { ShelfEvent } from './shelf-events';

const alertKinds = new Set(['stock.low', 'stock.out', 'weight.misplaced', 'sensor.offline'] as const);
type AlertKind = ShelfAlert['kind'];
const isAlert = (event: ShelfEvent): event is Extract<ShelfEvent, { type: AlertKind }> => alertKinds.has(event.type as AlertKind);

type Row = { id: number; kind: AlertKind; sensor_id: string; sku: string; location: string; units: number | null; raised_at: string; acknowledged_at: string | null; acknowledged_by: string | null };

export function createShelfAlerts(db: Db, catalog: Pick<CatalogStore, 'product'>) {
  const openOfKind = db.prepare('SELECT id FROM shelf_alerts WHERE acknowledged_at IS NULL AND sensor_id = ? AND kind = ?').pluck();
  const insert = db.prepare('INSERT INTO shelf_alerts (kind, sensor_id, sku, location, units, raised_at) VALUES (@kind, @sensorId, @sku, @location, @units, @raisedAt)');
  const openRows = db.prepare('SELECT * FROM shelf_alerts WHERE acknowledged_at IS NULL ORDER BY id DESC LIMIT 500');
  const latestRows = db.prepare('SELECT * FROM shelf_alerts ORDER BY id DESC LIMIT 100');
  const one = db.prepare('SELECT * FROM shelf_alerts WHERE id = ?');
  const acknowledge = db.prepare('UPDATE shelf_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL');

  const alertOf = (r: Row): ShelfAlert => ({
    alertId: r.id,
    kind: r.kind,
    sensorId: r.sensor_id,
    sku: r.sku,
    location: r.location,
    name: catalog.product(r.sku)?.name ?? null,
    units: r.units,
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  });

  return {
    /** Keeps the event if it is an alert and none of its kind is open for that shelf; true if one was raised. */
    raise: db.transaction((event: ShelfEvent): boolean => {
      if (!isAlert(event)) return false;
      if (openOfKind.get(event.shelf.sensorId, event.type) !== undefined) return false;
      insert.run({ kind: event.type, ...event.shelf, units: event.type === 'stock.low' ? event.units : event.type === 'stock.out' ? 0 : null, raisedAt: new Date(event.at).toISOString() });
      return true;
    }),
    list: (open: boolean): ShelfAlert[] => ((open ? openRows : latestRows).all() as Row[]).map(alertOf),
    /** Acknowledged by `staff` now; one already acknowledged stays as its first acknowledgement left it. */
    acknowledge(alertId: number, staff: string): ShelfAlert {
      acknowledge.run(new Date().toISOString(), staff, alertId);
      const row = one.get(alertId) as Row | undefined;
      if (!row) throw new StoreError('UNKNOWN_ALERT', `There is no shelf alert ${alertId}.`, { alertId });
      return alertOf(row);
    },
  };
}
export type ShelfAlerts = ReturnType<typeof createShelfAlerts>;
