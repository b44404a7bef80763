import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt from 'mqtt';
import type { CoreEvent } from '../../../main/api/events';
import { createDeadLetters, deadLetterPayloadBytes } from '../../../main/sync/dead-letters';
import { createInbox } from '../../../main/sync/inbox';
import { topics } from '../../../main/sync/protocol';
import { createSyncState } from '../../../main/sync/sync-state';
import { startMosquitto } from '../../helpers/mosquitto';
import { openSmallStore, staffPins, value } from '../../helpers/small-store';
import { chain, startHq, syncedSmallStore } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// Dead letters are whatever HQ (or anyone on the broker) sends that cannot be stored: a flood of them
// must not grow the ledger without bound. These run on a real ledger file.

const topic = 'mostrador/v1/acme/store-a/down/stream';
const rows = (db: Awaited<ReturnType<typeof openSmallStore>>['services']['db']) =>
  db.prepare('SELECT id, length(payload) AS bytes FROM dead_letters ORDER BY id').all() as { id: number; bytes: number }[];

test('past the row limit the oldest dead letters are dropped, and the count of dropped ones survives a restart', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  let core = await openSmallStore(file);
  const limits = { maxRows: 50, maxBytes: 1024 * 1024 };
  let deadLetters = createDeadLetters(core.services.db, createSyncState(core.services.db), limits);
  const ids: number[] = [];
  for (let i = 0; i < 80; i++) ids.push(deadLetters.record(topic, Buffer.from(`{bad ${i}`), 'payload is not JSON'));

  assert.deepEqual(rows(core.services.db).map((r) => r.id), ids.slice(30), 'the newest 50 are kept');
  assert.equal(deadLetters.dropped(), 30);
  assert.equal(deadLetters.unresolved(), 50);
  core.close();

  core = await openSmallStore(file);
  deadLetters = createDeadLetters(core.services.db, createSyncState(core.services.db), limits);
  assert.equal(deadLetters.dropped(), 30, 'the dropped count is in the ledger');
  deadLetters.record(topic, Buffer.from('{bad again'), 'payload is not JSON');
  assert.equal(deadLetters.dropped(), 31);
  core.close();
});

test('past the byte limit the oldest go too, and a payload is cut at 256 KiB', async () => {
  const core = await openSmallStore();
  const { db } = core.services;
  const deadLetters = createDeadLetters(db, createSyncState(db), { maxRows: 1000, maxBytes: 600 * 1024 });
  const small = Array.from({ length: 10 }, (_, i) => deadLetters.record(topic, Buffer.alloc(10 * 1024, 0x61 + i), 'schema'));
  const big = [0, 1, 2].map(() => deadLetters.record(topic, Buffer.alloc(300 * 1024, 0x7b), 'payload is not JSON'));

  const kept = rows(db);
  assert.ok(kept.every((r) => r.bytes <= deadLetterPayloadBytes), 'each payload cut to 256 KiB');
  const total = kept.reduce((sum, r) => sum + r.bytes, 0);
  assert.ok(total <= 600 * 1024, `${total} bytes kept`);
  // Newest first: two cut payloads make 512 KiB; the third would pass 600 KiB, so it and everything older go.
  assert.deepEqual(kept.map((r) => r.id), [big[1], big[2]]);
  assert.equal(deadLetters.dropped(), small.length + 1);
  core.close();
});

test('a flood of bad messages through the inbox stays within the default limits', async () => {
  const dir = tempDir();
  const core = await openSmallStore(join(dir, 'ledger.sqlite'));
  const { db } = core.services;
  const state = createSyncState(db);
  const deadLetters = createDeadLetters(db, state);
  const inbox = createInbox(db, state, () => 'applied', deadLetters);
  for (let i = 0; i < 1200; i++) inbox.receive(topic, Buffer.from(`{not json ${i}`));
  for (let i = 0; i < 30; i++) inbox.receive(topic, Buffer.alloc(300 * 1024, 0x7b));

  const kept = rows(db);
  const bytes = kept.reduce((sum, r) => sum + r.bytes, 0);
  assert.ok(kept.length <= 1000, `${kept.length} rows`);
  assert.ok(bytes <= 5 * 1024 * 1024, `${bytes} bytes`);
  assert.equal(deadLetters.dropped() + kept.length, 1230, 'every bad message is kept or counted');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  const size = statSync(join(dir, 'ledger.sqlite')).size;
  assert.ok(size < 8 * 1024 * 1024, `the ledger is ${size} bytes after 1,230 bad messages (about 9 MB of payload)`);
  core.close();
});

test('each dead letter set aside, retried or resolved is announced by its id, and the link status counts it', async () => {
  const broker = await startMosquitto();
  const hq = await startHq(broker.url);
  const { core, sync } = await syncedSmallStore(broker.url, 'store-dl');
  const events: CoreEvent[] = [];
  const unsubscribe = core.events.subscribe((event) => events.push(event));
  const announced = () => events.flatMap((e) => (e.event === 'deadLetters.changed' ? [e.payload.ids] : []));
  const intruder = await mqtt.connectAsync(broker.url);
  try {
    await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });

    // Off the stream: set aside, and screens hear which one.
    hq.publishRaw('store-dl', '{broken');
    const [[streamId]] = (await waitUntil(announced, (a) => a.length === 1, { what: 'the stream dead letter announced' })) as [[number]];
    assert.deepEqual(sync.link.deadLetters.list(10).map((l) => l.id), [streamId]);
    await waitUntil(() => events.some((e) => e.event === 'sync.changed' && e.payload.deadLetters === 1), (seen) => seen, { what: 'the status counts it' });

    // Off the control topic too.
    await intruder.publishAsync(topics(chain, 'store-dl').down('control'), '{"type":"not-a-control"}', { qos: 1 });
    const second = await waitUntil(announced, (a) => a.length === 2, { what: 'the control dead letter announced' });
    const controlId = second[1]![0]!;
    assert.notEqual(controlId, streamId);
    await waitUntil(() => events.some((e) => e.event === 'sync.changed' && e.payload.deadLetters === 2), (seen) => seen, { what: 'the status counts both' });

    // A manager's retry that fails again changes the row (one retry more): announced once its command commits.
    value(await core.api.call({ name: 'session.signIn', input: { staffId: 'marta', pin: staffPins.marta } }));
    const retried = value<{ ok: boolean }>(await core.api.call({ name: 'sync.retryDeadLetter', input: { id: streamId } }));
    assert.equal(retried.ok, false);
    const third = await waitUntil(announced, (a) => a.length === 3, { what: 'the retry announced' });
    assert.deepEqual(third[2], [streamId]);
    assert.equal(sync.link.deadLetters.list(10).find((l) => l.id === streamId)?.retries, 1);
  } finally {
    unsubscribe();
    await intruder.endAsync();
    await core.close();
    await hq.stop();
    await broker.dispose();
  }
});
