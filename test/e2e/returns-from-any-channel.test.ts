import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import type { RuntimeHost } from '../../main/runtime-host';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { smallCatalog, staffPins } from '../helpers/small-store';
import { chain, startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

// Returns from any channel (issue 16): two real stores (configured by environment, not the demo),
// each with its own console in Chromium, linked to the HQ simulator through one Mosquitto. HQ
// sold an order delivered home; it holds the order's returned units for the whole chain.

const [oil, rice] = smallCatalog;

async function openStore(store: string, brokerUrl: string): Promise<ConsoleUnderTest> {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), '{}');
  const env = { MOSTRADOR_STORE: store, MOSTRADOR_STATION: 'counter', MOSTRADOR_HQ_URL: brokerUrl, MOSTRADOR_CHAIN: chain, MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json' };
  const ui = await openConsole({ dir, runtime: { env, firstRun: true } });
  await stockTheStore(ui.host!);
  await ui.page.reload();
  await signIn(ui.page, 'marta', staffPins.marta);
  await ui.page.getByText('Central: en línea').waitFor({ timeout: 20_000 });
  return ui;
}

async function stockTheStore(host: RuntimeHost) {
  const { catalog, staff } = host.current().core.services;
  catalog.upsertProducts(
    smallCatalog.map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, category: 'Test', unit: 'each' as const, priceCents: 499, taxRateBp: 1000, active: true })),
    smallCatalog.map((p) => ({ code: `0${p.gtin13}`, sku: p.sku, kind: 'gtin' as const })),
  );
  await staff.upsert({ id: 'marta', name: 'Marta', role: 'manager' }, staffPins.marta);
  await staff.upsert({ id: 'pablo', name: 'Pablo', role: 'pickup' }, staffPins.pablo);
}

async function findOrder(page: Page, query: string, orderId: string) {
  await goTo(page, 'returns');
  await page.getByTestId('channel-return-query').fill(query);
  await page.getByTestId('channel-return-search').click();
  await page.locator(`[data-testid="channel-return-form"][data-order="${orderId}"]`).waitFor({ timeout: 20_000 });
}

