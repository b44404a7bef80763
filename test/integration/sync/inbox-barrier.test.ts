import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import mqtt from 'mqtt';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { createOutboxWriter } from '../../../main/kernel/outbox-writer';
import { createDeadLetters } from '../../../main/sync/dead-letters';
import { createInbox } from '../../../main/sync/inbox';
import type { InboxDurabilityEvent } from '../../../main/sync/inbox-barrier';
import { protocolVersion, topics } from '../../../main/sync/protocol';
import { createSyncState } from '../../../main/sync/sync-state';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { openSmallStore } from '../../helpers/small-store';
import { chain, syncedSmallStore, startHq } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// A SIGKILL cannot tell a synced commit from one still in the OS's cache (a process crash is safe
// either way), so these tests check the order of operations instead: HQ's stream commits at
// synchronous=NORMAL, and a commit at FULL (which fsyncs the WAL with every earlier frame) comes
// before any appliedDseq leaves the store.

const FULL = 2;
const NORMAL = 1;
const streamTopic = 'mostrador/v1/acme/store-a/down/stream';
let dseq = 0;
const asn = (asnId: string) =>
  Buffer.from(
    JSON.stringify({
      v: protocolVersion, id: `m-${asnId}`, at: new Date().toISOString(), dseq: ++dseq, type: 'asn',
      asnId, supplier: 'Aceites del Sur', expectedAt: '2026-12-01T09:00:00Z', lines: [{ sku: 'SKU-OIL', qty: 6 }],
    }),
  );

test('the inbox commits at synchronous=NORMAL, and the shared connection is at FULL again for every other commit', async () => {
  const core = await openSmallStore(join(tempDir(), 'ledger.sqlite'));
  const { db } = core.services;
  const state = createSyncState(db);
  const levelsSeen: number[] = [];
  const inbox = createInbox(db, state, () => {
    levelsSeen.push(db.pragma('synchronous', { simple: true }) as number);
    return 'applied';
  }, createDeadLetters(db, state));
  dseq = 0;
  inbox.receive(streamTopic, asn('A-1'));
  inbox.receive(streamTopic, asn('A-2'));
  assert.deepEqual(levelsSeen, [NORMAL, NORMAL], 'each message of the stream was applied in a relaxed transaction');
  assert.equal(db.pragma('synchronous', { simple: true }), FULL, 'the next commit on the connection (a sale, a pick) is FULL');

  // A transaction that fails half-way leaves the level at FULL too.
  const failing = createInbox(db, state, () => {
    throw new Error('disk trouble');
  }, createDeadLetters(db, state));
  failing.receive(streamTopic, asn('A-3'));
  assert.equal(db.pragma('synchronous', { simple: true }), FULL);
  core.close();
});

test('stock moved by HQ\'s stream is synced before receive returns; other messages wait for the barrier before a report', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  let core = await openSmallStore(file);
  let { db } = core.services;
  let state = createSyncState(db);
  const outbox = createOutboxWriter(db);
  const events: InboxDurabilityEvent[] = [];
  // 'A-1' stands for a message that moves stock: its application writes an outbox row, as a movement does.
  const inbox = createInbox(db, state, (message) => {
    if (message.type === 'asn' && message.asnId === 'A-1') outbox.append('movement', { stands: 'for a movement' }, message.at);
    return 'applied';
  }, createDeadLetters(db, state), { observeDurability: (event) => events.push(event) });

  dseq = 0;
  inbox.receive(streamTopic, asn('A-1'));
  assert.deepEqual(events, [
    { kind: 'stream-committed', messages: 1, appliedDseq: 1 },
    { kind: 'barrier-synced', appliedDseq: 1, synchronous: FULL },
  ], 'synced within receive, before the outbox sender can read the row');

  inbox.receiveAll([asn('A-2'), asn('A-3')].map((raw) => ({ topic: streamTopic, raw, at: new Date().toISOString() })));
  assert.deepEqual(events.slice(2), [{ kind: 'stream-committed', messages: 2, appliedDseq: 3 }], 'orders and other data from HQ are not fsynced one by one');

  assert.equal(inbox.barrier.reportable('ack'), 3);
  assert.deepEqual(events.slice(3), [
    { kind: 'barrier-synced', appliedDseq: 3, synchronous: FULL },
    { kind: 'applied-dseq-reported', appliedDseq: 3, via: 'ack' },
  ]);
  // Nothing new since: the next report needs no second fsync.
  assert.equal(inbox.barrier.reportable('ack'), 3);
  assert.deepEqual(events.slice(5), [{ kind: 'applied-dseq-reported', appliedDseq: 3, via: 'ack' }]);
  core.close();

  // A process that may have been killed before its barrier left relaxed commits in the OS's cache;
  // the next process reads them, so its first report syncs them before HQ hears of them.
  core = await openSmallStore(file);
  db = core.services.db;
  state = createSyncState(db);
  const reopened: InboxDurabilityEvent[] = [];
  const again = createInbox(db, state, () => 'applied', createDeadLetters(db, state), { observeDurability: (event) => reopened.push(event) });
  assert.equal(again.barrier.reportable('presence'), 3);
  assert.deepEqual(reopened, [
    { kind: 'barrier-synced', appliedDseq: 3, synchronous: FULL },
    { kind: 'applied-dseq-reported', appliedDseq: 3, via: 'presence' },
  ]);
  core.close();
});

