import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConsole, signIn, signOut, goTo } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';

// A real store, configured by environment variables as README.md says (no
// wizard, no demo), linked to a real Mosquitto: its first admin comes from
// the one-time admin code, and its catalog and stock from a CSV file.

const adminCode = 'TIENDA-7-PRIMERA-VEZ';
const realStore = (brokerUrl: string, store: string) => ({
  MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json',
  MOSTRADOR_STORE: store,
  MOSTRADOR_CHAIN: 'test-chain',
  MOSTRADOR_HQ_URL: brokerUrl,
  MOSTRADOR_ADMIN_CODE: adminCode,
});

test('A store configured by environment variables gets its first admin from the one-time code', async () => {
  const broker = await startMosquitto();
  const ui = await openConsole({ runtime: { env: realStore(broker.url, 'store-env') } });
  const { page } = ui;
  try {
    assert.equal(ui.core.config.demo, false);
    await page.getByText('No hay personal dado de alta').waitFor();
    await page.getByTestId('signin-first-admin').click();
    await page.getByTestId('first-admin-form').waitFor();
    await page.getByTestId('first-admin-code').fill('NOT-THE-CODE-1');
    await page.getByTestId('first-admin-id').fill('lucia');
    await page.getByTestId('first-admin-name').fill('Lucía Gómez');
    await page.getByTestId('first-admin-pin').fill('1357');
    await page.getByTestId('first-admin-pin-again').fill('1357');
    await page.getByTestId('first-admin-submit').click();
    await page.locator('[data-testid="first-sign-in-error"][data-code="ADMIN_CODE_INVALID"]').waitFor();
    assert.match((await page.getByTestId('first-sign-in-error').textContent()) ?? '', /código de administración/);
    await ui.screenshot('real-store-1-first-admin');

    await page.getByTestId('first-admin-code').fill(adminCode);
    await page.getByTestId('first-admin-submit').click();
    await page.getByTestId('lookup-input').waitFor();
    await page.getByTestId('status-staff').getByText('Lucía Gómez').waitFor();
    await page.getByText('Central: en línea').waitFor({ timeout: 20_000 });
    const uses = ui.core.services.db.prepare('SELECT staff_id FROM first_admin_code_uses').pluck().all();
    assert.deepEqual(uses, ['lucia'], 'the code’s use is recorded');

    // The admin adds a member, who then signs in.
    await goTo(page, 'staff');
    await page.getByTestId('staff-add-id').fill('ana');
    await page.getByTestId('staff-add-name').fill('Ana Ruiz');
    await page.getByTestId('staff-add-role').selectOption('associate');
    await page.getByTestId('staff-add-pin').fill('2468');
    await page.getByTestId('staff-add-submit').click();
    await page.getByTestId('staff-row-ana').waitFor();
    await page.getByTestId('staff-notice').getByText('Ana Ruiz ya está dado de alta.').waitFor();
    await ui.screenshot('real-store-2-staff');

    await signOut(page);
    // The store has staff now: the admin code is no longer offered, nor accepted.
    assert.equal(await page.getByTestId('signin-first-admin').count(), 0);
    const again = await ui.core.api.call({ name: 'session.firstAdmin', input: { code: adminCode, staffId: 'intruso', name: 'Intruso', pin: '9999' } });
    assert.equal(!again.ok && again.error.code, 'FIRST_ADMIN_CLOSED');
    await signIn(page, 'ana', '2468');
    await page.getByTestId('status-staff').getByText('Ana Ruiz').waitFor();
    await ui.screenshot('real-store-3-member-signed-in');
  } finally {
    await ui.close();
    await broker.dispose();
  }
});

const header = 'sku,name,brand,category,unit,price,vat,gtins,location,qty';
/** EAN-13 with its check digit, from a 12-digit body. */
function ean13(body: string): string {
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}
/** A catalog of `count` products, big enough to need several 256 KiB chunks. */
function catalogLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return `IMP-${n},Producto importado número ${n} con nombre largo de prueba,Marca ${i % 40},Categoría ${i % 12},each,${(1 + (i % 50)).toFixed(2)},21,${ean13(`8499999${n}`)},sales_floor,${1 + (i % 9)}`;
  });
}

