// `npm run serve`: the console in any browser on 127.0.0.1, no Electron needed.
import { join, resolve } from 'node:path';
import { ConfigError } from '../setup/store-config';
import { policyPath, readPolicy } from '../setup/policy-file';
import { createConsoleLog } from '../kernel/console-log';
import { LedgerDamagedError, LedgerLostError, LedgerMismatchError, LedgerTooNewError } from '../kernel/errors';
import { makePrivateFolder } from '../kernel/db/open-ledger';
import { startRuntimeHost } from '../runtime-host';
import { readStationCredential } from '../stations/station-credential';
import { startStoreHostLink } from '../stations/store-host-link';
import { startBridge } from './bridge-server';
import { loadOrCreateBridgeToken } from './bridge-token';

const log = createConsoleLog();
const userDataDir = process.env.MOSTRADOR_DATA_DIR ?? join(process.cwd(), '.data');
makePrivateFolder(userDataDir);
const port = Number(process.env.MOSTRADOR_PORT ?? 4780);
const staticDir = resolve('out/renderer');

// Plain Node has no OS keychain: a password the first-run wizard is given goes to a 0600 file.
let host: Awaited<ReturnType<typeof startRuntimeHost>>;
try {
  host = await startRuntimeHost({ userDataDir, env: process.env, log });
} catch (error) {
  // A store that cannot open says why in one sentence (which file, what to do), not with a stack.
  const known = error instanceof LedgerDamagedError || error instanceof LedgerLostError || error instanceof LedgerMismatchError || error instanceof LedgerTooNewError || error instanceof ConfigError;
  log({ level: 'fatal', msg: 'the store did not start', err: known ? error.message : String((error as Error)?.stack ?? error) });
  console.error(`Mostrador did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const runtime = host.current();
const { config } = runtime.core;
// A station paired with the store's host (the wizard's "join a store", or `npm run pair`) runs no ledger of the store's and no HQ link.
const paired = readStationCredential(userDataDir);
// One token per data folder: a tab left open across a restart reconnects by itself.
const bridge = await startBridge({ api: host.api, staticDir, port, token: loadOrCreateBridgeToken(userDataDir), log });
// The store's host: other stations of the store pair with it over the LAN (docs/deploy.md).
const stationLink = await startStoreHostLink({
  api: host.api,
  stations: () => host.current().core.services.stations,
  userDataDir,
  env: process.env,
  policy: readPolicy(policyPath(process.platform, process.env))?.policy ?? null,
  store: config.store,
  demo: config.demo,
  log,
});

if (paired) {
  console.log(`Mostrador station ${paired.station}, paired with the host ${paired.host}`);
} else {
  console.log(`Mostrador ${config.demo ? '(demo store) ' : ''}store ${config.store}, station ${config.station}`);
  console.log(`Ledger: ${config.dbPath}`);
  console.log(`HQ: ${runtime.sync ? runtime.sync.link.status().broker : 'not configured (offline)'}${runtime.demoHq ? ' — embedded demo HQ' : ''}`);
}
if (stationLink) console.log(`Store host: stations pair with wss://<this computer>:${stationLink.port}`);
console.log(`Open the console: ${bridge.url}`);

const stop = async () => {
  await bridge.close();
  await stationLink?.close();
  await host.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
