// ui.order_arrival and ui.scan_to_screen: the console in Chromium, from the outside world to the screen.
//
// One clock: Node stamps the cause (publish, pty write) with Date.now() and the page stamps the
// effect with its own Date.now(). Both read the same machine's wall clock, so the difference is a
// latency to within 1 ms of resolution, as long as nobody steps the clock during the run;
// checkPageClock() logs how far apart the two read. The page stamps an effect twice: when the
// DOM changed (a MutationObserver, before paint) and in the next animation frame, the one that
// paints it. The figures use the frame: that is when staff can see it.
import { closeSync, constants, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import type { CoreEvent } from '../../main/api/contract';
import { demoGtin13, demoSku } from '../../main/demo/demo-catalog';
import type { Store } from '../../main/compose-store';
import { deviceIdentity } from '../../main/devices/device-identity';
import { listHidPosScanners, listSerialPorts, openHidDevice } from '../../main/devices/system-device-listers';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, rendererDir, signIn, type ConsoleUnderTest } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { clerk, receiveManyOrders, receiveOrder } from '../helpers/order-fixtures';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair';
import { staffPins } from '../helpers/small-store';
import { chain, fastLink, startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';
import { lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const pause = (millis: number) => new Promise((r) => setTimeout(r, millis));
/** 100–300 ms between samples, so they do not lock step with the page's 1 s countdown timers. */
const gap = () => pause(100 + Math.random() * 200);

interface Stamp {
  dom: number;
  frame?: number;
}

// The page scripts are strings, not functions: tsx keeps function names by wrapping inner
// functions in a __name() helper that the page does not have. (waitForFunction takes functions
// below: the console's CSP forbids evaluating strings there, and they declare no inner function.)
interface QueueWindow {
  __uiBench: { rows: Record<string, Stamp> };
}
interface PickWindow {
  __uiBench: { picked: Record<string, Stamp>; events: number[] };
}

/** Stamps each queue row the first time it appears: window.__uiBench.rows[orderId]. */
const watchQueueRows = `(() => {
  const rows = {};
  window.__uiBench = { rows };
  new MutationObserver(() => {
    const now = Date.now();
    for (const row of document.querySelectorAll('[data-testid^="order-row-"]')) {
      const id = row.getAttribute('data-testid').slice('order-row-'.length);
      if (rows[id]) continue;
      const stamp = { dom: now };
      rows[id] = stamp;
      requestAnimationFrame(() => { stamp.frame = Date.now(); });
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

/**
 * Stamps each picked count the pick screen shows (window.__uiBench.picked[n]), and each
 * 'device.scan' event a second WebSocket on the same bridge receives (window.__uiBench.events).
 */
const watchPickCount = `new Promise((ready, failed) => {
  const picked = {};
  const events = [];
  window.__uiBench = { picked, events };
  new MutationObserver(() => {
    const now = Date.now();
    const count = document.querySelector('[data-testid="pick-progress"]')?.getAttribute('data-picked');
    if (count == null || picked[count]) return;
    const stamp = { dom: now };
    picked[count] = stamp;
    requestAnimationFrame(() => { stamp.frame = Date.now(); });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-picked'] });
  const token = new URLSearchParams(location.search).get('token');
  const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/api?token=' + token);
  socket.onmessage = (message) => {
    const now = Date.now();
    if (JSON.parse(message.data).event === 'device.scan') events.push(now);
  };
  socket.onopen = () => ready(true);
  socket.onerror = () => failed(new Error('the bench WebSocket to the bridge failed'));
})`;

/** Same clock? Page minus Node lies within [low, high] ms; 0 must be inside, give or take 1 ms. */
async function checkPageClock(page: Page, log: (line: string) => void): Promise<void> {
  let [low, high] = [-Infinity, Infinity];
  for (let i = 0; i < 5; i++) {
    const before = Date.now();
    const inPage = (await page.evaluate('Date.now()')) as number;
    const after = Date.now();
    [low, high] = [Math.max(low, inPage - after), Math.min(high, inPage - before)];
  }
  log(`clock check: page − node within [${low}, ${high}] ms${low > 1 || high < -1 ? ' — NOT the same clock, figures are off' : ''}`);
}

function requireBuiltRenderer(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`ui benchmarks need the built renderer at ${rendererDir}: run "npm run build" first`);
  }
}

/** One stage for the log: the rows report only the painted frame, the log every stage up to it. */
function describe(label: string, samples: number[]): string {
  const s = sorted(samples);
  return `${label} p50 ${percentile(s, 50).toFixed(1)} / p95 ${percentile(s, 95).toFixed(1)} / max ${s.at(-1)!.toFixed(1)} ms`;
}

/** p50 and p95 rows; the goal is stated on the p95 one. */
function latencyRows(name: string, ours: number[], floor: number[], baseline: string, goal: string): BenchRow[] {
  const [s, b] = [sorted(ours), sorted(floor)];
  return [50, 95].map((p) => {
    const value = percentile(s, p);
    const base = percentile(b, p);
    return { name: `${name}.p${p}`, value, unit: 'ms', baseline, baseline_value: base, ratio: lowerIsBetter(value, base), goal: p === 95 ? goal : '' };
  });
}

/** When the core published each event of a kind, for the log's stage breakdown. */
function stampCoreEvents(core: Store, match: (event: CoreEvent) => string[]): { at: Map<string, number>; stop: () => void } {
  const at = new Map<string, number>();
  const stop = core.api.subscribe((event) => {
    const now = Date.now();
    for (const key of match(event)) if (!at.has(key)) at.set(key, now);
  });
  return { at, stop };
}

/** Bare mqtt.js publish → receive of the same payload through the same broker: the transport floor. */
async function bareDeliveries(url: string, payload: string, count: number): Promise<number[]> {
  const sub = await mqtt.connectAsync(url, { clientId: `ui-bench-sub-${process.pid}`, protocolVersion: 4 });
  const pub = await mqtt.connectAsync(url, { clientId: `ui-bench-pub-${process.pid}`, protocolVersion: 4 });
  // As the store's link and the HQ simulator do: no Nagle on either end.
  for (const client of [sub, pub]) (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  try {
    await sub.subscribeAsync('ui-bench/floor', { qos: 1 });
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const arrived = new Promise<void>((done) => sub.once('message', () => done()));
      const start = process.hrtime.bigint();
      pub.publish('ui-bench/floor', payload, { qos: 1 });
      await arrived;
      samples.push(ms(start));
    }
    return samples;
  } finally {
    await Promise.all([sub.endAsync(true), pub.endAsync(true)]);
  }
}

async function signedInPickup(ui: ConsoleUnderTest): Promise<void> {
  await signIn(ui.page, 'pablo', staffPins.pablo);
  await ui.page.getByTestId('nav-orders').click();
}

/** Orders already in the ledger for the loaded run: a busy store's weeks of pickups. */
const storedOrders = 10_000;

export const uiOrderArrivalBenchmark: Benchmark = {
  group: 'ui.order_arrival',
  async run({ quick, log }) {
    requireBuiltRenderer();
    const rounds = quick ? 10 : 50;
    const empty = await orderArrivals(rounds, 0, log);
    const loaded = await orderArrivals(rounds, storedOrders, log);
    const baseline = 'bare mqtt.js publish→receive of the same order message, same Mosquitto (transport floor)';
    return [
      ...latencyRows('ui.order_arrival', empty.toFrame, empty.floor, baseline, 'p95 < 500 ms'),
      ...latencyRows(`ui.order_arrival.${storedOrders / 1000}k`, loaded.toFrame, loaded.floor, `${baseline}; ${storedOrders} orders in the ledger`, 'p95 < 100 ms'),
    ];
  },
};

/**
 * `rounds` orders routed by HQ, one at a time, each timed from publish to the frame that
 * paints its row in the queue. The list is virtualised (only rows in view are in the page),
 * so each new order is due sooner than the last and lands at the top, in view; the `stored`
 * orders already in the ledger are promised from tomorrow on, below them.
 */
async function orderArrivals(rounds: number, stored: number, log: (line: string) => void): Promise<{ toFrame: number[]; floor: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-ui-bench-'));
  const broker = await startMosquitto();
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  try {
    hq = await startHq(broker.url);
    ui = await openConsole({ dir, store: { hq: { link: { url: broker.url, chain, store: 'demo-store', station: 'bench', ...fastLink } } } });
    const { page, core } = ui;
    const link = { sync: core.sync };
    if (stored > 0) {
      const tomorrow = Date.now() + 24 * 3_600_000;
      const skus = Array.from({ length: 50 }, (_, i) => demoSku(1 + i));
      receiveManyOrders(core, stored, skus, (i) => new Date(tomorrow + i * 60_000).toISOString());
    }
    await signedInPickup(ui);
    // The demo store's opening stock goes up first; measuring while it drains would measure the drain.
    await waitUntil(() => link.sync!.link.status().backlog, (b) => b === 0, { timeoutMs: 60_000, what: 'the opening stock to reach HQ' });
    await page.getByTestId(stored > 0 ? 'orders-queue' : 'orders-empty').waitFor({ timeout: 60_000 });
    await checkPageClock(page, log);
    await page.evaluate(watchQueueRows);
    const coreEvents = stampCoreEvents(core, (e) => (e.event === 'orders.changed' ? e.payload.orderIds : []));

    const publishedAt = new Map<string, number>();
    let payload = '';
    // One warm-up order first, not counted: the first render of a row pays for code never run yet.
    for (let i = 0; i <= rounds; i++) {
      const orderId = `UI-${String(i).padStart(3, '0')}`;
      const order = {
        orderId,
        version: 1,
        customer: { name: 'Cliente de prueba', phone: '+34600000000' },
        verification: { code: '1234' },
        promisedAt: new Date(Date.now() + (30 + rounds - i) * 60_000).toISOString(),
        lines: [
          { lineId: 'L1', sku: demoSku(1 + (i % 50)), qty: 1 },
          { lineId: 'L2', sku: demoSku(100 + (i % 50)), qty: 2 },
        ],
      };
      const start = Date.now();
      const message = hq.routeOrder('demo-store', order);
      if (i > 0) publishedAt.set(orderId, start);
      payload ||= JSON.stringify(message);
      await page.waitForFunction((id) => (globalThis as unknown as QueueWindow).__uiBench.rows[id]?.frame !== undefined, orderId, { timeout: 10_000, polling: 20 });
      await gap();
    }
    coreEvents.stop();
    const stamps = (await page.evaluate('window.__uiBench.rows')) as Record<string, Stamp>;
    const stage = (pick: (id: string) => number | undefined) => [...publishedAt].map(([id, at]) => pick(id)! - at);
    const toCore = stage((id) => coreEvents.at.get(id));
    const toDom = stage((id) => stamps[id]?.dom);
    const toFrame = stage((id) => stamps[id]?.frame);
    log(`${rounds} orders, ${stored} stored: ${describe('publish → core orders.changed', toCore)}; ${describe('→ row in DOM', toDom)}; ${describe('→ frame painting it', toFrame)}`);

    const floor = await bareDeliveries(broker.url, payload, rounds);
    log(describe('transport floor (bare publish → receive)', floor));
    return { toFrame, floor };
  } finally {
    try {
      await ui?.close();
    } finally {
      await hq?.stop();
      await broker.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * Baseline: the same scan's 'device.scan' event reaching the page on a second WebSocket to the
 * same bridge. That is the floor for any screen reacting to a serial scanner here (pty, driver,
 * device manager, core event, bridge, browser), so the ratio shows what the pick itself costs on
 * top: the orders.pick call, the order's re-read on 'orders.changed' and React's render. A bare
 * serialport reader (as scan.serial uses) is a floor too, but at well under a millisecond it
 * would say nothing about the console.
 */
export const uiScanToScreenBenchmark: Benchmark = {
  group: 'ui.scan_to_screen',
  async run({ quick, log }) {
    requireBuiltRenderer();
    const rounds = quick ? 10 : 30;
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-ui-bench-'));
    let pty: PtyPair | null = null;
    let ui: ConsoleUnderTest | null = null;
    let scanner = -1;
    try {
      pty = await openPtyPair();
      const devicePath = pty.a;
      // As the store runtime wires it, with the real listers: discovery keeps running once a second.
      ui = await openConsole({ dir, store: { devices: { listSerial: listSerialPorts, listHid: listHidPosScanners, openHid: openHidDevice } } });
      const { page, core } = ui;
      const { devices } = core.services;
      devices.configure(deviceIdentity({ kind: 'serial', path: devicePath }), { role: 'counter-scanner', baudRate: 9600, suffix: 'CR' });
      await waitUntil(() => devices.list().find((d) => d.path === devicePath)?.status, (s) => s === 'online', { what: 'the pty scanner to be claimed' });

      // An accepted order with one line to pick `rounds` + 1 times (one warm-up), stock received for it.
      const orderId = 'UI-PICK';
      const sku = demoSku(7);
      const scans = rounds + 1;
      core.services.movements.append({ sku, qty: scans, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'pablo', station: 'bench' });
      receiveOrder(core, orderId, [{ lineId: 'L1', sku, qty: scans }]);
      core.services.orders.accept(orderId, clerk);

      await signedInPickup(ui);
      await page.getByTestId(`order-row-${orderId}`).click();
      await page.getByTestId('order-start-pick').click();
      await page.locator('[data-testid="pick-progress"][data-picked="0"]').waitFor();
      await checkPageClock(page, log);
      await page.evaluate(watchPickCount);
      const coreEvents = stampCoreEvents(core, (e) => (e.event === 'device.scan' ? ['scan'] : []));

      // The scanner's end of the line: one write() per frame, stamped once it returned.
      scanner = openSync(pty.b, constants.O_WRONLY | constants.O_NOCTTY);
      const frame = `]E0${demoGtin13(7)}\r`;
      const writtenAt: number[] = [];
      const toCore: number[] = [];
      for (let n = 1; n <= scans; n++) {
        coreEvents.at.clear();
        writeSync(scanner, frame);
        const at = Date.now();
        await page.waitForFunction(
          (count) => {
            const { picked, events } = (globalThis as unknown as PickWindow).__uiBench;
            return picked[count]?.frame !== undefined && events.length >= count;
          },
          n,
          { timeout: 10_000, polling: 10 },
        );
        if (n > 1) {
          writtenAt.push(at);
          toCore.push(coreEvents.at.get('scan')! - at);
        }
        await gap();
      }
      coreEvents.stop();
      const { picked, events } = (await page.evaluate('window.__uiBench')) as PickWindow['__uiBench'];
      const stage = (pick: (n: number) => number | undefined) => writtenAt.map((at, i) => pick(i + 2)! - at);
      const toEvent = stage((n) => events[n - 1]);
      const toDom = stage((n) => picked[n]?.dom);
      const toFrame = stage((n) => picked[n]?.frame);
      log(`${rounds} scans: ${describe('pty write → core device.scan', toCore)}; ${describe('→ event in page', toEvent)}; ${describe('→ count in DOM', toDom)}; ${describe('→ frame painting it', toFrame)}`);
      return latencyRows('ui.scan_to_screen', toFrame, toEvent, "the same scan's device.scan event reaching the page over the bridge, no pick or render", 'p95 < 100 ms');
    } finally {
      try {
        if (scanner >= 0) closeSync(scanner);
        await ui?.close();
      } finally {
        await pty?.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  },
};