test('The CSV import reports bad lines, and imports nothing from a bad file', async () => {
  const broker = await startMosquitto();
  const hq = await startHq(broker.url);
  const ui = await openConsole({ runtime: { env: realStore(broker.url, 'store-csv') } });
  const { page } = ui;
  try {
    const { staff } = ui.core.services;
    await staff.add({ id: 'vera', name: 'Vera Admin', role: 'admin' }, '4444');
    await staff.add({ id: 'marta', name: 'Marta Encargada', role: 'manager' }, '3333');
    await staff.add({ id: 'ana', name: 'Ana Dependienta', role: 'associate' }, '1111');
    await page.reload();
    await signIn(page, 'ana', '1111');
    await page.getByText('Central: en línea').waitFor({ timeout: 20_000 });
    await goTo(page, 'import');

    const lines = catalogLines(3000);
    const bad = [header, ...lines.slice(0, 1500), 'IMP-BAD1,Sin precio,,,each,,21,,sales_floor,1', ...lines.slice(1500, 2999), 'IMP-BAD2,Ubicación rara,,,caja,1.00,21,8499999999991,estante_9,-2'].join('\n');
    assert.ok(Buffer.byteLength(bad) > 256 * 1024, 'the file needs more than one chunk');
    await page.getByTestId('import-file').setInputFiles({ name: 'catalogo.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-bad-count').getByText('Con errores: 2').waitFor();
    const row = (line: number, field: string) => page.getByTestId(`import-error-${line}-${field}`);
    assert.match((await row(1502, 'price').textContent()) ?? '', /Falta el valor/);
    assert.match((await row(3002, 'unit').textContent()) ?? '', /Unidad desconocida/);
    assert.match((await row(3002, 'gtins').textContent()) ?? '', /GTIN no válido/);
    assert.match((await row(3002, 'location').textContent()) ?? '', /Ubicación desconocida/);
    assert.match((await row(3002, 'qty').textContent()) ?? '', /Cantidad no válida/);
    assert.equal(await page.getByTestId('import-commit').isDisabled(), true, 'a bad file cannot be imported as it is');
    await ui.screenshot('real-store-4-import-bad-lines');
    // The dry run and the refused file changed nothing.
    const count = (table: string) => ui.core.services.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    assert.deepEqual([count('products'), count('movements'), count('outbox')], [0, 0, 0]);
    const forced = await ui.core.api.call({ name: 'import.commit', input: { importId: await stagedImportId(), skipBadLines: false } });
    assert.equal(!forced.ok && forced.error.code, 'FORBIDDEN', 'an associate needs a manager even to try');

    // The fixed file: no bad lines, imported with a manager's approval.
    const fixed = [header, ...lines].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'catalogo-corregido.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByTestId('import-bad-count').getByText('Con errores: 0').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-commit').click();
    await page.getByTestId('approval-dialog').waitFor();
    await page.getByLabel('Marta Encargada').check();
    await page.getByTestId('approval-pin').fill('3333');
    await page.getByTestId('approval-submit').click();
    await page.getByTestId('import-done').getByText('Importado: 3000 productos, 3000 movimientos.').waitFor({ timeout: 30_000 });
    await ui.screenshot('real-store-5-import-done');
    const audit = ui.core.services.audit.recent(5).find((e) => e.command === 'import.commit' && e.ok);
    assert.deepEqual([audit?.staff, audit?.approved_by], ['ana', 'marta']);

    // The product shows in the lookup with its stock, and the stock reached HQ.
    await goTo(page, 'lookup');
    await page.getByTestId('lookup-input').fill(ean13('849999902000'));
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-sku').getByText('IMP-02000').waitFor();
    assert.equal((await page.getByTestId('stock-row-sales_floor').getByTestId('stock-qty').textContent())?.trim(), String(1 + (1999 % 9)));
    await ui.screenshot('real-store-6-lookup');
    await waitUntil(() => hq.store('store-csv')?.level('IMP-02000', 'sales_floor'), (qty) => qty === 1 + (1999 % 9), { what: 'HQ has the imported stock' });
  } finally {
    await ui.close();
    await hq.stop();
    await broker.dispose();
  }

  async function stagedImportId(): Promise<string> {
    return ui.core.services.db.prepare('SELECT import_id FROM csv_imports ORDER BY created_at DESC LIMIT 1').pluck().get() as string;
  }
});
