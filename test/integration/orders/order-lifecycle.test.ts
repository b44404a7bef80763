import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoreError } from '../../../main/core/errors';
import { checkLedger } from '../../../main/core/ledger/stock-levels';
import { canTransition, orderStatuses } from '../../../main/orders/order-states';
import { openSmallStore, smallCatalog } from '../../helpers/small-store';
import { cancelFromHq, clerk, level, receiveOrder, stockUp } from '../../helpers/order-fixtures';

const gtin = (sku: string) => smallCatalog.find((p) => p.sku === sku)!.gtin13;
const refused = (code: string) => (error: unknown) => error instanceof StoreError && error.code === code;

test('every transition the lifecycle allows, and every one it refuses', () => {
  const allowed = new Set(['received>accepted', 'received>rejected', 'received>cancelled', 'accepted>picking', 'accepted>cancelled', 'picking>ready', 'picking>cancelled', 'ready>collected', 'ready>cancelled', 'ready>not_collected']);
  for (const from of orderStatuses) for (const to of orderStatuses) assert.equal(canTransition(from, to), allowed.has(`${from}>${to}`), `${from} → ${to}`);
});

test('accept holds the stock, picking by scan refuses the wrong item, ready and handover deliver it', async () => {
  const core = await openSmallStore();
  const { orders, levels, db } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-1', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 12 }, { lineId: 'L2', sku: 'SKU-RICE', qty: 1 }]);
  const atpBefore = levels.summary('SKU-OIL').atp;

  orders.accept('W-1', clerk);
  assert.equal(level(core, 'SKU-OIL', 'pickup_hold'), 12);
  assert.equal(level(core, 'SKU-OIL', 'sales_floor'), 0, 'the floor first');
  assert.equal(level(core, 'SKU-OIL', 'back_room'), 3, 'then the back room');
  assert.equal(levels.summary('SKU-OIL').atp, Math.max(0, atpBefore - 12));
  const events = db.prepare("SELECT json_extract(payload, '$.status') FROM outbox WHERE type = 'order.status'").pluck().all();
  assert.deepEqual(events, ['accepted'], 'HQ hears of the acceptance');

  assert.throws(() => orders.pick('W-1', gtin('SKU-SOAP'), clerk), refused('WRONG_ITEM'));
  for (let i = 0; i < 12; i++) orders.pick('W-1', gtin('SKU-OIL'), clerk);
  assert.throws(() => orders.pick('W-1', gtin('SKU-OIL'), clerk), refused('WRONG_ITEM'), 'a 13th is one too many');
  assert.throws(() => orders.ready('W-1', clerk), refused('TRANSITION_REFUSED'), 'rice is still to pick');
  orders.pick('W-1', gtin('SKU-RICE'), clerk);
  orders.ready('W-1', clerk);

  assert.throws(() => orders.handover('W-1', { verificationCode: '0000' }, clerk), refused('VERIFICATION_FAILED'));
  orders.handover('W-1', { verificationCode: '4821', refused: [{ lineId: 'L2', qty: 1 }] }, clerk);
  assert.equal(level(core, 'SKU-OIL', 'pickup_hold'), 0);
  assert.equal(level(core, 'SKU-OIL', 'customer'), 12);
  assert.equal(level(core, 'SKU-RICE', 'customer'), 0, 'the refused rice went back');
  assert.equal(level(core, 'SKU-RICE', 'sales_floor'), 10);
  const detail = orders.detail('W-1');
  assert.equal(detail.status, 'collected');
  assert.deepEqual(
    detail.history.filter((h) => h.fromStatus !== h.toStatus).map((h) => h.toStatus),
    ['accepted', 'picking', 'ready', 'collected'],
  );
  assert.equal(checkLedger(db).ok, true);
  core.close();
});

