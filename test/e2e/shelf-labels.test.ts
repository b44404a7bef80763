import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startVirtualZplTcpPrinter, type VirtualZplTcpPrinter } from '../../drivers/label/virtual-zpl-printer';
import { formatEuros } from '../../drivers/printer/receipt-layouts';
import { demoGtin13, demoProduct } from '../../main/demo/demo-catalog';
import { demoOpening } from '../../main/hq-simulator/demo-opening';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, signIn, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';

// Prices and shelf labels on a real store (issue 15): configured by environment (no demo, no
// wizard), linked to a real Mosquitto, its catalog (with shelf locations and net contents) and
// opening stock from the HQ simulator, a price batch from HQ, and a virtual Zebra-type printer on
// its TCP port.

const slow = { timeout: 30_000 };
/** Money as the Spanish console shows it. */
const shown = (cents: number) => new Intl.NumberFormat('es-ES', { style: 'currency', currency: 'EUR' }).format(cents / 100);

test('A price batch with an effective time in the near future fills the label queue; the label prints on the virtual ZPL printer with its unit price and 30-day lowest price, and the price changes on time on the product view', async () => {
  const store = 'store-labels';
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  let zebra: VirtualZplTcpPrinter | null = null;
  try {
    broker = await startMosquitto();
    hq = await startHq(broker.url, { chain: 'test-chain', openingFor: (s) => (s === store ? demoOpening(20, s) : null) });
    ui = await openConsole({
      runtime: { env: { MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json', MOSTRADOR_STORE: store, MOSTRADOR_CHAIN: 'test-chain', MOSTRADOR_HQ_URL: broker.url, MOSTRADOR_ADMIN_CODE: 'LABELS-E2E-CODE' } },
    });
    await waitUntil(() => hq!.store(store)?.ready, (ready) => ready === true, { what: 'HQ to provision the store', timeoutMs: 30_000 });
    // The store's staff and its label printer, as its admin and IT would set them (not this test's subject).
    await ui.core.services.staff.upsert({ id: 'ana', name: 'Ana Ruiz', role: 'associate' }, '2468');
    zebra = await startVirtualZplTcpPrinter();
    await ui.core.services.printing.configure('label', { connection: { type: 'tcp', host: zebra.host, port: zebra.port }, profile: 'zpl-203dpi' });
    const { page } = ui;
    await page.reload();
    await signIn(page, 'ana', '2468');

    // The batch: a reduction (HQ gives the 30-day lowest: the store is minutes old) and a rise.
    const cut = demoProduct(3).product;
    const rise = demoProduct(7).product;
    const cutPrice = cut.priceCents - 40;
    const lowest = cut.priceCents - 10;
    const effectiveAt = new Date(Date.now() + 25_000).toISOString();
    hq.send(store, {
      type: 'prices',
      version: 1,
      effectiveAt,
      prices: [
        { sku: cut.sku, priceCents: cutPrice, lowest30dCents: lowest },
        { sku: rise.sku, priceCents: rise.priceCents + 30 },
      ],
    });

    // Announced: both labels wait at once, in shelf order, before the price applies.
    await goTo(page, 'labels');
    await page.locator('[data-testid="labels-summary"][data-waiting="2"]').waitFor(slow);
    const rows = page.locator('[data-testid^="label-row-"]');
    const order: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) order.push((await rows.nth(i).getAttribute('data-testid'))!.slice('label-row-'.length));
    const byShelf = [cut, rise].sort((a, b) => a.shelfLocation!.localeCompare(b.shelfLocation!, 'en', { numeric: true })).map((p) => p.sku);
    assert.deepEqual(order, byShelf, 'sorted by shelf location');
    const cutRow = page.getByTestId(`label-row-${cut.sku}`);
    assert.equal(await cutRow.getAttribute('data-late'), 'false', 'announced ahead of its time');
    assert.equal(await cutRow.getByTestId('label-location').textContent(), cut.shelfLocation);
    const unitCents = Math.round(cutPrice / cut.netContent!.amount);
    const unitWord = { kg: '€/kg', l: '€/l', unit: '€/ud.' }[cut.netContent!.unit];
    assert.match((await cutRow.getByTestId('label-lowest').textContent()) ?? '', new RegExp(shown(lowest)));
    assert.equal(ui.core.services.catalog.product(cut.sku)?.priceCents, cut.priceCents, 'the price itself waits for its time');
    await ui.screenshot('shelf-labels-1-queue-announced');

    // One label alone: it prints on the Zebra and leaves the queue.
    await cutRow.getByTestId('label-print-one').click();
    await page.locator('[data-testid="labels-summary"][data-waiting="1"]').waitFor(slow);
    await waitUntil(() => zebra!.core.labels.length, (n) => n === 1, { what: 'the label at the printer' });
    const zpl = zebra.core.labels[0]!.zpl;
    assert.ok(zpl.includes(`^FD${formatEuros(cutPrice)}^FS`), 'the selling price, in its bytes');
    assert.ok(zpl.includes(`^FD${formatEuros(unitCents).replace(' €', '')} ${unitWord}^FS`), `the unit price per ${cut.netContent!.unit}, in its bytes`);
    assert.ok(zpl.includes(`Precio más bajo últimos 30 días: ${formatEuros(lowest)}^FS`), 'the 30-day lowest price, in its bytes');
    assert.ok(zpl.includes(`^BEN,40,Y,N^FD${demoGtin13(3).slice(0, 12)}^FS`), 'its EAN-13');
    await ui.screenshot('shelf-labels-2-one-printed');

    // The product view: the price in force and the next one; at its time, the new one.
    await goTo(page, 'lookup');
    await page.getByTestId('lookup-input').fill(demoGtin13(3));
    await page.getByTestId('lookup-input').press('Enter');
    await page.getByTestId('lookup-result').waitFor();
    assert.equal(await page.getByTestId('lookup-price').textContent(), shown(cut.priceCents), 'the old price until its time');
    assert.equal(await page.getByTestId('lookup-next-price').getAttribute('data-effective-at'), effectiveAt);
    await ui.screenshot('shelf-labels-3-product-next-price');
    await page.getByTestId('lookup-next-price').waitFor({ state: 'detached', timeout: 60_000 });
    assert.ok(Date.now() >= Date.parse(effectiveAt), 'not before its time');
    await waitUntil(async () => page.getByTestId('lookup-price').textContent(), (text) => text === shown(cutPrice), { what: 'the new price on the product view' });
    await ui.screenshot('shelf-labels-4-product-new-price');

    // The label nobody printed is now late: its price is in force and the shelf still shows the old one.
    await goTo(page, 'labels');
    await page.locator(`[data-testid="label-row-${rise.sku}"][data-late="true"]`).waitFor(slow);
    await page.locator('[data-testid="labels-summary"][data-late="1"]').waitFor();
    await ui.screenshot('shelf-labels-5-late');
    await page.getByTestId('labels-print-all').click();
    await page.getByTestId('labels-empty').waitFor(slow);
    await waitUntil(() => zebra!.core.labels.length, (n) => n === 2, { what: 'the late label at the printer' });
    assert.ok(!zebra.core.labels[1]!.zpl.includes('30 días'), 'a rise carries no 30-day note');
  } finally {
    await ui?.close();
    await zebra?.close();
    await hq?.stop();
    await broker?.dispose();
  }
});
