import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoSku, demoStartingStock } from '../../main/demo/demo-catalog';
import { openConsole, signIn, goTo } from '../helpers/console-under-test';
import { receiveOrder } from '../helpers/order-fixtures';

// Orders reach staff wherever they are (issue 18), on the demo store: an order arriving while the
// pickup clerk is on the product lookup gives the Orders tab a badge, a toast and the arrival cue;
// the toast opens the order on the Orders page. (The policy that silences the cue, and the shelf
// alerts sharing the same toast region, are test/e2e/shelf-board-and-audit.test.ts, on a real store.)

/** The pickup clerk signed in; the queue read once (what it holds now is not news), then on the lookup. */
async function clerkOnLookup(page: Page) {
  await signIn(page, 'pablo', '2222');
  await page.locator('[data-testid="orders-empty"], [data-testid^="order-row-"]').first().waitFor();
  await goTo(page, 'lookup');
  await page.locator('#page-lookup').waitFor();
}

/** A demo product with at least `units` in the store. */
const stockedIndex = (units: number) => Array.from({ length: 40 }, (_, i) => i + 1).find((i) => demoStartingStock(i).salesFloor + demoStartingStock(i).backRoom >= units)!;

test('an order arriving while on the lookup shows a badge, plays the cue, and its toast opens it', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  try {
    await clerkOnLookup(page);
    const index = stockedIndex(2);
    const orderId = 'W-ALERT-1';
    receiveOrder(core, orderId, [{ lineId: 'L1', sku: demoSku(index), qty: 1 }]);
    core.services.publish({ event: 'orders.changed', payload: { orderIds: [orderId] } });

    const toast = page.locator(`[data-testid="order-toast-${orderId}"][data-kind="new"]`);
    await toast.waitFor();
    assert.equal(await page.locator('#page-lookup').isVisible(), true, 'the toast shows over the lookup');
    assert.ok(Number(await page.getByTestId('nav-badge-orders').textContent()) >= 1, 'the Orders tab has a badge');
    const cues = await page.evaluate(() => (globalThis as { __mostradorCues?: string[] }).__mostradorCues ?? []);
    assert.ok(cues.includes('arrival'), `the arrival cue played (${cues.join(', ')})`);
    assert.match((await toast.textContent()) ?? '', /Pedido nuevo W-ALERT-1/);
    await ui.screenshot('order-alert-1-toast-on-lookup');

    await page.getByTestId(`order-toast-open-${orderId}`).click();
    await page.locator(`[data-testid="order-detail"][data-order="${orderId}"]`).waitFor();
    assert.equal(await page.locator('#page-orders').isVisible(), true);
    assert.equal(await page.locator('#nav-tab-orders').getAttribute('aria-selected'), 'true');
    await toast.waitFor({ state: 'detached' });
    await page.getByTestId('nav-badge-orders').waitFor({ state: 'detached' });
    await ui.screenshot('order-alert-2-opened');
  } finally {
    await ui.close();
  }
});

test('five orders at once show three toasts and a link to the rest in the queue, not five toasts pushing the page down', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  try {
    await clerkOnLookup(page);
    const index = stockedIndex(5);
    const orderIds = ['W-BURST-1', 'W-BURST-2', 'W-BURST-3', 'W-BURST-4', 'W-BURST-5'];
    for (const orderId of orderIds) receiveOrder(core, orderId, [{ lineId: 'L1', sku: demoSku(index), qty: 1 }]);
    core.services.publish({ event: 'orders.changed', payload: { orderIds } });

    const more = page.getByTestId('order-toasts-more');
    await more.waitFor();
    assert.equal(await page.locator('[data-testid^="order-toast-W-BURST-"][data-kind="new"]').count(), 3, 'three order toasts at most');
    assert.equal((await more.textContent())?.trim(), 'Ver 2 avisos de pedidos más en la cola');
    await ui.screenshot('order-alert-3-more-in-queue');
    await more.click();
    await page.locator('#page-orders').waitFor();
    assert.equal(await page.locator('#nav-tab-orders').getAttribute('aria-selected'), 'true');
    for (const orderId of orderIds) await page.getByTestId(`order-row-${orderId}`).waitFor();
    await page.getByTestId('nav-badge-orders').waitFor({ state: 'detached' });
  } finally {
    await ui.close();
  }
});
