// `npm run hq -- --broker URL [--chain C] [--store S --order-every SECONDS --price-every SECONDS]`
import { parseArgs } from 'node:util';
import { createConsoleLog } from '../kernel/console-log';
import { demoSku } from '../demo/demo-catalog';
import { createHqSimulator } from './hq-simulator';
import { startScenario } from './scenario';

const { values } = parseArgs({
  options: {
    broker: { type: 'string' },
    chain: { type: 'string', default: 'demo-chain' },
    store: { type: 'string' },
    'order-every': { type: 'string', default: '0' },
    'price-every': { type: 'string', default: '0' },
    username: { type: 'string' },
  },
});
if (!values.broker) {
  console.error('Usage: npm run hq -- --broker mqtt://127.0.0.1:1883 [--chain demo-chain] [--store demo-store --order-every 30]');
  process.exit(2);
}
const log = createConsoleLog();
const hq = createHqSimulator({
  url: values.broker,
  chain: values.chain,
  log,
  ...(values.username ? { username: values.username, password: process.env.MOSTRADOR_HQ_PASSWORD ?? '' } : {}),
});
await hq.start();
console.log(`HQ simulator on ${values.broker}, chain ${values.chain}`);
hq.events.on('store', (store: string) => console.log(`store ${store} seen`));
const stops: (() => void)[] = [];
if (values.store) {
  stops.push(
    startScenario(hq, {
      store: values.store,
      skus: Array.from({ length: 200 }, (_, i) => demoSku(i + 1)),
      orderEveryMs: Number(values['order-every']) * 1000,
      priceChangeEveryMs: Number(values['price-every']) * 1000,
      cancelEvery: 5,
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
