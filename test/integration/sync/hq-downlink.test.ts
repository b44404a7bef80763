import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import type { StoreCore } from '../../../main/core/store-core';
import type { StoreSync } from '../../../main/sync/store-sync';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startHq, syncedSmallStore } from '../../helpers/synced-store';
import { staffPins } from '../../helpers/small-store';
import { waitUntil } from '../../helpers/wait-until';

let broker: Mosquitto;
let hq: HqSimulator;
before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url);
});
after(async () => {
  await hq.stop();
  await broker.dispose();
});

const order = (orderId: string, version: number, qty = 1) => ({
  orderId,
  version,
  customer: { name: 'Lucía Fernández', phone: '+34600000000' },
  verification: { code: '4821' },
  promisedAt: '2026-11-23T18:00:00Z',
  lines: [{ lineId: 'L1', sku: 'SKU-OIL', qty }],
});

async function online(store: string): Promise<{ core: StoreCore; sync: StoreSync }> {
  const synced = await syncedSmallStore(broker.url, store);
  await waitUntil(() => synced.sync.link.status().state, (s) => s === 'online', { what: 'online' });
  await waitUntil(() => hq.store(store)?.online, (o) => o === true, { what: 'HQ sees the store online' });
  return synced;
}

const orderRow = (core: StoreCore, id: string) =>
  core.services.db.prepare('SELECT version, status, order_json FROM pickup_orders WHERE order_id = ?').get(id) as
    | { version: number; status: string; order_json: string }
    | undefined;

test('duplicate, reordered and stale deliveries leave each order in its newest state', async () => {
  const { core, sync } = await online('store-orders');
  try {
    const sent = [
      hq.routeOrder('store-orders', order('W-1', 1)),
      hq.send('store-orders', { type: 'order.changed', order: order('W-1', 3, 2) }),
      hq.send('store-orders', { type: 'order.changed', order: order('W-1', 2, 5) }), // stale: older version, later number
      hq.routeOrder('store-orders', order('W-2', 1)),
      hq.cancelOrder('store-orders', 'W-2', 2, 'customer cancelled'),
    ];
    await waitUntil(() => sync.link.status().appliedDseq, (d) => d === 5, { what: 'five stream messages applied' });

    // The broker (or HQ) delivers all of them again, newest first.
    for (const message of [...sent].reverse()) hq.publishRaw('store-orders', JSON.stringify(message));
    // A late copy of the order before its cancellation must not revive it.
    hq.send('store-orders', { type: 'order.new', order: order('W-2', 1) });
    await waitUntil(() => sync.link.status().appliedDseq, (d) => d === 6, { what: 'applied 6' });

    // Returns "at any counter": HQ finds the customer's orders by name or phone.
    await core.api.call({ name: 'session.signIn', input: { staffId: 'pablo', pin: staffPins.pablo } });
    const found = await core.api.call({ name: 'hq.customerLookup', input: { query: 'fernández' } });
    assert.ok(found.ok);
    assert.deepEqual(found.value, [{ name: 'Lucía Fernández', orders: ['W-1', 'W-2'] }]);

    const w1 = orderRow(core, 'W-1')!;
    assert.equal(w1.version, 3);
    assert.equal(JSON.parse(w1.order_json).lines[0].qty, 2);
    assert.equal(orderRow(core, 'W-2')!.status, 'cancelled');
    const inbox = core.services.db.prepare('SELECT COUNT(*) FROM inbox').pluck().get();
    assert.equal(inbox, 6, 'each stream message stored once');
  } finally {
    await sync.stop();
    core.close();
  }
});

