// `npm run hq -- --broker URL [--chain C] [--store S]… [--products N] [--order-every SECONDS --price-every SECONDS] [--asn N]`
import { parseArgs } from 'node:util';
import { createConsoleLog } from '../kernel/console-log';
import { demoSku } from '../demo/demo-catalog';
import { createHqSimulator } from './hq-simulator';
import { demoOpening } from './demo-opening';
import { demoAsn } from './demo-asn';
import { startScenario } from './scenario';

const { values } = parseArgs({
  options: {
    broker: { type: 'string' },
    chain: { type: 'string', default: 'demo-chain' },
    store: { type: 'string', multiple: true },
    products: { type: 'string', default: '200' },
    'order-every': { type: 'string', default: '0' },
    'price-every': { type: 'string', default: '0' },
    username: { type: 'string' },
    // Expected deliveries (ASNs) sent to each store once it is ready.
    asn: { type: 'string', default: '0' },
  },
});
const productCount = Number(values.products);
const asnCount = Number(values.asn);
if (!values.broker || !Number.isSafeInteger(productCount) || productCount < 1 || productCount > 100_000 || !Number.isSafeInteger(asnCount) || asnCount < 0 || asnCount > 1000) {
  console.error('Usage: npm run hq -- --broker mqtt://127.0.0.1:1883 [--chain demo-chain] [--store store-12 …] [--products 200] [--order-every 30] [--asn 2]');
  process.exit(2);
}
const log = createConsoleLog();
const served = values.store ?? [];
const hq = createHqSimulator({
  url: values.broker,
  chain: values.chain,
  log,
  // A store from zero that comes online gets the demo catalog and its opening stock (a store
  // named with --store; with none named, any store of the chain).
  openingFor: (store) => (served.length === 0 || served.includes(store) ? demoOpening(productCount, store) : null),
  ...(values.username ? { username: values.username, password: process.env.MOSTRADOR_HQ_PASSWORD ?? '' } : {}),
});
await hq.start();
console.log(`HQ simulator on ${values.broker}, chain ${values.chain}, ${productCount} products`);
hq.events.on('store', (store: string) => console.log(`store ${store} seen`));
const asnsSent = new Set<string>();
hq.events.on('ready', (store: string) => {
  console.log(`store ${store} ready`);
  // Once per store and run: the store keeps an ASN it already has, so a repeat would change nothing anyway.
  if (asnCount === 0 || asnsSent.has(store)) return;
  asnsSent.add(store);
  for (let n = 1; n <= asnCount; n++) hq.sendAsn(store, demoAsn(n, productCount));
  console.log(`sent ${asnCount} expected deliveries to ${store}`);
});
hq.events.on('receipt-closed', (store: string, receipt: { receiptId: string; asnId: string | null }) => console.log(`store ${store} closed receipt ${receipt.receiptId} (${receipt.asnId ?? 'no ASN'})`));
const stops: (() => void)[] = [];
for (const store of served) {
  stops.push(
    startScenario(hq, {
      store,
      skus: Array.from({ length: productCount }, (_, i) => demoSku(i + 1)),
      orderEveryMs: Number(values['order-every']) * 1000,
      priceChangeEveryMs: Number(values['price-every']) * 1000,
      cancelEvery: 5,
      log,
    }),
  );
}
const stop = async () => {
  stops.forEach((s) => s());
  await hq.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
