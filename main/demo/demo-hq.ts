// The demo store with no broker configured gets an in-process broker and an HQ
// simulator that routes an order now and then, so the HQ link, the order queue
// and the Sync page have something real to show.
import { join } from 'node:path';
import { startEmbeddedBroker } from '../hq-simulator/embedded-broker';
import { createHqSimulator, type HqSimulator } from '../hq-simulator/hq-simulator';
import { startScenario } from '../hq-simulator/scenario';
import type { HqLinkConfig } from '../sync/hq-link';
import { demoProduct, demoSku } from './demo-catalog';

export interface DemoHq {
  simulator: HqSimulator;
  /** Where the store's HQ link (and the demo shelves) connect. */
  link: HqLinkConfig;
  brokerUrl: string;
  stop(): Promise<void>;
}

export async function startDemoHq({
  userDataDir,
  store,
  station,
  orderEveryMs,
  log,
}: {
  userDataDir: string;
  store: string;
  station: string;
  orderEveryMs: number;
  log: (entry: Record<string, unknown>) => void;
}): Promise<DemoHq> {
  const broker = await startEmbeddedBroker();
  // The demo HQ's numbering lives beside the ledger: a restart must not start it from 1 again.
  const simulator = createHqSimulator({ url: broker.url, chain: 'demo-chain', log, statePath: join(userDataDir, 'demo-hq.json') });
  try {
    await simulator.start();
  } catch (error) {
    await broker.close();
    throw error;
  }
  // The demo store seeds its own catalog; HQ prices its orders' lines from the same products.
  simulator.knowPrices(Array.from({ length: 300 }, (_, i) => demoProduct(i + 1).product));
  const stopScenario = startScenario(simulator, {
    store,
    skus: Array.from({ length: 300 }, (_, i) => demoSku(i + 1)),
    orderEveryMs,
    cancelEvery: 6,
  });
  log({ level: 'info', msg: 'demo store: embedded broker and HQ simulator', broker: broker.url });
  return {
    simulator,
    link: { url: broker.url, chain: 'demo-chain', store, station },
    brokerUrl: broker.url,
    async stop() {
      stopScenario();
      await simulator.stop();
      await broker.close();
    },
  };
}