test('a message ahead of a gap waits, and HQ replays what the store is missing', async () => {
  const { core, sync } = await online('store-gap');
  try {
    // HQ numbers three messages but the broker "drops" the first: publish only 2 and 3 by hand.
    const m1 = hq.send('store-gap', { type: 'asn', asnId: 'ASN-1', supplier: 'Aceites del Sur', expectedAt: '2026-11-24T08:00:00Z', lines: [{ sku: 'SKU-OIL', qty: 24 }] });
    assert.equal(m1.dseq, 1);
    await waitUntil(() => sync.link.status().appliedDseq, (d) => d === 1, { what: 'first applied' });
    const outOfOrder = [
      { type: 'order.new' as const, order: order('W-10', 1) },
      { type: 'order.new' as const, order: order('W-11', 1) },
    ].map((body, i) => ({ v: 1, id: `manual-${i}`, at: new Date().toISOString(), dseq: 3 + i, ...body }));
    for (const m of outOfOrder.reverse()) hq.publishRaw('store-gap', JSON.stringify(m));
    await waitUntil(() => core.services.db.prepare('SELECT COUNT(*) FROM inbox').pluck().get() as number, (n) => n === 3, { what: 'parked' });
    assert.equal(sync.link.status().appliedDseq, 1, 'nothing after the gap is applied yet');
    assert.equal(orderRow(core, 'W-10'), undefined);

    // HQ's own numbering now has 2 (and sends it); the store applies 2, then the parked 3 and 4.
    hq.send('store-gap', { type: 'order.new', order: order('W-9', 1) });
    await waitUntil(() => sync.link.status().appliedDseq, (d) => d === 4, { what: 'gap filled' });
    assert.ok(orderRow(core, 'W-9') && orderRow(core, 'W-10') && orderRow(core, 'W-11'));
  } finally {
    await sync.stop();
    core.close();
  }
});

test('catalog and price versions older than the applied one are ignored; a due price change queues a label', async () => {
  const { core, sync } = await online('store-catalog');
  try {
    const product = (name: string, priceCents: number) => ({
      sku: 'SKU-NEW', name, brand: 'Costa Azul', category: 'Bebidas', unit: 'each' as const, priceCents, taxRateBp: 2100, active: true, barcodes: ['8412345000041'],
    });
    hq.send('store-catalog', { type: 'catalog.delta', version: 5, products: [product('Horchata 1 L', 250)], removed: ['SKU-SOAP'] });
    hq.send('store-catalog', { type: 'catalog.delta', version: 4, products: [product('Old name', 999)], removed: [] });
    hq.send('store-catalog', { type: 'prices', version: 2, effectiveAt: '2020-01-01T00:00:00Z', prices: [{ sku: 'SKU-OIL', priceCents: 899 }] });
    hq.send('store-catalog', { type: 'prices', version: 1, effectiveAt: '2020-01-01T00:00:00Z', prices: [{ sku: 'SKU-OIL', priceCents: 100 }] });
    hq.send('store-catalog', { type: 'prices', version: 3, effectiveAt: '2099-01-01T00:00:00Z', prices: [{ sku: 'SKU-RICE', priceCents: 1 }] });
    await waitUntil(() => sync.link.status().appliedDseq, (d) => d === 5, { what: 'applied' });

    const { catalog, db } = core.services;
    assert.equal(catalog.product('SKU-NEW')?.name, 'Horchata 1 L');
    assert.equal(catalog.findByCode('8412345000041').product.sku, 'SKU-NEW', 'its GTIN is normalised and scannable');
    assert.equal(catalog.product('SKU-SOAP')?.active, false);
    assert.equal(catalog.product('SKU-OIL')?.priceCents, 899);
    assert.equal(catalog.product('SKU-RICE')?.priceCents, 499, 'a future price waits for its time');
    assert.deepEqual(db.prepare('SELECT sku FROM label_queue WHERE printed_at IS NULL').pluck().all(), ['SKU-OIL']);
    const outcomes = db.prepare('SELECT outcome FROM inbox ORDER BY dseq').pluck().all() as string[];
    assert.match(outcomes[1]!, /^stale/);
    assert.match(outcomes[3]!, /^stale/);
  } finally {
    await sync.stop();
    core.close();
  }
});

