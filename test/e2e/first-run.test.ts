import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openConsole, signIn } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { tempDir } from '../helpers/temp-dir';
import { screenshotAtBothSizes } from '../helpers/two-sizes';
import { waitUntil } from '../helpers/wait-until';

const env = { MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json', MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000' };

test('first run: choosing the demo store opens the demo, and the wizard does not come back', async () => {
  const ui = await openConsole({ runtime: { env, firstRun: true } });
  const { page } = ui;
  try {
    await page.getByTestId('setup-wizard').waitFor();
    await ui.screenshot('first-run-1-welcome');
    await page.getByTestId('setup-demo').click();
    await page.getByTestId('signin-staff-marta').waitFor();
    await page.reload();
    await page.getByTestId('signin-staff-marta').waitFor();
    assert.equal(await page.getByTestId('setup-wizard').count(), 0);
  } finally {
    await ui.close();
  }
});

test('first run: setting up the store restarts the console as that store, linked to HQ, with its first admin', async () => {
  const broker = await startMosquitto();
  const ui = await openConsole({ runtime: { env, firstRun: true } });
  const { page } = ui;
  try {
    await page.getByTestId('setup-wizard').waitFor();
    // The demo runs behind the wizard, its embedded HQ online; before any choice it is not this store.
    await waitUntil(() => ui.runtime!.sync?.link.status().state, (state) => state === 'online', { what: 'the demo behind the wizard online' });
    assert.equal(await page.getByTestId('status-store').innerText(), 'Sin configurar');
    assert.equal(await page.getByTestId('status-station').innerText(), '—');
    assert.equal(await page.getByTestId('status-hq').getAttribute('data-state'), 'not-configured');
    assert.equal(await page.getByTestId('status-hq').innerText(), 'Central: sin configurar');
    assert.equal(await page.getByText('demo-store').count(), 0, 'the demo’s name is not shown as this store’s');
    assert.equal(await page.getByText('en línea').count(), 0, 'nor its HQ link');
    await screenshotAtBothSizes(ui, 'first-run-before-choice');
    await page.getByTestId('setup-store').click();
    await page.getByTestId('setup-form').waitFor();
    await page.getByTestId('setup-chain').fill('acme');
    await page.getByTestId('setup-store-id').fill('store 12');
    await page.getByTestId('setup-station').fill('counter-1');
    await page.getByTestId('setup-hq-url').fill('http://hq.example.com');
    await page.getByTestId('setup-admin-id').fill('lucia');
    await page.getByTestId('setup-pin').fill('1357');
    await page.getByTestId('setup-pin-again').fill('1358');
    await page.getByTestId('setup-submit').click();
    // The console checks the form itself (no browser bubble in the browser's language): each
    // problem beside its field, in Spanish, naming the field and the format it takes.
    const problem = async (field: string) => {
      const shown = page.getByTestId(`setup-problem-${field}`);
      await shown.waitFor();
      return (await shown.textContent()) ?? '';
    };
    assert.match(await problem('hq.url'), /«Dirección del broker».*mqtt:\/\/.*mqtts:\/\//);
    assert.match(await problem('store'), /«Tienda».*letras.*cifras.*de 1 a 64/);
    assert.match(await problem('admin.name'), /Falta «Nombre»/);
    assert.match(await problem('pinAgain'), /«Repite el PIN» no coincide/);
    assert.equal(await page.getByTestId('setup-hq-url').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('data-testid')"), 'setup-store-id', 'the first field with a problem has the focus');
    assert.doesNotMatch(await page.locator('body').innerText(), /must be|Please |match the requested/);
    await ui.screenshot('first-run-2-form-problems');
    await page.getByTestId('setup-store-id').fill('store-12');
    await page.getByTestId('setup-hq-url').fill(broker.url);
    await page.getByTestId('setup-admin-name').fill('Lucía Gómez');
    await page.getByTestId('setup-pin-again').fill('1357');
    // The store's time zone: Madrid unless told otherwise; a zone Intl does not know is refused in Spanish.
    assert.equal(await page.getByTestId('setup-time-zone').inputValue(), 'Europe/Madrid');
    await page.getByTestId('setup-time-zone').fill('Europe/Madird');
    await page.getByTestId('setup-submit').click();
    await page.locator('[data-testid="setup-problem-timeZone"][data-problem="timeZone"]').getByText('es una zona horaria IANA, como Europe/Madrid').waitFor();
    await page.getByTestId('setup-time-zone').fill('Atlantic/Canary');
    await ui.screenshot('first-run-2-form');
    await page.getByTestId('setup-submit').click();

    // The page reloads on the restarted console: the new store's only member is its admin.
    await page.getByTestId('signin-staff-lucia').waitFor({ timeout: 20_000 });
    await signIn(page, 'lucia', '1357');
    await page.getByText('store-12').first().waitFor();
    await page.getByText('Central: en línea').waitFor({ timeout: 20_000 });
    await ui.screenshot('first-run-3-store');
    assert.equal(ui.host!.current().core.config.store, 'store-12');
    assert.equal(ui.host!.current().core.config.timeZone, 'Atlantic/Canary', 'the wizard set the store in its time zone');
  } finally {
    await ui.close();
    await broker.dispose();
  }
});

test('a language set by IT’s policy file is the console’s, and the switch is locked', async () => {
  const policyFile = join(tempDir(), 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ locale: 'en' }));
  const ui = await openConsole({ runtime: { env: { ...env, MOSTRADOR_POLICY_FILE: policyFile } } });
  const { page } = ui;
  try {
    await page.locator('[data-testid="lang-en"][aria-pressed="true"]').waitFor();
    assert.equal(await page.getByTestId('lang-es').isDisabled(), true);
    assert.equal(await page.getByTestId('lang-es').getAttribute('title'), 'Set by IT');
  } finally {
    await ui.close();
  }
});