test('An order delivered home is returned at this store. A second return of the same unit at another store\'s console is refused.', async () => {
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let north: ConsoleUnderTest | null = null;
  let south: ConsoleUnderTest | null = null;
  try {
    broker = await startMosquitto();
    hq = await startHq(broker.url, { refundSettleMs: 300 });
    const orderId = 'WEB-77001';
    hq.addSoldOrder({
      orderId,
      channel: 'home-delivery',
      store: null,
      customer: { name: 'Lucía Ferrer', phone: '+34 600 123 456', email: 'lucia@example.com' },
      deliveredAt: new Date().toISOString(),
      payment: 'card-online',
      lines: [
        { lineId: 'l1', sku: oil.sku, name: oil.name, qty: 1, unitPriceCents: 1013, taxRateBp: 2100 },
        { lineId: 'l2', sku: rice.sku, name: rice.name, qty: 2, unitPriceCents: 349, taxRateBp: 1000 },
      ],
    });
    north = await openStore('store-north', broker.url);
    south = await openStore('store-south', broker.url);
    const here = north.page;
    const there = south.page;

    // Both counters have the order open: north by the e-mail's QR, south by the customer's phone.
    await findOrder(here, `MOSTRADOR-ORDER:${orderId}`, orderId);
    await findOrder(there, '600 123 456', orderId);
    assert.match((await here.getByTestId('channel-return-channel').textContent()) ?? '', /domicilio/);

    // The console checks quantities itself: two oils of one sold is refused before anything is sent.
    await here.getByTestId('channel-return-qty-l1').fill('2');
    await here.getByTestId('channel-return-too-many-l1').waitFor();
    assert.equal(await here.getByTestId('channel-return-confirm').isDisabled(), true);
    await here.getByTestId('channel-return-qty-l1').fill('1');
    await here.getByTestId('channel-return-refund').selectOption('original-payment');
    assert.match((await here.getByTestId('channel-return-total').textContent()) ?? '', /10,13/);
    await north.screenshot('channel-return-1-north-form');
    await here.getByTestId('channel-return-confirm').click();

    // Counted by HQ; the refund to the card is requested, then shown refunded when HQ says so.
    const northCore = north.host!.current().core;
    const returnId = await waitUntil(() => northCore.services.returns.list()[0]?.returnId, (id) => id !== undefined, { what: 'the return recorded' });
    const row = here.getByTestId(`channel-return-${returnId!}`);
    await here.locator(`[data-testid="channel-return-${returnId!}"][data-state="settled"]`).waitFor();
    await here.locator(`[data-testid="channel-return-${returnId!}"][data-refund="refunded"]`).waitFor({ timeout: 20_000 });
    assert.match((await row.textContent()) ?? '', /reembolsado/);
    assert.equal(northCore.services.levels.at(oil.sku, 'returns'), 1, 'the unit waits in returns');
    assert.equal(hq.soldOrder(orderId)!.lines[0]!.returned, 1);
    await north.screenshot('channel-return-2-north-refunded');

    // Disposition: the oil goes back to stock.
    await here.getByTestId(`dispose-stock-${returnId!}-l1`).click();
    await here.locator(`[data-testid="channel-return-${returnId!}-l1"][data-waiting="0"]`).waitFor();
    assert.equal(northCore.services.levels.at(oil.sku, 'sales_floor'), 1);
    assert.equal(northCore.services.levels.at(oil.sku, 'returns'), 0);

    // South still shows what it read before north's return: its console lets it try, HQ refuses.
    await there.getByTestId('channel-return-qty-l1').fill('1');
    await there.getByTestId('channel-return-refund').selectOption('cash');
    await there.getByTestId('channel-return-confirm').click();
    await there.locator('[data-testid="channel-return-error"][data-code="OVER_RETURN"]').waitFor({ timeout: 20_000 });
    assert.match((await there.getByTestId('channel-return-error').textContent()) ?? '', /1/);
    await south.screenshot('channel-return-3-south-refused-by-hq');
    const southCore = south.host!.current().core;
    assert.equal(southCore.services.levels.at(oil.sku, 'returns'), 0, 'nothing came back at the refusing store');
    assert.equal(southCore.services.returns.list().length, 0);

    // Looked up again, the order shows the unit returned, and the console itself refuses it.
    await findOrder(there, orderId, orderId);
    await there.locator('[data-testid="channel-return-line-l1"][data-returned="1"]').waitFor();
    await there.getByTestId('channel-return-qty-l1').fill('1');
    await there.getByTestId('channel-return-too-many-l1').waitFor();
    assert.equal(await there.getByTestId('channel-return-confirm').isDisabled(), true);
    await south.screenshot('channel-return-4-south-already-returned');
    assert.equal(hq.soldOrder(orderId)!.lines[0]!.returned, 1, 'HQ counted the unit once');

    // HQ stops answering. South's pickup clerk records a rice against the scanned receipt; a manager approves.
    await hq.stop();
    await signOut(there);
    await signIn(there, 'pablo', staffPins.pablo);
    await goTo(there, 'returns');
    await there.getByTestId('channel-return-query').fill(`MOSTRADOR-ORDER:${orderId}`);
    await there.getByTestId('channel-return-search').click();
    await there.getByTestId('channel-return-offline-form').waitFor({ timeout: 20_000 });
    await there.getByTestId('offline-return-sku').fill(rice.sku);
    await there.getByTestId('offline-return-add').click();
    await there.getByTestId(`offline-return-line-${rice.sku}`).waitFor();
    await there.getByTestId('offline-return-refund').selectOption('store-credit');
    await there.getByTestId('offline-return-confirm').click();
    await there.getByTestId('approval-dialog').waitFor();
    await there.getByLabel('Marta').check();
    await there.getByTestId('approval-pin').fill(staffPins.marta);
    await there.getByTestId('approval-submit').click();
    const offlineId = await waitUntil(() => southCore.services.returns.list()[0]?.returnId, (id) => id !== undefined, { what: 'the offline return recorded' });
    await there.locator(`[data-testid="channel-return-${offlineId!}"][data-state="pending-hq"]`).waitFor();
    assert.equal(southCore.services.returns.list()[0]!.approvedBy, 'marta');
    await south.screenshot('channel-return-5-south-offline-pending');

    // HQ is back: the return settles against the order's rice line, and HQ counts it.
    await hq.start();
    await there.locator(`[data-testid="channel-return-${offlineId!}"][data-state="settled"]`).waitFor({ timeout: 30_000 });
    assert.equal(hq.soldOrder(orderId)!.lines[1]!.returned, 1);
    await south.screenshot('channel-return-6-south-offline-settled');
  } finally {
    await north?.close();
    await south?.close();
    await hq?.stop();
    await broker?.dispose();
  }
});