test('thousands of malformed, oversized and wrong-schema messages are dead-lettered, and the next valid one is applied', async () => {
  const { core, sync } = await online('store-junk');
  try {
    const junk: (string | Buffer)[] = [];
    for (let i = 0; i < 1000; i++) junk.push(`{not json ${i}`);
    for (let i = 0; i < 1000; i++) junk.push(JSON.stringify({ v: 1, id: `x${i}`, at: 'yesterday', dseq: i + 1, type: 'order.new' }));
    for (let i = 0; i < 500; i++) junk.push(JSON.stringify({ v: 99, id: `y${i}`, type: 'catalog.delta', products: 'all' }));
    for (let i = 0; i < 20; i++) junk.push(Buffer.alloc(300 * 1024, 0x7b));
    // In bursts the broker can queue (Mosquitto keeps 1,000 per client by default): junk is
    // not part of HQ's numbered stream, so nothing would replay what the broker dropped.
    const deadLetters = () => core.services.db.prepare('SELECT COUNT(*) FROM dead_letters').pluck().get() as number;
    for (let start = 0; start < junk.length; start += 400) {
      for (const payload of junk.slice(start, start + 400)) hq.publishRaw('store-junk', payload);
      const expected = Math.min(junk.length, start + 400);
      await waitUntil(deadLetters, (n) => n === expected, { what: `${expected} dead letters`, timeoutMs: 30_000 });
    }
    hq.routeOrder('store-junk', order('W-OK', 1));

    await waitUntil(() => orderRow(core, 'W-OK'), (row) => row !== undefined, { what: 'the valid order after the junk', timeoutMs: 60_000 });
    const dead = await waitUntil(
      () => core.services.db.prepare('SELECT COUNT(*) FROM dead_letters').pluck().get() as number,
      (n) => n === junk.length,
      { what: 'every bad message dead-lettered', timeoutMs: 30_000 },
    );
    assert.equal(dead, junk.length);
    const reasons = core.services.db.prepare('SELECT DISTINCT substr(reason, 1, 18) FROM dead_letters').pluck().all() as string[];
    assert.ok(reasons.some((r) => r.startsWith('payload is not')));
    assert.ok(reasons.some((r) => r.startsWith('schema')));
    assert.equal(sync.link.status().deadLetters, junk.length);
  } finally {
    await sync.stop();
    core.close();
  }
});

test('a chunked catalog snapshot applies only when every chunk is in, atomically, and retires what it leaves out', async () => {
  const { core, sync } = await online('store-snapshot');
  try {
    const item = (sku: string, name: string) => ({ sku, name, brand: 'Añil', category: 'Hogar', unit: 'each' as const, priceCents: 300, taxRateBp: 2100, active: true, barcodes: [] });
    const chunk = (n: number, products: ReturnType<typeof item>[]) =>
      hq.send('store-snapshot', { type: 'catalog.snapshot', version: 9, snapshotId: 'snap-9', chunk: n, chunks: 3, products });
    chunk(0, [item('SKU-OIL', 'Aceite (snapshot)')]);
    chunk(2, [item('SKU-NEW-1', 'Vela aromática')]);
    await waitUntil(() => core.services.db.prepare('SELECT COUNT(*) FROM catalog_snapshot_chunks').pluck().get() as number, (n) => n === 2, { what: 'two of three chunks kept' });
    assert.equal(core.services.catalog.product('SKU-OIL')?.name, 'Aceite de oliva virgen extra 1 L', 'nothing applied before every chunk is in');

    chunk(1, [item('SKU-RICE', 'Arroz (snapshot)')]);
    await waitUntil(() => core.services.catalog.product('SKU-NEW-1'), (p) => p !== null, { what: 'snapshot applied' });
    const { catalog, db } = core.services;
    assert.equal(catalog.product('SKU-OIL')?.name, 'Aceite (snapshot)');
    assert.equal(catalog.product('SKU-RICE')?.name, 'Arroz (snapshot)');
    assert.equal(catalog.product('SKU-SOAP')?.active, false, 'a product the snapshot leaves out is retired');
    assert.equal(db.prepare('SELECT COUNT(*) FROM catalog_snapshot_chunks').pluck().get(), 0);
  } finally {
    await sync.stop();
    core.close();
  }
});
