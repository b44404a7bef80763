// The store's shelf sensors at run time: readings from the store-local MQTT
// broker into the monitor, alerts into the outbox for HQ, state for the screens.
import { z } from 'zod';
import { MqttShelfSensors } from '../../drivers/shelf/mqtt-shelf';
import type { ShelfReading } from '../../drivers/shelf/shelf-reading';
import type { CoreEvent } from '../api/contract';
import type { ShelfInfo } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import type { StockLevels } from '../stock/stock-levels';
import { createOutboxWriter } from '../kernel/outbox-writer';
import type { ShelfEvent } from './shelf-events';
import type { ShelvesPort } from './shelves-port';
import { createShelfAlerts, type ShelfAlerts } from './shelf-alerts';
import { shelfConfigSchema } from '../api/input-schemas';
import { createShelfMonitor, ledgerQtyFromLevels, type ShelfConfig, type ShelfMapping } from './shelf-monitor';
import { createShelfLevelHistory } from './shelf-level-history';

const settingsKey = 'shelves';
export const shelfSettingsSchema = z.object({ shelves: z.array(shelfConfigSchema).max(2000) }).strict();

/** Shelves mapped in the settings table (IT or the back office maps them); none is fine. */
export function readShelfSettings(db: Db, log: (e: Record<string, unknown>) => void): ShelfMapping[] {
  const json = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(settingsKey) as string | undefined;
  if (json === undefined) return [];
  const parsed = shelfSettingsSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    log({ level: 'error', msg: 'shelf settings are invalid: no shelf is watched', issues: parsed.error.issues.slice(0, 3) });
    return [];
  }
  return parsed.data.shelves;
}

export function writeShelfSettings(db: Db, shelves: ShelfConfig[]): void {
  const value = JSON.stringify(shelfSettingsSchema.parse({ shelves }));
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(settingsKey, value);
}

/** What HQ hears: alerts staff act on, not every count (those stay on the shelf page). */
const alertTypes = new Set<ShelfEvent['type']>([
  'stock.low',
  'stock.out',
  'stock.replenished',
  'weight.misplaced',
  'sensor.offline',
  'sensor.online',
  'stock.discrepancy',
  'stock.reconciled',
]);

/** A shelf that disagrees with the ledger is counted: the counts room opens a one-item spot count (main/counts). */
export interface ShelfSpotCounts {
  openSpot(request: { sku: string; location: string; origin: 'shelf'; ref: string }): unknown;
}

export interface StoreShelvesOptions {
  db: Db;
  counts: ShelfSpotCounts;
  levels: StockLevels;
  catalog: CatalogStore;
  shelves: ShelfConfig[];
  /** The store-local broker the sensors publish to. */
  mqttUrl: string | null;
  station: string;
  silentAfterMs?: number;
  discrepancyAfterMs?: number;
  /** Where the alerts staff act on are kept until acknowledged. */
  alerts: ShelfAlerts;
  /** Called with the sensors whose shelf changed (sensor, count, level, misplaced or discrepancy). */
  onChanged: (sensorIds: string[]) => void;
  log?: (entry: Record<string, unknown>) => void;
}

