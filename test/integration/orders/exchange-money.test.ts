import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CashDaySummary, ExchangeQuote, ExchangeResult, OrderDetail } from '../../../main/api/types';
import { exchangeReadyWithinMs } from '../../../main/orders/pickup-orders';
import { createStreamApplier } from '../../../main/sync/stream-appliers';
import { createSyncState } from '../../../main/sync/sync-state';
import { caller, openSmallStore, smallCatalog, staffPins, value } from '../../helpers/small-store';
import { clerk, receiveOrder, stockUp } from '../../helpers/order-fixtures';

// Issue 16, "Exchanges with money": HQ's line prices value what comes back, today's catalog price
// what goes out; the difference is settled and recorded, over HQ's threshold only with a manager,
// and cash shows in the station's end-of-day summary a manager confirms.

const gtin = (sku: string) => smallCatalog.find((p) => p.sku === sku)!.gtin13;
const manager = { staffId: 'marta', pin: staffPins.marta };

function storeSettingsFromHq(core: Awaited<ReturnType<typeof openSmallStore>>, version: number, exchangeApprovalCents: number): string {
  const { db } = core.services;
  const applier = createStreamApplier(db, createSyncState(db), { ...core.services, counterSettings: core.services.orders });
  return db.transaction(() =>
    applier.apply({ v: 1, id: `settings-${version}-${exchangeApprovalCents}`, at: new Date().toISOString(), dseq: 9000 + version, type: 'store.settings', version, exchangeApprovalCents }),
  )();
}

