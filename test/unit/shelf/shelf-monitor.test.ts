import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShelfReading } from '../../../drivers/shelf/shelf-reading';
import type { ShelfEvent } from '../../../main/shelves/shelf-events';
import { createShelfMonitor, ledgerQtyFromLevels, type ShelfConfig } from '../../../main/shelves/shelf-monitor';

// Olive oil, 1 L bottles of 920 g on a 300 g tray; low at 3, two units of slack against the ledger.
const oil: ShelfConfig = { sensorId: 'shelf-07', sku: 'SKU-OIL', location: 'sales_floor', unitWeightGrams: 920, tareGrams: 300, lowThreshold: 3, toleranceUnits: 2 };
const grams = (units: number, extra = 0) => 300 + units * 920 + extra;

/** Without a ledger map the ledger agrees with the shelf, so only the events under test appear. */
function setup({ ledger = null as Map<string, number> | null, discrepancyAfterMs = 0, silentAfterMs = 10_000 } = {}) {
  let clock = 1_000_000;
  const events: ShelfEvent[] = [];
  const logs: Record<string, unknown>[] = [];
  const monitor = createShelfMonitor({
    shelves: [oil],
    ledgerQty: (sku, location) => (ledger ? (ledger.get(`${sku}@${location}`) ?? 0) : (monitor.snapshot()[0]?.units ?? 0)),
    silentAfterMs,
    discrepancyAfterMs,
    now: () => clock,
    log: (e) => logs.push(e),
  });
  monitor.onAny((e) => events.push(e));
  const weigh = (g: number, stable: boolean | null = true, sensorId = 'shelf-07') =>
    monitor.accept({ kind: 'weight', sensorId, grams: g, stable, at: clock } satisfies ShelfReading);
  const advance = (ms: number) => {
    clock += ms;
    monitor.tick();
  };
  const types = () => events.splice(0).map((e) => e.type);
  return { monitor, events, logs, weigh, advance, types, ledger: ledger ?? new Map<string, number>() };
}

test('a stable weight becomes a unit count; the count event says before and after', () => {
  const s = setup({ ledger: new Map([['SKU-OIL@sales_floor', 10]]) });
  s.weigh(grams(10));
  assert.deepEqual(
    s.events.filter((e) => e.type === 'count.changed'),
    [{ type: 'count.changed', shelf: { sensorId: 'shelf-07', sku: 'SKU-OIL', location: 'sales_floor' }, units: 10, previous: null, grams: grams(10), at: 1_000_000 }],
  );
  s.types();
  s.weigh(grams(9, 30)); // one taken; the rest settle 30 g heavier: still 9
  const [changed] = s.events;
  assert.ok(changed?.type === 'count.changed' && changed.units === 9 && changed.previous === 10);
});

test('readings in motion never count, and the same weight again is no news', () => {
  const s = setup();
  s.weigh(grams(8), false);
  assert.deepEqual(s.types(), ['sensor.online']);
  s.weigh(grams(8));
  s.weigh(grams(8, 5));
  s.weigh(grams(8));
  assert.deepEqual(s.types(), ['count.changed']);
});

test('low and out of stock are edge-triggered: once on the way down, replenished once on the way up', () => {
  const s = setup();
  s.weigh(grams(6));
  s.types();
  s.weigh(grams(3));
  s.weigh(grams(3, 10));
  s.weigh(grams(2));
  assert.deepEqual(s.types(), ['count.changed', 'stock.low', 'count.changed']);
  s.weigh(grams(0));
  s.weigh(grams(0, -20));
  assert.deepEqual(s.types(), ['count.changed', 'stock.out']);
  s.weigh(grams(12));
  assert.deepEqual(s.types(), ['count.changed', 'stock.replenished']);
  s.weigh(grams(1));
  assert.deepEqual(s.types(), ['count.changed', 'stock.low']);
});

test('a shelf that starts low or empty says so at its first reading', () => {
  const s = setup();
  s.weigh(grams(0));
  assert.deepEqual(s.types(), ['sensor.online', 'count.changed', 'stock.out']);
});

test('a weight that is no whole number of units is a possible misplaced item, and the count waits', () => {
  const s = setup();
  s.weigh(grams(5));
  s.types();
  s.weigh(grams(5, 400)); // a 400 g jar of something else, 43% of a bottle
  const [misplaced] = s.events.splice(0);
  assert.deepEqual(misplaced && misplaced.type === 'weight.misplaced' && [misplaced.nearestUnits, misplaced.residualGrams], [5, 400]);
  s.weigh(grams(5, 400));
  assert.deepEqual(s.types(), [], 'not repeated while the weight stays');
  assert.equal(s.monitor.snapshot()[0]?.misplaced, true);
  s.weigh(grams(4, 200)); // a residual within 25% of a unit is whole units
  assert.deepEqual(s.types(), ['count.changed']);
  assert.equal(s.monitor.snapshot()[0]?.misplaced, false);
  s.weigh(grams(0, -300)); // the tray itself lifted off
  assert.deepEqual(s.types(), ['weight.misplaced']);
});

