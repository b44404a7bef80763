import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type RunningBridge } from '../../main/bridge/bridge-server';
import { openStoreCore, type StoreCore } from '../../main/core/store-core';
import { launchChromium } from './chromium';
import { tempDir } from './temp-dir';

export const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
export const artifactsDir = resolve(import.meta.dirname, '../../test-artifacts');

export interface ConsoleUnderTest {
  core: StoreCore;
  bridge: RunningBridge;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface OpenConsoleOptions {
  /**
   * Runs on the opened core before the bridge serves it (e.g. to start its HQ
   * link); the returned function runs at close(), before the core closes.
   */
  attach?: (core: StoreCore) => Promise<() => Promise<void>> | (() => Promise<void>);
}

/** The demo store on a real ledger file, served by the bridge, open in Debian's Chromium. */
export async function openConsole({ attach }: OpenConsoleOptions = {}): Promise<ConsoleUnderTest> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir}: run "npm run build" first (npm test does)`);
  }
  const core = await openStoreCore({ dbPath: join(tempDir(), 'e2e.sqlite'), store: 'demo-store', station: 'e2e', demo: true });
  let detach: () => Promise<void> = async () => {};
  try {
    if (attach) detach = await attach(core);
  } catch (error) {
    core.close();
    throw error;
  }
  const bridge = await startBridge({ api: core.api, staticDir: rendererDir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(bridge.url);
  mkdirSync(join(artifactsDir, 'e2e'), { recursive: true });
  return {
    core,
    bridge,
    browser,
    page,
    async screenshot(name) {
      const path = join(artifactsDir, 'e2e', `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await bridge.close();
      await detach();
      core.close();
      if (errors.length > 0) throw new Error(`The page threw: ${errors.join('\n')}`);
    },
  };
}

/** Signs the current member out through the status bar and waits for the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('signout').click();
  await page.locator('[data-testid^="signin-staff-"]').first().waitFor();
}

/** Signs a demo staff member in through the sign-in screen. */
export async function signIn(page: Page, staffId: string, pin: string): Promise<void> {
  await page.getByTestId(`signin-staff-${staffId}`).click();
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('lookup-input').waitFor();
}
