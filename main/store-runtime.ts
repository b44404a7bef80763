import { resolveConfig } from './setup/store-config';
import { composeStore, type CoreLog, type Store, type StoreOptions } from './compose-store';
import { customerPhoneOf } from './demo/customer-phone';
import { startDemoHq, type DemoHq } from './demo/demo-hq';
import type { HqSimulator } from './hq-simulator/hq-simulator';
import { hqConfigured, resolveHqConfig } from './sync/hq-config';
import type { StoreSync } from './sync/store-sync';
import { listHidPosScanners, listSerialPorts, openHidDevice } from './devices/system-device-listers';
import type { SecretCipher } from './secrets/secret-store';
import { loadOrCreatePinPepper } from './staff/pin-pepper';
import { ledgerId, makePrivateFolder } from './kernel/db/open-ledger';
import { readLocalConfig, writeLocalConfig } from './setup/provision-store';
import type { TillEndpoint } from './tills/till-endpoint';
import { demoTillId, startDemoTill } from './demo/demo-till';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectToHost, pairWithHost, PairingRefused } from './stations/host-link-client';
import { StoreError } from './kernel/errors';
import { renderDocument } from './printing/order-documents';
import type { PairStation } from './setup/setup-port';
import { pairedStationApi } from './stations/paired-station-api';
import { readStationCredential, writeStationCredential, type StationCredential } from './stations/station-credential';

export interface StoreRuntime {
  core: Store;
  sync: StoreSync | null;
  /** The embedded demo HQ, when the demo store runs with no broker configured. */
  demoHq: HqSimulator | null;
  /** Where the tills post receipts, when MOSTRADOR_TILL_PORT is set (or in the demo store). */
  tills: TillEndpoint | null;
  stop(): Promise<void>;
}

export interface StoreRuntimeOptions {
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  log: CoreLog;
  /** The OS keychain (Electron's safeStorage); absent under plain Node, where secrets go to 0600 files. */
  cipher?: SecretCipher | null;
  /** The host restarts the runtime on a new configuration (after the first-run wizard); absent: it cannot. */
  requestRestart?: (store: string) => void;
}

/**
 * Everything a console process runs, Electron or not: the store with its
 * devices, printers, shelves and HQ link, composed once. The demo store with
 * no broker configured gets an in-process broker and HQ simulator
 * (main/demo/demo-hq.ts) and simulated devices.
 */
