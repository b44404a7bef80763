import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBridge, type RunningBridge } from '../../main/bridge/bridge-server';
import { demoGtin13, demoSku, demoStartingStock } from '../../main/demo/demo-catalog';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, rendererDir, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { clerk } from '../helpers/order-fixtures';
import { screenshotAtBothSizes } from '../helpers/two-sizes';
import { waitUntil } from '../helpers/wait-until';

// The demo console as a counter lives in it (issue 18): the queue's work to do, the order
// search, the returns' own check, what cancelling looks like, the customer's phone in the
// developer panel, and what the tab says when the console goes away and comes back.

const store = 'demo-store';
let ui: ConsoleUnderTest;
let hq: HqSimulator;
const stocked = (() => {
  const found: number[] = [];
  for (let i = 21; found.length < 4; i++) {
    const { backRoom, salesFloor } = demoStartingStock(i);
    if (backRoom + salesFloor >= 2) found.push(i);
  }
  return found;
})();

const orders = [
  { orderId: 'W-OPEN-1', name: 'Lucía Fernández', phone: '+34626244273', code: '5307' },
  { orderId: 'W-OPEN-2', name: 'Pedro Ruiz', phone: '+34600222333', code: '6618' },
  { orderId: 'W-DONE-1', name: 'Ana Gómez', phone: '+34600444555', code: '7729' },
  { orderId: 'W-DONE-2', name: 'Jon Sáez', phone: '+34600666777', code: '8830' },
] as const;

before(async () => {
  // HQ's own demo orders would crowd the queue this test reads: one an hour never comes.
  ui = await openConsole({ runtime: { env: { MOSTRADOR_DEMO_ORDER_EVERY_MS: '3600000' } } });
  hq = ui.runtime!.demoHq!;
  await waitUntil(() => ui.runtime!.sync!.link.status().state, (s) => s === 'online', { what: 'the embedded HQ online' });
  orders.forEach((order, i) => {
    hq.routeOrder(store, {
      orderId: order.orderId,
      version: 1,
      customer: { name: order.name, phone: order.phone },
      verification: { code: order.code },
      promisedAt: new Date(Date.now() + (30 + i * 10) * 60_000).toISOString(),
      lines: [{ lineId: 'L1', sku: demoSku(stocked[i]!), qty: 1 }],
    });
  });
  const service = ui.core.services.orders;
  await waitUntil(() => service.queue().length, (n) => n >= orders.length, { what: 'the orders at the store' });
  // One collected (1 unit delivered, for the return), one cancelled by HQ.
  service.accept('W-DONE-1', clerk);
  service.pick('W-DONE-1', demoGtin13(stocked[2]!), clerk);
  service.ready('W-DONE-1', clerk);
  service.handover('W-DONE-1', { verificationCode: '7729' }, clerk);
  hq.cancelOrder(store, 'W-DONE-2', 2, 'customer');
  await waitUntil(() => service.detail('W-DONE-2').status, (s) => s === 'cancelled', { what: 'HQ’s cancel applied' });
  await signIn(ui.page, 'pablo', '2222');
});

after(async () => {
  await ui?.close();
});

const row = (orderId: string) => ui.page.getByTestId(`order-row-${orderId}`);

