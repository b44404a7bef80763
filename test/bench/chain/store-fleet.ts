import { Worker } from 'node:worker_threads';
import type { StoreTruth } from './chain-verdict';
import type { SimulatedStoreCounters } from './simulated-store';

export interface FleetSetup {
  url: string;
  chain: string;
  /** This worker's stores, with their index in the whole chain (which sets their phase). */
  stores: { id: string; index: number }[];
  totalStores: number;
  /** Movements per second per store. */
  rate: number;
  /** A folder for one ledger file per store, or null for in-memory ledgers. */
  ledgerDir: string | null;
}

export type FleetCommand =
  | { type: 'run'; startAt: number; measureFrom: number; measureTo: number; settleTimeoutMs: number }
  | { type: 'close' };

export interface FleetReport {
  type: 'report';
  committed: number;
  /** Every store saw HQ acknowledge everything it committed before the timeout. */
  settled: boolean;
  /** How late movements were committed against their schedule: the simulator's own lag. */
  scheduleLagP99Ms: number;
  scheduleLagMaxMs: number;
  eventLoopUtilization: number;
  /** Commit → the store saw HQ's acknowledgement, for movements committed in the measured window. */
  ackLatencies: number[];
  counters: SimulatedStoreCounters;
  truths: StoreTruth[];
}

type FleetMessage = { type: 'ready' } | { type: 'closed' } | { type: 'failed'; message: string } | FleetReport;

// Worker threads do not inherit tsx's loader: register it in the worker before loading the TypeScript entry.
const workerEntry = new URL('./store-fleet-worker.ts', import.meta.url).href;
const tsxApi = import.meta.resolve('tsx/esm/api');
const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerEntry)}); })`;

/** A worker thread running a share of the chain's stores. */
export function startStoreFleet(setup: FleetSetup) {
  const worker = new Worker(bootstrap, { eval: true, workerData: setup });
  const next = (type: FleetMessage['type']) =>
    new Promise<FleetMessage>((done, failed) => {
      const onMessage = (message: FleetMessage) => {
        if (message.type !== type && message.type !== 'failed') return;
        cleanup();
        if (message.type === 'failed') failed(new Error(`store fleet: ${message.message}`));
        else done(message);
      };
      const onError = (error: Error) => (cleanup(), failed(error));
      const onExit = (code: number) => (cleanup(), failed(new Error(`store fleet exited with ${code}`)));
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  const ready = next('ready');
  return {
    ready: () => ready.then(() => undefined),
    async run(command: Extract<FleetCommand, { type: 'run' }>): Promise<FleetReport> {
      const report = next('report');
      worker.postMessage(command);
      return (await report) as FleetReport;
    },
    async close(): Promise<void> {
      const closed = next('closed').catch(() => undefined);
      worker.postMessage({ type: 'close' } satisfies FleetCommand);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
export type StoreFleet = ReturnType<typeof startStoreFleet>;
