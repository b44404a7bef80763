import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/contract';
import type { Result } from '../../../main/api/result';
import type { CountDetail, CountInfo, LookupResult, MovementInfo, StockSummary } from '../../../main/api/types';
import type { Store } from '../../../main/compose-store';
import { createStreamApplier } from '../../../main/sync/stream-appliers';
import { createSyncState } from '../../../main/sync/sync-state';
import { openVirtualMqttShelf } from '../../../drivers/shelf/virtual-shelf';
import { startMosquitto } from '../../helpers/mosquitto';
import { level, receiveOrder, stockUp } from '../../helpers/order-fixtures';
import { caller, openSmallStore, staffPins } from '../../helpers/small-store';
import { startHq, syncedSmallStore } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const gtin = { oil: '8412345000010', rice: '8412345000027', soap: '8412345000034' } as const;
const manager = { staffId: 'marta', pin: staffPins.marta };

function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const code = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);
const floorOf = (summary: StockSummary) => summary.byLocation.find((l) => l.location === 'sales_floor')!.qty;
const lineOf = (detail: CountDetail, sku: string) => detail.items.find((l) => l.sku === sku)!;

let receiptNo = 0;
function tillSale(core: Store, sku: string, qty: number) {
  return core.services.tills.sales.apply('till-1', { receiptId: `R-${++receiptNo}`, till: 'till-1', at: new Date().toISOString(), lines: [{ type: 'sale', sku, qty }] });
}

function hqMessage(core: Store, body: Record<string, unknown>, dseq: number) {
  const { db } = core.services;
  const applier = createStreamApplier(db, createSyncState(db), core.services);
  return db.transaction(() => applier.apply({ v: 1, id: `t-${dseq}`, at: new Date().toISOString(), dseq, ...body } as never))();
}

test('while a count is open, counters read no expected quantity there through any procedure; a manager does, and everyone once it is submitted', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  stockUp(core);
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const count = ok<CountInfo>(await call('counts.create', { by: 'skus', location: 'sales_floor', skus: ['SKU-OIL'] }));

  for (const counter of ['ana', 'pablo'] as const) {
    await call('session.signIn', { staffId: counter, pin: staffPins[counter] });
    const levels = ok<StockSummary>(await call('stock.levels', { sku: 'SKU-OIL' }));
    assert.equal(floorOf(levels), null, `${counter}: stock.levels hides the floor`);
    assert.equal(levels.onHand, null, `${counter}: on hand would give the floor away`);
    assert.equal(levels.atp, null);
    assert.equal(levels.byLocation.find((l) => l.location === 'back_room')!.qty, 5, 'another location stays readable');
    const lookup = ok<LookupResult>(await call('catalog.lookup', { code: gtin.oil }));
    assert.equal(floorOf(lookup.stock), null, `${counter}: catalog.lookup hides it`);
    assert.equal(lookup.stock.onHand, null);
    const history = ok<MovementInfo[]>(await call('stock.history', { sku: 'SKU-OIL' }));
    assert.ok(history.length > 0 && history.every((m) => m.from !== 'sales_floor' && m.to !== 'sales_floor'), `${counter}: stock.history leaves the floor's movements out`);
    const detail = ok<CountDetail>(await call('counts.detail', { countId: count.countId }));
    assert.equal(detail.figuresShown, false);
    assert.deepEqual([lineOf(detail, 'SKU-OIL').snapshot, lineOf(detail, 'SKU-OIL').expected], [null, null], `${counter}: counts.detail hides it`);
    // A product the count does not cover stays readable at the same location.
    assert.equal(floorOf(ok<StockSummary>(await call('stock.levels', { sku: 'SKU-RICE' }))), 10);
  }

  await call('session.signIn', manager);
  assert.equal(floorOf(ok<StockSummary>(await call('stock.levels', { sku: 'SKU-OIL' }))), 10, 'a manager reads it');
  assert.equal(floorOf(ok<LookupResult>(await call('catalog.lookup', { code: gtin.oil })).stock), 10);

  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  ok(await call('counts.scan', { countId: count.countId, code: gtin.oil, qty: 10 }));
  const submitted = ok<CountDetail>(await call('counts.submit', { countId: count.countId }));
  assert.equal(submitted.status, 'review');
  assert.equal(submitted.figuresShown, true, 'submitted: the counter sees the variances');
  assert.equal(floorOf(ok<StockSummary>(await call('stock.levels', { sku: 'SKU-OIL' }))), 10, 'blind no more');
  core.close();
});

