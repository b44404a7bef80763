import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { HqSimulator, StoreOpening } from '../../../main/hq-simulator/hq-simulator';
import { composeStore, type Store as StoreCore } from '../../../main/compose-store';
import type { StoreSync } from '../../../main/sync/store-sync';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { chain, fastLink, startHq } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// A store from zero (docs/protocol.md, "A store from zero"): an empty ledger that gets its
// catalog and opening stock from HQ, tells HQ it is ready, and only then gets orders.

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

const product = (sku: string) => ({ sku, name: `Producto ${sku}`, unit: 'each' as const, priceCents: 250, taxRateBp: 1000, active: true, barcodes: [] });
const skus = ['Z-1', 'Z-2', 'Z-3', 'Z-4', 'Z-5'];
const products = skus.map(product);
type Level = StoreOpening['levels'][number];

async function emptyStore(store: string, file = join(tempDir(), 'ledger.sqlite')): Promise<{ core: StoreCore; sync: StoreSync; file: string }> {
  const core = await composeStore({ dbPath: file, store, station: 'counter-1', demo: false }, { hq: { link: { url: broker.url, chain, store, station: 'counter-1', ...fastLink } } });
  const sync = core.sync!;
  await waitUntil(() => hq.store(store)?.online, (o) => o === true, { what: `HQ sees ${store} online` });
  return { core, sync, file };
}

const applied = (sync: StoreSync, dseq: number, what: string) => waitUntil(() => sync.link.status().appliedDseq, (d) => d >= dseq, { what });
const level = (core: StoreCore, sku: string, location: string) =>
  core.services.levels.summary(sku).byLocation.find((l) => l.location === location)?.qty ?? 0;
const movementCount = (core: StoreCore) => core.services.db.prepare('SELECT COUNT(*) FROM movements').pluck().get() as number;

function sendCatalog(store: string, version: number) {
  return hq.send(store, { type: 'catalog.snapshot', version, snapshotId: `cat-${version}`, chunk: 0, chunks: 1, products: products.map((p) => ({ ...p, brand: '', category: '' })), total: products.length });
}
function stockChunk(store: string, version: number, chunk: number, chunks: number, levels: Level[]) {
  return hq.send(store, { type: 'stock.snapshot', version, snapshotId: `stock-${version}`, chunk, chunks, locations: ['sales_floor', 'back_room'], levels, total: undefined });
}

test('a stock snapshot interrupted mid-way resumes after a restart, and moves each unit once', async () => {
  const store = 'zero-resume';
  const first = await emptyStore(store);
  const { file } = first;
  let { core, sync } = first;
  try {
    sendCatalog(store, 1);
    const levels: Level[][] = [
      [{ sku: 'Z-1', location: 'sales_floor', qty: 7 }, { sku: 'Z-2', location: 'back_room', qty: 3 }],
      [{ sku: 'Z-3', location: 'sales_floor', qty: 5 }],
      [{ sku: 'Z-4', location: 'back_room', qty: 11 }, { sku: 'Z-1', location: 'back_room', qty: 2 }],
    ];
    const chunks = [stockChunk(store, 1, 0, 3, levels[0]!), stockChunk(store, 1, 1, 3, levels[1]!)];
    await applied(sync, 3, 'two of three stock chunks');
    const half = sync.provisioning.status();
    assert.equal(half.ready, false);
    assert.deepEqual([half.catalog.done, half.stock.chunksReceived, half.stock.chunks, half.stock.itemsReceived], [true, 2, 3, 3]);
    assert.equal(movementCount(core), 0, 'nothing moves before every chunk is in');

    // The console stops mid-snapshot; it comes back on the same ledger file.
    await core.close();
    ({ core, sync } = await emptyStore(store, file));
    chunks.push(stockChunk(store, 1, 2, 3, levels[2]!));
    await waitUntil(() => sync.provisioning.status().ready, (r) => r, { what: 'the store ready after the last chunk' });
    assert.deepEqual(
      [level(core, 'Z-1', 'sales_floor'), level(core, 'Z-1', 'back_room'), level(core, 'Z-2', 'back_room'), level(core, 'Z-3', 'sales_floor'), level(core, 'Z-4', 'back_room')],
      [7, 2, 3, 5, 11],
    );
    assert.equal(movementCount(core), 5, 'one movement per counted level, from adjustment');
    const reasons = core.services.db.prepare("SELECT DISTINCT from_loc || '>' || reason FROM movements").pluck().all();
    assert.deepEqual(reasons, ['adjustment>opening-stock']);

    // HQ hears the opening stock as movements, and the store says it is ready.
    await waitUntil(() => hq.store(store)?.level('Z-4', 'back_room'), (q) => q === 11, { what: 'HQ to see the opening stock' });
    await waitUntil(() => hq.store(store)?.ready, (r) => r === true, { what: 'HQ to hear the store is ready' });

    // The broker delivers every chunk again (a replay after a reconnect): nothing moves twice.
    const before = movementCount(core);
    for (const message of chunks) hq.publishRaw(store, JSON.stringify(message));
    const marker = sendCatalog(store, 2);
    await applied(sync, marker.dseq, 'a marker sent after the repeated chunks');
    assert.equal(movementCount(core), before);
    assert.equal(level(core, 'Z-4', 'back_room'), 11);
  } finally {
    await core.close();
  }
});

