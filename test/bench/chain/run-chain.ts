import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../bench-report';
import { cpuSecondsOf, openFileLimit, rssOf, startChainBroker } from './chain-broker';
import { startChainHq } from './chain-hq';
import { judgeChain, type ChainVerdict } from './chain-verdict';
import { startStoreFleet, type FleetReport, type StoreFleet } from './store-fleet';

export interface ChainRunOptions {
  stores: number;
  /** Movements per second per store. */
  rate: number;
  durationS: number;
  /** Seconds of load before measuring starts (connections warm, JIT done). */
  warmupS: number;
  /** Worker threads the stores are spread over. */
  workers: number;
  /** HQ's consumers in the shared subscription. */
  consumers: number;
  ledger: 'memory' | 'file';
  log: (line: string) => void;
}

export interface ChainRunResult {
  options: Omit<ChainRunOptions, 'log'>;
  verdict: ChainVerdict;
  /** Commit → HQ stored it, ms (sorted). */
  e2e: number[];
  /** Commit → the store saw HQ's acknowledgement, ms (sorted). */
  ackRoundTrip: number[];
  committedPerSecond: number;
  hqAcksPerSecond: number;
  hqEventsPerSecond: number;
  perConsumer: number[];
  duplicatesAtHq: number;
  parkedArrivalsAtHq: number;
  resendsAsked: number;
  disconnects: number;
  scheduleLagP99Ms: number;
  workerLoopUtilization: number[];
  benchRssPeakMb: number;
  brokerRssPeakMb: number;
  benchCpuPercent: number;
  brokerCpuPercent: number;
  loadAverageAtStart: number;
  connectSeconds: number;
}

const chain = 'bench-chain';
const mb = (bytes: number) => bytes / 1024 / 1024;

