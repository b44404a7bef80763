import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { createHqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openSmallStore } from '../helpers/small-store';
import { startMosquitto } from '../helpers/mosquitto';
import { chain, fastLink, linkedSmallStore } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';
import { higherIsBetter, lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const movement = { sku: 'SKU-OIL', qty: 1, from: 'supplier', to: 'back_room', reason: 'bench', staff: 'bench', station: 'bench' };

/** A bare mqtt.js publish → receive of the same payload through the same broker: the floor for any sync. */
async function bareRoundTrips(url: string, payload: string, count: number): Promise<number[]> {
  const sub = await mqtt.connectAsync(url, { clientId: `bench-sub-${process.pid}`, protocolVersion: 4 });
  const pub = await mqtt.connectAsync(url, { clientId: `bench-pub-${process.pid}`, protocolVersion: 4 });
  await sub.subscribeAsync('bench/latency', { qos: 1 });
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const arrived = new Promise<void>((done) => sub.once('message', () => done()));
    await pub.publishAsync('bench/latency', payload, { qos: 1 });
    await arrived;
    samples.push(ms(start));
  }
  await Promise.all([sub.endAsync(true), pub.endAsync(true)]);
  return samples.sort((a, b) => a - b);
}

async function bareIngest(url: string, payloads: string[]): Promise<number> {
  const sub = await mqtt.connectAsync(url, { clientId: `bench-isub-${process.pid}`, protocolVersion: 4 });
  const pub = await mqtt.connectAsync(url, { clientId: `bench-ipub-${process.pid}`, protocolVersion: 4 });
  await sub.subscribeAsync('bench/ingest', { qos: 1 });
  // At most 500 unreceived at a time: past Mosquitto's default queue (1,000) the broker drops.
  let received = 0;
  let sent = 0;
  let wake: (() => void) | null = null;
  const all = new Promise<void>((done) =>
    sub.on('message', () => {
      received++;
      wake?.();
      if (received === payloads.length) done();
    }),
  );
  const start = process.hrtime.bigint();
  while (sent < payloads.length) {
    if (sent - received >= 500) await new Promise<void>((r) => (wake = r));
    pub.publish('bench/ingest', payloads[sent++]!, { qos: 1 });
  }
  await all;
  const elapsed = ms(start);
  await Promise.all([sub.endAsync(true), pub.endAsync(true)]);
  return (payloads.length / elapsed) * 1000;
}

export const syncBenchmark: Benchmark = {
  group: 'sync',
  also: ['orders'],
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-sync-bench-'));
    const broker = await startMosquitto();
    const rows: BenchRow[] = [];
    try {
      const hq = createHqSimulator({ url: broker.url, chain, clientId: 'bench-hq' });
      await hq.start();

      // sync.latency: one live movement at a time, commit → HQ has stored it.
      {
        const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store: 'bench-live', station: 's1', ...fastLink }, {}, join(dir, 'latency.sqlite'));
        await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
        const count = quick ? 150 : 500;
        const samples: number[] = [];
        let payload = '';
        for (let i = 0; i < count; i++) {
          const stored = new Promise<void>((done) => {
            const onEvents = (store: string) => {
              if (store !== 'bench-live') return;
              hq.events.off('events', onEvents);
              done();
            };
            hq.events.on('events', onEvents);
          });
          const m = core.services.movements.append(movement);
          const start = process.hrtime.bigint(); // from the commit, as the goal is stated
          sync.link.poke();
          await stored;
          samples.push(ms(start));
          payload ||= JSON.stringify({ v: 1, id: 'x', at: m.at, type: 'events', events: [{ seq: m.seq, type: 'stock.movement', data: m }] });
        }
        samples.sort((a, b) => a - b);
        const bare = await bareRoundTrips(broker.url, payload, count);
        const baseline = 'bare mqtt.js publish→receive, same payload and broker (Mosquitto, loopback)';
        for (const p of [50, 99]) {
          const ours = percentile(samples, p);
          const base = percentile(bare, p);
          rows.push({ name: `sync.latency.p${p}`, value: ours, unit: 'ms', baseline, baseline_value: base, ratio: lowerIsBetter(ours, base), goal: p === 99 ? 'p99 < 50 ms, ratio ≥ 0.5' : '' });
        }
        await sync.stop();
        core.close();
      }

      // sync.drain: a backlog made offline, drained after connecting.
      {
        const total = quick ? 20_000 : 100_000;
        const file = join(dir, 'drain.sqlite');
        const offline = await openSmallStore(file);
        offline.services.db.pragma('synchronous = OFF'); // making the backlog is not what is measured
        offline.services.db.transaction(() => {
          for (let i = 0; i < total; i++) offline.services.movements.append(movement);
        })();
        await offline.close();
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;
        let rssPeak = rssBefore;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
        const start = process.hrtime.bigint();
        const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store: 'bench-drain', station: 's1', ...fastLink }, {}, file);
        await waitUntil(() => sync.link.status().backlog, (b) => b === 0, { what: 'drained', timeoutMs: 120_000, intervalMs: 20 });
        const seconds = ms(start) / 1000;
        clearInterval(sampler);
        const growthMb = (rssPeak - rssBefore) / 1024 / 1024;
        log(`drained ${total} movements in ${seconds.toFixed(2)} s, RSS growth ${growthMb.toFixed(1)} MB`);
        rows.push({ name: 'sync.drain', value: seconds, unit: 's', baseline: `goal for ${total.toLocaleString('en')} movements`, baseline_value: (15 * total) / 100_000, ratio: lowerIsBetter(seconds, (15 * total) / 100_000), goal: '< 15 s per 100,000' });
        rows.push({ name: 'sync.drain.rss_growth', value: growthMb, unit: 'MB', baseline: 'goal', baseline_value: 100, ratio: lowerIsBetter(Math.max(growthMb, 0.1), 100), goal: '< 100 MB' });
        await sync.stop();
        core.close();
      }

      // orders.ingest: pickup orders from HQ applied per second.
      {
        const count = quick ? 500 : 2000;
        const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store: 'bench-orders', station: 's1', ...fastLink }, {}, join(dir, 'orders.sqlite'));
        await waitUntil(() => hq.store('bench-orders')?.online, (o) => o === true, { what: 'online' });
        const order = (i: number) => ({
          orderId: `W-${i}`, version: 1, customer: { name: 'Bench Customer' }, verification: { code: '1234' },
          promisedAt: '2026-11-23T18:00:00Z', lines: [{ lineId: 'L1', sku: 'SKU-RICE', qty: 1 }, { lineId: 'L2', sku: 'SKU-OIL', qty: 2 }],
        });
        const start = process.hrtime.bigint();
        const sent = Array.from({ length: count }, (_, i) => hq.routeOrder('bench-orders', order(i)));
        await waitUntil(() => sync.link.status().appliedDseq, (d) => d === count, { what: 'orders applied', timeoutMs: 120_000, intervalMs: 5 });
        const perSecond = (count / ms(start)) * 1000;
        const bare = await bareIngest(broker.url, sent.map((m) => JSON.stringify(m)));
        rows.push({ name: 'orders.ingest', value: perSecond, unit: 'orders/s', baseline: 'bare mqtt.js receive of the same messages, same broker', baseline_value: bare, ratio: higherIsBetter(perSecond, bare) });
        await sync.stop();
        core.close();
      }
      await hq.stop();
    } finally {
      await broker.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
