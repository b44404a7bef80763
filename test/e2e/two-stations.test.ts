import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type RunningBridge } from '../../main/bridge/bridge-server';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { startRuntimeHost, type RuntimeHost } from '../../main/runtime-host';
import { loadOrCreateHostCertificate } from '../../main/stations/host-certificate';
import { connectToHost, pairWithHost, type HostLink } from '../../main/stations/host-link-client';
import { startStationLinkServer } from '../../main/stations/station-link-server';
import type { OrderDetail } from '../../main/api/types';
import { launchChromium } from '../helpers/chromium';
import { artifactsDir, rendererDir, signIn, goTo } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { smallCatalog, staffPins } from '../helpers/small-store';
import { chain, startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

const store = 'store-7';
const [oil, rice] = smallCatalog;

/**
 * The store's host (back office) as `npm run serve` runs it with MOSTRADOR_STATION_LINK_PORT:
 * a real store configured by environment, its HQ link, its console and its LAN listener.
 */
async function startHostStation(dataDir: string, brokerUrl: string, linkPort = 0) {
  const env = {
    MOSTRADOR_STORE: store,
    MOSTRADOR_STATION: 'back-office',
    MOSTRADOR_HQ_URL: brokerUrl,
    MOSTRADOR_CHAIN: chain,
    MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json',
  };
  const host = await startRuntimeHost({ userDataDir: dataDir, env, log: () => {} });
  const bridge = await startBridge({ api: host.api, staticDir: rendererDir });
  const link = await startStationLinkServer({
    api: host.api,
    stations: () => host.current().core.services.stations,
    certificate: await loadOrCreateHostCertificate(dataDir, store),
    port: linkPort,
    bindAddress: '127.0.0.1',
  });
  return { host, bridge, link };
}

/** What a store's catalog feed and opening stock would bring (other parts of issue 12): three products, staff, stock in the back room. */
async function stockTheStore(host: RuntimeHost) {
  const { catalog, staff, movements } = host.current().core.services;
  catalog.upsertProducts(
    smallCatalog.map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, category: 'Test', unit: 'each' as const, priceCents: 499, taxRateBp: 1000, active: true })),
    smallCatalog.map((p) => ({ code: `0${p.gtin13}`, sku: p.sku, kind: 'gtin' as const })),
  );
  await staff.upsert({ id: 'pablo', name: 'Pablo', role: 'pickup' }, staffPins.pablo);
  await staff.upsert({ id: 'marta', name: 'Marta', role: 'manager' }, staffPins.marta);
  for (const p of smallCatalog) movements.append({ sku: p.sku, qty: 10, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'marta', station: 'back-office' });
}

async function shoot(page: Page, name: string) {
  mkdirSync(join(artifactsDir, 'e2e'), { recursive: true });
  await page.screenshot({ path: join(artifactsDir, 'e2e', `${name}.png`), fullPage: true });
}

async function wedgeScan(page: Page, code: string) {
  await page.keyboard.type(code, { delay: 0 });
  await page.keyboard.press('Enter');
}

/** The back office pairs the counter: the counter asks, a manager types its code on the host's Devices screen. */
async function pairCounter(url: string, backOffice: Page) {
  let shown!: (code: string) => void;
  const code = new Promise<string>((resolve) => (shown = resolve));
  const credential = pairWithHost({ hostUrl: url, station: 'counter-2', onCode: (c) => shown(c) });
  await signIn(backOffice, 'marta', staffPins.marta);
  await goTo(backOffice, 'devices');
  await backOffice.getByTestId('stations-panel').waitFor();
  await backOffice.getByTestId('pairing-code').fill(await code);
  await shoot(backOffice, 'stations-1-host-pairing');
  await backOffice.getByTestId('pairing-approve').click();
  await backOffice.getByTestId('stations-notice').filter({ hasText: 'counter-2' }).waitFor();
  return credential;
}

interface TwoStations {
  hq: HqSimulator;
  dataDir: string;
  brokerUrl: string;
  host: Awaited<ReturnType<typeof startHostStation>>;
  counterLink: HostLink;
  counterBridge: RunningBridge;
  browser: Browser;
  backOffice: Page;
  counter: Page;
}