/** N stores, each a real outbox sender, into one Mosquitto; HQ consumes with a shared subscription. */
export async function runChain(options: ChainRunOptions): Promise<ChainRunResult> {
  const { stores, rate, durationS, warmupS, workers, consumers, ledger, log } = options;
  const needed = stores + consumers + 100;
  if (openFileLimit() < needed) {
    throw new Error(`${stores} store connections need about ${needed} open files, but ulimit -n is ${openFileLimit()}: raise it (ulimit -n ${needed * 2}) and run again`);
  }
  const ledgerDir = ledger === 'file' ? mkdtempSync(join(tmpdir(), 'mostrador-chain-')) : null;
  const loadAverageAtStart = loadavg()[0]!;
  const broker = await startChainBroker();
  const fleets: StoreFleet[] = [];
  let hq: Awaited<ReturnType<typeof startChainHq>> | null = null;
  try {
    hq = await startChainHq({ url: broker.url, chain, consumers });
    const connectStart = Date.now();
    const ids = Array.from({ length: stores }, (_, i) => ({ id: `store-${String(i + 1).padStart(4, '0')}`, index: i }));
    for (let w = 0; w < workers; w++) {
      const share = ids.filter((s) => s.index % workers === w);
      if (share.length > 0) fleets.push(startStoreFleet({ url: broker.url, chain, stores: share, totalStores: stores, rate, ledgerDir }));
    }
    await Promise.all(fleets.map((f) => f.ready()));
    const connectSeconds = (Date.now() - connectStart) / 1000;
    log(`${stores} stores connected in ${connectSeconds.toFixed(1)} s over ${fleets.length} worker(s); ${consumers} HQ consumer(s); load average ${loadAverageAtStart.toFixed(2)}`);

    const startAt = Date.now() + 200;
    const measureFrom = startAt + warmupS * 1000;
    const measureTo = measureFrom + durationS * 1000;
    hq.measure(measureFrom, measureTo);
    let benchRssPeak = 0;
    let brokerRssPeak = 0;
    const cpuSample = () => ({ bench: process.cpuUsage(), broker: broker.pid ? cpuSecondsOf(broker.pid) : 0 });
    let cpuAtFrom: ReturnType<typeof cpuSample> | null = null;
    let cpuAtTo: ReturnType<typeof cpuSample> | null = null;
    const cpuTimers = [
      setTimeout(() => (cpuAtFrom = cpuSample()), measureFrom - Date.now()),
      setTimeout(() => (cpuAtTo = cpuSample()), measureTo - Date.now()),
    ];
    const sampler = setInterval(() => {
      benchRssPeak = Math.max(benchRssPeak, process.memoryUsage.rss());
      if (broker.pid) brokerRssPeak = Math.max(brokerRssPeak, rssOf(broker.pid));
    }, 250);
    const reports: FleetReport[] = await Promise.all(
      fleets.map((f) => f.run({ type: 'run', startAt, measureFrom, measureTo, settleTimeoutMs: 30_000 })),
    );
    clearInterval(sampler);
    cpuTimers.forEach(clearTimeout);
    const from = cpuAtFrom as ReturnType<typeof cpuSample> | null;
    const to = cpuAtTo as ReturnType<typeof cpuSample> | null;
    const cpuPercent = (seconds: number) => (100 * seconds) / durationS;
    const benchCpuPercent = from && to ? cpuPercent((to.bench.user + to.bench.system - from.bench.user - from.bench.system) / 1e6) : NaN;
    const brokerCpuPercent = from && to ? cpuPercent(to.broker - from.broker) : NaN;

    const heard = hq.result();
    const verdict = judgeChain(
      reports.flatMap((r) => r.truths),
      heard.stores,
    );
    const sum = (pick: (r: FleetReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
    const result: ChainRunResult = {
      options: { stores, rate, durationS, warmupS, workers, consumers, ledger },
      verdict,
      e2e: [...heard.latencies].sort((a, b) => a - b),
      ackRoundTrip: reports.flatMap((r) => r.ackLatencies).sort((a, b) => a - b),
      committedPerSecond: sum((r) => r.committed) / (warmupS + durationS),
      hqAcksPerSecond: heard.acksInWindow / durationS,
      hqEventsPerSecond: heard.eventsInWindow / durationS,
      perConsumer: heard.perConsumer,
      duplicatesAtHq: heard.stores.reduce((n, s) => n + s.duplicates, 0),
      parkedArrivalsAtHq: heard.stores.reduce((n, s) => n + s.parkedArrivals, 0),
      resendsAsked: heard.stores.reduce((n, s) => n + s.resendsAsked, 0),
      disconnects: sum((r) => r.counters.disconnects),
      scheduleLagP99Ms: Math.max(...reports.map((r) => r.scheduleLagP99Ms)),
      workerLoopUtilization: reports.map((r) => r.eventLoopUtilization),
      benchRssPeakMb: mb(benchRssPeak),
      brokerRssPeakMb: mb(brokerRssPeak),
      benchCpuPercent,
      brokerCpuPercent,
      loadAverageAtStart,
      connectSeconds,
    };
    log(
      `committed ${sum((r) => r.committed)} movements; e2e p50 ${percentile(result.e2e, 50)} ms, p99 ${percentile(result.e2e, 99)} ms, max ${result.e2e.at(-1)} ms; ` +
        `ack round trip p99 ${percentile(result.ackRoundTrip, 99).toFixed(1)} ms; HQ acks ${result.hqAcksPerSecond.toFixed(0)}/s; ` +
        `consumers took ${result.perConsumer.join(' / ')} messages; duplicates ${result.duplicatesAtHq}, parked arrivals ${result.parkedArrivalsAtHq}, resends ${result.resendsAsked}, disconnects ${result.disconnects}; ` +
        `schedule lag p99 ${result.scheduleLagP99Ms} ms; worker loops ${result.workerLoopUtilization.map((u) => `${(u * 100).toFixed(0)}%`).join(' / ')}; ` +
        `CPU bench ${benchCpuPercent.toFixed(0)}%, mosquitto ${brokerCpuPercent.toFixed(0)}%; RSS bench ${result.benchRssPeakMb.toFixed(0)} MB, mosquitto ${result.brokerRssPeakMb.toFixed(0)} MB; ` +
        `verdict ${verdict.ok ? 'ok' : JSON.stringify({ lost: verdict.lost.length, doubled: verdict.doubled.length, reordered: verdict.reordered.length, unacknowledged: verdict.unacknowledged.length, unknown: verdict.unknownAtHq.length })}`,
    );
    return result;
  } finally {
    await Promise.all(fleets.map((f) => f.close().catch(() => undefined)));
    await hq?.stop();
    await broker.dispose();
    if (ledgerDir) rmSync(ledgerDir, { recursive: true, force: true });
  }
}
