// The KPI page's figures on a ledger whose history is known, each answer worked out by hand in the
// comments (the store is in Europe/Madrid: UTC+1 in January, so a store day starts at 23:00Z).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { composeStore } from '../../../main/compose-store';
import type { KpiReport } from '../../../main/api/types';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { ledgerSeeder } from '../../helpers/kpi-ledger-seed';
import { tempDir } from '../../helpers/temp-dir';

const [oil, rice, soap] = ['SKU-OIL', 'SKU-RICE', 'SKU-SOAP'];

function seedHistory(seed: ReturnType<typeof ledgerSeeder>) {
  // Orders. A: 00:30 on the 10th in Madrid; ready in time.
  seed.order({
    orderId: 'A', receivedAt: '2026-01-09T23:30:00.000Z', promisedAt: '2026-01-10T10:00:00.000Z', status: 'collected',
    history: [['2026-01-10T07:00:00.000Z', 'accepted'], ['2026-01-10T08:00:00.000Z', 'picking'], ['2026-01-10T08:10:00.000Z', 'picking'], ['2026-01-10T08:30:00.000Z', 'ready'], ['2026-01-10T18:00:00.000Z', 'collected']],
    lines: [{ sku: oil, qty: 4 }],
  });
  // B: 23:59 on the 10th; ready an hour late, never collected; 1 of 5 short.
  seed.order({
    orderId: 'B', receivedAt: '2026-01-10T22:59:00.000Z', promisedAt: '2026-01-11T09:00:00.000Z', status: 'not_collected',
    history: [['2026-01-11T08:30:00.000Z', 'accepted'], ['2026-01-11T09:00:00.000Z', 'picking'], ['2026-01-11T10:00:00.000Z', 'ready'], ['2026-01-18T10:00:00.000Z', 'not_collected']],
    lines: [{ sku: rice, qty: 5, short: 1 }],
  });
  // C: midnight of the 11th in Madrid; ready in time; 2 of 10 short.
  seed.order({
    orderId: 'C', receivedAt: '2026-01-10T23:00:00.000Z', promisedAt: '2026-01-11T12:00:00.000Z', status: 'ready',
    history: [['2026-01-11T09:30:00.000Z', 'accepted'], ['2026-01-11T10:00:00.000Z', 'picking'], ['2026-01-11T11:00:00.000Z', 'ready']],
    lines: [{ sku: oil, qty: 6, short: 2 }, { sku: soap, qty: 4 }],
  });
  // D: cancelled before anything: no promise to keep.
  seed.order({ orderId: 'D', receivedAt: '2026-01-11T12:00:00.000Z', promisedAt: '2026-01-11T13:00:00.000Z', status: 'cancelled', history: [['2026-01-11T12:10:00.000Z', 'cancelled']], lines: [{ sku: oil, qty: 3 }] });
  // E: still being picked long after its promised time: due, not ready.
  seed.order({
    orderId: 'E', receivedAt: '2026-01-11T15:00:00.000Z', promisedAt: '2026-01-11T16:00:00.000Z', status: 'picking',
    history: [['2026-01-11T15:20:00.000Z', 'accepted'], ['2026-01-11T15:30:00.000Z', 'picking']],
    lines: [{ sku: soap, qty: 2 }],
  });
  // F: 23:00 on the 9th in Madrid, H: midnight of the 12th: both outside the range.
  seed.order({ orderId: 'F', receivedAt: '2026-01-09T22:00:00.000Z', promisedAt: '2026-01-09T22:30:00.000Z', status: 'ready', history: [['2026-01-09T22:05:00.000Z', 'accepted'], ['2026-01-09T22:06:00.000Z', 'picking'], ['2026-01-09T22:40:00.000Z', 'ready']], lines: [{ sku: oil, qty: 1, short: 1 }] });
  seed.order({ orderId: 'H', receivedAt: '2026-01-11T23:00:00.000Z', promisedAt: null, status: 'received', history: [], lines: [{ sku: oil, qty: 1 }] });

  // Returns: two inside the range (damaged 1 + wrong-size 2, then damaged 1), one at 01:30 on the 12th.
  seed.orderReturn('R1', 'A', '2026-01-10T12:00:00.000Z', [{ sku: oil, qty: 1, reason: 'damaged' }, { sku: oil, qty: 2, reason: 'wrong-size' }]);
  seed.orderReturn('R2', 'A', '2026-01-11T18:00:00.000Z', [{ sku: oil, qty: 1, reason: 'damaged' }]);
  seed.orderReturn('R3', 'A', '2026-01-12T00:30:00.000Z', [{ sku: oil, qty: 9, reason: 'damaged' }]);

  // Sold or collected in range: 7 + 13; the 100 at 23:30 on the 9th (Madrid) is outside.
  seed.movement({ sku: oil, qty: 7, from: 'sales_floor', to: 'customer', reason: 'till-sale', at: '2026-01-10T10:00:00.000Z' });
  seed.movement({ sku: rice, qty: 13, from: 'pickup_hold', to: 'customer', reason: 'pickup-handover', at: '2026-01-11T20:00:00.000Z' });
  seed.movement({ sku: rice, qty: 100, from: 'sales_floor', to: 'customer', reason: 'till-sale', at: '2026-01-09T22:30:00.000Z' });
  // Written off in range: unexplained 1 and short-pick 1 (shrink), damaged 5 (explained); found stock adds; 50 unexplained on the 12th.
  seed.movement({ sku: oil, qty: 1, from: 'sales_floor', to: 'adjustment', reason: 'unexplained', at: '2026-01-10T15:00:00.000Z' });
  seed.movement({ sku: rice, qty: 1, from: 'pickup_hold', to: 'adjustment', reason: 'short-pick', at: '2026-01-11T09:30:00.000Z' });
  seed.movement({ sku: soap, qty: 5, from: 'back_room', to: 'adjustment', reason: 'damaged', at: '2026-01-11T11:00:00.000Z' });
  seed.movement({ sku: soap, qty: 4, from: 'adjustment', to: 'sales_floor', reason: 'found', at: '2026-01-11T12:00:00.000Z' });
  seed.movement({ sku: oil, qty: 50, from: 'sales_floor', to: 'adjustment', reason: 'unexplained', at: '2026-01-11T23:30:00.000Z' });

  // Counts: −3 on 100 is within (3 %), +3 on 10 is not (over 2 units and 5 %), −1 on 8 is within; 0 on 0 within.
  seed.count('K1', 'approved', '2026-01-10T15:00:00.000Z', [{ sku: oil, expected: 100, variance: -3 }, { sku: rice, expected: 10, variance: 3 }, { sku: soap, expected: 8, variance: -1 }]);
  seed.count('K2', 'approved', '2026-01-11T15:00:00.000Z', [{ sku: oil, expected: 0, variance: 0 }]);
  seed.count('K3', 'cancelled', '2026-01-11T16:00:00.000Z', [{ sku: oil, expected: 5, variance: 5 }]);
  seed.count('K4', 'approved', '2026-01-12T10:00:00.000Z', [{ sku: oil, expected: 5, variance: 5 }]);

  // Shelves: S1 out from before the range to 01:00Z on the 10th (2 h in range) and 20:00–21:30Z on the 11th (1.5 h);
  // S2 only ever low; S3 out from 22:00Z to the range's end at 23:00Z (1 h); S4 out only after the range.
  seed.shelfLevel('S1', oil, 'out', '2026-01-09T20:00:00.000Z');
  seed.shelfLevel('S1', oil, 'ok', '2026-01-10T01:00:00.000Z');
  seed.shelfLevel('S1', oil, 'out', '2026-01-11T20:00:00.000Z');
  seed.shelfLevel('S1', oil, 'unknown', '2026-01-11T21:30:00.000Z');
  seed.shelfLevel('S2', rice, 'low', '2026-01-10T05:00:00.000Z');
  seed.shelfLevel('S3', soap, 'out', '2026-01-11T22:00:00.000Z');
  seed.shelfLevel('S4', soap, 'out', '2026-01-12T05:00:00.000Z');
}

