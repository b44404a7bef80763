import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { makeMovements, startHq, storeTruth, syncedSmallStore } from '../../helpers/synced-store';
import { staffPins } from '../../helpers/small-store';
import { waitUntil } from '../../helpers/wait-until';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';

let broker: Mosquitto;
before(async () => {
  broker = await startMosquitto();
});
after(async () => {
  await broker.dispose();
});

async function hqHasExactly(hq: HqSimulator, store: string, truth: ReturnType<typeof storeTruth>) {
  const view = await waitUntil(
    () => hq.store(store),
    (v) => v !== null && v.movementSeqs.length >= truth.seqs.length,
    { what: `HQ to hold ${truth.seqs.length} movements`, timeoutMs: 60_000 },
  );
  assert.deepEqual(view!.movementSeqs, truth.seqs, 'same movements, same order, none doubled');
  assert.deepEqual(view!.sumBySku, truth.sums, 'same sum per SKU');
}

test('every movement reaches HQ in order, and is marked delivered only when HQ acknowledges it', async () => {
  const hq = await startHq(broker.url);
  const { core, sync } = await syncedSmallStore(broker.url, 'store-live');
  try {
    await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
    makeMovements(core, 250);
    sync.link.poke();
    await hqHasExactly(hq, 'store-live', storeTruth(core));
    const status = await waitUntil(() => sync.link.status(), (s) => s.backlog === 0, { what: 'backlog 0' });
    assert.equal(status.lastAckedSeq, 250);
    const unacked = core.services.db.prepare('SELECT COUNT(*) FROM outbox WHERE acked_at IS NULL').pluck().get();
    assert.equal(unacked, 0);

    // HQ answers stock look-ups from the stock it built out of these movements.
    await core.api.call({ name: 'session.signIn', input: { staffId: 'ana', pin: staffPins.ana } });
    const lookup = await core.api.call({ name: 'hq.stockLookup', input: { sku: 'SKU-OIL' } });
    assert.ok(lookup.ok);
    const here = (lookup.value as { store: string; atp: number }[]).find((s) => s.store === 'store-live');
    const truth = core.services.levels.summary('SKU-OIL');
    assert.equal(here?.atp, truth.onHand);
  } finally {
    await sync.stop();
    await hq.stop();
    core.close();
  }
});

test('broker down: the store keeps working, then HQ ends with exactly its movements', async () => {
  const hq = await startHq(broker.url);
  const { core, sync } = await syncedSmallStore(broker.url, 'store-outage');
  try {
    await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
    makeMovements(core, 300);
    sync.link.poke();
    await broker.stop('SIGKILL');
    await waitUntil(() => sync.link.status().state, (s) => s !== 'online', { what: 'store to see the outage' });
    makeMovements(core, 3000); // the counter keeps selling while HQ is unreachable
    assert.ok(sync.link.status().backlog >= 3000, 'the backlog waits in SQLite');
    await broker.start();
    await hqHasExactly(hq, 'store-outage', storeTruth(core));
    await waitUntil(() => sync.link.status().backlog, (b) => b === 0, { what: 'backlog drained' });
  } finally {
    await sync.stop();
    await hq.stop();
    core.close();
  }
});

test('reconciliation: a digest that disagrees with HQ is reported and triggers a resync', async () => {
  const hq = await startHq(broker.url);
  const { core, sync } = await syncedSmallStore(broker.url, 'store-digest');
  try {
    await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
    makeMovements(core, 40);
    sync.link.poke();
    await hqHasExactly(hq, 'store-digest', storeTruth(core));
    await waitUntil(() => sync.link.status().backlog, (b) => b === 0, { what: 'acked' });

    const matched = new Promise((done) => hq.events.once('digest-match', done));
    assert.equal(sync.publishDigest(), true);
    await matched;

    // HQ's copy goes wrong (say, a lost database row): the next digest exposes it.
    hq.store('store-digest'); // registry exists
    const mismatch = new Promise((done) => hq.events.once('digest-mismatch', done));
    core.services.db.prepare("UPDATE stock_levels SET qty = qty + 1 WHERE sku = 'SKU-OIL' AND location = 'back_room'").run();
    sync.publishDigest();
    await mismatch;
    // The resync replays the whole outbox into HQ's fresh copy.
    await hqHasExactly(hq, 'store-digest', storeTruth(core));
    assert.equal(hq.store('store-digest')!.digestMismatches, 1);
  } finally {
    await sync.stop();
    await hq.stop();
    core.close();
  }
});