test('variance is counted − (snapshot + moves since) with a till sale in between; uncounted lines are explicit zeros; over tolerance asks another person to recount; a manager approves once', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  stockUp(core);
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const { countId } = ok<CountInfo>(await call('counts.create', { by: 'skus', location: 'sales_floor', skus: ['SKU-OIL', 'SKU-RICE', 'SKU-SOAP'] }));

  // Ana counts 9 oil (the ledger says 10 at her first scan); then a till sells 2 of them.
  ok(await call('counts.scan', { countId, code: gtin.oil }));
  ok(await call('counts.scan', { countId, code: gtin.oil, qty: 8 }));
  tillSale(core, 'SKU-OIL', 2);
  ok(await call('counts.scan', { countId, code: gtin.rice, qty: 4 }));
  // Soap: nobody scans it.
  const afterSubmit = ok<CountDetail>(await call('counts.submit', { countId }));
  assert.equal(afterSubmit.status, 'recount');

  await call('session.signIn', manager);
  const review = ok<CountDetail>(await call('counts.detail', { countId }));
  const oil = lineOf(review, 'SKU-OIL');
  assert.deepEqual([oil.counted, oil.snapshot, oil.movesSince, oil.expected, oil.variance], [9, 10, -2, 8, 1], 'counted − (snapshot + moves since)');
  assert.equal(oil.recountNeeded, false, '1 unit is within 2 units');
  const soap = lineOf(review, 'SKU-SOAP');
  assert.deepEqual([soap.zeroed, soap.counted, soap.countedBy, soap.expected, soap.variance, soap.recountNeeded], [true, 0, 'ana', 10, -10, true], 'an explicit zero');
  const rice = lineOf(review, 'SKU-RICE');
  assert.deepEqual([rice.variance, rice.recountNeeded], [-6, true]);

  // The recount: not by Ana, who counted both first; blind to Pablo, first count included.
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  assert.equal(code(await call('counts.scan', { countId, code: gtin.rice, qty: 10 })), 'RECOUNT_BY_ANOTHER');
  assert.equal(code(await call('counts.scan', { countId, code: gtin.oil })), 'NOT_IN_COUNT', 'oil is not to be recounted');
  await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo });
  const blindRecount = ok<CountDetail>(await call('counts.detail', { countId }));
  assert.deepEqual([lineOf(blindRecount, 'SKU-RICE').counted, lineOf(blindRecount, 'SKU-RICE').expected], [null, null]);
  assert.equal(floorOf(ok<StockSummary>(await call('stock.levels', { sku: 'SKU-RICE' }))), null, 'blind again while recounting');
  ok(await call('counts.scan', { countId, code: gtin.rice, qty: 10 }));
  const reviewed = ok<CountDetail>(await call('counts.submit', { countId }));
  assert.equal(reviewed.status, 'review');
  assert.deepEqual([lineOf(reviewed, 'SKU-RICE').recounted, lineOf(reviewed, 'SKU-RICE').recountedBy, lineOf(reviewed, 'SKU-RICE').variance], [10, 'pablo', 0]);
  assert.deepEqual([lineOf(reviewed, 'SKU-SOAP').recounted, lineOf(reviewed, 'SKU-SOAP').variance], [0, -10], 'a recount line nobody scanned stays zero');

  // Approval: Pablo needs a manager; Marta's PIN approves this one call with a reason code.
  const outboxBefore = core.services.db.prepare("SELECT COUNT(*) FROM outbox WHERE type = 'count.closed'").pluck().get();
  assert.equal(outboxBefore, 0);
  const refused = await call('counts.approve', { countId, reasonCode: 'unexplained' });
  assert.equal(!refused.ok && refused.error.details?.access, 'approve');
  const before = new Date().toISOString();
  const approved = ok<CountDetail>(await call('counts.approve', { countId, reasonCode: 'unexplained' }, manager));
  assert.deepEqual([approved.status, approved.closedBy, approved.reasonCode], ['approved', 'marta', 'unexplained']);
  assert.equal(level(core, 'SKU-OIL', 'sales_floor'), 9, 'the floor now holds what was counted');
  assert.equal(level(core, 'SKU-RICE', 'sales_floor'), 10);
  assert.equal(level(core, 'SKU-SOAP', 'sales_floor'), 0);
  const adjustments = core.services.db.prepare("SELECT sku, qty, from_loc AS 'from', to_loc AS 'to', reason, ref, staff, at FROM movements WHERE ref = ? ORDER BY sku").all(`count:${countId}`) as { sku: string; qty: number; from: string; to: string; reason: string; staff: string; at: string }[];
  assert.deepEqual(adjustments.map((m) => [m.sku, m.qty, m.from, m.to, m.reason, m.staff]), [
    ['SKU-OIL', 1, 'adjustment', 'sales_floor', 'unexplained', 'marta'],
    ['SKU-SOAP', 10, 'sales_floor', 'adjustment', 'unexplained', 'marta'],
  ]);
  assert.ok(adjustments.every((m) => m.at >= before), 'dated now, never backdated');
  const outboxOf = (type: string) => core.services.db.prepare('SELECT payload FROM outbox WHERE type = ?').pluck().all(type) as string[];
  const closed = outboxOf('count.closed').map((p) => JSON.parse(p) as { countId: string; lines: { sku: string; variance: number }[] });
  assert.equal(closed.length, 1);
  assert.deepEqual(closed[0]!.lines.map((l) => [l.sku, l.variance]), [['SKU-OIL', 1], ['SKU-RICE', 0], ['SKU-SOAP', -10]]);
  assert.equal(outboxOf('stock.movement').filter((p) => (JSON.parse(p) as { ref: string }).ref === `count:${countId}`).length, 2, 'each adjustment goes to HQ with its movement');
  assert.equal(code(await call('counts.approve', { countId, reasonCode: 'unexplained' }, manager)), 'TRANSITION_REFUSED');
  assert.equal(outboxOf('count.closed').length, 1, 'HQ hears of the count once');
  assert.equal(core.services.audit.recent(5).find((e) => e.command === 'counts.approve' && e.ok === 1)?.approved_by, 'marta');
  assert.equal(core.services.movements.history('SKU-OIL', 5)[0]!.reason, 'unexplained', 'the history shows the reason');
  assert.ok(ok<{ ok: boolean }>(await call('ledger.check', {}, manager)).ok);
  core.close();
});