test('a newer stock snapshot supersedes the stock, and an older one is ignored, even half-received', async () => {
  const store = 'zero-versions';
  const { core, sync } = await emptyStore(store);
  try {
    sendCatalog(store, 1);
    stockChunk(store, 5, 0, 1, [{ sku: 'Z-1', location: 'sales_floor', qty: 10 }, { sku: 'Z-2', location: 'sales_floor', qty: 4 }]);
    await waitUntil(() => level(core, 'Z-1', 'sales_floor'), (q) => q === 10, { what: 'snapshot v5 applied' });

    // A pick-up hold happens meanwhile: a snapshot counts the shelf, not the hold.
    core.services.movements.append({ sku: 'Z-1', qty: 2, from: 'sales_floor', to: 'pickup_hold', reason: 'order-hold', staff: 'ana', station: 'counter-1' });
    // v7 starts arriving, then v8 comes whole: v8 wins and v7's chunks are dropped.
    stockChunk(store, 7, 0, 2, [{ sku: 'Z-1', location: 'sales_floor', qty: 99 }]);
    stockChunk(store, 8, 0, 1, [{ sku: 'Z-1', location: 'sales_floor', qty: 6 }, { sku: 'Z-3', location: 'back_room', qty: 1 }]);
    // Older ones after it: the rest of v7, and a whole v6.
    stockChunk(store, 7, 1, 2, [{ sku: 'Z-2', location: 'sales_floor', qty: 99 }]);
    const last = stockChunk(store, 6, 0, 1, [{ sku: 'Z-1', location: 'sales_floor', qty: 50 }]);
    await applied(sync, last.dseq, 'every snapshot message');

    assert.equal(level(core, 'Z-1', 'sales_floor'), 6, 'v8 sets the shelf count');
    assert.equal(level(core, 'Z-1', 'pickup_hold'), 2, 'the hold is not the snapshot’s');
    assert.equal(level(core, 'Z-2', 'sales_floor'), 0, 'a level v8 leaves out at a counted location is zero');
    assert.equal(level(core, 'Z-3', 'back_room'), 1);
    const outcomes = core.services.db.prepare("SELECT outcome FROM inbox WHERE type = 'stock.snapshot' ORDER BY dseq").pluck().all() as string[];
    assert.match(outcomes.at(-1)!, /^stale/, 'an older snapshot after a newer one is ignored');
    assert.match(outcomes.at(-2)!, /^stale/, 'the rest of a superseded snapshot is ignored');
    assert.equal(core.services.db.prepare('SELECT COUNT(*) FROM stock_snapshot_chunks').pluck().get(), 0, 'nothing half-received left behind');
    assert.equal(sync.provisioning.status().stock.version, 8);
    assert.ok(sync.provisioning.status().ready);

    // HQ's copy, built from the movements the store reported, agrees with the store.
    await waitUntil(() => hq.store(store)?.level('Z-1', 'sales_floor'), (q) => q === 6, { what: 'HQ to follow the superseding snapshot' });
    assert.equal(hq.store(store)!.level('Z-2', 'sales_floor'), 0);
  } finally {
    await core.close();
  }
});

