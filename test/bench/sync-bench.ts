import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { createHqSimulator } from '../../main/hq-simulator/hq-simulator';
import { startMosquitto } from '../helpers/mosquitto';
import { chain, fastLink, linkedSmallStore } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';
import { higherIsBetter, lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const movement = { sku: 'SKU-OIL', qty: 1, from: 'supplier', to: 'back_room', reason: 'bench', staff: 'bench', station: 'bench' };

/** Two mqtt.js clients on one broker, as the store's link and HQ set them up (QoS 1, no Nagle). */
async function clientPair(url: string, name: string) {
  const sub = await mqtt.connectAsync(url, { clientId: `bench-${name}-sub-${process.pid}`, protocolVersion: 4 });
  const pub = await mqtt.connectAsync(url, { clientId: `bench-${name}-pub-${process.pid}`, protocolVersion: 4 });
  for (const client of [sub, pub]) (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  return { sub, pub, end: () => Promise.all([sub.endAsync(true), pub.endAsync(true)]) };
}

/** A row per message, committed on its own with synchronous=FULL, as a durable peer would. */
function openPeerLedger(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO messages (topic, payload) VALUES (?, ?)');
  return { commit: (topic: string, payload: string) => insert.run(topic, payload), close: () => db.close() };
}

/**
 * One publish → receive at a time through the same broker, matched by the message's number.
 * With a ledger, each message is first committed as a row (synchronous=FULL): the peer for a
 * store that writes its outbox row before sending.
 */
async function roundTripper(url: string, name: string, peer: ReturnType<typeof openPeerLedger> | null) {
  const { sub, pub, end } = await clientPair(url, name);
  const topic = `bench/${name}`;
  await sub.subscribeAsync(topic, { qos: 1 });
  let waiting: { n: string; done: () => void } | null = null;
  sub.on('message', (_topic, payload) => {
    if (waiting && payload.subarray(0, waiting.n.length).toString() === waiting.n) waiting.done();
  });
  let n = 0;
  return {
    /** Milliseconds from before the commit (if any) to the message's arrival. */
    async once(body: string): Promise<number> {
      const payload = `${String(++n).padStart(8, '0')}${body}`;
      const arrived = new Promise<void>((done) => (waiting = { n: payload.slice(0, 8), done }));
      const start = process.hrtime.bigint();
      peer?.commit(topic, payload);
      pub.publish(topic, payload, { qos: 1 });
      await arrived;
      return ms(start);
    },
    end,
  };
}

/**
 * Messages per second through the broker with at most `window` published and not yet taken, as
 * the HQ simulator paces its stream. The receiver takes each message after `receive` (for the
 * durable peer, its commit) and only then acknowledges it (PUBACK).
 */
async function pacedIngest(url: string, name: string, payloads: string[], window: number, receive: (topic: string, payload: Buffer) => void): Promise<number> {
  const { sub, pub, end } = await clientPair(url, name);
  const topic = `bench/${name}`;
  let taken = 0;
  let wake: (() => void) | null = null;
  const all = new Promise<void>((done) => {
    sub.handleMessage = (packet, ack) => {
      receive(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
      ack();
      taken++;
      wake?.();
      if (taken === payloads.length) done();
    };
  });
  await sub.subscribeAsync(topic, { qos: 1 });
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < payloads.length; ) {
    if (sent - taken >= window) await new Promise<void>((r) => (wake = r));
    else pub.publish(topic, payloads[sent++]!, { qos: 1 });
  }
  await all;
  const elapsed = ms(start);
  await end();
  return (payloads.length / elapsed) * 1000;
}

export const syncBenchmark: Benchmark = {
  group: 'sync',
  also: ['orders'],
  async run({ quick, log, wants = () => true }) {
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-sync-bench-'));
    const broker = await startMosquitto();
    const rows: BenchRow[] = [];
    try {
      const hq = createHqSimulator({ url: broker.url, chain, clientId: 'bench-hq' });
      await hq.start();

      // sync.latency: one live movement at a time, from before its commit to HQ having stored it,
      // sample by sample in turn with the durable peer and the bare floor.
      if (wants('sync.latency')) {
        const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store: 'bench-live', station: 's1', ...fastLink }, {}, join(dir, 'latency.sqlite'));
        await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
        const peerLedger = openPeerLedger(join(dir, 'latency-peer.sqlite'));
        const peer = await roundTripper(broker.url, 'latency-peer', peerLedger);
        const bare = await roundTripper(broker.url, 'latency-bare', null);
        const count = quick ? 150 : 500;
        const samples = { ours: [] as number[], peer: [] as number[], bare: [] as number[] };
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
          const start = process.hrtime.bigint();
          const m = core.services.movements.append(movement);
          sync.link.poke();
          await stored;
          samples.ours.push(ms(start));
          payload ||= JSON.stringify({ v: 1, id: 'x', at: m.at, type: 'events', events: [{ seq: m.seq, type: 'stock.movement', data: m }] });
          samples.peer.push(await peer.once(payload));
          samples.bare.push(await bare.once(payload));
        }
        await Promise.all([peer.end(), bare.end()]);
        peerLedger.close();
        for (const side of Object.values(samples)) side.sort((a, b) => a - b);
        const peerBaseline = 'peer: commit a row (WAL, synchronous=FULL), then mqtt.js publish→receive, same payload and broker, interleaved';
        const bareBaseline = 'floor: bare mqtt.js publish→receive, no commit, same payload and broker, interleaved';
        for (const p of [50, 99]) {
          const ours = percentile(samples.ours, p);
          const [withCommit, floor] = [percentile(samples.peer, p), percentile(samples.bare, p)];
          rows.push({ name: `sync.latency.p${p}`, value: ours, unit: 'ms', baseline: peerBaseline, baseline_value: withCommit, ratio: lowerIsBetter(ours, withCommit), goal: p === 99 ? 'p99 < 50 ms, ratio ≥ 0.5' : '' });
          rows.push({ name: `sync.latency.p${p}.floor`, value: ours, unit: 'ms', baseline: bareBaseline, baseline_value: floor, ratio: lowerIsBetter(ours, floor) });
        }
        await sync.stop();
        core.close();
      }

      // sync.drain: a backlog made offline (in another process, as by a store before its restart),
      // drained after connecting. RSS is sampled from before this process opens the ledger: opening
      // it and draining it both grow the process.
      if (wants('sync.drain')) {
        const total = quick ? 20_000 : 100_000;
        const file = join(dir, 'drain.sqlite');
        execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'drain-backlog-child.ts'), file, String(total)], { stdio: 'inherit' });
        global.gc?.();
        const rssBefore = process.memoryUsage().rss;
        let rssPeak = rssBefore;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
        const start = process.hrtime.bigint();
        const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store: 'bench-drain', station: 's1', ...fastLink }, {}, file);
        await waitUntil(() => sync.link.status().backlog, (b) => b === 0, { what: 'drained', timeoutMs: 120_000, intervalMs: 20 });
        const seconds = ms(start) / 1000;
        clearInterval(sampler);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        const growthMb = (rssPeak - rssBefore) / 1024 / 1024;
        log(`drained ${total} movements in ${seconds.toFixed(2)} s, RSS growth ${growthMb.toFixed(1)} MB from before the ledger was opened`);
        rows.push({ name: 'sync.drain', value: seconds, unit: 's', baseline: `goal for ${total.toLocaleString('en')} movements`, baseline_value: (15 * total) / 100_000, ratio: lowerIsBetter(seconds, (15 * total) / 100_000), goal: '< 15 s per 100,000' });
        rows.push({ name: 'sync.drain.rss_growth', value: growthMb, unit: 'MB', baseline: 'goal (peak RSS of the draining process, from before it opens the ledger holding the backlog)', baseline_value: 100, ratio: lowerIsBetter(Math.max(growthMb, 0.1), 100), goal: '< 100 MB' });
        await sync.stop();
        core.close();
      }

      // orders.ingest: pickup orders from HQ applied per second, HQ publishing at most 500 beyond
      // what the store applied; the peer and the floor are paced the same way. Two rounds, the
      // sides taking turns in opposite order, so a neighbour's burst on the CPUs hits all alike.
      if (wants('orders.ingest')) {
        const perRound = quick ? 250 : 1000;
        const window = 500;
        const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store: 'bench-orders', station: 's1', ...fastLink }, {}, join(dir, 'orders.sqlite'));
        await waitUntil(() => hq.store('bench-orders')?.online, (o) => o === true, { what: 'online' });
        const peerLedger = openPeerLedger(join(dir, 'orders-peer.sqlite'));
        const order = (i: number) => ({
          orderId: `W-${i}`, version: 1, customer: { name: 'Bench Customer' }, verification: { code: '1234' },
          promisedAt: '2026-11-23T18:00:00Z', lines: [{ lineId: 'L1', sku: 'SKU-RICE', qty: 1 }, { lineId: 'L2', sku: 'SKU-OIL', qty: 2 }],
        });
        const spent = { ours: 0, peer: 0, bare: 0 };
        let routed = 0;
        let sample: string[] = []; // the messages HQ sent in the first round, for the other sides
        const run = {
          ours: async () => {
            const start = process.hrtime.bigint();
            const messages = Array.from({ length: perRound }, () => hq.routeOrder('bench-orders', order(routed++)));
            await waitUntil(() => sync.link.status().appliedDseq, (d) => d === routed, { what: 'orders applied', timeoutMs: 120_000, intervalMs: 5 });
            spent.ours += ms(start);
            if (sample.length === 0) sample = messages.map((m) => JSON.stringify(m));
          },
          peer: async () => {
            const rate = await pacedIngest(broker.url, 'orders-peer', sample, window, (topic, payload) => peerLedger.commit(topic, payload.toString()));
            spent.peer += (perRound / rate) * 1000;
          },
          bare: async () => {
            spent.bare += (perRound / (await pacedIngest(broker.url, 'orders-bare', sample, window, () => {}))) * 1000;
          },
        };
        for (const side of ['ours', 'peer', 'bare', 'bare', 'peer', 'ours'] as const) await run[side]();
        peerLedger.close();
        const rate = (millis: number) => ((2 * perRound) / millis) * 1000;
        const [ours, withCommit, floor] = [rate(spent.ours), rate(spent.peer), rate(spent.bare)];
        log(`orders/s: ours ${ours.toFixed(0)}, durable peer ${withCommit.toFixed(0)}, bare receive ${floor.toFixed(0)}`);
        rows.push({ name: 'orders.ingest', value: ours, unit: 'orders/s', baseline: `peer: mqtt.js receive committing each message as a row (synchronous=FULL) before PUBACK; both paced at ${window} in flight`, baseline_value: withCommit, ratio: higherIsBetter(ours, withCommit), goal: 'ratio ≥ 1.0' });
        rows.push({ name: 'orders.ingest.floor', value: ours, unit: 'orders/s', baseline: `floor: bare mqtt.js receive, nothing written; paced at ${window} in flight`, baseline_value: floor, ratio: higherIsBetter(ours, floor) });
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