async function openTwoStations(brokerUrl: string): Promise<TwoStations> {
  const hq = await startHq(brokerUrl);
  const dataDir = tempDir();
  writeFileSync(join(dataDir, 'config.json'), '{}');
  const host = await startHostStation(dataDir, brokerUrl);
  await stockTheStore(host.host);
  const browser = await launchChromium();
  const backOffice = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await backOffice.goto(host.bridge.url);
  const credential = await pairCounter(`wss://127.0.0.1:${host.link.port}`, backOffice);
  // The counter as `npm run serve` runs it once paired: no ledger, no HQ link, its bridge proxying to the host.
  const counterLink = connectToHost({ credential: await credential, backoff: { baseMs: 50, capMs: 300 } });
  await counterLink.whenOnline();
  const counterBridge = await startBridge({ api: counterLink.api, staticDir: rendererDir });
  const counter = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await counter.goto(counterBridge.url);
  return { hq, dataDir, brokerUrl, host, counterLink, counterBridge, browser, backOffice, counter };
}

async function closeTwoStations(s: TwoStations | null) {
  if (!s) return;
  await s.browser.close();
  await s.counterBridge.close();
  await s.counterLink.close();
  await s.host.link.close();
  await s.host.bridge.close();
  await s.host.host.stop();
  await s.hq.stop();
}

function routeOrder(hq: HqSimulator, orderId: string) {
  hq.routeOrder(store, {
    orderId,
    version: 1,
    customer: { name: 'Lucía Fernández', phone: '+34600111222' },
    verification: { code: '4821' },
    promisedAt: new Date(Date.now() + 45 * 60_000).toISOString(),
    lines: [
      { lineId: 'L1', sku: oil.sku, qty: 2 },
      { lineId: 'L2', sku: rice.sku, qty: 1 },
    ],
  });
}

/** The counter opens the order HQ routed and accepts it. */
async function acceptOnCounter(counter: Page, orderId: string) {
  await goTo(counter, 'orders');
  await counter.getByTestId(`order-row-${orderId}`).click();
  await counter.getByTestId('order-detail').waitFor();
  await counter.getByTestId('order-accept').click();
}

test('two stations of one store: the counter holds stock for an order and the back office shows it within 1 s; one stream reaches HQ', async () => {
  const broker = await startMosquitto();
  let s: TwoStations | null = null;
  try {
    s = await openTwoStations(broker.url);
    const { hq, backOffice, counter, host } = s;
    const presences: string[] = [];
    hq.events.on('presence', (where: string, status: string) => presences.push(`${where}:${status}`));

    // Back office: the oil's stock on screen.
    await goTo(backOffice, 'lookup');
    await backOffice.getByTestId('lookup-input').click();
    await backOffice.keyboard.type(oil.gtin13, { delay: 90 });
    await backOffice.keyboard.press('Enter');
    await backOffice.getByTestId('lookup-result').waitFor();
    await backOffice.getByTestId('stock-row-back_room').getByTestId('stock-qty').filter({ hasText: '10' }).waitFor();

    // Counter: the paired station signs in on its own; the back office stays signed in as Marta.
    await signIn(counter, 'pablo', staffPins.pablo);
    assert.equal(await counter.getByTestId('status-station').textContent(), 'counter-2');
    assert.match((await backOffice.getByTestId('status-staff').textContent()) ?? '', /Marta/);
    routeOrder(hq, 'W-9001');
    await acceptOnCounter(counter, 'W-9001');
    // The hold moves 2 from the back room: pushed over the station link, it shows within 1 s.
    await backOffice.getByTestId('stock-row-back_room').getByTestId('stock-qty').filter({ hasText: /^8$/ }).waitFor({ timeout: 1000 });
    await counter.locator('[data-testid="order-status"][data-status="accepted"]').waitFor();
    await shoot(counter, 'stations-2-counter-accepted');
    await shoot(backOffice, 'stations-3-back-office-stock');

    // A pick on the counter: its progress is the host's ledger.
    await counter.getByTestId('order-start-pick').click();
    await counter.getByTestId('pick-screen').waitFor();
    await wedgeScan(counter, oil.gtin13);
    await counter.getByTestId('pick-progress').filter({ hasText: '1/3' }).waitFor();
    await shoot(counter, 'stations-4-counter-picking');

    // One HQ stream: every movement of the store's one ledger reached HQ once, from the host alone.
    const core = host.host.current().core;
    const lastSeq = core.services.db.prepare('SELECT max(seq) FROM outbox').pluck().get() as number;
    const view = await waitUntil(() => hq.store(store), (v) => v !== null && v.contiguous >= lastSeq, { what: 'HQ to have every movement' });
    assert.equal(view!.duplicates, 0, 'no movement reached HQ twice');
    assert.equal(view!.level(oil.sku, 'pickup_hold'), 2);
    assert.deepEqual(presences, [`${store}:online`].slice(0, presences.length), 'HQ heard only the host come online');
    assert.deepEqual(hq.stores(), [store]);
  } finally {
    await closeTwoStations(s);
    await broker.dispose();
  }
});