test('a barrier the ledger refuses reports nothing to HQ, logs why, and the next report makes it', async () => {
  const core = await openSmallStore(join(tempDir(), 'ledger.sqlite'));
  const { db } = core.services;
  const state = createSyncState(db);
  const events: InboxDurabilityEvent[] = [];
  const logged: Record<string, unknown>[] = [];
  const inbox = createInbox(db, state, () => 'applied', createDeadLetters(db, state), {
    observeDurability: (event) => events.push(event),
    log: (entry) => logged.push(entry),
  });
  dseq = 0;
  inbox.receive(streamTopic, asn('A-1'));
  db.pragma('query_only = ON'); // the ledger takes no write: as a full or failing disk would
  assert.equal(inbox.barrier.reportable('ack'), null);
  assert.deepEqual(events.map((e) => e.kind), ['stream-committed'], 'no barrier, no report');
  assert.ok(logged.some((e) => e.level === 'error' && String(e.msg).includes('appliedDseq not reported')), JSON.stringify(logged));
  db.pragma('query_only = OFF');
  assert.equal(inbox.barrier.reportable('ack'), 1);
  assert.deepEqual(events.map((e) => e.kind), ['stream-committed', 'barrier-synced', 'applied-dseq-reported']);
  core.close();
});

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

type Logged = InboxDurabilityEvent | { kind: 'on-the-wire'; appliedDseq: number; type: string };

/**
 * Each report is preceded by a FULL barrier covering its dseq, and each ack or presence that
 * reached the broker names a dseq some earlier barrier covered. The movements HQ's stream caused
 * (message `moved.dseq`, outbox rows after `moved.outboxBefore`) go to the broker only after a
 * barrier covering them.
 */
function assertBarrierFirst(log: Logged[], moved: { dseq: number; outboxBefore: number }) {
  let covered = -1;
  for (const [at, entry] of log.entries()) {
    if (entry.kind === 'barrier-synced') {
      assert.equal(entry.synchronous, FULL, `barrier at #${at} committed at FULL`);
      covered = Math.max(covered, entry.appliedDseq);
    } else if (entry.kind === 'stream-committed') {
      continue; // relaxed: not yet on disk, and nothing HQ hears
    } else if (entry.kind === 'events-published') {
      if (entry.upToSeq <= moved.outboxBefore) continue;
      assert.ok(covered >= moved.dseq, `#${at}: movements sent to HQ before a barrier covered dseq ${moved.dseq} (last: ${covered})`);
    } else {
      assert.ok(entry.appliedDseq <= covered, `#${at} ${JSON.stringify(entry)} names a dseq beyond the last barrier (${covered})`);
    }
  }
}

