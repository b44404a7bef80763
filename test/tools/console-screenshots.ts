// Screenshots of the demo console, page by page and role by role, at the two screen
// sizes issue 18 names (1366×768 and 1024×768), so a resolving note can show the
// pages before and after a change. It uses only what older builds also have (the
// runtime host, the bridge, the demo HQ, the sign-in and nav test ids), so the same
// file runs from a worktree of an older commit to take the "before" pictures.
//
//   npx electron-vite build && npx tsx test/tools/console-screenshots.ts <output folder>
//
// Writes <page>-<role>-<width>x<height>.png and, for what could not be reached, a line
// in missing.txt (a page the role does not see, or one this build lacks).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBridge } from '../../main/bridge/bridge-server';
import { demoSku, demoStartingStock } from '../../main/demo/demo-catalog';
import { startRuntimeHost } from '../../main/runtime-host';
import { launchChromium } from '../helpers/chromium';
import { signIn, signOut } from '../helpers/console-under-test';

const sizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

const roles = [
  { id: 'ana', pin: '1111', role: 'associate' },
  { id: 'pablo', pin: '2222', role: 'pickup' },
  { id: 'marta', pin: '3333', role: 'manager' },
  { id: 'ivan', pin: '4444', role: 'admin' },
] as const;

const outDir = resolve(process.argv[2] ?? 'test-artifacts/console-screenshots');
const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
const quick = { timeout: 5_000 };

/** Demo products with at least `qty` units in store, so accepting an order can hold them. */
function stockedIndexes(count: number, qty: number, from: number): number[] {
  const found: number[] = [];
  for (let i = from; found.length < count; i++) {
    const { backRoom, salesFloor } = demoStartingStock(i);
    if (backRoom + salesFloor >= qty) found.push(i);
  }
  return found;
}

async function main() {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No built renderer at ${rendererDir}: run "npx electron-vite build" first`);
  mkdirSync(outDir, { recursive: true });
  const missingFile = join(outDir, 'missing.txt');
  writeFileSync(missingFile, '');
  const missing = (what: string) => {
    appendFileSync(missingFile, `${what}\n`);
    console.log(`missing: ${what}`);
  };

  const userDataDir = mkdtempSync(join(tmpdir(), 'mostrador-shots-'));
  writeFileSync(join(userDataDir, 'config.json'), JSON.stringify({ demoChosen: true }));
  // The demo till's random sales would change the stock between the two pictures.
  const host = await startRuntimeHost({ userDataDir, env: { MOSTRADOR_STATION: 'e2e', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' }, log: () => {} });
  const bridge = await startBridge({ api: host.api, staticDir: rendererDir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { ...sizes[0] } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));

  const shoot = async (name: string, role: string) => {
    for (const size of sizes) {
      await page.setViewportSize(size);
      // Layout that measures itself (the tab bar's overflow) settles after a resize.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(outDir, `${name}-${role}-${size.width}x${size.height}.png`), fullPage: true });
    }
    await page.setViewportSize(sizes[0]);
  };

  /** Opens a page through its tab, or through the "more" menu when the tab bar has no room for it. */
  const open = async (name: string): Promise<boolean> => {
    const tab = page.getByTestId(`nav-${name}`);
    if (await tab.isVisible()) {
      await tab.click();
      return true;
    }
    const more = page.getByTestId('nav-more');
    if (await more.isVisible()) {
      await more.click();
      const item = page.getByTestId(`nav-more-${name}`);
      if (await item.isVisible()) {
        await item.click();
        return true;
      }
      await page.keyboard.press('Escape');
    }
    return false;
  };

  try {
    await page.goto(bridge.url);
    const hq = host.current().demoHq;
    if (!hq) throw new Error('The demo runtime has no demo HQ');
    const [a, b, c] = stockedIndexes(3, 3, 11) as [number, number, number];
    const promisedAt = new Date(Date.now() + 45 * 60_000).toISOString();
    // One order to pick, one left waiting in the queue.
    hq.routeOrder('demo-store', {
      orderId: 'W-7001',
      version: 1,
      customer: { name: 'Lucía Fernández', phone: '+34600111222' },
      verification: { code: '4821' },
      promisedAt,
      lines: [
        { lineId: 'L1', sku: demoSku(a), qty: 2 },
        { lineId: 'L2', sku: demoSku(b), qty: 1 },
      ],
    });
    hq.routeOrder('demo-store', {
      orderId: 'W-7002',
      version: 1,
      customer: { name: 'Jorge Martín', phone: '+34626244273' },
      verification: { code: '1937' },
      promisedAt,
      lines: [{ lineId: 'L1', sku: demoSku(c), qty: 1 }],
    });

    await page.locator('[data-testid^="signin-staff-"]').first().waitFor();
    await shoot('signin', 'none');

    for (const { id, pin, role } of roles) {
      await signIn(page, id, pin);
      await shoot('landing', role);

      if (await open('lookup')) {
        await page.getByTestId('lookup-input').click();
        await page.getByTestId('lookup-input').fill(demoSku(1));
        await page.keyboard.press('Enter');
        await page.getByTestId('lookup-result').waitFor(quick).catch(() => missing(`lookup-${role}: no result shown for ${demoSku(1)}`));
        await shoot('lookup', role);
      } else missing(`lookup-${role}: no lookup page for this role`);

      if (await open('orders')) {
        const tab = page.getByTestId('orders-tab-queue');
        if (await tab.isVisible()) await tab.click();
        const row = page.getByTestId('order-row-W-7001');
        const shown = await row.waitFor(quick).then(() => true, () => false);
        if (!shown) missing(`orders-${role}: the queue shows no order W-7001`);
        await shoot('orders-queue', role);

        if (role === 'pickup' && shown) {
          await row.click();
          await page.getByTestId('order-detail').waitFor(quick);
          await shoot('order-detail', role);
          await page.getByTestId('order-accept').click();
          await page.locator('[data-testid="order-status"][data-status="accepted"]').waitFor(quick);
          await page.getByTestId('order-start-pick').click();
          await page.getByTestId('pick-screen').waitFor(quick);
          await shoot('pick', role);
        }

        const returns = page.getByTestId('orders-tab-returns');
        if (await returns.isVisible()) {
          await returns.click();
          await shoot('orders-returns', role);
        } else missing(`orders-returns-${role}: no returns section on the orders page`);
      } else missing(`orders-${role}: no orders page for this role`);

      for (const name of ['returns', 'sync', 'devices']) {
        if (await open(name)) {
          await page.waitForTimeout(500);
          await shoot(name, role);
        } else missing(`${name}-${role}: no ${name} page for this role`);
      }

      await signOut(page);
    }
  } finally {
    await browser.close();
    await bridge.close();
    await host.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  if (errors.length > 0) console.log(`The page threw:\n${errors.join('\n')}`);
  console.log(`Screenshots in ${outDir}`);
}

await main();
