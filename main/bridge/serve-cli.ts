// `npm run serve`: the console in any browser on 127.0.0.1, no Electron needed.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConsoleLog } from '../core/console-log';
import { startStoreRuntime } from '../store-runtime';
import { startBridge } from './bridge-server';

const log = createConsoleLog();
const userDataDir = process.env.MOSTRADOR_DATA_DIR ?? join(process.cwd(), '.data');
mkdirSync(userDataDir, { recursive: true });
const runtime = await startStoreRuntime({ userDataDir, env: process.env, log });
const { config } = runtime.core;
const port = Number(process.env.MOSTRADOR_PORT ?? 4780);
const bridge = await startBridge({ api: runtime.core.api, staticDir: resolve('out/renderer'), port, log });

console.log(`Mostrador ${config.demo ? '(demo store) ' : ''}store ${config.store}, station ${config.station}`);
console.log(`Ledger: ${config.dbPath}`);
console.log(`HQ: ${runtime.sync ? runtime.sync.link.status().broker : 'not configured (offline)'}${runtime.demoHq ? ' — embedded demo HQ' : ''}`);
console.log(`Open the console: ${bridge.url}`);

const stop = async () => {
  await bridge.close();
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
