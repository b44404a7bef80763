import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrderInfo } from '../../../main/api/types';
import { caller, openSmallStore, smallCatalog, staffPins, value } from '../../helpers/small-store';
import { clerk, receiveManyOrders, receiveOrder, stockUp } from '../../helpers/order-fixtures';

const gtin = (sku: string) => smallCatalog.find((p) => p.sku === sku)!.gtin13;
const skus = ['SKU-OIL', 'SKU-RICE', 'SKU-SOAP'];
const promised = (i: number) => new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString();

test('the queue shows 10,000 orders, each exactly as its detail reads it, in promised-time order', async () => {
  const core = await openSmallStore();
  const { orders } = core.services;
  const ids = receiveManyOrders(core, 10_000, skus, promised);
  const queue = orders.queue();
  assert.equal(queue.length, 10_000, 'none left out (the queue stopped at 500 before)');
  assert.deepEqual(queue.map((o) => o.orderId), ids, 'by promised time');
  for (const index of [0, 1, 4_999, 9_999]) {
    const { history: _history, ...detail } = orders.detail(ids[index]!);
    assert.deepEqual(queue[index], detail, `${ids[index]} as its detail`);
  }
  core.close();
});

test("a queue row carries what the order's own read does, through accept, pick, short and age checks", async () => {
  const core = await openSmallStore();
  const { orders } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-1', [{ lineId: 'L2', sku: 'SKU-RICE', qty: 2 }, { lineId: 'L1', sku: 'SKU-OIL', qty: 1, ageRestricted: true }]);
  receiveOrder(core, 'W-2', [{ lineId: 'L1', sku: 'SKU-SOAP', qty: 3 }]);
  orders.accept('W-1', clerk);
  orders.pick('W-1', gtin('SKU-RICE'), clerk);
  orders.markShort('W-1', 'L2', 1, 'not-found', clerk);
  const rows = orders.queue();
  for (const row of rows) {
    const { history: _history, ...detail } = orders.detail(row.orderId);
    assert.deepEqual(row, detail, row.orderId);
  }
  const w1 = rows.find((o) => o.orderId === 'W-1')!;
  assert.deepEqual(w1.lines.map((l) => [l.lineId, l.picked, l.shortQty, l.shortReason, l.ageRestricted]), [
    ['L1', 0, 0, null, true],
    ['L2', 1, 1, 'not-found', false],
  ]);
  core.close();
});

test("orders.queueRows answers only the ids asked for, as the same filter's queue shows them", async () => {
  const core = await openSmallStore();
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
  stockUp(core);
  receiveManyOrders(core, 50, skus, promised);
  core.services.orders.accept('W-00007', clerk);

  const full = value<OrderInfo[]>(await call('orders.queue', {}));
  const some = value<OrderInfo[]>(await call('orders.queueRows', { ids: ['W-00031', 'W-00007', 'W-99999'] }));
  assert.deepEqual(some, [full[7], full[31]], 'the known ones, in queue order; an unknown id is simply absent');

  const received = value<OrderInfo[]>(await call('orders.queueRows', { ids: ['W-00007', 'W-00008'], status: 'received' }));
  assert.deepEqual(received.map((o) => o.orderId), ['W-00008'], 'W-00007 was accepted: not in the received queue');
  const searched = value<OrderInfo[]>(await call('orders.queueRows', { ids: ['W-00012', 'W-00013'], search: 'Cliente 13' }));
  assert.deepEqual(searched.map((o) => o.orderId), ['W-00013']);
  core.close();
});

test('the order search ignores case, accents and spacing, in orders.queue, orders.queueRows and the returns’ customer search', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
  stockUp(core);
  receiveManyOrders(core, 3, skus, promised); // Cliente 0–2, +34600000000…
  receiveOrder(core, 'W-LUCIA', [{ lineId: 'L1', sku: 'SKU-SOAP', qty: 1 }]); // Lucía Fernández, +34600111222
  const found = async (search: string) => value<OrderInfo[]>(await call('orders.queue', { search })).map((o) => o.orderId);

  assert.deepEqual(await found('lucia'), ['W-LUCIA'], 'no accent typed');
  assert.deepEqual(await found('LUCÍA FERNANDEZ'), ['W-LUCIA'], 'upper case, one accent of two, a space');
  assert.deepEqual(await found('+34 600 11 12 22'), ['W-LUCIA'], 'a phone typed in groups finds the stored +34600111222');
  assert.deepEqual(await found('600-111-222'), ['W-LUCIA'], 'dashes too');
  assert.deepEqual(await found('w lucia'), ['W-LUCIA'], 'the order number without its dash');
  assert.deepEqual(await found('fernandez+34'), [], 'a match never runs from the name into the phone');
  assert.deepEqual(await found('100%'), [], 'LIKE wildcards are plain text');
  assert.deepEqual(await found('cliente 1'), ['W-00001']);

  const rows = value<OrderInfo[]>(await call('orders.queueRows', { ids: ['W-LUCIA', 'W-00001'], search: 'lucía' }));
  assert.deepEqual(rows.map((o) => o.orderId), ['W-LUCIA'], 'the patch read folds the same way');

  // The returns' customer search is the collected queue with the same search.
  core.services.orders.accept('W-LUCIA', clerk);
  core.services.orders.pick('W-LUCIA', gtin('SKU-SOAP'), clerk);
  core.services.orders.ready('W-LUCIA', clerk);
  core.services.orders.handover('W-LUCIA', { verificationCode: '4821' }, clerk);
  const collected = value<OrderInfo[]>(await call('orders.queue', { status: 'collected', search: 'lucia fernandez' }));
  assert.deepEqual(collected.map((o) => o.orderId), ['W-LUCIA']);
  core.close();
});

test('the queue’s stages: the work to do (received to ready) and finished orders (collected, cancelled, rejected, not collected)', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
  stockUp(core);
  receiveManyOrders(core, 4, skus, promised);
  const { orders } = core.services;
  orders.accept('W-00001', clerk);
  orders.reject('W-00002', 'out-of-stock', clerk);
  orders.accept('W-00003', clerk);
  orders.cancel('W-00003', 'customer-request', clerk);
  const ids = async (input: object) => value<OrderInfo[]>(await call('orders.queue', input)).map((o) => o.orderId);
  assert.deepEqual(await ids({ stage: 'open' }), ['W-00000', 'W-00001']);
  assert.deepEqual(await ids({ stage: 'finished' }), ['W-00002', 'W-00003']);
  assert.deepEqual(await ids({}), ['W-00000', 'W-00001', 'W-00002', 'W-00003']);
  assert.deepEqual(await ids({ stage: 'finished', search: 'cliente 3' }), ['W-00003']);
  const rows = value<OrderInfo[]>(await call('orders.queueRows', { stage: 'open', ids: ['W-00001', 'W-00003'] }));
  assert.deepEqual(rows.map((o) => o.orderId), ['W-00001'], 'a cancelled order leaves the open queue when it is patched');
  core.close();
});
