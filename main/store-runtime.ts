import { resolveConfig } from './setup/store-config';
import type { CoreLog } from './store-core';
import { openStoreCore, type StoreCore } from './store-core';
import { demoSku } from './demo/demo-catalog';
import { startEmbeddedBroker } from './hq-simulator/embedded-broker';
import { createHqSimulator, type HqSimulator } from './hq-simulator/hq-simulator';
import { startScenario } from './hq-simulator/scenario';
import { resolveHqConfig } from './sync/hq-config';
import { startStoreSync, type StoreSync } from './sync/store-sync';
import { createDeviceManager } from './devices/device-manager';
import { VirtualScanner } from '../drivers/scanner/virtual-scanner';
import { createDeviceSettingsStore } from './devices/device-settings-store';
import { listHidPosScanners, listSerialPorts, openHidDevice } from './devices/system-device-listers';
import { createPrintingService } from './printing/printing-service';
import { createPrinterSettingsStore } from './printing/printer-settings';
import { startDemoDevices, type DemoDevices } from './demo/demo-devices';
import { readShelfSettings, startStoreShelves, writeShelfSettings } from './shelves/store-shelves';
import { createSecretStore, type SecretCipher } from './secrets/secret-store';
import { createSetupPort } from './setup/setup-port';
import { loadOrCreatePinPepper } from './staff/pin-pepper';
import { makePrivateFolder } from './kernel/db/open-ledger';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeDiagnostics } from './diagnostics/write-diagnostics';
import { ledgerId } from './kernel/db/open-ledger';
import { readLocalConfig, writeLocalConfig } from './setup/provision-store';

