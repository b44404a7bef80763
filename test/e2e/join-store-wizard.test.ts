import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openVirtualSerialScanner } from '../../drivers/scanner/virtual-serial-scanner';
import { startBridge } from '../../main/bridge/bridge-server';
import { startRuntimeHost } from '../../main/runtime-host';
import { loadOrCreateHostCertificate } from '../../main/stations/host-certificate';
import { readStationCredential } from '../../main/stations/station-credential';
import { startStationLinkServer } from '../../main/stations/station-link-server';
import { artifactsDir, openConsole, rendererDir, signIn, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { openPtyPair } from '../helpers/pty-pair';
import { smallCatalog, staffPins } from '../helpers/small-store';
import { chain, startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';

const store = 'store-8';
const rice = smallCatalog[1]!;
const slow = { timeout: 15_000 };

/** The store's host (back office) as `npm run serve` runs it with MOSTRADOR_STATION_LINK_PORT: a real store on Mosquitto and the HQ simulator. */
async function startHostStation(brokerUrl: string) {
  const dataDir = tempDir();
  writeFileSync(join(dataDir, 'config.json'), '{}');
  const env = { MOSTRADOR_STORE: store, MOSTRADOR_STATION: 'back-office', MOSTRADOR_HQ_URL: brokerUrl, MOSTRADOR_CHAIN: chain, MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json' };
  const host = await startRuntimeHost({ userDataDir: dataDir, env, log: () => {} });
  const bridge = await startBridge({ api: host.api, staticDir: rendererDir });
  const link = await startStationLinkServer({
    api: host.api,
    stations: () => host.current().core.services.stations,
    certificate: await loadOrCreateHostCertificate(dataDir, store),
    port: 0,
    bindAddress: '127.0.0.1',
  });
  const { catalog, staff, movements } = host.current().core.services;
  catalog.upsertProducts(
    smallCatalog.map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, category: 'Test', unit: 'each' as const, priceCents: 499, taxRateBp: 1000, active: true })),
    smallCatalog.map((p) => ({ code: `0${p.gtin13}`, sku: p.sku, kind: 'gtin' as const })),
  );
  await staff.upsert({ id: 'pablo', name: 'Pablo', role: 'pickup' }, staffPins.pablo);
  await staff.upsert({ id: 'marta', name: 'Marta', role: 'manager' }, staffPins.marta);
  for (const p of smallCatalog) movements.append({ sku: p.sku, qty: 10, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'marta', station: 'back-office' });
  return {
    host,
    bridge,
    link,
    async stop() {
      await link.close();
      await bridge.close();
      await host.stop();
    },
  };
}

test("a new station joins the store from its own screen: it shows its code, a manager approves it on the host, and its own serial scanner feeds its own screen from the host's catalog", async () => {
  const broker = await startMosquitto();
  const hq = await startHq(broker.url);
  const host = await startHostStation(broker.url);
  const pty = await openPtyPair(undefined, ['ttyUSB0', 'ttyUSB0-simulator']);
  // The new counter: a fresh install whose IT policy names its serial scanner (and nothing else).
  const stationDir = tempDir();
  const policyFile = join(tempDir(), 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ devices: { serialScanners: [{ path: pty.a, suffix: 'LF' }] } }));
  let station: ConsoleUnderTest | null = null;
  const closers: (() => Promise<void>)[] = [];
  try {
    station = await openConsole({
      dir: stationDir,
      runtime: { firstRun: true, env: { MOSTRADOR_POLICY_FILE: policyFile, MOSTRADOR_STATION: 'counter-2', MOSTRADOR_DEMO_ORDER_EVERY_MS: String(3_600_000) } },
    });
    const counter = station.page;
    const backOffice = await station.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await backOffice.goto(host.bridge.url);
    await signIn(backOffice, 'marta', staffPins.marta);

    // The counter's first run: "join an existing store", the host's address, its name.
    await counter.getByTestId('setup-wizard').waitFor();
    await station.screenshot('join-1-wizard-welcome');
    await counter.getByTestId('setup-join').click();
    await counter.getByTestId('setup-join-host').fill(`wss://127.0.0.1:${host.link.port}`);
    assert.equal(await counter.getByTestId('setup-join-station').inputValue(), 'counter-2');
    await station.screenshot('join-2-wizard-host-address');
    await counter.getByTestId('setup-join-submit').click();
    const codeOnScreen = counter.getByTestId('setup-pairing-code');
    // A refusal is on screen too (setup-join-error): report it rather than wait out the timeout.
    const refusal = counter.getByTestId('setup-join-error');
    await Promise.race([codeOnScreen.waitFor(slow), refusal.waitFor(slow).then(async () => assert.fail(`refused: ${await refusal.textContent()}`))]);
    const code = ((await codeOnScreen.textContent()) ?? '').trim();
    assert.match(code, /^\d{6}$/);
    await station.screenshot('join-3-counter-shows-code');

    // A manager types the code the counter shows on the host's Devices page.
    await goTo(backOffice, 'devices');
    await backOffice.getByTestId('stations-panel').waitFor();
    await backOffice.getByTestId('pairing-code').fill(code);
    await backOffice.screenshot({ path: join(artifactsDir, 'e2e', 'join-4-host-approves.png'), fullPage: true });
    await backOffice.getByTestId('pairing-approve').click();
    await backOffice.getByTestId('stations-notice').filter({ hasText: 'counter-2' }).waitFor();

    // The counter restarts as a station of the store: the host's staff sign in on it.
    await counter.getByTestId('signin-staff-pablo').waitFor(slow);
    assert.equal(readStationCredential(stationDir)?.station, 'counter-2', 'the credential is kept where the console looks for it at start');
    await signIn(counter, 'pablo', staffPins.pablo);
    assert.equal(await counter.getByTestId('status-station').textContent(), 'counter-2');
    await station.screenshot('join-5-counter-signed-in');

    // The counter's own scanner: a scan on its serial port shows the host's product and stock on the counter.
    const scanner = await openVirtualSerialScanner(pty.b, { suffix: 'LF' });
    closers.push(() => scanner.close());
    await goTo(counter, 'lookup');
    await scanner.scan(rice.gtin13, ']E0');
    await counter.getByTestId('lookup-name').filter({ hasText: rice.name }).waitFor(slow);
    assert.equal(await counter.getByTestId('lookup-sku').textContent(), rice.sku);
    await counter.getByTestId('stock-row-back_room').getByTestId('stock-qty').filter({ hasText: '10' }).waitFor();
    await station.screenshot('join-6-counter-own-scanner');

    // One HQ stream: only the host is a store at HQ.
    assert.deepEqual(hq.stores(), [store]);
  } finally {
    for (const close of closers) await close();
    await station?.close();
    await host.stop();
    await pty.dispose();
    await hq.stop();
    await broker.dispose();
  }
});
