import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StockSummary } from '../../main/api/types';
import { demoCaseGtin14, demoGtin13, demoProduct, demoSku } from '../../main/demo/demo-catalog';
import { openConsole, signIn } from '../helpers/console-under-test';
import { value } from '../helpers/small-store';

test('staff look up stock by typing and by keyboard-wedge scanning, in Chromium through the bridge', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  try {
    await signIn(page, 'ana', '1111');
    assert.match((await page.getByTestId('status-staff').textContent()) ?? '', /Ana/);

    // Typed: slow keystrokes into the field, then Enter.
    const typed = demoGtin13(1);
    await page.getByTestId('lookup-input').click();
    await page.keyboard.type(typed, { delay: 90 });
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-result').waitFor();
    assert.equal(await page.getByTestId('lookup-sku').textContent(), demoSku(1));
    assert.equal(await page.getByTestId('lookup-name').textContent(), demoProduct(1).product.name);
    assert.equal(await page.getByTestId('lookup-source').getAttribute('data-source'), 'typed');
    const expected = value<StockSummary>(await core.api.call({ name: 'stock.levels', input: { sku: demoSku(1) } }));
    assert.equal(Number(await page.getByTestId('stock-atp').textContent()), expected.atp);
    assert.equal(Number(await page.getByTestId('stock-onhand').textContent()), expected.onHand);
    const floor = expected.byLocation.find((l) => l.location === 'sales_floor')!.qty;
    assert.equal(Number(await page.getByTestId('stock-row-sales_floor').getByTestId('stock-qty').textContent()), floor);
    await ui.screenshot('lookup-typed');

    // Scanned: a wedge burst lands on the page, wherever the focus is, ending in Enter.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const scanned = demoCaseGtin14(5);
    // As fast as the browser takes keys: under a loaded CI a 4 ms delay became gaps over the 30 ms wedge average.
    await page.keyboard.type(scanned, { delay: 0 });
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-sku').filter({ hasText: demoSku(5) }).waitFor();
    assert.equal(await page.getByTestId('lookup-source').getAttribute('data-source'), 'scanned');
    assert.notEqual(await page.getByTestId('lookup-input').inputValue(), scanned, 'the burst is not left in the field');
    await ui.screenshot('lookup-scanned');

    // A stock change elsewhere shows without a reload.
    const before = Number(await page.getByTestId('stock-onhand').textContent());
    // Receiving from a supplier is a manager's call: Ana's needs Marta's grant for exactly this delivery.
    const delivery = { sku: demoSku(5), qty: 7, to: 'sales_floor' };
    const grant = value<{ grantId: string }>(
      await core.api.call({ name: 'approval.grant', input: { staffId: 'marta', pin: '3333', procedure: 'stock.receive', input: delivery } }),
    );
    value(await core.api.call({ name: 'stock.receive', input: delivery, approval: { grantId: grant.grantId } }));
    await page.getByTestId('stock-onhand').filter({ hasText: String(before + 7) }).waitFor();

    // A valid GTIN that no product has is shown as unknown, not as an error.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.type('4006381333931', { delay: 0 });
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-unknown').waitFor();
    assert.match((await page.getByTestId('lookup-unknown').textContent()) ?? '', /4006381333931/);
    await ui.screenshot('lookup-unknown');
  } finally {
    await ui.close();
  }
});
