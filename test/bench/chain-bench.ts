import { parseArgs } from 'node:util';
import { percentile, lowerIsBetter, higherIsBetter, type Benchmark, type BenchRow } from './bench-report';
import { runChain } from './chain/run-chain';

/** `npm run bench -- chain --stores=1000 --rate=1 --duration=60 --workers=2 --consumers=2 --ledger=memory` */
export const chainFlags = {
  stores: { type: 'string' },
  rate: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  workers: { type: 'string' },
  consumers: { type: 'string' },
  ledger: { type: 'string' },
} as const;

function chainOptions(quick: boolean) {
  const { values } = parseArgs({ options: chainFlags, strict: false, allowPositionals: true });
  const number = (name: keyof typeof chainFlags, fallback: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, not "${String(raw)}"`);
    return parsed;
  };
  const ledger = values.ledger ?? 'memory';
  if (ledger !== 'memory' && ledger !== 'file') throw new Error(`--ledger must be "memory" or "file", not "${String(ledger)}"`);
  return {
    stores: Math.round(number('stores', quick ? 100 : 1000)),
    rate: number('rate', 1),
    durationS: number('duration', quick ? 10 : 60),
    warmupS: number('warmup', 5),
    workers: Math.round(number('workers', 2)),
    consumers: Math.round(number('consumers', 2)),
    ledger: ledger as 'memory' | 'file',
  };
}

export const chainBenchmark: Benchmark = {
  group: 'chain',
  async run({ quick, log }) {
    const options = chainOptions(quick);
    const r = await runChain({ ...options, log });
    const scale = `${options.stores} stores × ${options.rate}/s for ${options.durationS} s`;
    const offered = options.stores * options.rate;
    const goal = 'goal';
    const rows: BenchRow[] = [];
    const p99 = percentile(r.e2e, 99);
    rows.push({ name: 'chain.e2e.p99', value: p99, unit: 'ms', baseline: `${goal}, ${scale}`, baseline_value: 1000, ratio: lowerIsBetter(Math.max(p99, 1), 1000), goal: 'p99 < 1 s at 1,000 stores × 1/s' });
    rows.push({ name: 'chain.e2e.p50', value: percentile(r.e2e, 50), unit: 'ms', baseline: 'commit → HQ stored', baseline_value: null, ratio: null });
    rows.push({ name: 'chain.ack.p99', value: percentile(r.ackRoundTrip, 99), unit: 'ms', baseline: 'commit → store holds HQ ack', baseline_value: null, ratio: null });
    rows.push({ name: 'chain.hq_acks', value: r.hqAcksPerSecond, unit: 'acks/s', baseline: 'movements offered per second', baseline_value: offered, ratio: higherIsBetter(r.hqAcksPerSecond, offered) });
    rows.push({ name: 'chain.committed', value: r.committedPerSecond, unit: 'movements/s', baseline: 'offered', baseline_value: offered, ratio: higherIsBetter(r.committedPerSecond, offered) });
    const v = r.verdict;
    rows.push({ name: 'chain.lost', value: v.lost.reduce((n, s) => n + s.missing, 0), unit: 'events', baseline: `${goal} (of ${v.events})`, baseline_value: 0, ratio: null, goal: '0' });
    rows.push({ name: 'chain.doubled', value: v.doubled.reduce((n, s) => n + s.extra, 0) + v.reordered.length, unit: 'events', baseline: goal, baseline_value: 0, ratio: null, goal: '0' });
    rows.push({ name: 'chain.unacked_stores', value: v.unacknowledged.length, unit: 'stores', baseline: goal, baseline_value: 0, ratio: null, goal: '0' });
    rows.push({ name: 'chain.rss.bench', value: r.benchRssPeakMb, unit: 'MB', baseline: `peak, ${options.stores} stores + HQ in one process`, baseline_value: null, ratio: null });
    rows.push({ name: 'chain.rss.mosquitto', value: r.brokerRssPeakMb, unit: 'MB', baseline: 'peak', baseline_value: null, ratio: null });
    rows.push({ name: 'chain.cpu.bench', value: r.benchCpuPercent, unit: '% of a core', baseline: 'stores + HQ', baseline_value: null, ratio: null });
    rows.push({ name: 'chain.cpu.mosquitto', value: r.brokerCpuPercent, unit: '% of a core', baseline: 'broker', baseline_value: null, ratio: null });
    return rows;
  },
};