test('through Mosquitto: every appliedDseq HQ hears, in acks and in presence after a restart, was on disk first', async () => {
  const store = 'store-barrier';
  const file = join(tempDir(), 'ledger.sqlite');
  const log: Logged[] = [];
  // HQ's side of the wire, as the broker delivers the store's acks and presence.
  const watcher = await mqtt.connectAsync(broker.url, { clientId: `barrier-watch-${process.pid}`, protocolVersion: 4 });
  const up = topics(chain, store);
  watcher.on('message', (topic, payload) => {
    const message = JSON.parse(payload.toString()) as { type: string; appliedDseq?: number };
    if ((topic === up.up('ack') || topic === up.up('presence')) && message.appliedDseq !== undefined) {
      log.push({ kind: 'on-the-wire', appliedDseq: message.appliedDseq, type: message.type });
    }
  });
  await watcher.subscribeAsync([up.up('ack'), up.up('presence')], { qos: 1 });

  const orders = 200;
  try {
    let { core, sync } = await syncedSmallStore(broker.url, store, { file, observeDurability: (event) => log.push(event) });
    await waitUntil(() => hq.store(store)?.online, (o) => o === true, { what: 'HQ sees the store online' });
    // HQ's count of the shelf moves stock: its movements go up to HQ, and are on disk first.
    const outboxBefore = core.services.db.prepare('SELECT COALESCE(MAX(seq), 0) FROM outbox').pluck().get() as number;
    const counted = hq.send(store, {
      type: 'stock.snapshot', version: 1, snapshotId: 'count-1', chunk: 0, chunks: 1, locations: ['sales_floor'],
      levels: [{ sku: 'SKU-OIL', location: 'sales_floor', qty: 4000 }], total: 1,
    });
    await waitUntil(() => log.some((e) => e.kind === 'events-published' && e.upToSeq > outboxBefore), (seen) => seen, { what: 'the count\'s movement sent' });
    for (let i = 0; i < orders; i++) {
      hq.routeOrder(store, {
        orderId: `W-${i}`, version: 1, customer: { name: 'Lucía Fernández' }, verification: { code: '4821' },
        promisedAt: '2026-11-23T18:00:00Z', lines: [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }],
      });
    }
    const last = counted.dseq + orders;
    await waitUntil(() => hq.store(store)?.appliedDseq, (d) => d === last, { what: 'HQ hears every order applied', timeoutMs: 60_000 });
    await waitUntil(() => log.some((e) => e.kind === 'on-the-wire' && e.type === 'ack' && e.appliedDseq === last), (seen) => seen, { what: 'the last ack on the wire' });
    const barriers = log.filter((e) => e.kind === 'barrier-synced').length;
    const bursts = log.filter((e) => e.kind === 'stream-committed');
    console.log(`${orders} orders: ${bursts.length} inbox commits, ${barriers} barriers, ${log.filter((e) => e.kind === 'applied-dseq-reported').length} reports`);
    assert.ok(barriers < orders, `barriers are batched (${barriers} for ${orders} orders)`);
    // mqtt.js hands over a read's messages one by one; they commit together, not one by one.
    assert.equal(bursts.reduce((n, e) => n + (e.kind === 'stream-committed' ? e.messages : 0), 0), orders + 1, 'every message committed once');
    assert.ok(bursts.length < orders, `the stream commits in bursts (${bursts.length} commits for ${orders + 1} messages)`);
    await sync.stop();
    core.close();

    // Restarted: the presence that tells HQ where to replay from is synced first as well.
    const restartAt = log.length;
    ({ core, sync } = await syncedSmallStore(broker.url, store, { file, observeDurability: (event) => log.push(event) }));
    await waitUntil(() => log.slice(restartAt).find((e) => e.kind === 'on-the-wire' && e.type === 'presence'), (e) => e !== undefined, { what: 'presence on the wire' });
    assert.deepEqual(log.slice(restartAt, restartAt + 2).map((e) => e.kind), ['barrier-synced', 'applied-dseq-reported']);
    await sync.stop();
    core.close();

    assert.ok(log.some((e) => e.kind === 'on-the-wire' && e.type === 'presence' && e.appliedDseq === last), 'the presence named every order');
    assertBarrierFirst(log, { dseq: counted.dseq, outboxBefore });
  } finally {
    await watcher.endAsync(true);
  }
});

test('a burst the ledger refuses to commit is kept nowhere and said so; HQ sends it again and each order is applied once', async () => {
  const store = 'store-refuses';
  const { core, sync } = await syncedSmallStore(broker.url, store, { file: join(tempDir(), 'ledger.sqlite') });
  await waitUntil(() => hq.store(store)?.online, (o) => o === true, { what: 'HQ sees the store online' });
  const { db } = core.services;
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  db.pragma('query_only = ON'); // the ledger takes no write: as a full or failing disk would
  let last = 0;
  for (let i = 0; i < 20; i++) {
    last = hq.routeOrder(store, {
      orderId: `R-${i}`, version: 1, customer: { name: 'Lucía Fernández' }, verification: { code: '4821' },
      promisedAt: '2026-11-23T18:00:00Z', lines: [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }],
    }).dseq;
  }
  await waitUntil(() => sync.link.status().lastError, (e) => e?.startsWith('could not store messages from HQ') === true, { what: 'the refusal shown' });
  assert.equal(count('pickup_orders'), 0, 'nothing of the burst was kept');
  assert.equal(hq.store(store)?.appliedDseq, 0, 'HQ heard of nothing applied');
  db.pragma('query_only = OFF');
  // HQ's acknowledgements stalled: it replays, and the store applies each order once.
  await waitUntil(() => hq.store(store)?.appliedDseq, (d) => d === last, { what: 'HQ hears every order applied', timeoutMs: 30_000 });
  assert.equal(count('pickup_orders'), 20);
  assert.equal(count('inbox'), 20);
  assert.equal(sync.link.status().lastError, null, 'the refusal is no longer shown');
  await sync.stop();
  core.close();
});
