import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openVirtualSerialScanner } from '../../drivers/scanner/virtual-serial-scanner';
import { demoGtin13, demoProduct, demoSku } from '../../main/demo/demo-catalog';
import { openConsole, signIn, goTo } from '../helpers/console-under-test';
import { openPtyPair } from '../helpers/pty-pair';
import { tempDir } from '../helpers/temp-dir';

const slow = { timeout: 30_000 };

test('serial scanners on undiscovered ports, one from IT policy and one added on the Devices page with a manager approving: bytes in, product on screen', async () => {
  const fromPolicy = await openPtyPair(undefined, ['ttyS0', 'ttyS0-simulator']);
  const byPage = await openPtyPair(undefined, ['ttyS1', 'ttyS1-simulator']);
  const policyFile = join(tempDir(), 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ devices: { serialScanners: [{ path: fromPolicy.a, suffix: 'LF' }] } }));
  const ui = await openConsole({ runtime: { env: { MOSTRADOR_POLICY_FILE: policyFile, MOSTRADOR_DEMO_ORDER_EVERY_MS: String(3_600_000) } } });
  const { page } = ui;
  const simulators: { close(): Promise<void> }[] = [];
  try {
    await signIn(page, 'ana', '1111');

    // IT's scanner: nothing to set up on the station; a scan shows the product.
    const policySim = await openVirtualSerialScanner(fromPolicy.b, { suffix: 'LF' });
    simulators.push(policySim);
    await goTo(page, 'devices');
    await page.locator(`[data-testid="device-serial::::${fromPolicy.a}"][data-status="online"]`).waitFor(slow);
    // The Devices page keeps scans to itself (it shows what scanners send); the lookup takes them.
    await goTo(page, 'lookup');
    await policySim.scan(demoGtin13(4), ']E0');
    await page.getByTestId('lookup-name').filter({ hasText: demoProduct(4).product.name }).waitFor(slow);
    assert.equal(await page.getByTestId('lookup-sku').textContent(), demoSku(4));

    // An associate adds the other port by its path; a manager approves in place.
    await goTo(page, 'devices');
    await page.getByTestId('device-add-serial').click();
    await page.getByTestId('device-add-serial-path').fill(byPage.a);
    await page.getByTestId('device-add-serial-suffix').selectOption('CRLF');
    await page.getByTestId('device-add-serial-save').click();
    const dialog = page.getByTestId('approval-dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/Marta/).check();
    await page.getByTestId('approval-pin').fill('3333');
    await page.getByTestId('approval-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('devices-notice').filter({ hasText: `Escáner en ${byPage.a} añadido` }).waitFor(slow);
    const row = page.locator(`[data-testid="device-serial::::${byPage.a}"][data-status="online"]`);
    await row.waitFor(slow);
    assert.equal(await row.getAttribute('data-role'), 'counter-scanner');
    await ui.screenshot('devices-serial-by-path');

    const pageSim = await openVirtualSerialScanner(byPage.b, { suffix: 'CRLF' });
    simulators.push(pageSim);
    await goTo(page, 'lookup');
    // A GS1 DataMatrix with no GS: the symbology travels with it to the core.
    await pageSim.scan(`010${demoGtin13(6)}17271231` + '10LOT-6', ']d2');
    await page.getByTestId('lookup-name').filter({ hasText: demoProduct(6).product.name }).waitFor(slow);
    assert.equal(await page.getByTestId('lookup-sku').textContent(), demoSku(6));

    // A misread from the same scanner is told as one, in Spanish.
    await pageSim.scan('0109501101530004');
    await page.getByTestId('lookup-misread').filter({ hasText: 'Vuelve a escanearlo' }).waitFor(slow);
  } finally {
    for (const sim of simulators) await sim.close();
    await ui.close();
    await fromPolicy.dispose();
    await byPage.dispose();
  }
});
