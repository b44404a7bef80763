import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CoreEvent } from '../../../main/api/events';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import type { Store } from '../../../main/compose-store';
import type { HqLinkConfig } from '../../../main/sync/hq-link';
import type { StoreSync } from '../../../main/sync/store-sync';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { fastLink, linkedSmallStore, startHq, syncedSmallStore } from '../../helpers/synced-store';
import { staffPins } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
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

async function online(store: string): Promise<{ core: Store; sync: StoreSync }> {
  const synced = await syncedSmallStore(broker.url, store);
  await waitUntil(() => synced.sync.link.status().state, (s) => s === 'online', { what: 'online' });
  await waitUntil(() => hq.store(store)?.online, (o) => o === true, { what: 'HQ sees the store online' });
  return synced;
}

const orderRow = (core: Store, id: string) =>
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

test("screens hear which orders and SKUs HQ's stream changed, once each message is committed", async () => {
  const { core, sync } = await online('store-events');
  const events: CoreEvent[] = [];
  const unsubscribe = core.api.subscribe((event) => events.push(event));
  try {
    hq.routeOrder('store-events', { ...order('W-E1', 1), lines: [{ lineId: 'L1', sku: 'SKU-RICE', qty: 1 }] });
    hq.send('store-events', { type: 'prices', version: 1, effectiveAt: '2020-01-01T00:00:00Z', prices: [{ sku: 'SKU-OIL', priceCents: 899 }] });
    const named = (name: 'stock.changed' | 'orders.changed') =>
      events.flatMap((e) => (e.event === name ? ('skus' in e.payload ? e.payload.skus : e.payload.orderIds) : []));
    await waitUntil(() => named('stock.changed'), (skus) => skus.includes('SKU-OIL') && skus.includes('SKU-RICE'), { what: 'stock.changed naming both SKUs' });
    assert.deepEqual(named('orders.changed'), ['W-E1']);
    assert.ok(events.every((e) => e.event !== 'stock.changed' || e.payload.skus.length > 0), 'a stock change always names its SKUs');
  } finally {
    unsubscribe();
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

test('catalog and price versions older than the applied one are ignored; a price change queues its label when announced', async () => {
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
    assert.deepEqual(db.prepare('SELECT sku FROM label_queue WHERE printed_at IS NULL ORDER BY id').pluck().all(), ['SKU-OIL', 'SKU-RICE'], 'announced, the future price too');
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
    // The table keeps at most 1,000 rows and 5 MB: what it drops is counted, so kept + dropped is what arrived.
    const { db } = core.services;
    const kept = () => db.prepare('SELECT COUNT(*) FROM dead_letters').pluck().get() as number;
    const setAside = () => kept() + sync.link.deadLetters.dropped();
    for (let start = 0; start < junk.length; start += 400) {
      for (const payload of junk.slice(start, start + 400)) hq.publishRaw('store-junk', payload);
      const expected = Math.min(junk.length, start + 400);
      await waitUntil(setAside, (n) => n === expected, { what: `${expected} dead letters`, timeoutMs: 30_000 });
    }
    hq.routeOrder('store-junk', order('W-OK', 1));

    await waitUntil(() => orderRow(core, 'W-OK'), (row) => row !== undefined, { what: 'the valid order after the junk', timeoutMs: 60_000 });
    assert.equal(setAside(), junk.length, 'every bad message dead-lettered or counted as dropped');
    const bytes = db.prepare('SELECT SUM(length(payload)) FROM dead_letters').pluck().get() as number;
    assert.ok(kept() <= 1000 && bytes <= 5 * 1024 * 1024, `${kept()} rows, ${bytes} bytes kept`);
    const status = sync.link.status();
    assert.equal(status.deadLetters, kept());
    assert.equal(status.deadLettersDropped, junk.length - kept());
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

// ── HQ restarts: epochs, restored backups, a stuck downlink ────────────────────────────────────
// Each test has its own chain, so the suite's HQ above never sees these stores.

async function storeOn(chainId: string, store: string, link: Partial<HqLinkConfig> = {}) {
  const { core, sync } = await linkedSmallStore({ url: broker.url, chain: chainId, store, station: 'counter-1', ...fastLink, ...link });
  await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
  return { core, sync };
}
const applied = (sync: StoreSync, dseq: number, what: string) =>
  waitUntil(() => sync.link.status().appliedDseq, (d) => d === dseq, { what, timeoutMs: 15_000 });
const storeSeen = (h: HqSimulator, store: string) => waitUntil(() => h.store(store)?.online, (o) => o === true, { what: 'HQ sees the store' });

test('an HQ restarted with a fresh numbering (a new epoch): the store resyncs and the next order arrives', async () => {
  const chainId = 'epoch-chain';
  let first: HqSimulator | null = await startHq(broker.url, { chain: chainId });
  const { core, sync } = await storeOn(chainId, 'store-epoch');
  let second: HqSimulator | null = null;
  try {
    await storeSeen(first, 'store-epoch');
    first.routeOrder('store-epoch', order('W-E1', 1));
    first.routeOrder('store-epoch', order('W-E2', 1));
    await applied(sync, 2, 'two orders from the first HQ');
    await first.stop();
    first = null;

    // The demo's old bug: HQ forgot everything and numbers from 1 again. Its epoch says so.
    second = await startHq(broker.url, { chain: chainId });
    await storeSeen(second, 'store-epoch');
    const resynced = new Promise((done) => second!.events.once('resync-request', (_store: string, reason: string) => done(reason)));
    second.routeOrder('store-epoch', order('W-E3', 1));
    assert.equal(await resynced, 'epoch-changed');
    await waitUntil(() => orderRow(core, 'W-E3'), (row) => row !== undefined, { what: 'the first order of the new epoch' });
    second.routeOrder('store-epoch', order('W-E4', 1));
    await applied(sync, 2, 'the next order in the new numbering');
    assert.ok(orderRow(core, 'W-E4'));
    assert.ok(orderRow(core, 'W-E1') && orderRow(core, 'W-E2'), 'what the first HQ sent is still there');
    assert.equal(sync.link.inbox.epoch(), second.epoch());
    assert.equal(sync.link.status().downlinkStuck, false);
  } finally {
    await sync.stop();
    await first?.stop();
    await second?.stop();
    core.close();
  }
});

test('the demo HQ keeps its numbering across a restart, and a restored older copy makes the store resync', async () => {
  const chainId = 'backup-chain';
  const statePath = join(tempDir(), 'demo-hq.json');
  let hqNow: HqSimulator | null = await startHq(broker.url, { chain: chainId, statePath });
  const { core, sync } = await storeOn(chainId, 'store-backup');
  try {
    await storeSeen(hqNow, 'store-backup');
    hqNow.routeOrder('store-backup', order('W-B1', 1));
    await applied(sync, 1, 'W-B1');
    const backup = readFileSync(statePath);
    const epoch = hqNow.epoch();
    hqNow.routeOrder('store-backup', order('W-B2', 1));
    hqNow.routeOrder('store-backup', order('W-B3', 1));
    await applied(sync, 3, 'W-B2 and W-B3');

    // A plain restart: same epoch, numbering goes on.
    await hqNow.stop();
    hqNow = await startHq(broker.url, { chain: chainId, statePath });
    assert.equal(hqNow.epoch(), epoch);
    await storeSeen(hqNow, 'store-backup');
    assert.equal(hqNow.routeOrder('store-backup', order('W-B4', 1)).dseq, 4);
    await applied(sync, 4, 'W-B4 after a plain restart');

    // HQ restored from the backup taken after W-B1: same epoch, but dseq 2 is now another message.
    await hqNow.stop();
    writeFileSync(statePath, backup);
    hqNow = await startHq(broker.url, { chain: chainId, statePath });
    await storeSeen(hqNow, 'store-backup');
    const resynced = new Promise((done) => hqNow!.events.once('resync-request', (_store: string, reason: string) => done(reason)));
    assert.equal(hqNow.routeOrder('store-backup', order('W-B5', 1)).dseq, 2);
    assert.equal(await resynced, 'numbering-went-backwards');
    await waitUntil(() => orderRow(core, 'W-B5'), (row) => row !== undefined, { what: 'the order sent after the restore' });
    await applied(sync, 2, 'the restored numbering');
    for (const id of ['W-B1', 'W-B2', 'W-B3', 'W-B4']) assert.ok(orderRow(core, id), `${id} is kept`);
    const b1 = core.services.db.prepare("SELECT COUNT(*) AS n, MAX(outcome) AS outcome FROM inbox WHERE payload LIKE '%W-B1%'").get() as { n: number; outcome: string };
    assert.deepEqual(b1, { n: 1, outcome: 'order W-B1 v1 stored' }, 'W-B1 was stored and applied once');
  } finally {
    await sync.stop();
    await hqNow?.stop();
    core.close();
  }
});

test('a downlink that brings only duplicates is a link error in the sync status, until HQ’s stream moves again', async () => {
  const chainId = 'stuck-chain';
  const hqStuck = await startHq(broker.url, { chain: chainId });
  const { core, sync } = await storeOn(chainId, 'store-stuck', { downlinkStuckAfterMs: 0 });
  try {
    await storeSeen(hqStuck, 'store-stuck');
    const first = hqStuck.routeOrder('store-stuck', order('W-S1', 1));
    await applied(sync, 1, 'W-S1');
    assert.equal(sync.link.status().downlinkStuck, false);

    // HQ keeps sending what the store already has, and nothing new.
    for (let i = 0; i < 3; i++) hqStuck.publishRaw('store-stuck', JSON.stringify(first));
    const stuck = await waitUntil(() => sync.link.status(), (s) => s.downlinkStuck, { what: 'the downlink shown as stuck' });
    assert.equal(stuck.state, 'online');
    assert.match(stuck.lastError ?? '', /HQ's messages are not being applied: the last 3 were duplicates/);

    hqStuck.routeOrder('store-stuck', order('W-S2', 1));
    const moving = await waitUntil(() => sync.link.status(), (s) => s.appliedDseq === 2, { what: 'the next order' });
    assert.equal(moving.downlinkStuck, false);
    assert.equal(moving.lastError, null);
  } finally {
    await sync.stop();
    await hqStuck.stop();
    core.close();
  }
});