export function startStoreShelves({ db, levels, catalog, counts, alerts, shelves, mqttUrl, station, onChanged, log = () => {}, ...timing }: StoreShelvesOptions) {
  const monitor = createShelfMonitor({ shelves, ledgerQty: ledgerQtyFromLevels(levels), log, ...timing });
  const outbox = createOutboxWriter(db);
  const history = createShelfLevelHistory(db);
  const recordAlert = db.transaction((event: ShelfEvent) => {
    const { type, shelf, at, ...detail } = event;
    outbox.append('shelf.alert', { alert: type, ...shelf, ...detail, station, at: new Date(at).toISOString() }, new Date().toISOString());
  });

  const list = (): ShelfInfo[] =>
    monitor.snapshot().map((s) => ({
      ...s.shelf,
      name: catalog.product(s.shelf.sku)?.name ?? null,
      sensor: s.sensor,
      units: s.units,
      level: s.level,
      misplaced: s.misplaced,
      discrepancy: s.discrepancy,
      lastSeenAt: s.lastSeenAt === null ? null : new Date(s.lastSeenAt).toISOString(),
      lowThreshold: s.lowThreshold,
      stableGrams: s.stableGrams,
      stableAt: s.stableAt === null ? null : new Date(s.stableAt).toISOString(),
    }));

  monitor.onAny((event) => {
    try {
      history.record(event);
    } catch (error) {
      log({ level: 'error', msg: 'shelf level not recorded', type: event.type, err: String(error) });
    }
    if (alertTypes.has(event.type)) {
      try {
        recordAlert(event);
      } catch (error) {
        log({ level: 'error', msg: 'shelf alert not recorded', type: event.type, err: String(error) });
      }
      try {
        alerts.raise(event);
      } catch (error) {
        log({ level: 'error', msg: 'shelf alert not kept for acknowledgement', type: event.type, err: String(error) });
      }
    }
    if (event.type === 'stock.discrepancy') {
      try {
        counts.openSpot({ sku: event.shelf.sku, location: event.shelf.location, origin: 'shelf', ref: event.shelf.sensorId });
      } catch (error) {
        log({ level: 'error', msg: 'spot count not opened', sensorId: event.shelf.sensorId, err: String(error) });
      }
    }
    onChanged([event.shelf.sensorId]);
  });

  const stopTicking = monitor.startTicking(1000);
  const sensors = mqttUrl && shelves.length > 0 ? new MqttShelfSensors({ url: mqttUrl, log }) : null;
  if (sensors) {
    sensors.on('data', (reading) => monitor.accept(reading));
    sensors.on('error', (e) => log({ level: 'warn', msg: 'shelf sensors', locus: e.locus, err: e.message }));
    void sensors.open().catch((error: Error) => log({ level: 'warn', msg: 'shelf broker unreachable', err: error.message }));
  }
  return {
    list,
    accept: monitor.accept,
    async stop() {
      stopTicking();
      await sensors?.close();
    },
  };
}
export type StoreShelves = ReturnType<typeof startStoreShelves>;

export interface ShelvesRoomOptions extends Omit<StoreShelvesOptions, 'shelves' | 'onChanged' | 'alerts'> {
  /** The demo store's simulated shelves; a mapped sensor of the same id wins. */
  simulated: ShelfConfig[];
  publish(event: CoreEvent): void;
}

/** The shelves room: the monitor over the mapped (and simulated) shelves, restarted on a new mapping. */
export function startShelvesRoom({ simulated, publish, ...options }: ShelvesRoomOptions): ShelvesPort & { accept(reading: ShelfReading): void; stop(): Promise<void> } {
  const log = options.log ?? (() => {});
  const alerts = createShelfAlerts(options.db, options.catalog);
  const start = () => {
    const mapped = readShelfSettings(options.db, log);
    const demo = simulated.filter((d) => !mapped.some((m) => m.sensorId === d.sensorId));
    return startStoreShelves({ ...options, alerts, shelves: [...mapped, ...demo], onChanged: (sensorIds) => publish({ event: 'shelves.changed', payload: { sensorIds } }) });
  };
  let shelves = start();
  return {
    list: () => shelves.list(),
    mapping: () => readShelfSettings(options.db, log),
    alerts: (open) => alerts.list(open),
    acknowledge: (alertId, staff) => alerts.acknowledge(alertId, staff),
    // New mapping, new monitor: counts start afresh from the next stable reading.
    async configure(next) {
      writeShelfSettings(options.db, next);
      const before = shelves.list().map((s) => s.sensorId);
      await shelves.stop();
      shelves = start();
      const sensorIds = [...new Set([...before, ...shelves.list().map((s) => s.sensorId)])];
      if (sensorIds.length > 0) publish({ event: 'shelves.changed', payload: { sensorIds } });
    },
    accept: (reading) => shelves.accept(reading),
    stop: () => shelves.stop(),
  };
}
