import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openVirtualSerialScanner } from '../../drivers/scanner/virtual-serial-scanner';
import { demoGtin13, demoProduct, demoSku } from '../../main/demo/demo-catalog';
import { openConsole, signIn, goTo } from '../helpers/console-under-test';
import { openPtyPair } from '../helpers/pty-pair';
import { tempDir } from '../helpers/temp-dir';

const slow = { timeout: 30_000 };
const GS = '\x1d';

/**
 * A keyboard-wedge burst as the renderer's wedge detector sees it: keydown events, one per
 * character, then Enter, all within one task. A 60-character URI typed key by key through
 * CDP has, on a loaded machine, gaps over the detector's 40 ms that no real scanner makes.
 */
async function wedgeBurst(page: Page, text: string): Promise<void> {
  // A string: this file is type-checked without the DOM library.
  await page.evaluate(`{
    const target = document.activeElement ?? document.body;
    for (const key of [...${JSON.stringify(text)}, 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }`);
}

test('2D codes: a GS1 DataMatrix from a serial scanner and a QR Digital Link from the wedge both show the product with its batch and expiry', async () => {
  const pty = await openPtyPair(undefined, ['ttyS0', 'ttyS0-simulator']);
  const policyFile = join(tempDir(), 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ devices: { serialScanners: [{ path: pty.a, suffix: 'CR' }] } }));
  const ui = await openConsole({ runtime: { env: { MOSTRADOR_POLICY_FILE: policyFile, MOSTRADOR_DEMO_ORDER_EVERY_MS: String(3_600_000) } } });
  const { page } = ui;
  const scanner = await openVirtualSerialScanner(pty.b, { suffix: 'CR' });
  try {
    await signIn(page, 'ana', '1111');
    await goTo(page, 'devices');
    await page.locator(`[data-testid="device-serial::::${pty.a}"][data-status="online"]`).waitFor(slow);
    await goTo(page, 'lookup');

    // As the scanner sends a GS1 DataMatrix: AIM ]d2, GTIN and expiry (fixed length), the batch
    // ended by GS, then a company-internal AI (99) the old subset refused with the whole label.
    await scanner.scan(`010${demoGtin13(6)}17271231` + `10LOT-6${GS}99SHELF-7`, ']d2');
    await page.getByTestId('lookup-name').filter({ hasText: demoProduct(6).product.name }).waitFor(slow);
    assert.equal(await page.getByTestId('lookup-sku').textContent(), demoSku(6));
    assert.equal(await page.getByTestId('lookup-batch').textContent(), 'LOT-6');
    const expiry = page.getByTestId('lookup-expiry');
    assert.equal(await expiry.getAttribute('data-date'), '2027-12-31');
    assert.match((await page.getByTestId('lookup-result').textContent()) ?? '', /Lote.*Caducidad/);
    await ui.screenshot('lookup-gs1-datamatrix');

    // A QR code with a GS1 Digital Link, typed by a keyboard-wedge scanner.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await wedgeBurst(page, `https://brand.example/01/0${demoGtin13(4)}/10/LOT-4?17=270615`);
    await page.getByTestId('lookup-sku').filter({ hasText: demoSku(4) }).waitFor(slow);
    assert.equal(await page.getByTestId('lookup-source').getAttribute('data-source'), 'scanned');
    await page.getByTestId('lookup-batch').filter({ hasText: 'LOT-4' }).waitFor(slow);
    assert.equal(await page.getByTestId('lookup-expiry').getAttribute('data-date'), '2027-06-15');
    await ui.screenshot('lookup-gs1-digital-link');

    // A URI with no GS1 key is a misread, told as one.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await wedgeBurst(page, 'Https://brand.example/01/09501101530003');
    await page.getByTestId('lookup-misread').filter({ hasText: 'Vuelve a escanearlo' }).waitFor(slow);
  } finally {
    await scanner.close();
    await ui.close();
    await pty.dispose();
  }
});