test('cancel during picking, a short pick and expiry all give held stock back', async () => {
  const core = await openSmallStore();
  const { orders, db } = core.services;
  stockUp(core);

  receiveOrder(core, 'W-2', [{ lineId: 'L1', sku: 'SKU-SOAP', qty: 3 }]);
  orders.accept('W-2', clerk);
  orders.pick('W-2', gtin('SKU-SOAP'), clerk);
  cancelFromHq(core, 'W-2', 2);
  assert.equal(orders.detail('W-2').status, 'cancelled');
  assert.equal(level(core, 'SKU-SOAP', 'pickup_hold'), 0);
  assert.equal(level(core, 'SKU-SOAP', 'sales_floor'), 10);

  receiveOrder(core, 'W-3', [{ lineId: 'L1', sku: 'SKU-RICE', qty: 4 }]);
  orders.accept('W-3', clerk);
  orders.pick('W-3', gtin('SKU-RICE'), clerk);
  orders.markShort('W-3', 'L1', 3, 'not on the shelf', clerk);
  assert.equal(level(core, 'SKU-RICE', 'pickup_hold'), 1);
  assert.equal(level(core, 'SKU-RICE', 'adjustment'), 3, 'the units nobody could find are written off');
  const shortEvent = db.prepare("SELECT payload FROM outbox WHERE type = 'order.status' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
  assert.match(shortEvent, /short-pick/);
  // HQ answers by dropping the short line's remainder: the order now wants 1.
  receiveOrder(core, 'W-3', [{ lineId: 'L1', sku: 'SKU-RICE', qty: 1 }], 2, 'order.changed');
  orders.ready('W-3', clerk);

  const past = new Date(Date.now() + 8 * 86_400_000);
  const { createPickupOrders } = await import('../../../main/orders/pickup-orders');
  const later = createPickupOrders(db, core.services.catalog, core.services.movements, () => past);
  assert.deepEqual(later.expire(7, { staff: 'system', station: 'counter-1' }), ['W-3']);
  assert.equal(orders.detail('W-3').status, 'not_collected');
  assert.equal(level(core, 'SKU-RICE', 'pickup_hold'), 0);
  assert.equal(checkLedger(db).ok, true);
  core.close();
});

test('returns: resellable back to the floor, damaged to damaged, and no more than was handed over', async () => {
  const core = await openSmallStore();
  const { orders, db } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-4', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 3 }]);
  orders.accept('W-4', clerk);
  for (let i = 0; i < 3; i++) orders.pick('W-4', gtin('SKU-OIL'), clerk);
  orders.ready('W-4', clerk);
  assert.throws(() => orders.recordReturn('W-4', { lines: [{ lineId: 'L1', qty: 1, reason: 'x', condition: 'resellable' }], refundMethod: 'card' }, clerk), refused('TRANSITION_REFUSED'));
  orders.handover('W-4', { verificationCode: '4821' }, clerk);
  const floor = level(core, 'SKU-OIL', 'sales_floor');

  orders.recordReturn('W-4', { lines: [{ lineId: 'L1', qty: 1, reason: 'changed mind', condition: 'resellable' }], refundMethod: 'card' }, clerk);
  orders.recordReturn('W-4', { lines: [{ lineId: 'L1', qty: 1, reason: 'broken seal', condition: 'damaged' }], refundMethod: 'store-credit' }, clerk);
  assert.equal(level(core, 'SKU-OIL', 'sales_floor'), floor + 1);
  assert.equal(level(core, 'SKU-OIL', 'damaged'), 1);
  assert.throws(
    () => orders.recordReturn('W-4', { lines: [{ lineId: 'L1', qty: 2, reason: 'x', condition: 'resellable' }], refundMethod: 'card' }, clerk),
    refused('OVER_RETURN'),
  );
  const returns = db.prepare("SELECT json_extract(payload, '$.refundMethod') FROM outbox WHERE type = 'return.recorded'").pluck().all();
  assert.deepEqual(returns, ['card', 'store-credit'], 'HQ hears of each return and its refund method');
  core.close();
});

test('an exchange returns a line and reserves the replacement in one step; a refused replacement undoes the return too', async () => {
  const core = await openSmallStore();
  const { orders, db } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-5', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 2 }]);
  orders.accept('W-5', clerk);
  for (let i = 0; i < 2; i++) orders.pick('W-5', gtin('SKU-OIL'), clerk);
  orders.ready('W-5', clerk);
  orders.handover('W-5', { verificationCode: '4821' }, clerk);
  const floorOil = level(core, 'SKU-OIL', 'sales_floor');
  const returnsBefore = db.prepare('SELECT count(*) FROM order_returns').pluck().get();

  // A replacement that does not exist: nothing happens, not even the return.
  assert.throws(
    () => orders.exchange('W-5', { lines: [{ lineId: 'L1', qty: 1, reason: 'wrong size', condition: 'resellable' }], newLines: [{ sku: 'SKU-NOPE', qty: 1 }] }, clerk),
    refused('UNKNOWN_SKU'),
  );
  assert.equal(db.prepare('SELECT count(*) FROM order_returns').pluck().get(), returnsBefore);
  assert.equal(level(core, 'SKU-OIL', 'sales_floor'), floorOil);

  const { returnId, orderId } = orders.exchange(
    'W-5',
    { lines: [{ lineId: 'L1', qty: 1, reason: 'wrong size', condition: 'resellable' }], newLines: [{ sku: 'SKU-RICE', qty: 2 }] },
    clerk,
  );
  assert.equal(orderId, 'W-5-X1');
  assert.match(returnId, /^R-/);
  assert.equal(level(core, 'SKU-OIL', 'sales_floor'), floorOil + 1, 'the returned unit is back');
  const replacement = orders.detail(orderId);
  assert.equal(replacement.status, 'accepted');
  assert.equal(replacement.customerName, orders.detail('W-5').customerName);
  assert.deepEqual(replacement.lines.map((l) => [l.sku, l.qty, l.held]), [['SKU-RICE', 2, 2]]);
  assert.equal(level(core, 'SKU-RICE', 'pickup_hold'), 2, 'the replacement is reserved');
  const status = db.prepare("SELECT payload FROM outbox WHERE type = 'order.status' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
  assert.deepEqual(
    (({ orderId: o, status: s, exchangeOf, returnId: r }) => ({ o, s, exchangeOf, r }))(JSON.parse(status) as Record<string, unknown>),
    { o: 'W-5-X1', s: 'accepted', exchangeOf: 'W-5', r: returnId },
  );
  const refund = db.prepare("SELECT json_extract(payload, '$.refundMethod') FROM outbox WHERE type = 'return.recorded' ORDER BY seq DESC LIMIT 1").pluck().get();
  assert.equal(refund, 'exchange');

  // The replacement is picked and handed over with the customer's code, like any order.
  orders.pick(orderId, gtin('SKU-RICE'), clerk);
  orders.pick(orderId, gtin('SKU-RICE'), clerk);
  orders.ready(orderId, clerk);
  assert.equal(orders.handover(orderId, { verificationCode: '4821' }, clerk).status, 'collected');
  assert.equal(checkLedger(db).ok, true);
  core.close();
});
