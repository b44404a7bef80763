// Turns shelf-sensor readings into stock events. Knows shelves, units and the
// ledger's opinion; knows nothing of transports, the dispatcher or the HQ link.
import type { z } from 'zod';
import { shelfConfigSchema } from '../api/input-schemas';
import type { ShelfReading } from '../../drivers/shelf/shelf-reading';
import { createStableWeightFilter, defaultStability, type StabilityOptions } from '../../drivers/shelf/stable-weight';
import type { StockLevels } from '../stock/stock-levels';
import { createShelfEmitter, type ShelfEvent, type ShelfRef, type StockLevelState } from './shelf-events';

export type ShelfConfig = z.input<typeof shelfConfigSchema>;
/** A shelf's mapping as stored, its defaults filled in. */
export type ShelfMapping = z.output<typeof shelfConfigSchema>;

export interface ShelfMonitorOptions {
  shelves: ShelfConfig[];
  /** The ledger's quantity of a SKU at a location (see ledgerQtyFromLevels). */
  ledgerQty: (sku: string, location: string) => number;
  /** No reading or heartbeat for this long: the sensor is offline. */
  silentAfterMs?: number;
  /**
   * A disagreement with the ledger must last this long before it is reported: a shopper
   * takes an item off the shelf well before the till takes it off the ledger.
   */
  discrepancyAfterMs?: number;
  stability?: StabilityOptions;
  now?: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

export interface ShelfState {
  shelf: ShelfRef;
  sensor: 'unknown' | 'online' | 'offline';
  units: number | null;
  level: StockLevelState | null;
  misplaced: boolean;
  discrepancy: boolean;
  lastSeenAt: number | null;
  lowThreshold: number;
  /** The last weight the sensor held steady, and when. */
  stableGrams: number | null;
  stableAt: number | null;
}

interface Watched {
  config: z.output<typeof shelfConfigSchema>;
  ref: ShelfRef;
  sensor: ShelfState['sensor'];
  lastSeenAt: number | null;
  units: number | null;
  countedGrams: number | null;
  level: StockLevelState | null;
  misplaced: boolean;
  disagreeSince: number | null;
  discrepancyReported: boolean;
  stableGrams: number | null;
  stableAt: number | null;
}

/** The ledger's StockLevels summary as the monitor's ledgerQty. */
export function ledgerQtyFromLevels(levels: Pick<StockLevels, 'summary'>): (sku: string, location: string) => number {
  return (sku, location) => levels.summary(sku).byLocation.find((l) => l.location === location)?.qty ?? 0;
}

function levelOf(units: number, lowThreshold: number): StockLevelState {
  if (units <= 0) return 'out';
  return units <= lowThreshold ? 'low' : 'ok';
}

export function createShelfMonitor(options: ShelfMonitorOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const silentAfterMs = options.silentAfterMs ?? 30_000;
  const discrepancyAfterMs = options.discrepancyAfterMs ?? 30 * 60_000;
  const events = createShelfEmitter(log);
  const stability = createStableWeightFilter(options.stability ?? defaultStability);
  const startedAt = now();
  const shelves = new Map<string, Watched>();
  const unmapped = new Set<string>();

  for (const input of options.shelves) {
    const config = shelfConfigSchema.parse(input);
    if (shelves.has(config.sensorId)) throw new Error(`sensor ${config.sensorId} is mapped to two shelves`);
    shelves.set(config.sensorId, {
      config,
      ref: { sensorId: config.sensorId, sku: config.sku, location: config.location },
      sensor: 'unknown',
      lastSeenAt: null,
      units: null,
      countedGrams: null,
      level: null,
      misplaced: false,
      disagreeSince: null,
      discrepancyReported: false,
      stableGrams: null,
      stableAt: null,
    });
  }

  const emit = (event: ShelfEvent) => events.emit(event);

  function seen(shelf: Watched, at: number) {
    shelf.lastSeenAt = at;
    if (shelf.sensor !== 'online') {
      shelf.sensor = 'online';
      emit({ type: 'sensor.online', shelf: shelf.ref, at });
    }
  }

  function count(shelf: Watched, grams: number, at: number) {
    const { unitWeightGrams, tareGrams, misplacedFraction, lowThreshold } = shelf.config;
    // The same weight again (or within a tenth of a unit of it) is no news.
    if (shelf.countedGrams !== null && Math.abs(grams - shelf.countedGrams) < unitWeightGrams / 10) return;
    shelf.countedGrams = grams;
    const net = grams - tareGrams;
    const units = Math.max(0, Math.round(net / unitWeightGrams));
    const residualGrams = net - units * unitWeightGrams;
    if (Math.abs(residualGrams) > misplacedFraction * unitWeightGrams) {
      shelf.misplaced = true;
      log({ level: 'info', msg: 'shelf weight is no whole number of units', ...shelf.ref, grams, residualGrams });
      emit({ type: 'weight.misplaced', shelf: shelf.ref, grams, nearestUnits: units, residualGrams, at });
      return; // the count is uncertain until the shelf weighs whole units again
    }
    shelf.misplaced = false;
    if (units !== shelf.units) {
      emit({ type: 'count.changed', shelf: shelf.ref, units, previous: shelf.units, grams, at });
      shelf.units = units;
    }
    const level = levelOf(units, lowThreshold);
    if (level !== shelf.level) {
      const first = shelf.level === null;
      shelf.level = level;
      if (level === 'out') emit({ type: 'stock.out', shelf: shelf.ref, at });
      else if (level === 'low') emit({ type: 'stock.low', shelf: shelf.ref, units, threshold: lowThreshold, at });
      else if (!first) emit({ type: 'stock.replenished', shelf: shelf.ref, units, at });
    }
    compareWithLedger(shelf, at);
  }

  function compareWithLedger(shelf: Watched, at: number) {
    if (shelf.units === null || shelf.misplaced || shelf.sensor === 'offline') return;
    let ledgerUnits: number;
    try {
      ledgerUnits = options.ledgerQty(shelf.config.sku, shelf.config.location);
    } catch (error) {
      log({ level: 'error', msg: 'ledger quantity unavailable for shelf', ...shelf.ref, reason: String(error) });
      return;
    }
    const sensorUnits = shelf.units;
    if (Math.abs(sensorUnits - ledgerUnits) <= shelf.config.toleranceUnits) {
      if (shelf.discrepancyReported) emit({ type: 'stock.reconciled', shelf: shelf.ref, sensorUnits, ledgerUnits, at });
      shelf.disagreeSince = null;
      shelf.discrepancyReported = false;
      return;
    }
    shelf.disagreeSince ??= at;
    if (!shelf.discrepancyReported && at - shelf.disagreeSince >= discrepancyAfterMs) {
      shelf.discrepancyReported = true;
      emit({ type: 'stock.discrepancy', shelf: shelf.ref, sensorUnits, ledgerUnits, tolerance: shelf.config.toleranceUnits, at });
    }
  }

  function tick(): void {
    const at = now();
    for (const shelf of shelves.values()) {
      const since = shelf.lastSeenAt ?? startedAt;
      if (shelf.sensor !== 'offline' && at - since >= silentAfterMs) {
        shelf.sensor = 'offline';
        stability.reset(shelf.config.sensorId);
        log({ level: 'warn', msg: 'shelf sensor silent', ...shelf.ref, lastSeenAt: shelf.lastSeenAt });
        emit({ type: 'sensor.offline', shelf: shelf.ref, lastSeenAt: since, at });
      }
      compareWithLedger(shelf, at);
    }
  }

  return {
    on: events.on,
    onAny: events.onAny,

    /** One reading from any transport. Readings from sensors no shelf maps are logged once and dropped. */
    accept(reading: ShelfReading): void {
      const shelf = shelves.get(reading.sensorId);
      if (!shelf) {
        if (!unmapped.has(reading.sensorId)) {
          unmapped.add(reading.sensorId);
          log({ level: 'warn', msg: 'reading from a sensor no shelf maps', sensorId: reading.sensorId });
        }
        return;
      }
      const at = now();
      seen(shelf, at);
      if (reading.kind === 'ack') {
        log({ level: 'info', msg: 'shelf sensor confirmed command', ...shelf.ref, command: reading.command });
        stability.reset(reading.sensorId); // samples from before a zero or tare are on another scale
      }
      // Presence readings only keep the sensor alive for now; presence-only shelves are not mapped yet.
      if (reading.kind !== 'weight') return;
      if (!Number.isFinite(reading.grams)) {
        log({ level: 'warn', msg: 'shelf weight is not a number', ...shelf.ref });
        return;
      }
      const stable = stability.push(reading);
      if (stable) {
        shelf.stableGrams = stable.grams;
        shelf.stableAt = at;
        count(shelf, stable.grams, at);
      }
    },

    /** Time passing: silent sensors go offline, lasting discrepancies are reported. Call it periodically. */
    tick,

    /** Ticks on a real timer; returns the function that stops it. */
    startTicking(intervalMs = 1000): () => void {
      const timer = setInterval(tick, intervalMs);
      return () => clearInterval(timer);
    },

    /** Every shelf's current state, for a status page. */
    snapshot(): ShelfState[] {
      return [...shelves.values()].map((s) => ({
        shelf: s.ref,
        sensor: s.sensor,
        units: s.units,
        level: s.level,
        misplaced: s.misplaced,
        discrepancy: s.discrepancyReported,
        lastSeenAt: s.lastSeenAt,
        lowThreshold: s.config.lowThreshold,
        stableGrams: s.stableGrams,
        stableAt: s.stableAt,
      }));
    },
  };
}
export type ShelfMonitor = ReturnType<typeof createShelfMonitor>;
