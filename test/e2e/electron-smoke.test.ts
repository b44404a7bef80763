// The packaged-app smoke test: it needs Electron's binary, which this CI image cannot
// download (ELECTRON_SKIP_BINARY_DOWNLOAD=1). Where the binary is installed it runs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { demoGtin13, demoSku } from '../../main/demo/demo-catalog';
import { tempDir } from '../helpers/temp-dir';

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const reason = 'Electron binary absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); this test runs where `npm install` fetched it';
if (!binary) console.log(`# skipping the Electron smoke test: ${reason}`);

test('the built app starts in the first-run wizard, takes the demo store and looks up a product', { skip: binary ? false : reason }, async () => {
  const app = await electron.launch({
    executablePath: binary!,
    // A fresh data folder: a first run.
    args: [resolve(import.meta.dirname, '../..'), `--user-data-dir=${tempDir()}`],
    env: { ...process.env, MOSTRADOR_POLICY_FILE: join(tempDir(), 'none.json'), ELECTRON_ENABLE_LOGGING: '1' },
  });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('setup-wizard').waitFor();
    await page.getByTestId('setup-demo').click();
    await page.getByTestId('signin-staff-ana').click();
    await page.getByTestId('pin-input').fill('1111');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('lookup-input').fill(demoGtin13(1));
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-result').waitFor();
    assert.equal(await page.getByTestId('lookup-sku').textContent(), demoSku(1));
  } finally {
    await app.close();
  }
});