test('the queue opens on the work to do; finished orders are one filter away; the search ignores accents and spacing; "Cola" is the queue', async () => {
  const { page } = ui;
  await goTo(page, 'orders');
  await row('W-OPEN-1').waitFor();
  await row('W-OPEN-2').waitFor();
  assert.equal(await page.getByTestId('orders-filter').inputValue(), 'stage:open', 'the default filter is the work to do');
  assert.equal(await row('W-DONE-1').count(), 0, 'a collected order is not in the work to do');
  assert.equal(await row('W-DONE-2').count(), 0, 'nor a cancelled one');
  await screenshotAtBothSizes(ui, 'queue-work-to-do');

  await page.getByTestId('orders-filter').selectOption('stage:finished');
  await row('W-DONE-1').waitFor();
  await row('W-DONE-2').waitFor();
  assert.equal(await row('W-OPEN-1').count(), 0);
  await screenshotAtBothSizes(ui, 'queue-finished');
  await page.getByTestId('orders-filter').selectOption('all');
  await row('W-OPEN-1').waitFor();
  await row('W-DONE-1').waitFor();
  await page.getByTestId('orders-filter').selectOption('stage:open');

  const search = page.getByTestId('orders-search');
  for (const typed of ['lucia', '+34 626 24 42 73', 'FERNANDEZ']) {
    await search.fill(typed);
    await waitUntil(() => page.locator('[data-testid^="order-row-"]').count(), (n) => n === 1, { what: `one order for "${typed}"` });
    assert.equal(await row('W-OPEN-1').count(), 1, `"${typed}" finds Lucía Fernández, +34626244273`);
  }
  await screenshotAtBothSizes(ui, 'queue-search-folded');
  await search.fill('');
  await row('W-OPEN-2').waitFor();

  // An order open, then "Cola": the queue, not the order; also after another section.
  await row('W-OPEN-2').click();
  await page.getByTestId('order-detail').waitFor();
  await page.getByTestId('orders-tab-queue').click();
  await row('W-OPEN-1').waitFor();
  assert.equal(await page.getByTestId('order-detail').count(), 0, '"Cola" shows the queue');
  await row('W-OPEN-2').click();
  await page.getByTestId('order-detail').waitFor();
  await page.getByTestId('orders-tab-returns').click();
  await page.getByTestId('orders-tab-queue').click();
  await row('W-OPEN-1').waitFor();
  assert.equal(await page.getByTestId('order-detail').count(), 0, 'coming back from returns, still the queue');
});

test('cancelling is red, the PIN dialog’s way out says "No aprobar", and the detail says how rejecting differs from cancelling', async () => {
  const { page } = ui;
  await row('W-OPEN-1').click();
  await page.getByTestId('order-detail').waitFor();
  const help = await page.getByTestId('order-reject-or-cancel').innerText();
  assert.match(help, /«Rechazar»/);
  assert.match(help, /«Cancelar»/);
  assert.match(help, /encargado/);
  await page.getByTestId('order-cancel').click();
  const confirm = page.getByTestId('order-cancel-form-confirm');
  await confirm.waitFor();
  assert.equal(await confirm.innerText(), 'Cancelar el pedido');
  const colours = await page.evaluate(`(() => {
    const style = getComputedStyle(document.querySelector('[data-testid="order-cancel-form-confirm"]'));
    return { background: style.backgroundColor, text: style.color };
  })()`);
  assert.deepEqual(colours, { background: 'rgb(179, 38, 30)', text: 'rgb(255, 255, 255)' }, 'the destructive red, not the primary blue');
  await screenshotAtBothSizes(ui, 'order-cancel-red');

  // Pablo is pickup staff: a manager approves in place.
  await confirm.click();
  await page.getByTestId('approval-dialog').waitFor();
  assert.equal(await page.getByTestId('approval-cancel').innerText(), 'No aprobar');
  await screenshotAtBothSizes(ui, 'order-cancel-approval');
  await page.getByTestId('approval-cancel').click();
  await page.getByTestId('approval-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'received', 'not approved: the order stands');
  await page.getByTestId('lang-en').click();
  assert.equal(await page.getByTestId('order-cancel-form-confirm').innerText(), 'Cancel the order');
  assert.match(await page.getByTestId('order-reject-or-cancel').innerText(), /“Reject”.*“Cancel”/s);
  await page.getByTestId('lang-es').click();
  await page.getByTestId('order-back').click();
});

test('a return of more than was delivered is stopped by the console, beside the field, naming the maximum, in the UI’s language', async () => {
  const { page } = ui;
  await page.getByTestId('orders-tab-returns').click();
  await page.getByTestId('return-find').fill('W-DONE-1');
  await page.getByTestId('return-find-submit').click();
  const form = page.getByTestId('return-order');
  await form.waitFor();
  assert.equal(await form.getAttribute('novalidate'), '', 'no browser bubble: the console checks');
  const qty = page.getByTestId('return-line-L1-qty');
  await qty.fill('5');
  const error = page.getByTestId('return-line-L1-error');
  await error.waitFor();
  assert.equal(await error.innerText(), 'Como máximo 1: es lo que se puede devolver de esta línea.');
  assert.equal(await qty.getAttribute('aria-invalid'), 'true');
  assert.equal(await qty.getAttribute('aria-describedby'), 'return-line-L1-error', 'the message belongs to the field');
  assert.equal(await page.getByTestId('return-confirm').isDisabled(), true);
  await screenshotAtBothSizes(ui, 'return-over-max');
  await page.getByTestId('lang-en').click();
  assert.equal(await error.innerText(), 'At most 1: that is what can be returned of this line.');
  await page.getByTestId('lang-es').click();
  await qty.fill('1');
  await error.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('return-confirm').isDisabled(), false);
});