test("HQ's tolerances apply once per version, and a count checks against the ones in force", async () => {
  const core = await openSmallStore();
  const call = caller(core);
  stockUp(core);
  assert.deepEqual(core.services.tolerances.current(), { overReceiptPct: 0, countVarianceUnits: 2, countVariancePct: 5 });
  assert.equal(hqMessage(core, { type: 'tolerances', version: 2, overReceiptPct: 10, countVarianceUnits: 0, countVariancePct: 0 }, 1), 'tolerances v2');
  assert.equal(hqMessage(core, { type: 'tolerances', version: 2, overReceiptPct: 50, countVarianceUnits: 9, countVariancePct: 9 }, 2), 'stale: tolerances v2');
  assert.equal(hqMessage(core, { type: 'tolerances', version: 1, overReceiptPct: 50, countVarianceUnits: 9, countVariancePct: 9 }, 3), 'stale: tolerances v1');
  assert.deepEqual(core.services.tolerances.current(), { overReceiptPct: 10, countVarianceUnits: 0, countVariancePct: 0 });

  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const { countId } = ok<CountInfo>(await call('counts.create', { by: 'skus', location: 'back_room', skus: ['SKU-OIL'] }));
  ok(await call('counts.scan', { countId, code: gtin.oil, qty: 6 }));
  assert.equal(ok<CountDetail>(await call('counts.submit', { countId })).status, 'recount', 'one unit over is over a zero tolerance');
  core.close();
});