const order = (orderId: string, sku: string, qty: number) => ({
  orderId,
  version: 1,
  customer: { name: 'Lucía Fernández', phone: '+34600000000' },
  verification: { code: '4821' },
  promisedAt: '2026-11-23T18:00:00Z',
  lines: [{ lineId: 'L1', sku, qty }],
});

test('HQ routes no order to a store that is not ready, and routes to it once it is ready and has the stock', async () => {
  const store = 'zero-routing';
  const { core, sync } = await emptyStore(store);
  try {
    assert.equal(sync.link.status().provisioning?.ready, false);
    const sentBefore = hq.store(store)!.sent;
    const early = hq.route(order('W-Z1', 'Z-1', 1), [store]);
    assert.deepEqual(early, { store: null, refused: { [store]: 'not ready' } });
    assert.equal(hq.store(store)!.sent, sentBefore, 'nothing was sent to the store');

    const ready = new Promise<void>((done) => hq.events.on('ready', (s: string) => s === store && done()));
    hq.provision(store, { products: products.map((p) => ({ ...p })), levels: [{ sku: 'Z-1', location: 'sales_floor', qty: 2 }] });
    await ready;
    await waitUntil(() => hq.store(store)?.level('Z-1', 'sales_floor'), (q) => q === 2, { what: 'HQ to see the opening stock' });

    assert.deepEqual(hq.route(order('W-Z2', 'Z-2', 1), [store]).refused, { [store]: 'not enough Z-2' }, 'no stock of Z-2');
    assert.equal(hq.route(order('W-Z3', 'Z-1', 2), [store]).store, store);
    assert.deepEqual(hq.route(order('W-Z4', 'Z-1', 1), [store]).refused, { [store]: 'not enough Z-1' }, 'the units routed already are spoken for');
    await waitUntil(() => core.services.db.prepare("SELECT status FROM pickup_orders WHERE order_id = 'W-Z3'").pluck().get(), (s) => s === 'received', {
      what: 'the order at the store',
    });
    assert.equal(core.services.db.prepare("SELECT COUNT(*) FROM pickup_orders WHERE order_id IN ('W-Z1', 'W-Z2', 'W-Z4')").pluck().get(), 0);
  } finally {
    await core.close();
  }
});

test('`npm run hq` serves a store from zero: catalog and opening stock, then orders the store can fill', async () => {
  const store = 'zero-cli';
  const cli = join(import.meta.dirname, '../../../main/hq-simulator/hq-cli.ts');
  // Its own chain, so this suite's HQ does not answer the store too.
  const cliChain = 'cli-chain';
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', cli, '--broker', broker.url, '--chain', cliChain, '--store', store, '--products', '30', '--order-every', '0.2'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let core: StoreCore | null = null;
  try {
    await waitUntil(() => output, (o) => o.includes('HQ simulator on'), { what: 'the HQ simulator to start', timeoutMs: 30_000 });
    core = await composeStore(
      { dbPath: join(tempDir(), 'ledger.sqlite'), store, station: 'counter-1', demo: false },
      { hq: { link: { url: broker.url, chain: cliChain, store, station: 'counter-1', ...fastLink } } },
    );
    const linked = core.sync!;
    const db = core.services.db;
    const levels = core.services.levels;
    await waitUntil(() => linked.provisioning.status().ready, (r) => r, { what: 'the store ready', timeoutMs: 30_000 });
    assert.equal(core.services.db.prepare('SELECT COUNT(*) FROM products WHERE active = 1').pluck().get(), 30);
    const orders = await waitUntil(
      () => db.prepare('SELECT order_json FROM pickup_orders').pluck().all() as string[],
      (rows) => rows.length >= 2,
      { what: 'orders routed to the ready store', timeoutMs: 30_000 },
    );
    for (const json of orders) {
      for (const line of (JSON.parse(json) as { lines: { sku: string; qty: number }[] }).lines) {
        assert.ok(levels.summary(line.sku).onHand >= line.qty, `${line.sku} was in stock when HQ routed it`);
      }
    }
    assert.match(output, new RegExp(`store ${store} ready`));
  } finally {
    await core?.close();
    proc.kill('SIGTERM');
  }
});
