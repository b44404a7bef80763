import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openConsole, rendererDir, signIn } from '../helpers/console-under-test';

const scriptsLoaded = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.endsWith('.js')));

test('the built console is minified, and the Devices and Sync pages are fetched only when first opened', async () => {
  // Minified: a handful of lines across every script (the unminified single bundle had ~23,000).
  const assets = join(rendererDir, 'assets');
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const lines = scripts.reduce((sum, f) => sum + readFileSync(join(assets, f), 'utf8').split('\n').length, 0);
  assert.ok(lines < 20 * scripts.length, `${lines} lines in ${scripts.length} scripts: not minified`);

  const ui = await openConsole();
  const { page } = ui;
  try {
    await signIn(page, 'marta', '3333');
    const atSignIn = await scriptsLoaded(page);
    assert.ok(atSignIn.length > 0);
    assert.deepEqual(atSignIn.filter((name) => /devices-screen|sync-screen/.test(name)), []);

    await page.getByTestId('nav-devices').click();
    await page.locator('#page-devices').waitFor();
    const afterDevices = await scriptsLoaded(page);
    assert.equal(afterDevices.filter((name) => /\/devices-screen-[^/]+\.js$/.test(name)).length, 1);
    assert.deepEqual(afterDevices.filter((name) => /sync-screen/.test(name)), []);

    await page.getByTestId('nav-sync').click();
    await page.locator('#page-sync').waitFor();
    assert.equal((await scriptsLoaded(page)).filter((name) => /\/sync-screen-[^/]+\.js$/.test(name)).length, 1);
  } finally {
    await ui.close();
  }
});