test('a short pick opens a one-item spot count on the shelf by itself, once, and screens hear of it', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  stockUp(core);
  const events: CoreEvent[] = [];
  core.api.subscribe((e) => events.push(e));
  receiveOrder(core, 'W-SHORT', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 3 }]);
  await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo });
  ok(await call('orders.accept', { orderId: 'W-SHORT' }));
  ok(await call('orders.short', { orderId: 'W-SHORT', lineId: 'L1', qty: 1, reason: 'not-found' }));
  const counts = ok<CountInfo[]>(await call('counts.list', {}));
  assert.equal(counts.length, 1);
  assert.deepEqual([counts[0]!.origin, counts[0]!.originRef, counts[0]!.location, counts[0]!.owner, counts[0]!.status, counts[0]!.lines], ['short-pick', 'W-SHORT', 'sales_floor', 'system', 'counting', 1]);
  assert.ok(events.some((e) => e.event === 'counts.changed' && e.payload.countIds.includes(counts[0]!.countId)));
  assert.equal(floorOf(ok<StockSummary>(await call('stock.levels', { sku: 'SKU-OIL' }))), null, 'the spot count is blind too');
  ok(await call('orders.short', { orderId: 'W-SHORT', lineId: 'L1', qty: 1, reason: 'not-found' }));
  assert.equal(ok<CountInfo[]>(await call('counts.list', {})).length, 1, 'an open count already covers it');
  core.close();
});

test('a shelf sensor that disagrees with the ledger opens a spot count on its shelf (real Mosquitto)', async () => {
  const broker = await startMosquitto();
  const core = await openSmallStore(join(tempDir(), 'ledger.sqlite'), { shelves: { mqttUrl: broker.url, discrepancyAfterMs: 0 } });
  const shelf = await openVirtualMqttShelf(broker.url, { sensorId: 'oil-1', intervalMs: 40 });
  try {
    const call = caller(core);
    stockUp(core);
    await call('session.signIn', manager);
    ok(await call('shelves.configure', { shelves: [{ sensorId: 'oil-1', sku: 'SKU-OIL', location: 'sales_floor', unitWeightGrams: 100, tareGrams: 0, lowThreshold: 1, toleranceUnits: 1 }] }));
    // The ledger says 10 on the floor; the shelf weighs 4.
    await shelf.setWeight(400);
    const opened = await waitUntil(() => core.services.counts.list(), (list) => list.length > 0, { what: 'a spot count', timeoutMs: 10_000 });
    assert.deepEqual([opened[0]!.origin, opened[0]!.originRef, opened[0]!.location, opened[0]!.lines], ['shelf', 'oil-1', 'sales_floor', 1]);
    assert.deepEqual(core.services.counts.skusOf(opened[0]!.countId), ['SKU-OIL']);
  } finally {
    await shelf.close();
    await core.close();
    await broker.dispose();
  }
});