export async function startStoreRuntime({ userDataDir, env, log, cipher = null, requestRestart }: StoreRuntimeOptions): Promise<StoreRuntime> {
  makePrivateFolder(userDataDir);
  const config = resolveConfig({ userDataDir, env });
  // Paired with the store's host (the wizard's "join a store", or `npm run pair`): no ledger of the store's, no HQ link.
  const credential = readStationCredential(userDataDir, cipher);
  if (credential) return startPairedStationRuntime({ credential, config, userDataDir, env, log, cipher });
  const hqConfig = hqConfigured(env, config.policy, config.local);
  const demoHq: DemoHq | null = !hqConfig && config.demo
    ? await startDemoHq({ userDataDir, store: config.store, station: config.station, orderEveryMs: Number(env.MOSTRADOR_DEMO_ORDER_EVERY_MS ?? 90_000), log })
    : null;
  const localBrokerUrl: string | null = env.MOSTRADOR_SHELF_MQTT_URL ?? demoHq?.brokerUrl ?? null;
  const link = hqConfig
    ? (readSecret: (name: string) => string | null) => resolveHqConfig(env, config.store, config.station, config.policy, config.local, readSecret)!
    : (demoHq?.link ?? null);
  if (!link) log({ level: 'warn', msg: 'no HQ broker configured (MOSTRADOR_HQ_URL): the store works offline' });
  let core: Store;
  try {
    const tillEndpoint = tillEndpointOptions(env, config.demo);
    core = await composeStore(config, {
      log,
      cipher,
      pinPepper: loadOrCreatePinPepper(userDataDir, cipher, log),
      adminCode: config.demo ? null : config.adminCode,
      paperLanguage: config.policy?.locale ?? 'es',
      devices: { listSerial: listSerialPorts, listHid: listHidPosScanners, openHid: openHidDevice, serialScanners: config.policy?.devices?.serialScanners ?? [] },
      printing: true,
      // How long a shelf may disagree with the ledger before a spot count opens (MOSTRADOR_SHELF_DISCREPANCY_SECONDS, default 30 min).
      shelves: { mqttUrl: localBrokerUrl, ...(env.MOSTRADOR_SHELF_DISCREPANCY_SECONDS ? { discrepancyAfterMs: Number(env.MOSTRADOR_SHELF_DISCREPANCY_SECONDS) * 1000 } : {}) },
      ...(config.demo ? { demoHardware: { mqttUrl: localBrokerUrl } } : {}),
      ...(demoHq ? { demoCustomer: customerPhoneOf(demoHq.simulator, config.store) } : {}),
      ...(link ? { hq: { link } } : {}),
      // A store linked to HQ sends it the KPIs of each store day once the day is over.
      kpiDigest: link !== null && !config.demo,
      // Ready orders nobody collected within the window free their stock (MOSTRADOR_COLLECTION_DAYS, default 7).
      collectionDays: config.policy?.collectionDays ?? Number(env.MOSTRADOR_COLLECTION_DAYS ?? 7),
      setup: { userDataDir, env, config, cipher, requestRestart, pairStation: pairStationInto(userDataDir, cipher) },
      diagnostics: { userDataDir, env, resolvedConfig: config },
      ...(tillEndpoint ? { tillEndpoint } : {}),
    });
  } catch (error) {
    await demoHq?.stop();
    throw error;
  }
  if (!config.demo && !config.local.ledgerId) recordLedgerId(userDataDir, core, log);
  const tills = core.tillEndpoint;
  let demoTill: { stop(): void } | null = null;
  try {
    const demoTillEveryMs = Number(env.MOSTRADOR_DEMO_TILL_EVERY_MS ?? 20_000);
    if (config.demo && tills && demoTillEveryMs > 0) {
      // The demo till uses the real interface: a fresh token each start, over HTTP.
      const { token } = core.services.tills.credentials.issue(demoTillId, 'system');
      demoTill = startDemoTill({ url: tills.url, token, everyMs: demoTillEveryMs, log });
    }
  } catch (error) {
    await core.close();
    await demoHq?.stop();
    throw error;
  }
  return {
    core,
    sync: core.sync,
    demoHq: demoHq?.simulator ?? null,
    tills,
    async stop() {
      demoTill?.stop();
      await core.close();
      await demoHq?.stop();
    },
  };
}

/** From now on this store's ledger going missing or empty is refused as a loss, not taken for a first start. */
function recordLedgerId(userDataDir: string, core: Store, log: CoreLog): void {
  const id = ledgerId(core.services.db);
  if (id === null) return;
  writeLocalConfig(userDataDir, { ...readLocalConfig(userDataDir), ledgerId: id });
  log({ level: 'info', msg: 'ledger id recorded in config.json', ledgerId: id, file: core.config.dbPath });
}

/**
 * Where the till endpoint listens: MOSTRADOR_TILL_PORT (0: any free port),
 * on MOSTRADOR_TILL_HOST (every interface by default: the tills are on the
 * store's LAN), with TLS when MOSTRADOR_TILL_TLS_CERT and _KEY name PEM files.
 * The demo store always runs it, on loopback, for its simulated till.
 */
