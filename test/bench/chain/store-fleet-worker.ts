// A share of the chain's stores in one worker thread: connects them, commits movements on a fixed
// schedule, waits until HQ has acknowledged everything, and reports each store's own account.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { percentile } from '../bench-report';
import { createSimulatedStore, type SimulatedStoreCounters } from './simulated-store';
import type { FleetCommand, FleetReport, FleetSetup } from './store-fleet';

const setup = workerData as FleetSetup;
const port = parentPort!;
const counters: SimulatedStoreCounters = { disconnects: 0, resendsReceived: 0, resyncsReceived: 0, malformedControl: 0 };
let window = { from: 0, to: 0 };
const ackLatencies: number[] = [];
const epochOf = (threadMs: number) => performance.timeOrigin + threadMs;

const stores = setup.stores.map(({ id }) =>
  createSimulatedStore({
    url: setup.url,
    chain: setup.chain,
    store: id,
    ledgerPath: setup.ledgerDir ? join(setup.ledgerDir, `${id}.sqlite`) : ':memory:',
    counters,
    onAckLatency: (ms, committedAt) => {
      const at = epochOf(committedAt);
      if (at >= window.from && at < window.to) ackLatencies.push(ms);
    },
  }),
);

async function connectAll() {
  // In waves, as a chain's stores come up over minutes rather than in one instant.
  for (let i = 0; i < stores.length; i += 50) await Promise.all(stores.slice(i, i + 50).map((s) => s.connect()));
}

/** Each store commits every `period` ms, at its own phase, so the chain's load is even over time. */
function produce(startAt: number, endAt: number): Promise<{ committed: number; lags: number[] }> {
  const period = 1000 / setup.rate;
  const schedule = setup.stores.map((s, i) => ({ index: i, phase: (s.index / setup.totalStores) * period })).sort((a, b) => a.phase - b.phase);
  let round = 0;
  let at = 0; // position in the schedule
  let committed = 0;
  const lags: number[] = [];
  const due = () => startAt + round * period + schedule[at]!.phase;
  return new Promise((done) => {
    const tick = () => {
      const now = Date.now();
      while (due() <= now) {
        if (due() >= endAt) return done({ committed, lags });
        lags.push(now - due());
        stores[schedule[at]!.index]!.commitMovement();
        committed++;
        if (++at === schedule.length) {
          at = 0;
          round++;
        }
      }
      if (due() >= endAt) return done({ committed, lags });
      setTimeout(tick, Math.max(0, due() - Date.now()));
    };
    setTimeout(tick, Math.max(0, due() - Date.now()));
  });
}

async function settle(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!stores.every((s) => s.settled())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

port.on('message', (command: FleetCommand) => {
  void (async () => {
    if (command.type === 'run') {
      window = { from: command.measureFrom, to: command.measureTo };
      const eluBefore = performance.eventLoopUtilization();
      const { committed, lags } = await produce(command.startAt, command.measureTo);
      const elu = performance.eventLoopUtilization(eluBefore).utilization;
      const settled = await settle(command.settleTimeoutMs);
      lags.sort((a, b) => a - b);
      const report: FleetReport = {
        type: 'report',
        committed,
        settled,
        scheduleLagP99Ms: percentile(lags, 99),
        scheduleLagMaxMs: lags.at(-1) ?? 0,
        eventLoopUtilization: elu,
        ackLatencies,
        counters,
        truths: stores.map((s) => s.truth()),
      };
      port.postMessage(report);
    } else if (command.type === 'close') {
      await Promise.all(stores.map((s) => s.close()));
      port.postMessage({ type: 'closed' });
    }
  })().catch((error: unknown) => port.postMessage({ type: 'failed', message: String((error as Error)?.stack ?? error) }));
});

connectAll().then(
  () => port.postMessage({ type: 'ready' }),
  (error: unknown) => port.postMessage({ type: 'failed', message: `connecting stores: ${String((error as Error)?.message ?? error)}` }),
);