test('the developer panel shows each open order’s handover code as the customer’s phone would, from the demo’s HQ', async () => {
  const { page } = ui;
  await signOut(page);
  await signIn(page, 'marta', '3333');
  await goTo(page, 'devices');
  const phone = page.getByTestId('dev-customer-phone');
  await phone.waitFor();
  for (const { orderId, code } of orders.slice(0, 2)) {
    assert.equal(await page.getByTestId(`dev-customer-code-${orderId}-code`).innerText(), code, `${orderId}: the code HQ sent its customer`);
  }
  // Collected and cancelled orders have no code left to show, once HQ has heard of them.
  await waitUntil(() => page.locator('[data-testid^="dev-customer-code-W-DONE"]').count(), (n) => n === 0, { what: 'finished orders off the phone' });
  await phone.scrollIntoViewIfNeeded();
  await screenshotAtBothSizes(ui, 'dev-customer-phone');
});

test('with the console down the HQ and printer indicators are not green; a restart on the same token reconnects; another token is told what to do', async () => {
  const { page } = ui;
  const hqState = () => page.getByTestId('status-hq').getAttribute('data-state');
  const printers = page.locator('.printer-indicator');
  const printerStates = async () => Promise.all((await printers.all()).map((indicator) => indicator.getAttribute('data-state')));
  await page.locator('[data-testid="status-hq"][data-state="online"]').waitFor();
  const printersBefore = await printerStates();
  assert.ok(printersBefore.length > 0, 'the demo shows its virtual printer in the status bar');

  const { port, token } = ui.bridge;
  await ui.bridge.close();
  await page.locator('[data-testid="status-connection"][data-state="disconnected"]').waitFor();
  assert.equal(await hqState(), 'no-console', 'the HQ link is unknown, not "en línea"');
  assert.match(await page.getByTestId('status-hq').innerText(), /sin datos/);
  assert.deepEqual(new Set(await printerStates()), new Set(['no-console']), 'the printer is unknown, not "lista"');
  await screenshotAtBothSizes(ui, 'console-unreachable');

  // The console back on the same port with the same token (serve keeps one per data folder): the tab reconnects by itself.
  let restarted: RunningBridge | null = await startBridge({ api: ui.host!.api, staticDir: rendererDir, port, token });
  try {
    await page.locator('[data-testid="status-connection"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="status-hq"][data-state="online"]').waitFor();
    assert.equal(await page.getByTestId('console-refused').count(), 0);

    // Back with another token: the tab is turned away, and says so and what to do, instead of "se reconecta sola".
    await restarted.close();
    restarted = null;
    restarted = await startBridge({ api: ui.host!.api, staticDir: rendererDir, port, token: 'another-token-after-a-restart-00' });
    const refused = page.getByTestId('console-refused');
    await refused.waitFor({ timeout: 30_000 });
    assert.match(await refused.innerText(), /Abre la consola con la dirección que muestra al arrancar/);
    assert.match(await page.getByTestId('status-connection').innerText(), /reiniciado con otra dirección/);
    assert.equal(await hqState(), 'no-console');
    await screenshotAtBothSizes(ui, 'console-refused');
  } finally {
    await restarted?.close();
  }
});
