// The daily KPI digest reaches HQ (a real Mosquitto, the HQ simulator) once per store day: not
// again on the same day, not again after a restart, and the next day's follows.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { chain, fastLink, startHq } from '../../helpers/synced-store';
import { openSmallStore } from '../../helpers/small-store';
import { ledgerSeeder } from '../../helpers/kpi-ledger-seed';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';

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

test('the KPI digest of each store day goes to HQ once, after the day ends, and a restart sends it no second time; the day before the store first checked is not sent', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  const store = 'store-digest';
  // The 11th in Madrid: X, received 10:00 and ready an hour later, before its promised 13:00. Y arrives at 00:30 on the 12th.
  const seeding = await openSmallStore(file);
  const seed = ledgerSeeder(seeding.services.db);
  seed.order({
    orderId: 'X', receivedAt: '2026-01-11T09:00:00.000Z', promisedAt: '2026-01-11T12:00:00.000Z', status: 'ready',
    history: [['2026-01-11T09:10:00.000Z', 'accepted'], ['2026-01-11T09:30:00.000Z', 'picking'], ['2026-01-11T10:00:00.000Z', 'ready']],
    lines: [{ sku: 'SKU-OIL', qty: 2 }],
  });
  seed.order({ orderId: 'Y', receivedAt: '2026-01-11T23:30:00.000Z', promisedAt: null, status: 'received', history: [], lines: [{ sku: 'SKU-RICE', qty: 1 }] });
  await seeding.close();

  let clock = Date.parse('2026-01-11T10:00:00.000Z');
  const open = () =>
    openSmallStore(file, { hq: { link: { url: broker.url, chain, store, station: 'counter-1', ...fastLink } }, kpiDigest: true, now: () => clock });
  const digestRows = (core: Awaited<ReturnType<typeof open>>) => core.services.db.prepare("SELECT COUNT(*) FROM outbox WHERE type = 'kpi.digest'").pluck().get();

  // The store's first check, on the 11th: the 10th predates it, so nothing is sent.
  let core = await open();
  try {
    assert.equal(digestRows(core), 0, 'no digest for the day before the store first checked');
    // The next morning: the 11th is over, and is sent once.
    clock = Date.parse('2026-01-12T08:00:00.000Z');
    assert.equal(core.services.kpis.digests.sendDue(), '2026-01-11');
    assert.equal(core.services.kpis.digests.sendDue(), null, 'not twice on the same day');
  } finally {
    await core.close();
  }
  core = await open();
  try {
    assert.equal(digestRows(core), 1, 'a restart on the same day sends nothing more');
    clock = Date.parse('2026-01-13T08:00:00.000Z');
    assert.equal(core.services.kpis.digests.sendDue(), '2026-01-12');
    assert.equal(core.services.kpis.digests.sendDue(), null);

    // Events reach HQ in outbox order: once the 12th's is there, any second 11th would be too.
    const digests = await waitUntil(() => hq.store(store)?.kpiDigests ?? [], (d) => d.some((x) => x.day === '2026-01-12'), { what: "the 12th's digest at HQ" });
    assert.deepEqual(digests.map((d) => d.day), ['2026-01-11', '2026-01-12']);
    const [eleventh, twelfth] = digests;
    assert.equal(eleventh!.timeZone, 'Europe/Madrid');
    assert.equal(eleventh!.from, '2026-01-10T23:00:00.000Z');
    assert.equal(eleventh!.to, '2026-01-11T23:00:00.000Z');
    assert.equal(eleventh!.ordersReceived, 1);
    assert.deepEqual(eleventh!.readyByPromised, { numerator: 1, denominator: 1, share: 1 });
    assert.deepEqual(eleventh!.timeToReady, { orders: 1, p50Ms: 3_600_000, p90Ms: 3_600_000 });
    assert.deepEqual(eleventh!.pickTime, { orders: 1, p50Ms: 1_800_000, p90Ms: 1_800_000 });
    assert.deepEqual(eleventh!.labelsPrintedLate, { numerator: 0, denominator: 0, share: null }, 'the label queue answers: no label printed that day');
    assert.equal(twelfth!.ordersReceived, 1, 'Y, at 00:30 on the 12th in Madrid');
    assert.equal(digestRows(core), 2);
  } finally {
    await core.close();
  }
});
