import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LookupResult, ShelfInfo } from '../../main/api/types';
import { demoGtin13 } from '../../main/demo/demo-catalog';
import { startVirtualTcpPrinter, VirtualPrinterCore } from '../../drivers/printer/virtual-printer';
import type { ShelfConfig as ShelfMapping } from '../../main/shelves/shelf-monitor';
import { openConsole, signIn, signOut, goTo } from '../helpers/console-under-test';
import { value } from '../helpers/small-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

// The printer reports its status every 5 s and shelves report on change: allow a few rounds.
const slow = { timeout: 30_000 };

/** The whole demo console with nothing from the machine: no IT policy file, and no HQ orders arriving mid-test. */
const openDemoConsole = () =>
  openConsole({ runtime: { env: { MOSTRADOR_POLICY_FILE: join(tempDir(), 'no-policy.json'), MOSTRADOR_DEMO_ORDER_EVERY_MS: String(3_600_000) } } });

test('a manager watches the demo printer and shelves, breaks the printer from the developer panel, and sees the waiting job explained and then printed', async () => {
  const ui = await openDemoConsole();
  const { page, core } = ui;
  try {
    await signIn(page, 'marta', '3333');
    await goTo(page, 'devices');
    assert.equal(await page.getByTestId('nav-devices').getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByTestId('nav-devices').textContent(), 'Dispositivos');

    // The counter printer is the demo store's simulated one, and it is ready.
    const counter = page.getByTestId('printer-counter-card');
    await page.locator('[data-testid="printer-counter-status"][data-value="online"]').waitFor(slow);
    assert.equal(await counter.getAttribute('data-simulated'), 'true');
    assert.equal(await page.getByTestId('printer-counter-simulated').textContent(), 'Simulada');
    assert.match((await page.getByTestId('printer-counter-connection').textContent()) ?? '', /^tcp:\/\/127\.0\.0\.1:\d+$/);
    assert.match((await page.getByTestId('printer-backoffice-not-configured').textContent()) ?? '', /No está configurada/);
    // The demo has a label printer too: the status bar names each printer.
    await page.getByTestId('status-printer-counter').filter({ hasText: 'Impresora del mostrador: lista' }).waitFor(slow);
    await page.getByTestId('dev-panel').waitFor();
    // The demo shelves are there, and the virtual scanner is among the devices.
    await page.getByTestId('shelf-demo-shelf-1').waitFor();
    await page.locator('[data-testid="shelf-demo-shelf-1"][data-sensor="online"]').waitFor(slow);
    await page.getByTestId('device-virtual:demo-scanner').waitFor();
    await ui.screenshot('devices-ready');

    // Paper runs out; a test page asked for now waits, and says why in Spanish, as an instruction.
    await page.getByTestId('dev-printer-paperOut').click();
    await page.locator('[data-testid="dev-printer-paperOut"][aria-checked="true"]').waitFor();
    await page.getByTestId('printer-counter-test-page').click();
    const queued = page.getByTestId('printer-counter-notice');
    await queued.filter({ hasText: /Página de prueba enviada \(trabajo n\.º \d+\)/ }).waitFor();
    const jobId = Number(/n\.º (\d+)/.exec((await queued.textContent()) ?? '')![1]);
    const job = page.getByTestId(`job-${jobId}`);
    await page.locator(`[data-testid="job-${jobId}"][data-reason="paper-out"]`).waitFor(slow);
    assert.equal(await job.getAttribute('data-state'), 'queued');
    assert.equal(await page.getByTestId(`job-${jobId}-reason`).textContent(), 'Sin papel: carga un rollo y el trabajo saldrá solo.');
    await page.locator('[data-testid="printer-counter-status"][data-value="paper-out"]').waitFor(slow);
    await page.getByTestId('status-printer-counter').filter({ hasText: 'Impresora del mostrador: sin papel' }).waitFor(slow);
    await page.locator('[data-testid="status-printer-counter-waiting"][data-value="1"]').waitFor(slow);
    assert.equal(await page.getByTestId('status-printer-counter-waiting').textContent(), '1 trabajo en espera');
    await ui.screenshot('devices-paper-out');

    // Paper back: the job prints by itself, leaves the waiting list, and is on the virtual printer's paper.
    await page.getByTestId('dev-printer-paperOut').click();
    await page.locator('[data-testid="dev-printer-paperOut"][aria-checked="false"]').waitFor();
    await job.waitFor({ state: 'detached', ...slow });
    await page.getByTestId('jobs-pending-empty').waitFor(slow);
    await page.locator(`[data-testid="recent-job-${jobId}"][data-kind="test-page"]`).waitFor(slow);
    await page.getByTestId('dev-receipt').filter({ hasText: 'PRUEBA' }).waitFor(slow);
    await page.getByTestId('status-printer-counter-waiting').waitFor({ state: 'detached', ...slow });
    await page.locator('[data-testid="printer-counter-status"][data-value="online"]').waitFor(slow);
    await ui.screenshot('devices-printed');

    // An empty demo shelf is out of stock.
    await page.getByTestId('dev-shelf-demo-shelf-1-empty').click();
    await page.locator('[data-testid="shelf-demo-shelf-1"][data-level="out"]').waitFor(slow);
    assert.equal(await page.getByTestId('shelf-demo-shelf-1-level').textContent(), 'Agotado');
    assert.equal(await page.getByTestId('shelf-demo-shelf-1-units').getAttribute('data-value'), '0');
    const shelves = value<ShelfInfo[]>(await core.api.call({ name: 'shelves.list', input: {} }));
    assert.equal(shelves.find((s) => s.sensorId === 'demo-shelf-1')?.level, 'out');
    await ui.screenshot('devices-shelf-out');

    // A scan fired through the virtual scanner comes back as the device manager's scan.
    const code = demoGtin13(2);
    await page.getByTestId('dev-scan-text').fill(code);
    await page.getByTestId('dev-scan-fire').click();
    await page.getByTestId('dev-scan-notice').filter({ hasText: `Leído por virtual:demo-scanner: ${code}` }).waitFor();
    await page.getByTestId('dev-scans-heard').filter({ hasText: code }).waitFor();
    await ui.screenshot('devices-scan');

    // In English the same waiting reason reads as an instruction too.
    await page.getByTestId('dev-printer-coverOpen').click();
    await page.getByTestId('printer-counter-test-page').click();
    await page.locator('[data-testid^="job-"][data-reason="cover-open"]').waitFor(slow);
    await page.getByTestId('lang-en').click();
    await page.locator('[data-testid$="-reason"]').filter({ hasText: 'Cover open: close it and the job will print by itself.' }).waitFor();
    await page.getByTestId('status-printer-counter').filter({ hasText: 'Counter printer: cover open' }).waitFor(slow);
    // What was said before the switch is said again in English, not left in Spanish.
    await page.getByTestId('printer-counter-notice').filter({ hasText: /^Test page sent \(job no\. \d+\)\.$/ }).waitFor();
    await ui.screenshot('devices-cover-open-en');
    await page.getByTestId('dev-printer-coverOpen').click();
    await page.getByTestId('jobs-pending-empty').waitFor(slow);
    await page.getByTestId('lang-es').click();

    // Below a manager, opening the drawer needs one's PIN, asked for in place.
    await signOut(page);
    await signIn(page, 'ana', '1111');
    await goTo(page, 'devices');
    await page.getByTestId('printer-counter-open-drawer').click();
    const dialog = page.getByTestId('approval-dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/Marta/).check();
    await page.getByTestId('approval-pin').fill('9999');
    await page.getByTestId('approval-submit').click();
    await page.locator('[data-testid="approval-error"][data-code="PIN_INVALID"]').waitFor();
    await ui.screenshot('devices-approval');
    await page.getByTestId('approval-pin').fill('3333');
    await page.getByTestId('approval-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('printer-counter-notice').filter({ hasText: 'Cajón abierto.' }).waitFor(slow);
  } finally {
    await ui.close();
  }
});

test('a manager maps a new shelf sensor to a product: an unknown SKU is caught before saving, and the saved shelf joins the list', async () => {
  const ui = await openDemoConsole();
  const { page, core } = ui;
  try {
    await signIn(page, 'marta', '3333');
    await goTo(page, 'devices');
    await page.getByTestId('shelf-demo-shelf-1').waitFor(slow);

    // Nothing mapped yet: the demo's simulated shelves are watched but are not the manager's to change.
    await page.getByTestId('shelf-map-open').click();
    assert.equal(await page.getByTestId('shelf-map-open').getAttribute('aria-expanded'), 'true');
    await page.getByTestId('shelf-map-empty').waitFor();
    assert.match((await page.getByTestId('shelf-map-empty').textContent()) ?? '', /Ningún estante configurado en este puesto/);
    assert.match((await page.getByTestId('shelf-map-demo-note').textContent()) ?? '', /demo-shelf-1/);

    // A new row takes the focus on its sensor field, ready to type.
    await page.getByTestId('shelf-map-add').click();
    const row = page.getByTestId('shelf-map-row').last();
    await row.locator('[data-testid="shelf-map-sensor-id"]:focus').waitFor();
    await row.getByTestId('shelf-map-sensor-id').fill('aisle-9');
    await row.getByTestId('shelf-map-sku').fill('MS-999999');
    await row.getByTestId('shelf-map-sku-error').filter({ hasText: 'No hay ningún producto con el SKU «MS-999999»' }).waitFor();
    await row.getByTestId('shelf-map-location').selectOption('sales_floor');
    await row.getByTestId('shelf-map-unit-weight').fill('0');
    await row.getByTestId('shelf-map-tare').fill('100');
    await row.getByTestId('shelf-map-low').fill('2');
    await row.getByTestId('shelf-map-tolerance').fill('1');

    // Saving is held back, with the reasons beside the fields, and nothing reaches the core.
    await page.getByTestId('shelf-map-save').click();
    await row.getByTestId('shelf-map-problem').filter({ hasText: 'Escribe un peso mayor que 0.' }).waitFor();
    await row.locator('[data-testid="shelf-map-sku"]:focus').waitFor();
    assert.equal(await row.getByTestId('shelf-map-sku').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(value<unknown[]>(await core.api.call({ name: 'shelves.mapping', input: {} })), []);
    await ui.screenshot('devices-shelf-map-unknown');

    // Fixed: the product's name shows under its SKU.
    const product = value<LookupResult>(await core.api.call({ name: 'catalog.lookup', input: { code: 'MS-000009' } })).product;
    await row.getByTestId('shelf-map-sku').fill('MS-000009');
    await row.getByTestId('shelf-map-product').filter({ hasText: product.name }).waitFor();
    await row.getByTestId('shelf-map-unit-weight').fill('500');
    assert.equal(await row.getByTestId('shelf-map-problem').count(), 0);
    await ui.screenshot('devices-shelf-map');

    await page.getByTestId('shelf-map-save').click();
    await page.getByTestId('shelf-map-form').waitFor({ state: 'detached' });
    await page.getByTestId('shelf-map-notice').filter({ hasText: 'Estantes guardados.' }).waitFor();
    // Nothing publishes for the new sensor, so it waits for a first reading; the demo shelves stay.
    const listed = page.getByTestId('shelf-aisle-9');
    await listed.waitFor(slow);
    assert.match((await listed.textContent()) ?? '', /MS-000009/);
    assert.match((await listed.textContent()) ?? '', /Sala de ventas/);
    assert.match((await listed.getAttribute('data-sensor')) ?? '', /^(unknown|offline)$/);
    await page.getByTestId('shelf-demo-shelf-1').waitFor();
    const saved = value<ShelfMapping[]>(await core.api.call({ name: 'shelves.mapping', input: {} }));
    assert.deepEqual(
      saved.map(({ sensorId, sku, location, unitWeightGrams, tareGrams, lowThreshold, toleranceUnits }) => ({ sensorId, sku, location, unitWeightGrams, tareGrams, lowThreshold, toleranceUnits })),
      [{ sensorId: 'aisle-9', sku: 'MS-000009', location: 'sales_floor', unitWeightGrams: 500, tareGrams: 100, lowThreshold: 2, toleranceUnits: 1 }],
    );

    // Opened again, the editor starts from what was saved.
    await page.getByTestId('shelf-map-open').click();
    await page.locator('[data-testid="shelf-map-row"][data-sensor="aisle-9"]').waitFor();
    assert.equal(await page.getByTestId('shelf-map-row').count(), 1);
    await page.getByTestId('shelf-map-cancel').click();
    await page.getByTestId('shelf-map-form').waitFor({ state: 'detached' });
    await page.locator('[data-testid="shelf-map-open"]:focus').waitFor();
  } finally {
    await ui.close();
  }
});

test('a console with no printer, shelves or devices says so on the Devices page, and shows no developer panel', async () => {
  // A bare core: no device manager, printing or shelves, and no demo hardware behind the developer calls.
  const ui = await openConsole();
  const { page } = ui;
  try {
    await signIn(page, 'marta', '3333');
    await goTo(page, 'devices');
    await page.getByTestId('printers-none').waitFor();
    assert.match((await page.getByTestId('printers-none').textContent()) ?? '', /No hay impresora configurada en este puesto/);
    await page.getByTestId('jobs-pending-empty').waitFor();
    await page.getByTestId('shelves-empty').waitFor();
    await page.getByTestId('devices-empty').waitFor();
    assert.equal(await page.getByTestId('dev-panel').count(), 0);
    assert.equal(await page.locator('[data-testid^="status-printer-"]').count(), 0);
    await ui.screenshot('devices-empty');
  } finally {
    await ui.close();
  }
});

test('a manager sets a raw printer that answers nothing to "sent only": its test page comes out and counts as done', async () => {
  const raw = await startVirtualTcpPrinter({ core: new VirtualPrinterCore({ processId: false, status: false }) });
  const ui = await openDemoConsole();
  const { page, core } = ui;
  try {
    await signIn(page, 'marta', '3333');
    await goTo(page, 'devices');
    await page.getByTestId('printer-backoffice-configure').click();
    const form = page.getByTestId('printer-form-backoffice');
    await page.getByTestId('printer-backoffice-host').fill(raw.host);
    await form.getByRole('textbox', { name: 'Puerto', exact: true }).fill(String(raw.port));
    await page.getByTestId('printer-backoffice-confirm-by').selectOption('bytes-written');
    await form.getByText(/Mostrador no podrá saber si falta papel/).waitFor();
    await ui.screenshot('devices-printer-confirm-by');
    await page.getByTestId('printer-backoffice-save').click();
    await page.locator('[data-testid="printer-backoffice-status"][data-value="unsupported"]').waitFor(slow);
    const saved = core.services.printing!.printers().find((p) => p.name === 'backoffice');
    assert.equal(saved?.settings?.confirmBy, 'bytes-written');

    await page.getByTestId('printer-backoffice-test-page').click();
    await page.getByTestId('printer-backoffice-notice').filter({ hasText: /Página de prueba enviada/ }).waitFor();
    await waitUntil(() => raw.core.receipts.length, (n) => n === 1, { what: 'the test page out of the raw printer' });
    const job = await waitUntil(
      () => core.services.printing!.jobs().recent.find((j) => j.printer === 'backoffice'),
      (j) => j?.state === 'done',
      { what: 'the test page done' },
    );
    assert.equal(job?.kind, 'test-page');
  } finally {
    await ui.close();
    await raw.close();
  }
});
