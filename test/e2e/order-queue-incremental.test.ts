import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CDPSession } from 'playwright-core';
import { demoSku } from '../../main/demo/demo-catalog';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, signIn, type ConsoleUnderTest } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { receiveManyOrders } from '../helpers/order-fixtures';
import { staffPins } from '../helpers/small-store';
import { chain, startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';

// A store whose ledger already holds 10,000 pickup orders (promised from tomorrow on),
// its console open on the queue, a real broker and HQ routing new ones.

const stored = 10_000;
const tomorrow = Date.now() + 24 * 3_600_000;
const promisedAt = (i: number) => new Date(tomorrow + i * 60_000).toISOString();

interface Frame {
  at: number;
  bytes: number;
  data: Record<string, unknown>;
}

/** Every frame on the page's sockets to the bridge, both ways, decoded (DevTools' network log). */
async function recordFrames(cdp: CDPSession) {
  const sent: Frame[] = [];
  const received: Frame[] = [];
  const decode = (text: string): Frame => {
    return { at: Date.now(), bytes: Buffer.byteLength(text), data: JSON.parse(text) as Record<string, unknown> };
  };
  cdp.on('Network.webSocketFrameSent', ({ response }) => sent.push(decode(response.payloadData)));
  cdp.on('Network.webSocketFrameReceived', ({ response }) => received.push(decode(response.payloadData)));
  await cdp.send('Network.enable');
  /** Every request sent so far has its reply. */
  const settled = () => sent.every((s) => received.some((r) => r.data.id === s.data.id));
  const replyTo = (request: Frame) => received.find((r) => r.data.id === request.data.id)!;
  return { sent, received, settled, replyTo };
}

let broker: Awaited<ReturnType<typeof startMosquitto>>;
let hq: HqSimulator;
let ui: ConsoleUnderTest;
let frames: Awaited<ReturnType<typeof recordFrames>>;

before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url);
  ui = await openConsole({ runtime: { env: { MOSTRADOR_HQ_URL: broker.url, MOSTRADOR_CHAIN: chain } } });
  const skus = Array.from({ length: 40 }, (_, i) => demoSku(i + 1));
  receiveManyOrders(ui.core, stored, skus, promisedAt);
  // The socket is opened at page load: record it from a fresh load.
  frames = await recordFrames(await ui.page.context().newCDPSession(ui.page));
  await ui.page.reload();
  await signIn(ui.page, 'pablo', staffPins.pablo);
  await waitUntil(() => ui.runtime!.sync!.link.status().backlog, (backlog) => backlog === 0, { timeoutMs: 60_000, what: 'the opening stock to reach HQ' });
  await ui.page.getByTestId('nav-orders').click();
  await ui.page.getByTestId('order-row-W-00000').waitFor();
});

after(async () => {
  try {
    await ui?.close();
  } finally {
    await hq?.stop();
    await broker?.dispose();
  }
});

test('an order arriving at a queue of 10,000 crosses the bridge alone: the screen asks for that order only and patches its list', async () => {
  const { page } = ui;
  const fullReads = frames.sent.filter((f) => f.data.name === 'orders.queue');
  assert.ok(fullReads.length >= 1, 'the queue was read whole once, on opening');
  const fullReply = Math.max(...fullReads.map((f) => frames.replyTo(f).bytes));
  await waitUntil(() => frames.settled(), (done) => done, { what: 'the opening reads answered' });
  const from = frames.sent.length;
  const receivedFrom = frames.received.length;

  const orderId = 'W-ARRIVAL';
  hq.routeOrder('demo-store', {
    orderId,
    version: 1,
    customer: { name: 'Lucía Fernández', phone: '+34600111222' },
    verification: { code: '4821' },
    promisedAt: new Date(Date.now() + 45 * 60_000).toISOString(),
    lines: [{ lineId: 'L1', sku: demoSku(3), qty: 1 }],
  });
  const row = page.getByTestId(`order-row-${orderId}`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-fresh'), 'true', 'marked new');
  // Promised soonest: first in the queue, before the 10,000.
  assert.equal(await page.locator('[data-testid^="order-row-"]').first().getAttribute('data-testid'), `order-row-${orderId}`);
  await waitUntil(() => frames.settled(), (done) => done, { what: 'every read the arrival caused answered' });

  const requests = frames.sent.slice(from);
  const names = requests.map((f) => f.data.name);
  assert.equal(names.filter((n) => n === 'orders.queue').length, 0, `no whole-queue read after the arrival (sent: ${names.join(', ')})`);
  const patches = requests.filter((f) => f.data.name === 'orders.queueRows');
  assert.equal(patches.length, 1, 'one patch: the queue shown is the open queue, where arrivals are told apart');
  assert.deepEqual((patches[0]!.data.input as { ids: string[] }).ids, [orderId], 'asked for the new order only');
  const patchReply = frames.replyTo(patches[0]!);
  const rows = (patchReply.data.result as { value: { orderId: string }[] }).value;
  assert.deepEqual(rows.map((o) => o.orderId), [orderId]);
  const biggest = Math.max(...frames.received.slice(receivedFrom).map((f) => f.bytes));
  console.log(`whole queue reply ${fullReply} bytes; after the arrival: ${requests.length} requests, largest frame received ${biggest} bytes, the patch ${patchReply.bytes} bytes`);
  assert.ok(fullReply > 1_000_000, `the whole queue of ${stored} is megabytes (${fullReply} bytes)`);
  assert.ok(biggest < 5_000, `nothing after the arrival comes near it (largest ${biggest} bytes)`);
  await ui.screenshot('order-queue-arrival-at-10000');
});

test('a queue of 10,000 orders keeps a few dozen rows in the page and scrolls to the last one', async () => {
  const { page } = ui;
  const rowsInPage = () => page.locator('[data-testid^="order-row-"]').count();
  const first = await rowsInPage();
  assert.ok(first > 0 && first < 60, `rows in the page at the top: ${first}`);
  const size = await page.locator('.order-queue__item').first().getAttribute('aria-setsize');
  assert.equal(Number(size), stored + 1, 'each row says how long the whole list is');

  const last = `W-${String(stored - 1).padStart(5, '0')}`;
  const scroller = page.getByTestId('orders-queue-scroller');
  // The wheel, until the end: rows measured on the way may make the list longer than first estimated.
  await scroller.hover();
  await waitUntil(
    async () => {
      await page.mouse.wheel(0, 1_000_000);
      return page.getByTestId(`order-row-${last}`).isVisible();
    },
    (visible) => visible,
    { what: `${last} in view at the end of the list` },
  );
  const lastRow = page.getByTestId(`order-row-${last}`);
  assert.match(await lastRow.innerText(), new RegExp(`Cliente ${stored - 1}`));
  assert.equal(await page.locator('.order-queue__item').last().getAttribute('aria-posinset'), String(stored + 1), 'the last of all');
  const atEnd = await rowsInPage();
  assert.ok(atEnd < 60, `rows in the page at the end: ${atEnd}`);
  assert.equal(await page.getByTestId('order-row-W-00000').count(), 0, 'the top rows left the page');
  await ui.screenshot('order-queue-end-of-10000');
});