export interface StoreRuntime {
  core: StoreCore;
  sync: StoreSync | null;
  /** The embedded demo HQ, when the demo store runs with no broker configured. */
  demoHq: HqSimulator | null;
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
 * Everything a console process runs, Electron or not: the store core, devices,
 * printers, shelves and the HQ link. The demo store with no broker configured
 * gets an in-process broker, an HQ simulator that routes an order now and then,
 * and simulated devices.
 */
export async function startStoreRuntime({ userDataDir, env, log, cipher = null, requestRestart }: StoreRuntimeOptions): Promise<StoreRuntime> {
  makePrivateFolder(userDataDir);
  const config = resolveConfig({ userDataDir, env });
  const core = await openStoreCore(config, log, { pinPepper: loadOrCreatePinPepper(userDataDir, cipher, log), adminCode: config.demo ? null : config.adminCode });
  if (!config.demo && !config.local.ledgerId) recordLedgerId(userDataDir, core, log);
  core.services.paperLanguage = config.policy?.locale ?? 'es';
  core.services.diagnostics = {
    save: (outFile) => {
      const at = new Date();
      const file = outFile ?? join(userDataDir, 'diagnostics', `mostrador-${config.store}-${config.station}-${at.toISOString().replace(/[:.]/g, '-')}.zip`);
      mkdirSync(dirname(file), { recursive: true });
      // Settings as this process resolved them; writeDiagnostics removes the secrets.
      const environment = Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('MOSTRADOR_')));
      return writeDiagnostics({ db: core.services.db, config: { store: config, environment }, logDir: join(userDataDir, 'logs'), outFile: file, now: at });
    },
  };
  core.services.setup = createSetupPort({ userDataDir, env, config, cipher, requestRestart, log, devices: () => core.services.devices?.list() ?? [] });
  const stops: (() => Promise<void> | void)[] = [];
  let demoHq: HqSimulator | null = null;
  try {
    const secrets = cipher ? createSecretStore(core.services.db, cipher) : null;
    let hqConfig = resolveHqConfig(env, config.store, config.station, config.policy, config.local, (name) => secrets?.read(name) ?? null);
    let localBrokerUrl: string | null = env.MOSTRADOR_SHELF_MQTT_URL ?? null;
    if (!hqConfig && config.demo) {
      const broker = await startEmbeddedBroker();
      stops.push(() => broker.close());
      // The demo HQ's numbering lives beside the ledger: a restart must not start it from 1 again.
      demoHq = createHqSimulator({ url: broker.url, chain: 'demo-chain', log, statePath: join(userDataDir, 'demo-hq.json') });
      await demoHq.start();
      const hq = demoHq;
      stops.push(() => hq.stop());
      stops.push(
        startScenario(hq, {
          store: config.store,
          skus: Array.from({ length: 300 }, (_, i) => demoSku(i + 1)),
          orderEveryMs: Number(env.MOSTRADOR_DEMO_ORDER_EVERY_MS ?? 90_000),
          cancelEvery: 6,
        }),
      );
      hqConfig = { url: broker.url, chain: 'demo-chain', store: config.store, station: config.station };
      localBrokerUrl ??= broker.url;
      log({ level: 'info', msg: 'demo store: embedded broker and HQ simulator', broker: broker.url });
    }
    const devices = createDeviceManager({
      settings: createDeviceSettingsStore(core.services.db, log),
      listSerial: listSerialPorts,
      listHid: listHidPosScanners,
      openHid: openHidDevice,
      log,
    });
    for (const scanner of config.policy?.devices?.serialScanners ?? []) {
      log({ level: 'info', msg: 'serial scanner from policy', path: scanner.path, role: scanner.role });
      devices.addSerialScanner(scanner);
    }
    devices.onScan((scan, device) => {
      core.services.publish({ event: 'device.scan', payload: { text: scan.text, symbology: scan.symbology, device } });
    });
    devices.onChanged((identities) => {
      core.services.publish({ event: 'devices.changed', payload: { identities } });
    });
    await devices.start();
    let fireScan: ((text: string) => { text: string; symbology: string | null; device: string }) | null = null;
    if (config.demo) {
      const virtual = new VirtualScanner('demo-scanner');
      devices.attachVirtualScanner(virtual);
      fireScan = (text) => {
        const scan = virtual.fire(text);
        return { text: scan.text, symbology: scan.symbology, device: `virtual:${virtual.device}` };
      };
    }
    core.services.devices = { list: devices.list, configure: devices.configure, addSerialScanner: devices.addSerialScanner, fireScan };
    stops.unshift(() => devices.stop());

    // The demo store prints to a virtual printer and watches virtual shelves, so every screen has something real behind it.
    let demoDevices: DemoDevices | null = null;
    if (config.demo) {
      demoDevices = await startDemoDevices({ services: core.services, mqttUrl: localBrokerUrl, log });
      const started = demoDevices;
      stops.unshift(() => started.stop());
    }

    const printing = createPrintingService({
      db: core.services.db,
      settings: createPrinterSettingsStore(core.services.db, log),
      simulated: demoDevices?.printers ?? {},
      log,
    });
    printing.onChanged((change) => core.services.publish({ event: 'printing.changed', payload: change }));
    printing.start();
    core.services.printing = printing;
    stops.unshift(() => printing.stop());

    const startShelves = () => {
      const mapped = readShelfSettings(core.services.db, log);
      // A mapped sensor wins over a demo one of the same id.
      const demo = (demoDevices?.shelves ?? []).filter((d) => !mapped.some((m) => m.sensorId === d.sensorId));
      return startStoreShelves({
        db: core.services.db,
        levels: core.services.levels,
        catalog: core.services.catalog,
        shelves: [...mapped, ...demo],
        mqttUrl: localBrokerUrl,
        station: config.station,
        onChanged: (sensorIds) => core.services.publish({ event: 'shelves.changed', payload: { sensorIds } }),
        log,
      });
    };
    let shelves = startShelves();
    core.services.shelves = {
      list: () => shelves.list(),
      mapping: () => readShelfSettings(core.services.db, log),
      // New mapping, new monitor: counts start afresh from the next stable reading.
      async configure(next) {
        writeShelfSettings(core.services.db, next);
        const before = shelves.list().map((s) => s.sensorId);
        await shelves.stop();
        shelves = startShelves();
        const sensorIds = [...new Set([...before, ...shelves.list().map((s) => s.sensorId)])];
        if (sensorIds.length > 0) core.services.publish({ event: 'shelves.changed', payload: { sensorIds } });
      },
    };
    devices.onShelfReading((reading) => shelves.accept(reading));
    stops.unshift(() => shelves.stop());
    if (demoDevices) core.services.simulators = demoDevices.simulators;

    // Ready orders nobody collected within the window free their stock (MOSTRADOR_COLLECTION_DAYS, default 7).
    const collectionDays = config.policy?.collectionDays ?? Number(env.MOSTRADOR_COLLECTION_DAYS ?? 7);
    const expiry = setInterval(() => {
      const expired = core.services.orders.expire(collectionDays, { staff: 'system', station: config.station });
      if (expired.length > 0) {
        log({ level: 'info', msg: 'orders not collected in time', orders: expired });
        core.services.publish({ event: 'orders.changed', payload: { orderIds: expired } });
      }
    }, 60_000);
    expiry.unref();
    stops.push(() => clearInterval(expiry));

    const sync = hqConfig ? startStoreSync(core, hqConfig, { log }) : null;
    if (sync) {
      core.services.sync = sync;
      stops.unshift(() => sync.stop());
    } else {
      log({ level: 'warn', msg: 'no HQ broker configured (MOSTRADOR_HQ_URL): the store works offline' });
    }
    return {
      core,
      sync,
      demoHq,
      async stop() {
        for (const stop of stops) await stop();
        core.close();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop();
    core.close();
    throw error;
  }
}

/** From now on this store's ledger going missing or empty is refused as a loss, not taken for a first start. */
function recordLedgerId(userDataDir: string, core: StoreCore, log: CoreLog): void {
  const id = ledgerId(core.services.db);
  if (id === null) return;
  writeLocalConfig(userDataDir, { ...readLocalConfig(userDataDir), ledgerId: id });
  log({ level: 'info', msg: 'ledger id recorded in config.json', ledgerId: id, file: core.config.dbPath });
}
