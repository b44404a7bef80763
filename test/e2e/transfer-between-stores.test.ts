import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import type { RuntimeHost } from '../../main/runtime-host';
import { openConsole, signIn, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { smallCatalog, staffPins } from '../helpers/small-store';
import { chain, startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

// Two real stores (configured by environment, as IT deploys them; not the demo), each with its
// own console in Chromium, linked to the HQ simulator through one Mosquitto.

const [oil, rice] = smallCatalog;

async function openStore(store: string, brokerUrl: string): Promise<ConsoleUnderTest> {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), '{}');
  const env = { MOSTRADOR_STORE: store, MOSTRADOR_STATION: 'back-office', MOSTRADOR_HQ_URL: brokerUrl, MOSTRADOR_CHAIN: chain, MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json' };
  const ui = await openConsole({ dir, runtime: { env, firstRun: true } });
  await stockTheStore(ui.host!);
  await ui.page.reload();
  await signIn(ui.page, 'marta', staffPins.marta);
  await ui.page.getByText('Central: en línea').waitFor({ timeout: 20_000 });
  return ui;
}

/** What the chain's catalog feed and a past delivery would have brought: the products, a manager, stock in the back room. */
async function stockTheStore(host: RuntimeHost) {
  const { catalog, staff, movements } = host.current().core.services;
  catalog.upsertProducts(
    smallCatalog.map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, category: 'Test', unit: 'each' as const, priceCents: 499, taxRateBp: 1000, active: true })),
    smallCatalog.map((p) => ({ code: `0${p.gtin13}`, sku: p.sku, kind: 'gtin' as const })),
  );
  await staff.upsert({ id: 'marta', name: 'Marta', role: 'manager' }, staffPins.marta);
  for (const p of smallCatalog) movements.append({ sku: p.sku, qty: 10, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'marta', station: 'back-office' });
}

async function typeCode(page: Page, testId: string, code: string) {
  await page.getByTestId(testId).fill(code);
  await page.getByTestId(testId).press('Enter');
}

const rowState = (page: Page, transferId: string, state: string) => page.locator(`[data-testid="transfer-row-${transferId}"][data-state="${state}"]`).waitFor({ timeout: 20_000 });

test('A transfer between two stores on one broker is shipped by one and received, one unit damaged, by the other', async () => {
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let origin: ConsoleUnderTest | null = null;
  let destination: ConsoleUnderTest | null = null;
  try {
    broker = await startMosquitto();
    hq = await startHq(broker.url);
    origin = await openStore('store-north', broker.url);
    destination = await openStore('store-south', broker.url);
    const from = origin.page;
    const to = destination.page;

    // The origin drafts it: two scans of the oil's barcode, and the rice typed by SKU with its units.
    await goTo(from, 'transfers');
    await from.getByTestId('transfer-to').fill('store-south');
    await from.getByTestId('transfer-create').click();
    await from.getByTestId('transfer-draft').waitFor();
    await typeCode(from, 'transfer-code', oil.gtin13);
    await from.locator(`[data-testid="draft-line-${oil.sku}"][data-qty="1"]`).waitFor();
    await typeCode(from, 'transfer-code', oil.gtin13);
    await from.locator(`[data-testid="draft-line-${oil.sku}"][data-qty="2"]`).waitFor();
    await from.getByTestId('transfer-qty').fill('1');
    await typeCode(from, 'transfer-code', rice.sku);
    await from.locator(`[data-testid="draft-line-${rice.sku}"][data-qty="1"]`).waitFor();
    await origin.screenshot('transfer-1-origin-draft');
    const originCore = origin.host!.current().core;
    const transferId = originCore.services.transfers.lists().outgoing[0]!.transferId;

    await from.getByTestId('transfer-ship').click();
    await rowState(from, transferId, 'shipped');
    assert.equal(originCore.services.levels.at(oil.sku, 'in_transit'), 2);
    assert.equal(originCore.services.levels.at(oil.sku, 'back_room'), 8);

    // HQ tells the destination: both consoles show it in transit.
    await goTo(to, 'transfers');
    await rowState(to, transferId, 'shipped');
    assert.match((await to.getByTestId(`transfer-row-${transferId}`).textContent()) ?? '', /store-north.*En tránsito/);
    assert.match((await from.getByTestId(`transfer-row-${transferId}`).textContent()) ?? '', /store-south.*En tránsito/);
    await origin.screenshot('transfer-2-origin-in-transit');
    await destination.screenshot('transfer-3-destination-incoming');

    // The destination scans what arrived: one oil in good condition, one damaged, the rice.
    await to.getByTestId(`transfer-row-${transferId}`).getByRole('button').click();
    await to.getByTestId('transfer-receive').waitFor();
    await typeCode(to, 'receive-code', oil.gtin13);
    await to.locator(`[data-testid="receive-line-${oil.sku}"][data-received="1"]`).waitFor();
    await typeCode(to, 'receive-code', rice.gtin13);
    await to.locator(`[data-testid="receive-line-${rice.sku}"][data-received="1"]`).waitFor();
    await to.getByTestId(`receive-damaged-${oil.sku}`).fill('1');
    await destination.screenshot('transfer-4-destination-receiving');
    await to.getByTestId('receive-submit').click();
    await rowState(to, transferId, 'closed');
    await to.getByTestId(`transfer-line-${oil.sku}`).filter({ hasText: /1\s*1\s*0/ }).waitFor();
    await destination.screenshot('transfer-5-destination-closed');

    const destinationCore = destination.host!.current().core;
    assert.equal(destinationCore.services.levels.at(oil.sku, 'back_room'), 11);
    assert.equal(destinationCore.services.levels.at(oil.sku, 'damaged'), 1);
    assert.equal(destinationCore.services.levels.at(rice.sku, 'back_room'), 11);

    // The receipt goes to HQ, and HQ tells the origin: it closes, its in-transit stock gone.
    await rowState(from, transferId, 'closed');
    assert.equal(originCore.services.levels.at(oil.sku, 'in_transit'), 0);
    assert.equal(originCore.services.levels.at(rice.sku, 'in_transit'), 0);
    const h = hq;
    await waitUntil(() => h.store('store-north')!.level(oil.sku, 'in_transit'), (q) => q === 0, { what: 'HQ to see the origin stock leave transit' });
    assert.equal(hq.store('store-south')!.level(oil.sku, 'damaged'), 1, 'HQ sees the damaged unit at the destination');
    await origin.screenshot('transfer-6-origin-closed');
  } finally {
    await origin?.close();
    await destination?.close();
    await hq?.stop();
    await broker?.dispose();
  }
});
