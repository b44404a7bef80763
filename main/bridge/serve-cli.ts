// `npm run serve`: the console in any browser on 127.0.0.1, no Electron needed.
import { join, resolve } from 'node:path';
import { ConfigError } from '../setup/store-config';
import { createConsoleLog } from '../kernel/console-log';
import { LedgerDamagedError, LedgerLostError, LedgerTooNewError } from '../kernel/errors';
import { makePrivateFolder } from '../kernel/db/open-ledger';
import { startRuntimeHost } from '../runtime-host';
import { startBridge } from './bridge-server';

const log = createConsoleLog();
const userDataDir = process.env.MOSTRADOR_DATA_DIR ?? join(process.cwd(), '.data');
makePrivateFolder(userDataDir);
// Plain Node has no OS keychain: a password the first-run wizard is given goes to a 0600 file.
let host: Awaited<ReturnType<typeof startRuntimeHost>>;
try {
  host = await startRuntimeHost({ userDataDir, env: process.env, log });
} catch (error) {
  // A store that cannot open says why in one sentence (which file, what to do), not with a stack.
  const known = error instanceof LedgerDamagedError || error instanceof LedgerLostError || error instanceof LedgerTooNewError || error instanceof ConfigError;
  log({ level: 'fatal', msg: 'the store did not start', err: known ? error.message : String((error as Error)?.stack ?? error) });
  console.error(`Mostrador did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const runtime = host.current();
const { config } = runtime.core;
const port = Number(process.env.MOSTRADOR_PORT ?? 4780);
const bridge = await startBridge({ api: host.api, staticDir: resolve('out/renderer'), port, log });

console.log(`Mostrador ${config.demo ? '(demo store) ' : ''}store ${config.store}, station ${config.station}`);
console.log(`Ledger: ${config.dbPath}`);
console.log(`HQ: ${runtime.sync ? runtime.sync.link.status().broker : 'not configured (offline)'}${runtime.demoHq ? ' — embedded demo HQ' : ''}`);
console.log(`Open the console: ${bridge.url}`);

const stop = async () => {
  await bridge.close();
  await host.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
