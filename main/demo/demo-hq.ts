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
  // Orders the chain sold and delivered home, for the Returns page to find (issue 16).
  for (const [i, customer] of ['Lucía Fernández', 'Javier Moreno'].entries()) {
    simulator.addSoldOrder({
      orderId: `WEB-${70001 + i}`,
      channel: 'home-delivery',
      store: null,
      customer: { name: customer, phone: `+34 600 000 00${i + 1}`, email: `cliente${i + 1}@example.com` },
      deliveredAt: new Date(Date.now() - (i + 2) * 86_400_000).toISOString(),
      payment: 'card-online',
      lines: [
        { lineId: 'l1', sku: demoSku(1 + i), name: `Demo ${demoSku(1 + i)}`, qty: 2, unitPriceCents: 1013, taxRateBp: 2100 },
        { lineId: 'l2', sku: demoSku(10 + i), name: `Demo ${demoSku(10 + i)}`, qty: 1, unitPriceCents: 3449, taxRateBp: 1000 },
      ],
    });
  }
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
