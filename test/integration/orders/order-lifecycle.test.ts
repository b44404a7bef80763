import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { StoreError } from '../../../main/kernel/errors';
import { checkLedger } from '../../../main/stock/stock-levels';
import { composeStore } from '../../../main/compose-store';
import { handoverCodeAttempts } from '../../../main/orders/pickup-orders';
import { canTransition, orderStatuses } from '../../../main/orders/order-states';
import { caller, openSmallStore, smallCatalog, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
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
  assert.throws(() => orders.pick('W-1', gtin('SKU-OIL'), clerk), refused('LINE_COMPLETE'), 'a 13th is one too many: the line is complete, not the wrong item');
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
  const later = createPickupOrders(db, core.services, () => past);
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
    { lines: [{ lineId: 'L1', qty: 1, reason: 'wrong size', condition: 'resellable' }], newLines: [{ sku: 'SKU-RICE', qty: 2 }], settlement: 'card' },
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

test('wrong handover codes are counted and, past the limit, refused until a manager approves; no reply carries the code; the ledger keeps it hashed', async () => {
  const core = await openSmallStore();
  const { db } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-9', [{ lineId: 'L1', sku: 'SKU-RICE', qty: 1 }]);
  const replies: string[] = [];
  const call = async (...args: Parameters<ReturnType<typeof caller>>) => {
    const reply = await caller(core)(...args);
    if (args[0].startsWith('orders.')) replies.push(JSON.stringify(reply));
    return reply;
  };
  const errorOf = (reply: Awaited<ReturnType<typeof call>>) => (reply.ok ? null : reply.error);
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));

  value(await call('orders.queue', {}));
  value(await call('orders.detail', { orderId: 'W-9' }));
  value(await call('orders.accept', { orderId: 'W-9' }));
  value(await call('orders.pick', { orderId: 'W-9', code: gtin('SKU-RICE') }));
  value(await call('orders.ready', { orderId: 'W-9' }));
  value(await call('orders.find', { code: 'MOSTRADOR:ORDER:W-9' }));

  // Four wrong codes are each refused with the tries left; the fifth locks the order.
  for (const [i, guess] of ['0000', '1111', '4822', ' 482 '].entries()) {
    const wrong = errorOf(await call('orders.handover', { orderId: 'W-9', verificationCode: guess }));
    assert.deepEqual([wrong?.code, wrong?.details?.attemptsLeft], ['VERIFICATION_FAILED', handoverCodeAttempts - 1 - i], `guess ${i + 1}`);
  }
  const fifth = errorOf(await call('orders.handover', { orderId: 'W-9', verificationCode: '9999' }));
  assert.deepEqual([fifth?.code, fifth?.details?.need], ['VERIFICATION_LOCKED', 'manager']);
  assert.equal(db.prepare("SELECT wrong_codes FROM pickup_orders WHERE order_id = 'W-9'").pluck().get(), handoverCodeAttempts, 'every wrong code was counted, though each call was refused');

  // Locked: even the right code needs a manager; a pickup colleague's approval is not one.
  assert.equal(errorOf(await call('orders.handover', { orderId: 'W-9', verificationCode: '4821' }))?.code, 'VERIFICATION_LOCKED');
  // The access table's orders.handover:locked row: a pickup colleague cannot even obtain the grant.
  const colleague = await call('orders.handover', { orderId: 'W-9', verificationCode: '4821' }, { staffId: 'pablo', pin: staffPins.pablo });
  assert.deepEqual([errorOf(colleague)?.code, errorOf(colleague)?.details?.need], ['FORBIDDEN', 'manager']);
  // With a manager's approval a wrong code is still wrong (and counted); the right one hands the order over.
  const approvedWrong = await call('orders.handover', { orderId: 'W-9', verificationCode: '1234' }, { staffId: 'marta', pin: staffPins.marta });
  assert.equal(errorOf(approvedWrong)?.code, 'VERIFICATION_FAILED');
  const approved = value<{ status: string }>(await call('orders.handover', { orderId: 'W-9', verificationCode: '4821' }, { staffId: 'marta', pin: staffPins.marta }));
  assert.equal(approved.status, 'collected');
  assert.equal(level(core, 'SKU-RICE', 'customer'), 1);
  const audit = db.prepare("SELECT approved_by, input FROM audit_log WHERE command = 'orders.handover' AND ok = 1").get() as { approved_by: string; input: string };
  assert.equal(audit.approved_by, 'marta');
  assert.doesNotMatch(audit.input, /4821/, 'the audit log does not keep the code either');
  value(await call('orders.detail', { orderId: 'W-9' }));

  assert.equal(replies.length, 16, "every orders.* reply of the flow was looked at");
  for (const reply of replies) {
    assert.doesNotMatch(reply, /4821/, reply);
    assert.doesNotMatch(reply, /verificationCode|verification_code|verificationHash/, reply);
  }
  const row = db.prepare("SELECT verification_code, verification_hash, order_json FROM pickup_orders WHERE order_id = 'W-9'").get() as Record<string, string | null>;
  assert.equal(row.verification_code, null);
  assert.notEqual(row.verification_hash, '4821');
  assert.match(row.verification_hash ?? '', /^hmac-sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  assert.doesNotMatch(row.order_json ?? '', /4821|verification/, "HQ's order as kept has no code");
  core.close();
});

