import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openConsole, rendererDir, signIn, goTo } from '../helpers/console-under-test';

const scriptsLoaded = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.endsWith('.js')));

/** Waits until the page has fetched a script whose file name starts with `chunk` and a dash. */
const chunkFetched = (page: Page, chunk: string) =>
  page.waitForFunction(
    (name) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.split('/').pop()!.startsWith(`${name}-`)),
    chunk,
    { timeout: 10_000 },
  );

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

    await goTo(page, 'devices');
    await chunkFetched(page, 'devices-screen');
    assert.deepEqual((await scriptsLoaded(page)).filter((name) => /sync-screen/.test(name)), []);

    await goTo(page, 'sync');
    await chunkFetched(page, 'sync-screen');
  } finally {
    await ui.close();
  }
});