test('each KPI, read through the API for two store days in Madrid, is the figure worked out by hand', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  const core = await openSmallStore(file);
  try {
    const seed = ledgerSeeder(core.services.db);
    core.services.db.transaction(() => seedHistory(seed))();
    const call = caller(core);
    value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
    const report = value<KpiReport>(await call('kpis.report', { from: '2026-01-10', to: '2026-01-11' }));

    assert.equal(report.timeZone, 'Europe/Madrid');
    // A and B on the 10th (B at 23:59), C (at midnight), D and E on the 11th.
    assert.deepEqual(report.ordersPerDay, [{ day: '2026-01-10', orders: 2 }, { day: '2026-01-11', orders: 3 }]);
    // A and C in time; B late; E due and not ready; D withdrawn: 2 of 4.
    assert.deepEqual(report.readyByPromised, { numerator: 2, denominator: 4, share: 0.5 });
    // To ready: A 9 h, B 11 h 1 min, C 12 h → p50 (2nd of 3) and p90 (3rd of 3).
    assert.deepEqual(report.timeToReady, { orders: 3, p50Ms: 39_660_000, p90Ms: 43_200_000 });
    // Pick: A 30 min (from the first pick, not the second scan), B 1 h, C 1 h.
    assert.deepEqual(report.pickTime, { orders: 3, p50Ms: 3_600_000, p90Ms: 3_600_000 });
    // Short units over ordered units of picked orders A, B, C, E: (0 + 1 + 2 + 0) / (4 + 5 + 10 + 2).
    assert.deepEqual(report.shortPick, { numerator: 3, denominator: 21, share: 3 / 21 });
    // Of A, B, C (ready), B was not collected.
    assert.deepEqual(report.noShow, { numerator: 1, denominator: 3, share: 1 / 3 });
    assert.deepEqual(report.returnsByReason, [
      { reason: 'damaged', units: 2, returns: 2 },
      { reason: 'wrong-size', units: 2, returns: 1 },
    ]);
    assert.deepEqual(report.returnsByChannel, [{ channel: 'pickup', units: 4 }]);
    // 3 of K1's and K2's 4 lines within tolerance; K3 was cancelled, K4 closed on the 12th.
    assert.deepEqual(report.inventoryAccuracy, { numerator: 3, denominator: 4, share: 0.75 });
    // (1 unexplained + 1 short-pick) / (7 + 13) sold or collected.
    assert.deepEqual(report.shrink, { numerator: 2, denominator: 20, share: 0.1 });
    assert.deepEqual(report.writtenOffByReason, [
      { reason: 'damaged', units: 5, unexplained: false },
      { reason: 'short-pick', units: 1, unexplained: true },
      { reason: 'unexplained', units: 1, unexplained: true },
    ]);
    assert.deepEqual(report.outOfStockHours, [
      { sensorId: 'S1', sku: oil, location: 'sales_floor', hours: 3.5 },
      { sensorId: 'S2', sku: rice, location: 'sales_floor', hours: 0 },
      { sensorId: 'S3', sku: soap, location: 'sales_floor', hours: 1 },
    ]);
    assert.deepEqual(report.labelsPrintedLate, { numerator: 0, denominator: 0, share: null }, 'the label queue answers: no label was printed in these days');

    // One day only: the 10th has A and B, and S1's two hours.
    const tenth = value<KpiReport>(await call('kpis.report', { from: '2026-01-10', to: '2026-01-10' }));
    assert.deepEqual(tenth.ordersPerDay, [{ day: '2026-01-10', orders: 2 }]);
    assert.deepEqual(tenth.outOfStockHours.find((s) => s.sensorId === 'S1')?.hours, 2);

    // A range that ends before it starts is refused with the field named.
    const backwards = await call('kpis.report', { from: '2026-01-11', to: '2026-01-10' });
    assert.equal(backwards.ok, false);
    assert.equal(!backwards.ok && backwards.error.code, 'VALIDATION');

    // The back office's: a pickup clerk may not read it, not even with an approval.
    value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
    const refused = await call('kpis.report', { from: '2026-01-10', to: '2026-01-11' });
    assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');
  } finally {
    await core.close();
  }

  // The same ledger in a store on UTC: the days fall elsewhere (A on the 9th, C on the 10th, H on the 11th).
  const utc = await composeStore({ dbPath: file, store: 'test-store', station: 'counter-1', demo: false, timeZone: 'UTC' });
  try {
    const call = caller(utc);
    value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
    const report = value<KpiReport>(await call('kpis.report', { from: '2026-01-10', to: '2026-01-11' }));
    assert.equal(report.timeZone, 'UTC');
    assert.deepEqual(report.ordersPerDay, [{ day: '2026-01-10', orders: 2 }, { day: '2026-01-11', orders: 3 }]);
    assert.deepEqual(report.returnsByReason, [
      { reason: 'damaged', units: 2, returns: 2 },
      { reason: 'wrong-size', units: 2, returns: 1 },
    ]);
    // The 50 unexplained units at 23:30Z on the 11th are in a UTC store's 11th.
    assert.deepEqual(report.shrink, { numerator: 52, denominator: 20, share: 2.6 });
  } finally {
    await utc.close();
  }
});
