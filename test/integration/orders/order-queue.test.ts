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
