import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mqtt from 'mqtt';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { join } from 'node:path';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startHq, syncedSmallStore } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// Mosquitto (default limits, as the helper and docs/mosquitto configure it) queues 1,000 QoS 1
// messages per client above those in flight and drops the rest. A store that is offline while HQ
// routes a burst takes nothing until it returns, so HQ itself must bound what it has published
// beyond what the store applied, or the broker throws part of the burst away.
let broker: Mosquitto;
let hq: HqSimulator;
before(async () => {
  broker = await startMosquitto({ extraConfig: ['sys_interval 1'] });
  hq = await startHq(broker.url);
});
after(async () => {
  await hq.stop();
  await broker.dispose();
});

test('2,000 orders routed while a store is offline: the broker drops none of them, and all 2,000 are applied when it returns', async () => {
  // The broker's own count of messages dropped for queue limits, and its uptime, once a second.
  const brokerStats = new Map<string, number>();
  const spy = await mqtt.connectAsync(broker.url, { clientId: 'pacing-sys-spy', protocolVersion: 4 });
  spy.on('message', (topic, payload) => brokerStats.set(topic, Number.parseInt(payload.toString(), 10)));
  await spy.subscribeAsync(['$SYS/broker/publish/messages/dropped', '$SYS/broker/uptime'], { qos: 0 });

  const store = 'store-burst';
  const file = join(tempDir(), 'ledger.sqlite');
  const first = await syncedSmallStore(broker.url, store, { file });
  await waitUntil(() => hq.store(store)?.online, (o) => o === true, { what: 'HQ sees the store online' });
  await first.core.close(); // its broker session stays: the broker queues for it
  await waitUntil(() => hq.store(store)?.online, (o) => o === false, { what: 'HQ sees the store offline' });
  const count = 2000;
  for (let i = 0; i < count; i++) {
    hq.routeOrder(store, {
      orderId: `W-${i}`, version: 1, customer: { name: 'Cliente' }, verification: { code: '1234' },
      promisedAt: '2026-11-23T18:00:00Z', lines: [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }],
    });
  }
  // The same ledger opens again with its link: the same client id, so the broker's queue is its.
  const { core, sync: back } = await syncedSmallStore(broker.url, store, { file });
  try {
    await waitUntil(() => back.link.status().appliedDseq, (d) => d === count, { what: 'every order applied', timeoutMs: 60_000, intervalMs: 20 });
    assert.equal(core.services.db.prepare('SELECT COUNT(*) FROM pickup_orders').pluck().get(), count);
    // Every drop happened before the last order could be applied; two broker ticks later its count is current.
    const uptimeNow = brokerStats.get('$SYS/broker/uptime') ?? 0;
    await waitUntil(() => brokerStats.get('$SYS/broker/uptime') ?? 0, (u) => u >= uptimeNow + 2, { what: 'two broker $SYS ticks', timeoutMs: 10_000 });
    assert.equal(brokerStats.get('$SYS/broker/publish/messages/dropped'), 0);
  } finally {
    await back.stop();
    core.close();
    await spy.endAsync(true);
  }
});
