import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoGtin13, demoSku, demoStartingStock } from '../../main/demo/demo-catalog';
import { openConsole, signIn } from '../helpers/console-under-test';
import { clerk, receiveOrder } from '../helpers/order-fixtures';
import { tempDir } from '../helpers/temp-dir';
import { pagesFor } from '../../renderer/src/screens/role-pages';

/** Demo products with at least `qty` units in store. */
function stockedIndexes(count: number, qty: number, from: number): number[] {
  const found: number[] = [];
  for (let i = from; found.length < count; i++) {
    const { backRoom, salesFloor } = demoStartingStock(i);
    if (backRoom + salesFloor >= qty) found.push(i);
  }
  return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cues = (page: Page) => page.evaluate(() => [...((globalThis as { __mostradorCues?: string[] }).__mostradorCues ?? [])]);

/** Fires a scan through the demo's docked virtual scanner, as a developer would from any page. */
async function dockScan(page: Page, code: string): Promise<void> {
  await page.getByTestId('demo-scan-dock-text').fill(code);
  await page.getByTestId('demo-scan-dock-fire').click();
  await page.getByTestId('demo-scan-dock-notice').filter({ hasText: code }).waitFor();
}

test('picking says the right thing: a finished line is "complete", not the wrong item; shorts are marked apart; plurals; a bad short quantity says why; three distinct sounds; the demo scanner reaches the pick screen', async () => {
  const ui = await openConsole({ runtime: { env: { MOSTRADOR_POLICY_FILE: join(tempDir(), 'no-policy.json'), MOSTRADOR_DEMO_ORDER_EVERY_MS: String(3_600_000) } } });
  const { page, core } = ui;
  try {
    const [a, b, wrong] = stockedIndexes(3, 3, 21) as [number, number, number];
    const orderId = 'W-9101';
    receiveOrder(core, orderId, [
      { lineId: 'L1', sku: demoSku(a), qty: 1 },
      { lineId: 'L2', sku: demoSku(b), qty: 2 },
    ]);
    core.services.orders.accept(orderId, clerk);
    await signIn(page, 'pablo', '2222');
    // Pickup staff land on their queue, and see only the pages they work on.
    await page.locator('[data-testid="nav-orders"][aria-selected="true"]').waitFor();
    const tabs = page.locator('[role="tab"]');
    const tabIds = await Promise.all(Array.from({ length: await tabs.count() }, (_, i) => tabs.nth(i).getAttribute('data-testid')));
    assert.deepEqual(tabIds, pagesFor('pickup').map((name) => `nav-${name}`), 'the pickup role\'s pages, none other');
    await page.getByTestId(`order-row-${orderId}`).click();
    await page.getByTestId('order-start-pick').click();
    await page.getByTestId('pick-screen').waitFor();
    assert.equal(await page.getByTestId('order-ready').textContent(), 'Faltan 3 por preparar');

    // The docked virtual scanner drives the open pick screen exactly as a scanner would.
    await page.getByTestId('demo-scan-dock-toggle').click();
    await dockScan(page, demoGtin13(a));
    await page.getByTestId('pick-progress').filter({ hasText: '1/3' }).waitFor();
    assert.equal(await page.getByTestId('pick-line-L1').getAttribute('data-state'), 'picked');
    assert.equal((await cues(page)).at(-1), 'lineComplete', 'the scan that completes a line has its own sound');

    // The same product again: the line is complete, which is not "wrong item".
    await dockScan(page, demoGtin13(a));
    const refusal = page.getByTestId('pick-error');
    await refusal.waitFor();
    assert.equal(await refusal.getAttribute('data-code'), 'LINE_COMPLETE');
    assert.match((await refusal.textContent()) ?? '', /ya está completa/);
    assert.doesNotMatch((await refusal.textContent()) ?? '', /equivocado/);
    assert.equal((await cues(page)).at(-1), 'alreadyComplete');

    // A product not in the order is the wrong item, with its own low sound.
    await dockScan(page, demoGtin13(wrong));
    await page.locator('[data-testid="pick-error"][data-code="WRONG_ITEM"]').waitFor();
    assert.equal((await cues(page)).at(-1), 'refused');
    await ui.screenshot('picking-wrong-item');

    // A good scan takes the refusal off the screen; a scan that does not complete its line sounds "accepted".
    await dockScan(page, demoGtin13(b));
    await page.getByTestId('pick-progress').filter({ hasText: '2/3' }).waitFor();
    await refusal.waitFor({ state: 'detached' });
    assert.equal((await cues(page)).at(-1), 'accepted');
    assert.equal(await page.getByTestId('order-ready').textContent(), 'Falta 1 por preparar', 'singular for one');

    // The dock floats over the page's corner, as a developer tool does: folded away, the page is all there.
    await page.getByTestId('demo-scan-dock-toggle').click();
    await page.getByTestId('demo-scan-dock-text').waitFor({ state: 'detached' });

    // A short quantity out of range says why beside the field, instead of only greying the button.
    await page.getByTestId('pick-short-L2').click();
    await page.getByTestId('pick-short-qty-L2').fill('5');
    const invalid = page.getByTestId('pick-short-invalid-L2');
    await invalid.waitFor();
    assert.match((await invalid.textContent()) ?? '', /entre 1 y 1/);
    assert.equal(await page.getByTestId('pick-short-confirm-L2').isDisabled(), true);
    await page.getByTestId('pick-short-qty-L2').fill('1');
    await invalid.waitFor({ state: 'detached' });
    await page.getByTestId('pick-short-confirm-L2').click();

    // The short line is closed, but marked apart from a picked one; the bar shows units picked, not 100 %.
    const line = page.getByTestId('pick-line-L2');
    await page.locator('[data-testid="pick-line-L2"][data-state="short"]').waitFor();
    assert.equal(await line.getByTestId('pick-line-mark').textContent().then((text) => text?.includes('✓')), false, 'no green tick on a short line');
    assert.match((await line.textContent()) ?? '', /Falta 1:/);
    const bar = page.getByTestId('pick-bar');
    assert.equal(await bar.getAttribute('value'), '2');
    assert.equal(await bar.getAttribute('max'), '3');
    assert.match((await page.locator('.pick__progress').textContent()) ?? '', /falta 1/);
    await ui.screenshot('picking-short-marked');

    // The order's history speaks Spanish from data, and names the manager who approved a cancellation.
    await page.getByTestId('pick-back').click();
    const history = page.getByTestId('order-history');
    await history.waitFor();
    const nameA = core.services.catalog.product(demoSku(a))!.name;
    const nameB = core.services.catalog.product(demoSku(b))!.name;
    const said = (await history.textContent()) ?? '';
    assert.match(said, new RegExp(`Preparada 1 ud\\. de ${escape(nameA)}`));
    assert.match(said, new RegExp(`Falta 1 ud\\. de ${escape(nameB)}: No se encuentra`));
    assert.doesNotMatch(said, /picked|short \d|MS-\d/, 'no English notes or bare SKUs');
    await page.getByTestId('order-cancel').click();
    await page.getByTestId('order-cancel-form-confirm').click();
    const dialog = page.getByTestId('approval-dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/Marta/).check();
    await page.getByTestId('approval-pin').fill('3333');
    await page.getByTestId('approval-submit').click();
    await page.locator('[data-testid="order-status"][data-status="cancelled"]').waitFor();
    await history.filter({ hasText: 'Motivo: Lo pide el cliente' }).waitFor();
    assert.match((await history.getByTestId('order-history-approver').last().textContent()) ?? '', /aprobado por marta/);
    await ui.screenshot('order-history-translated');
  } finally {
    await ui.close();
  }
});
