import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type RunningBridge } from '../../main/bridge/bridge-server';
import { composeStore, type Store, type StoreOptions } from '../../main/compose-store';
import { startRuntimeHost, type RuntimeHost } from '../../main/runtime-host';
import type { StoreRuntime } from '../../main/store-runtime';
import { launchChromium } from './chromium';
import { tempDir } from './temp-dir';

export const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
export const artifactsDir = resolve(import.meta.dirname, '../../test-artifacts');

export interface ConsoleUnderTest {
  core: Store;
  /** The whole console process (devices, printers, shelves, HQ link) when opened with `runtime`; it changes after a restart. */
  runtime: StoreRuntime | null;
  host: RuntimeHost | null;
  bridge: RunningBridge;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface OpenConsoleOptions {
  /** What the demo store is composed with (an HQ link, a device manager…); by default, nothing beyond the ledger. */
  store?: StoreOptions;
  /**
   * Folder for the ledger file, owned by the caller. Default: a tempDir(), removed when
   * the test file ends; outside node:test (benchmarks) pass one, or node:test reports on stdout.
   */
  dir?: string;
  /**
   * Runs the whole console process (main/store-runtime.ts) with this environment
   * instead of a bare core: device manager, printers, shelves and the HQ link as
   * `npm start` runs them. `store` is not used with it.
   */
  runtime?: {
    env: NodeJS.ProcessEnv;
    /** Show the first-run wizard (a fresh data folder); by default the demo is already chosen. */
    firstRun?: boolean;
  };
}

/** The demo store on a real ledger file, served by the bridge, open in Debian's Chromium. */
export async function openConsole({ store, dir, runtime: withRuntime }: OpenConsoleOptions = {}): Promise<ConsoleUnderTest> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir}: run "npm run build" first (npm test does)`);
  }
  let runtime: StoreRuntime | null = null;
  let host: RuntimeHost | null = null;
  let core: Store;
  let detach: () => Promise<void> = async () => {};
  if (withRuntime) {
    const userDataDir = dir ?? tempDir();
    if (!withRuntime.firstRun) writeFileSync(join(userDataDir, 'config.json'), JSON.stringify({ demoChosen: true }));
    // The demo till's random sales would move stock a test checks: it sells only where a test asks.
    host = await startRuntimeHost({ userDataDir, env: { MOSTRADOR_STATION: 'e2e', MOSTRADOR_DEMO_TILL_EVERY_MS: '0', ...withRuntime.env }, log: () => {} });
    runtime = host.current();
    core = runtime.core;
    const started = host;
    detach = () => started.stop();
  } else {
    const composed = await composeStore({ dbPath: join(dir ?? tempDir(), 'e2e.sqlite'), store: 'demo-store', station: 'e2e', demo: true }, store);
    core = composed;
    detach = () => composed.close();
  }
  const bridge = await startBridge({ api: host?.api ?? core.api, staticDir: rendererDir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(bridge.url);
  mkdirSync(join(artifactsDir, 'e2e'), { recursive: true });
  return {
    core,
    runtime,
    host,
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
  // Signed in when the console's pages are there: each role lands on its own page.
  await page.locator('[role="tab"][aria-selected="true"]').waitFor();
}

/**
 * Opens a console page as staff do: its tab when the tab bar shows it, or from the "Más" menu where
 * the pages that do not fit the window's width go. Resolves once that page is the current one.
 */
export async function goTo(page: Page, name: string): Promise<void> {
  await page.locator('[role="tablist"]').first().waitFor();
  const tab = page.getByTestId(`nav-${name}`);
  if ((await tab.count()) > 0 && (await tab.isVisible())) {
    await tab.click();
  } else {
    await page.getByTestId('nav-more').click();
    await page.getByTestId(`nav-more-${name}`).click();
  }
  await page.locator(`[data-testid="nav-${name}"][aria-selected="true"]`).waitFor();
}

/**
 * The first-run wizard, as a new user fills it: a real store on the broker with its first admin
 * (lucia, PIN 1357), who is then signed in.
 */
export async function setUpByWizard(page: Page, place: { brokerUrl: string; store: string; chain?: string; station?: string }): Promise<void> {
  await page.getByTestId('setup-wizard').waitFor();
  await page.getByTestId('setup-store').click();
  await page.getByTestId('setup-form').waitFor();
  await page.getByTestId('setup-chain').fill(place.chain ?? 'acme');
  await page.getByTestId('setup-store-id').fill(place.store);
  await page.getByTestId('setup-station').fill(place.station ?? 'counter-1');
  await page.getByTestId('setup-hq-url').fill(place.brokerUrl);
  await page.getByTestId('setup-admin-id').fill('lucia');
  await page.getByTestId('setup-admin-name').fill('Lucía Gómez');
  await page.getByTestId('setup-pin').fill('1357');
  await page.getByTestId('setup-pin-again').fill('1357');
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('signin-staff-lucia').waitFor({ timeout: 20_000 });
  await signIn(page, 'lucia', '1357');
}
