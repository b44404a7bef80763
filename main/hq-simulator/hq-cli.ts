// `npm run hq -- --broker URL [--chain C] [--store S]… [--products N] [--order-every SECONDS --price-every SECONDS]`
import { parseArgs } from 'node:util';
import { createConsoleLog } from '../kernel/console-log';
import { demoSku } from '../demo/demo-catalog';
import { createHqSimulator } from './hq-simulator';
import { demoOpening } from './demo-opening';
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
  },
});
const productCount = Number(values.products);
if (!values.broker || !Number.isSafeInteger(productCount) || productCount < 1 || productCount > 100_000) {
  console.error('Usage: npm run hq -- --broker mqtt://127.0.0.1:1883 [--chain demo-chain] [--store store-12 …] [--products 200] [--order-every 30]');
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
hq.events.on('ready', (store: string) => console.log(`store ${store} ready`));
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
