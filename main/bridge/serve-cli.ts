// `npm run serve`: the console in any browser on 127.0.0.1, no Electron needed.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig } from '../core/config';
import { openStoreCore } from '../core/store-core';
import { createConsoleLog } from '../core/console-log';
import { startBridge } from './bridge-server';

const log = createConsoleLog();
const userDataDir = process.env.MOSTRADOR_DATA_DIR ?? join(process.cwd(), '.data');
mkdirSync(userDataDir, { recursive: true });
const config = resolveConfig({ userDataDir, env: process.env });
const core = await openStoreCore(config, log);
const port = Number(process.env.MOSTRADOR_PORT ?? 4780);
const bridge = await startBridge({ api: core.api, staticDir: resolve('out/renderer'), port, log });

console.log(`Mostrador ${config.demo ? '(demo store) ' : ''}store ${config.store}, station ${config.station}`);
console.log(`Ledger: ${config.dbPath}`);
console.log(`Open the console: ${bridge.url}`);

const stop = async () => {
  await bridge.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