test('a silent sensor goes offline after the timeout, once, and online at its next heartbeat', () => {
  const s = setup();
  s.weigh(grams(7));
  s.types();
  s.advance(9_000);
  assert.deepEqual(s.types(), []);
  s.advance(1_000);
  const [offline] = s.events.splice(0);
  assert.deepEqual(offline, { type: 'sensor.offline', shelf: { sensorId: 'shelf-07', sku: 'SKU-OIL', location: 'sales_floor' }, lastSeenAt: 1_000_000, at: 1_010_000 });
  s.advance(60_000);
  assert.deepEqual(s.types(), [], 'offline is said once');
  s.monitor.accept({ kind: 'heartbeat', sensorId: 'shelf-07', at: 0 });
  assert.deepEqual(s.types(), ['sensor.online']);
  s.weigh(grams(7));
  assert.deepEqual(s.types(), [], 'the count it had before going silent still holds');
});

test('a sensor that never reports at all goes offline too', () => {
  const s = setup();
  s.advance(10_000);
  assert.deepEqual(s.types(), ['sensor.offline']);
});

test('a count beyond the tolerance from the ledger is a discrepancy, once, and reconciled when they agree', () => {
  const s = setup({ ledger: new Map([['SKU-OIL@sales_floor', 10]]) });
  s.weigh(grams(8)); // 2 off: within tolerance
  assert.ok(!s.types().includes('stock.discrepancy'));
  s.weigh(grams(7)); // 3 off
  const discrepancy = s.events.find((e) => e.type === 'stock.discrepancy');
  assert.deepEqual(discrepancy && discrepancy.type === 'stock.discrepancy' && [discrepancy.sensorUnits, discrepancy.ledgerUnits, discrepancy.tolerance], [7, 10, 2]);
  s.types();
  s.weigh(grams(6));
  s.advance(1_000);
  assert.deepEqual(s.types(), ['count.changed'], 'not repeated while it lasts');
  s.ledger.set('SKU-OIL@sales_floor', 6); // the till caught up
  s.advance(1_000);
  assert.deepEqual(s.types(), ['stock.reconciled']);
});

test('a disagreement must last the grace period: a shopper carrying an item to the till is not a discrepancy', () => {
  const s = setup({ ledger: new Map([['SKU-OIL@sales_floor', 10]]), discrepancyAfterMs: 5 * 60_000, silentAfterMs: 3_600_000 });
  s.weigh(grams(6));
  s.types();
  for (let i = 0; i < 4; i++) {
    s.advance(60_000);
    s.weigh(grams(6)); // heartbeat-like readings keep it online
  }
  assert.deepEqual(s.types(), []);
  s.ledger.set('SKU-OIL@sales_floor', 6); // paid
  s.advance(60_000);
  s.advance(60_000);
  assert.deepEqual(s.types(), [], 'agreed before the grace ran out');
  s.ledger.set('SKU-OIL@sales_floor', 20); // a delivery booked to the floor that never reached this shelf
  s.advance(1_000);
  s.advance(4 * 60_000);
  assert.deepEqual(s.types(), []);
  s.advance(60_000);
  assert.deepEqual(s.types(), ['stock.discrepancy']);
});

test('readings from unmapped sensors are logged once and dropped; a throwing ledger or listener is logged, not fatal', () => {
  const ledgerError = new Error('database is closed');
  const logs: Record<string, unknown>[] = [];
  const monitor = createShelfMonitor({
    shelves: [oil],
    ledgerQty: () => {
      throw ledgerError;
    },
    now: () => 0,
    log: (e) => logs.push(e),
  });
  const seen: string[] = [];
  monitor.on('count.changed', () => {
    throw new Error('listener bug');
  });
  monitor.on('count.changed', (e) => seen.push(`${e.shelf.sku}:${e.units}`));
  monitor.accept({ kind: 'weight', sensorId: 'nobody', grams: 1, stable: true, at: 0 });
  monitor.accept({ kind: 'heartbeat', sensorId: 'nobody', at: 0 });
  monitor.accept({ kind: 'weight', sensorId: 'shelf-07', grams: grams(4), stable: true, at: 0 });
  assert.deepEqual(seen, ['SKU-OIL:4']);
  assert.deepEqual(
    logs.map((l) => l.msg),
    ['reading from a sensor no shelf maps', 'shelf event listener threw', 'ledger quantity unavailable for shelf'],
  );
});

test('shelf configuration is validated, and a sensor cannot be mapped twice', () => {
  assert.throws(() => createShelfMonitor({ shelves: [{ ...oil, unitWeightGrams: 0 }], ledgerQty: () => 0 }));
  assert.throws(() => createShelfMonitor({ shelves: [oil, { ...oil, sku: 'SKU-RICE' }], ledgerQty: () => 0 }), /two shelves/);
});

test('ledgerQtyFromLevels reads the StockLevels summary for the shelf location', () => {
  const qty = ledgerQtyFromLevels({
    summary: (sku) => ({
      sku,
      byLocation: [
        { location: 'sales_floor', qty: 12, sellable: true },
        { location: 'back_room', qty: 30, sellable: false },
      ],
      onHand: 12,
      held: 0,
      safetyStock: 0,
      atp: 12,
    }),
  });
  assert.equal(qty('SKU-OIL', 'sales_floor'), 12);
  assert.equal(qty('SKU-OIL', 'nowhere'), 0);
});