test('an adjustment names its reason: an associate needs a manager, the sign must fit the reason, and it shows in history, the audit log and the outbox', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  stockUp(core);
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const writeOff = { sku: 'SKU-RICE', qty: -2, location: 'sales_floor', reason: 'damaged' as const };
  const refused = await call('stock.adjust', writeOff);
  assert.equal(!refused.ok && refused.error.details?.access, 'approve');
  assert.equal(level(core, 'SKU-RICE', 'sales_floor'), 10);
  assert.equal(code(await call('stock.adjust', { ...writeOff, qty: 2 }, manager)), 'WRONG_ADJUSTMENT_SIGN');
  assert.equal(code(await call('stock.adjust', { ...writeOff, reason: 'found' }, manager)), 'WRONG_ADJUSTMENT_SIGN');
  assert.equal(code(await call('stock.adjust', { ...writeOff, reason: 'lost' as never }, manager)), 'VALIDATION');
  const moved = ok<MovementInfo>(await call('stock.adjust', writeOff, manager));
  assert.deepEqual([moved.from, moved.to, moved.qty, moved.reason, moved.staff], ['sales_floor', 'adjustment', 2, 'damaged', 'ana']);
  assert.equal(level(core, 'SKU-RICE', 'sales_floor'), 8);
  assert.equal(ok<MovementInfo[]>(await call('stock.history', { sku: 'SKU-RICE' }))[0]!.reason, 'damaged');
  const audit = core.services.audit.recent(10).find((e) => e.command === 'stock.adjust' && e.ok === 1)!;
  assert.deepEqual([audit.staff, audit.approved_by], ['ana', 'marta']);
  const sent = core.services.db.prepare("SELECT payload FROM outbox WHERE type = 'stock.movement' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
  assert.equal((JSON.parse(sent) as { reason: string }).reason, 'damaged');
  core.close();
});

test("over a real broker: the HQ simulator's tolerances reach the store once, HQ's stock lookup leaves this store out for counters, and HQ receives the count's result once with its adjustments", async () => {
  const broker = await startMosquitto();
  const hq = await startHq(broker.url);
  const { core, sync } = await syncedSmallStore(broker.url, 'store-counts');
  try {
    const call = caller(core);
    stockUp(core);
    hq.sendTolerances('store-counts', { version: 1, overReceiptPct: 0, countVarianceUnits: 5, countVariancePct: 50 });
    await waitUntil(() => core.services.tolerances.current().countVarianceUnits, (u) => u === 5, { what: "HQ's tolerances applied" });
    await call('session.signIn', manager);
    const { countId } = ok<CountInfo>(await call('counts.create', { by: 'skus', location: 'back_room', skus: ['SKU-SOAP'] }));
    // HQ's figure for this store would give the count away: counters do not get this store's row.
    sync.link.poke();
    await waitUntil(() => hq.store('store-counts')?.level('SKU-SOAP', 'back_room'), (q) => q === 5, { what: 'HQ to hold the stock' });
    const hqStores = async () => (ok<{ store: string }[] | null>(await call('hq.stockLookup', { sku: 'SKU-SOAP' })) ?? []).map((s) => s.store);
    assert.ok((await hqStores()).includes('store-counts'), 'a manager sees HQ\'s figure for this store');
    await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
    assert.ok(!(await hqStores()).includes('store-counts'), 'a counter does not, while the count is open');
    await call('session.signIn', manager);
    // 2 of 5 missing: over the defaults (2 units and 5 %), within HQ's 5 units.
    ok(await call('counts.scan', { countId, code: gtin.soap, qty: 3 }));
    assert.equal(ok<CountDetail>(await call('counts.submit', { countId })).status, 'review');
    ok(await call('counts.approve', { countId, reasonCode: 'theft' }));
    sync.link.poke();
    const view = await waitUntil(() => hq.store('store-counts'), (v) => v !== null && v.countsClosed.length > 0 && v.level('SKU-SOAP', 'back_room') === 3, { what: 'the count at HQ', timeoutMs: 20_000 });
    assert.equal(view!.countsClosed.length, 1);
    assert.deepEqual(view!.countsClosed[0]!.lines.map((l) => [l.sku, l.expected, l.counted, l.variance]), [['SKU-SOAP', 5, 3, -2]]);
    assert.equal(view!.countsClosed[0]!.reasonCode, 'theft');
  } finally {
    await core.close();
    await hq.stop();
    await broker.dispose();
  }
});