test('an exchange is priced at what the customer paid against today’s price, settled in cash with a manager past HQ’s threshold, and shows in the end-of-day summary a manager confirms', async () => {
  const core = await openSmallStore();
  const { orders, db, catalog, cash } = core.services;
  stockUp(core);
  // The case: a 10,13 € item (HQ's price, VAT 21 %) for one that sells at 34,49 € today.
  catalog.upsertProducts([{ sku: 'SKU-SOAP', name: 'Jabón de manos', brand: 'Añil', category: 'Test', unit: 'each', priceCents: 3449, taxRateBp: 2100, active: true }], []);
  receiveOrder(core, 'W-10', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 2, unitPriceCents: 1013, vatRateBp: 2100 }]);
  assert.deepEqual(
    orders.detail('W-10').lines.map((l) => [l.unitPriceCents, l.vatRateBp]),
    [[1013, 2100]],
    'HQ’s price and VAT rate are kept on the line',
  );
  orders.accept('W-10', clerk);
  for (let i = 0; i < 2; i++) orders.pick('W-10', gtin('SKU-OIL'), clerk);
  orders.ready('W-10', clerk);
  orders.handover('W-10', { verificationCode: '4821' }, clerk);

  const call = caller(core);
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
  const exchange = { orderId: 'W-10', lines: [{ lineId: 'L1', qty: 1, reason: 'changed-mind', condition: 'resellable' as const }], newLines: [{ sku: 'SKU-SOAP', qty: 1 }] };
  const quote = value<ExchangeQuote>(await call('orders.exchangeQuote', exchange));
  assert.deepEqual(
    [quote.returnedCents, quote.newCents, quote.differenceCents, quote.approvalCents, quote.needsManager],
    [1013, 3449, 2436, 2000, true],
  );
  const returnsBefore = db.prepare('SELECT count(*) FROM order_returns').pluck().get();

  // Past the threshold a pickup clerk alone cannot do it; nothing is recorded.
  const alone = await call('orders.exchange', { ...exchange, settlement: 'cash' });
  assert.equal(!alone.ok && alone.error.details?.need, 'manager', 'a manager must approve');
  // A voucher cannot collect what the customer owes, and an unsettled difference is refused too.
  const voucher = await call('orders.exchange', { ...exchange, settlement: 'voucher' }, manager);
  assert.equal(!voucher.ok && voucher.error.code, 'VALIDATION');
  const unsettled = await call('orders.exchange', exchange, manager);
  assert.equal(!unsettled.ok && unsettled.error.details?.settlementRequired, true);
  assert.equal(db.prepare('SELECT count(*) FROM order_returns').pluck().get(), returnsBefore, 'no refused exchange left a return');

  const before = Date.now();
  const done = value<ExchangeResult>(await call('orders.exchange', { ...exchange, settlement: 'cash' }, manager));
  assert.deepEqual([done.orderId, done.differenceCents, done.settlement, done.method], ['W-10-X1', 2436, 'collected', 'cash']);
  const due = Date.parse(done.promisedAt) - before;
  assert.ok(due > 0 && due <= exchangeReadyWithinMs + 60_000, `the new order has a deadline (${done.promisedAt})`);
  const replacement = value<OrderDetail>(await call('orders.detail', { orderId: done.orderId }));
  assert.equal(replacement.promisedAt, done.promisedAt);
  assert.deepEqual(replacement.lines.map((l) => [l.sku, l.qty, l.unitPriceCents, l.vatRateBp]), [['SKU-SOAP', 1, 3449, 2100]]);
  assert.deepEqual(
    db.prepare('SELECT returned_cents, new_cents, difference_cents, settlement, method, approved_by FROM order_exchanges WHERE return_id = ?').raw().get(done.returnId),
    [1013, 3449, 2436, 'collected', 'cash', 'marta'],
  );
  const status = JSON.parse(db.prepare("SELECT payload FROM outbox WHERE type = 'order.status' ORDER BY seq DESC LIMIT 1").pluck().get() as string) as Record<string, unknown>;
  assert.deepEqual([status.orderId, status.promisedAt, status.exchange], [
    'W-10-X1',
    done.promisedAt,
    { returnedCents: 1013, newCents: 3449, differenceCents: 2436, settlement: 'collected', method: 'cash' },
  ], 'HQ hears the money and the deadline');

  // HQ raises this store's threshold: a later, smaller exchange needs nobody; a repeat of the message changes nothing.
  assert.equal(storeSettingsFromHq(core, 1, 5000), 'store settings v1');
  assert.equal(storeSettingsFromHq(core, 1, 100), 'stale: store settings v1');
  assert.equal(orders.exchangeApprovalCents(), 5000);
  // The second unit (10,13 €) for a 4,99 € item: 5,14 € back in cash, no manager.
  const back = { orderId: 'W-10', lines: [{ lineId: 'L1', qty: 1, reason: 'changed-mind', condition: 'resellable' as const }], newLines: [{ sku: 'SKU-RICE', qty: 1 }] };
  const refund = value<ExchangeResult>(await call('orders.exchange', { ...back, settlement: 'cash' }));
  assert.deepEqual([refund.differenceCents, refund.settlement, refund.method], [-514, 'refunded', 'cash']);

  // The end-of-day summary is a manager's page: the clerk is refused it.
  const clerkRead = await call('cash.endOfDay', {});
  assert.equal(!clerkRead.ok && clerkRead.error.code, 'FORBIDDEN');
  value(await call('session.signIn', manager));
  const summary = value<CashDaySummary>(await call('cash.endOfDay', {}));
  const station = summary.stations.find((s) => s.station === 'counter-1')!;
  assert.deepEqual([station.inCents, station.outCents, station.netCents, station.confirmed], [2436, 514, 1922, null]);
  assert.deepEqual(
    station.movements.map((m) => [m.kind, m.amountCents, m.ref, m.staff, m.approvedBy]),
    [
      ['exchange-collected', 2436, done.returnId, 'pablo', 'marta'],
      ['exchange-refunded', -514, refund.returnId, 'pablo', null],
    ],
  );

  // A clerk confirms only with a manager's approval; the confirmation names the manager.
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
  const unapproved = await call('cash.confirmDay', { day: summary.day, station: 'counter-1' });
  assert.equal(!unapproved.ok && unapproved.error.details?.need, 'manager');
  const confirmed = value<CashDaySummary>(await call('cash.confirmDay', { day: summary.day, station: 'counter-1' }, manager));
  assert.deepEqual(confirmed.stations[0]!.confirmed && [confirmed.stations[0]!.confirmed.by, confirmed.stations[0]!.confirmed.netCents], ['marta', 1922]);
  assert.equal(confirmed.stations[0]!.changedSinceConfirmed, false);

  // Another room's cash refund (the returns room records through the cash room) reopens the station's day.
  cash.recordCashMovement({ station: 'counter-1', staff: 'pablo', kind: 'return-refunded', amountCents: -499, ref: 'R-OTHER' });
  const reopened = cash.endOfDay(summary.day).stations[0]!;
  assert.deepEqual([reopened.netCents, reopened.changedSinceConfirmed], [1423, true]);
  assert.throws(() => cash.recordCashMovement({ station: 'counter-1', staff: 'pablo', kind: 'return-refunded', amountCents: 0, ref: 'R-ZERO' }), /non-zero/);
  core.close();
});