test("with the store's pepper the handover code is keyed: the ledger alone does not verify it, the store does", async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  const pepper = randomBytes(32);
  let core = await openSmallStore(file, { pinPepper: pepper });
  stockUp(core);
  receiveOrder(core, 'W-11', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }]);
  core.services.orders.accept('W-11', clerk);
  core.services.orders.pick('W-11', gtin('SKU-OIL'), clerk);
  core.services.orders.ready('W-11', clerk);
  const hash = core.services.db.prepare("SELECT verification_hash FROM pickup_orders WHERE order_id = 'W-11'").pluck().get() as string;
  assert.match(hash, /^hmac-sha256-peppered\$/);
  core.close();

  // The same ledger under another pepper (a copy elsewhere): the right code does not match.
  core = await openSmallStore(file, { pinPepper: randomBytes(32) });
  assert.throws(() => core.services.orders.handover('W-11', { verificationCode: '4821' }, clerk), refused('VERIFICATION_FAILED'));
  core.close();
  core = await openSmallStore(file, { pinPepper: pepper });
  assert.equal(core.services.orders.handover('W-11', { verificationCode: '4821' }, clerk).status, 'collected');
  core.close();
});

test('a plain code left by an older build is hashed when the core starts, and still hands the order over', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  let core = await openSmallStore(file);
  stockUp(core);
  receiveOrder(core, 'W-10', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }]);
  core.services.orders.accept('W-10', clerk);
  core.services.orders.pick('W-10', gtin('SKU-OIL'), clerk);
  core.services.orders.ready('W-10', clerk);
  // As a schema-3 build left it.
  core.services.db.prepare("UPDATE pickup_orders SET verification_code = '4821', verification_hash = NULL WHERE order_id = 'W-10'").run();
  core.close();

  core = await composeStore({ dbPath: file, store: 'test-store', station: 'counter-1', demo: false });
  const row = core.services.db.prepare("SELECT verification_code, verification_hash FROM pickup_orders WHERE order_id = 'W-10'").get() as Record<string, string | null>;
  assert.equal(row.verification_code, null);
  assert.match(row.verification_hash ?? '', /^hmac-sha256\$/);
  assert.throws(() => core.services.orders.handover('W-10', { verificationCode: '4820' }, clerk), refused('VERIFICATION_FAILED'));
  assert.equal(core.services.orders.handover('W-10', { verificationCode: '4821' }, clerk).status, 'collected');
  core.close();
});