test('the host stops while the counter is picking: the counter says so, refuses scans clearly, reconnects still signed in, and every acknowledged pick is in the ledger', async () => {
  const broker = await startMosquitto();
  let s: TwoStations | null = null;
  try {
    s = await openTwoStations(broker.url);
    const { hq, counter } = s;
    await signIn(counter, 'pablo', staffPins.pablo);
    routeOrder(hq, 'W-9002');
    await acceptOnCounter(counter, 'W-9002');
    await counter.getByTestId('order-start-pick').click();
    await counter.getByTestId('pick-screen').waitFor();
    await wedgeScan(counter, oil.gtin13);
    await counter.getByTestId('pick-progress').filter({ hasText: '1/3' }).waitFor();

    // The host goes away mid-pick.
    const linkPort = s.host.link.port;
    await s.host.link.close();
    await s.host.bridge.close();
    await s.host.host.stop();
    await counter.getByTestId('host-lost').waitFor();
    assert.match((await counter.getByTestId('host-lost').textContent()) ?? '', /Sin conexión con la estación principal/);
    await shoot(counter, 'stations-5-counter-host-lost');

    // A scan during the outage is refused in words, not dropped: nothing counts.
    await wedgeScan(counter, oil.gtin13);
    const refusal = counter.getByTestId('pick-error');
    await refusal.waitFor();
    assert.equal(await refusal.getAttribute('data-code'), 'HOST_UNREACHABLE');
    assert.match((await refusal.textContent()) ?? '', /no se ha guardado nada/);
    assert.equal(await counter.getByTestId('pick-progress').textContent(), '1/3');
    await counter.getByTestId('lang-en').click();
    await counter.getByText('No connection to the host station').waitFor();
    await shoot(counter, 'stations-6-counter-scan-refused-en');
    await counter.getByTestId('lang-es').click();

    // The host comes back on the same port: the counter relinks by itself, and Pablo is still signed in (the host kept his seat).
    s.host = await startHostStation(s.dataDir, s.brokerUrl, linkPort);
    await counter.getByTestId('host-lost').waitFor({ state: 'detached', timeout: 10_000 });
    await counter.getByTestId('pick-screen').waitFor();
    assert.match((await counter.getByTestId('status-staff').textContent()) ?? '', /Pablo/);
    await shoot(counter, 'stations-7-counter-relinked');

    // Every pick the counter saw acknowledged is in the host's ledger; the refused one is not.
    const detail = s.host.host.current().core.services.orders.detail('W-9002') as OrderDetail;
    assert.equal(detail.status, 'picking');
    assert.deepEqual(
      detail.lines.map((l) => [l.lineId, l.picked]),
      [
        ['L1', 1],
        ['L2', 0],
      ],
    );
    // He goes on picking where he was, without signing in again.
    await wedgeScan(counter, rice.gtin13);
    await counter.getByTestId('pick-progress').filter({ hasText: '2/3' }).waitFor();
    const after = s.host.host.current().core.services.orders.detail('W-9002') as OrderDetail;
    assert.deepEqual(after.lines.map((l) => [l.lineId, l.picked]), [['L1', 1], ['L2', 1]]);
    await shoot(counter, 'stations-8-counter-picking-after-outage');
  } finally {
    await closeTwoStations(s);
    await broker.dispose();
  }
});