function tillEndpointOptions(env: NodeJS.ProcessEnv, demo: boolean): StoreOptions['tillEndpoint'] | null {
  const configured = env.MOSTRADOR_TILL_PORT !== undefined && env.MOSTRADOR_TILL_PORT !== '';
  if (!configured && !demo) return null;
  const port = configured ? Number(env.MOSTRADOR_TILL_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`MOSTRADOR_TILL_PORT="${env.MOSTRADOR_TILL_PORT}" is not a port number`);
  const certFile = env.MOSTRADOR_TILL_TLS_CERT;
  const keyFile = env.MOSTRADOR_TILL_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('MOSTRADOR_TILL_TLS_CERT and MOSTRADOR_TILL_TLS_KEY go together');
  return {
    host: env.MOSTRADOR_TILL_HOST || (configured ? '0.0.0.0' : '127.0.0.1'),
    port,
    tls: certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : null,
  };
}

/** A paired station's own sign-in mirror never times out by itself: the host's seat does, and says so. */
const mirroredSeatNeverIdleMs = 365 * 86_400_000;

/**
 * A station paired with the store's host. The store's ledger and HQ link are
 * the host's: every call goes there, but for this station's own scanners and
 * printers (main/stations/station-events.ts, runsOnPairedStation). Those run
 * on a local store whose ledger (station.sqlite) holds only this station's
 * device and printer settings and its print queue, never stock.
 */
async function startPairedStationRuntime({
  credential,
  config,
  userDataDir,
  env,
  log,
  cipher,
}: {
  credential: StationCredential;
  config: ReturnType<typeof resolveConfig>;
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  log: CoreLog;
  cipher: SecretCipher | null;
}): Promise<StoreRuntime> {
  const link = connectToHost({ credential, log });
  // The store's id, for this station's own printouts: the host's word when it answers soon, else what config says.
  const hostStore = await Promise.race([
    link.whenOnline().then(() => link.api.call({ name: 'session.current', input: {} })),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000).unref()),
  ]);
  const store = hostStore?.ok ? (hostStore.value as { store: string }).store : config.store;
  let local: Store;
  try {
    local = await composeStore(
      { dbPath: join(userDataDir, 'station.sqlite'), store, station: credential.station, demo: false, idleSignOutMs: mirroredSeatNeverIdleMs },
      {
        log,
        cipher,
        paperLanguage: config.policy?.locale ?? 'es',
        devices: { listSerial: listSerialPorts, listHid: listHidPosScanners, openHid: openHidDevice, serialScanners: config.policy?.devices?.serialScanners ?? [] },
        printing: true,
        diagnostics: { userDataDir, env, resolvedConfig: config },
      },
    );
  } catch (error) {
    await link.close();
    throw error;
  }
  const printing = local.services.printing;
  const api = pairedStationApi({
    link,
    local: local.api,
    seat: local.services.session,
    printDocument: ({ kind, document, requestedBy }) => {
      try {
        printing.print('counter', kind, renderDocument(document), requestedBy);
      } catch (error) {
        log({ level: 'error', msg: 'could not queue a document the host sent for this station', kind, err: String(error) });
      }
    },
  });
  log({ level: 'info', msg: 'paired station: the store is the host\'s, the devices are this station\'s', station: credential.station, host: credential.host });
  return {
    core: {
      ...local,
      config: { ...local.config },
      api,
      events: { subscribe: (listener) => api.subscribe(listener) },
    },
    sync: null,
    demoHq: null,
    tills: null,
    async stop() {
      await link.close();
      await local.close();
    },
  };
}

/** The wizard's "join a store": pairs with the host and keeps the credential where startStoreRuntime looks for it. */
function pairStationInto(userDataDir: string, cipher: SecretCipher | null): PairStation {
  return async ({ host, station, onCode }) => {
    try {
      const credential = await pairWithHost({ hostUrl: host, station, onCode: (code, fingerprint256, expiresAt) => onCode({ code, fingerprint256, expiresAt }) });
      writeStationCredential(userDataDir, credential, cipher);
    } catch (error) {
      if (error instanceof PairingRefused) throw new StoreError(error.code as ConstructorParameters<typeof StoreError>[0], error.message);
      throw error;
    }
  };
}
