import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { demoSku, demoStartingStock } from '../../main/demo/demo-catalog';
import { demoOpening } from '../../main/hq-simulator/demo-opening';
import type { HqCustomer } from '../../main/hq-simulator/customer-directory';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

const store = 'store-cust';
const realStore = (brokerUrl: string) => ({
  MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json',
  MOSTRADOR_STORE: store,
  MOSTRADOR_CHAIN: 'test-chain',
  MOSTRADOR_HQ_URL: brokerUrl,
  MOSTRADOR_ADMIN_CODE: 'CUSTOMERS-E2E-CODE',
});

/** The first demo product with units on the sales floor: the bicycle the customer looked at. */
const bikeIndex = (() => {
  for (let i = 1; ; i++) if (demoStartingStock(i).salesFloor >= 1) return i;
})();
const bikeSku = demoSku(bikeIndex);

const person = (id: string, name: string, phone: string, personalisation: boolean): HqCustomer => ({
  customerId: id,
  name,
  phone,
  email: `${id.toLowerCase()}@example.com`,
  contact: { email: true, sms: true, phone: false },
  consents: { personalisation, contact: true },
  loyalty: { tier: 'silver', points: 320, cardNumber: `LOY-${id}` },
  history: [
    { ref: 'WEB-77', kind: 'purchase', store: 'online', at: '2026-10-02T18:00:00Z', lines: [{ sku: 'MS-000009', name: 'Casco urbano', qty: 1, size: 'M' }] },
    { ref: 'TK-12', kind: 'return', store, at: '2026-10-09T11:00:00Z', lines: [{ sku: 'MS-000009', name: 'Casco urbano', qty: 1, size: 'M' }] },
  ],
  openOrders: [],
  notes: [{ at: '2026-10-09T11:05:00Z', text: 'Prefiere talla M', by: 'ana' }],
  sizes: [{ kind: 'casco', size: 'M' }],
  viewed: [{ sku: bikeSku, name: 'Bicicleta urbana Ría', at: new Date(Date.now() - 86_400_000).toISOString() }],
  wishlist: [],
  cart: [],
});

test('Customers at the counter: check-in with the viewed bicycle, consent and audit, saving the sale with tracking, and erasure from the ledger file', async () => {
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  try {
    broker = await startMosquitto();
    hq = await startHq(broker.url, { chain: 'test-chain', openingFor: (s) => (s === store ? demoOpening(20, s) : null) });
    const h = hq;
    ui = await openConsole({ runtime: { env: realStore(broker.url) }, dir: tempDir() });
    await waitUntil(() => h.store(store)?.ready, (ready) => ready === true, { what: 'HQ to provision the store', timeoutMs: 30_000 });
    const { page, core } = ui;
    await core.services.staff.upsert({ id: 'ana', name: 'Ana Ruiz', role: 'associate' }, '2468');
    await core.services.staff.upsert({ id: 'marta', name: 'Marta Gil', role: 'manager' }, '1357');
    await page.reload();
    await signIn(page, 'ana', '2468');
    await goTo(page, 'customers');
    await page.getByTestId('customers-screen').waitFor();

    // 1. A customer with consent checks in from the app: the counter shows the bicycle they viewed, with its stock.
    h.putCustomer(person('C-LUCIA', 'Lucía Barreiro Souto', '+34 612 345 678', true));
    h.checkIn(store, 'C-LUCIA');
    const arrival = page.getByTestId('arrival');
    await arrival.getByText('Lucía Barreiro Souto').waitFor();
    const bikeRow = arrival.locator(`[data-testid="arrival-viewed"] tr[data-sku="${bikeSku}"]`);
    await bikeRow.getByText('Bicicleta urbana Ría').waitFor();
    const here = core.services.stockReads.summary(bikeSku, 'associate').atp;
    assert.equal((await bikeRow.getByTestId('stock-here').textContent())?.trim(), String(here));
    assert.ok((here ?? 0) > 0);
    await ui.screenshot('customers-1-arrival-viewed-bicycle');

    // 2. A customer without personalisation consent: history, no browsing panel, and the opening is audited.
    h.putCustomer(person('C-XOAN', 'Xoán Vilariño Pazos', '+34 698 765 432', false));
    await page.getByTestId('customer-search').fill('Vilariño');
    await page.getByTestId('customer-search-go').click();
    await page.getByTestId('customer-hits').getByText('Xoán Vilariño Pazos').click();
    const card = page.getByTestId('customer-card');
    await card.getByTestId('panel-history').getByText('Casco urbano').first().waitFor();
    await card.getByTestId('hidden-browsing').waitFor();
    assert.equal(await card.getByTestId('panel-browsing').count(), 0);
    assert.match((await card.getByTestId('hidden-browsing').textContent()) ?? '', /consentimiento para personalización/);
    const openings = core.services.customers.openings('C-XOAN');
    assert.equal(openings.length, 1);
    assert.equal(openings[0]!.staff, 'ana');
    assert.deepEqual(openings[0]!.withheld, ['browsing:no-personalisation-consent']);
    assert.ok(!openings[0]!.panels.includes('browsing'));
    const audited = core.services.audit.recent(50).filter((r) => r.command === 'customers.open' && String(r.input).includes('C-XOAN'));
    assert.equal(audited.length, 1, 'the audit log records the opening');
    await ui.screenshot('customers-2-no-consent-history-only');

    // 3. An item out of stock here is ordered from another store for delivery; its tracking updates on the card.
    const outOfStock = 'MS-000999';
    await page.getByTestId('customer-code').fill('LOY-C-LUCIA');
    await page.getByTestId('customer-open-code').click();
    await card.getByRole('heading', { name: 'Lucía Barreiro Souto' }).waitFor();
    await card.getByTestId('order-sku').fill(outOfStock);
    await card.getByTestId('order-from').fill('store-vigo');
    await card.getByTestId('order-fulfilment').selectOption('delivery');
    await card.getByTestId('order-place').click();
    await card.getByTestId('order-placed').waitFor();
    const placed = core.services.customers.placedOrders('C-LUCIA')[0]!;
    assert.equal(placed.fulfilment, 'delivery');
    assert.ok(placed.promisedAt && Date.parse(placed.promisedAt) > Date.now(), 'HQ promised a date');
    const orderLine = card.locator(`[data-testid="customer-order"][data-order="${placed.orderId}"]`);
    // HQ's tracking statuses read in the staff's language; one the console does not know, as HQ wrote it.
    await orderLine.getByTestId('order-status').getByText('pedido', { exact: true }).waitFor();
    h.trackOrder(placed.orderId, 'out-for-delivery', 'Vigo hub');
    await orderLine.getByTestId('order-status').getByText('en reparto', { exact: true }).waitFor();
    await waitUntil(() => core.services.customers.placedOrders('C-LUCIA')[0]?.status, (s) => s === 'out-for-delivery', { what: 'the order itself tracked' });
    await ui.screenshot('customers-3-ordered-elsewhere-tracking');
    h.trackOrder(placed.orderId, 'held-at-customs', 'Vigo hub');
    await orderLine.getByTestId('order-status').getByText('held-at-customs', { exact: true }).waitFor();

    // 4. Erasure: a pickup order and a dead letter carry her name and phone; HQ's erasure leaves none in the file or its WAL.
    const name = 'Lucía Barreiro Souto';
    const phone = '+34 612 345 678';
    h.routeOrder(store, { orderId: 'W-ERASE', version: 1, customer: { name, phone }, verification: { code: '4821' }, promisedAt: new Date(Date.now() + 3_600_000).toISOString(), lines: [{ lineId: 'L1', sku: bikeSku, qty: 1 }] });
    h.publishRaw(store, JSON.stringify({ broken: true, customer: { name, phone } }));
    const file = core.config.dbPath;
    const ledgerBytes = () => Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    await waitUntil(() => core.services.db.prepare("SELECT customer_name FROM pickup_orders WHERE order_id = 'W-ERASE'").pluck().get(), (n) => n === name, { what: 'the order at the store' });
    await waitUntil(() => core.services.db.prepare('SELECT COUNT(*) FROM dead_letters').pluck().get() as number, (n) => n >= 1, { what: 'the dead letter' });
    assert.ok(ledgerBytes().includes(Buffer.from(name)), 'before the erasure the name is in the ledger');

    // The card opens from the order too (a manager at the pickup queue), and shows that pickup here.
    await signOut(page);
    await signIn(page, 'marta', '1357');
    await goTo(page, 'orders');
    await page.getByTestId('order-row-W-ERASE').click();
    await page.getByTestId('order-customer-card').click();
    const fromOrder = page.getByTestId('customer-card');
    await fromOrder.getByRole('heading', { name }).waitFor();
    await fromOrder.locator('[data-testid="customer-order"][data-order="W-ERASE"]').waitFor();
    assert.equal(core.services.customers.openings('C-LUCIA')[0]?.via, 'order');
    await ui.screenshot('customers-4-card-from-order');

    h.eraseCustomer('C-LUCIA');
    await waitUntil(() => core.services.db.prepare("SELECT customer_name FROM pickup_orders WHERE order_id = 'W-ERASE'").pluck().get(), (n) => n === '[erased]', { what: 'the order anonymised' });
    await waitUntil(
      () => ledgerBytes(),
      (bytes) => !bytes.includes(Buffer.from(name)) && !bytes.includes(Buffer.from(phone)) && !bytes.includes(Buffer.from(JSON.stringify(name).slice(1, -1))),
      { what: 'neither the name nor the phone anywhere in the ledger file or its WAL', timeoutMs: 15_000 },
    );
    // The order row stays for accounting, its customer anonymised.
    await page.getByTestId('order-customer').getByText('Datos del cliente borrados').waitFor();
    assert.equal(await page.getByText('[erased]').count(), 0, 'the mark the ledger keeps is not shown as text');
    await ui.screenshot('customers-5-erased-order');
  } finally {
    await ui?.close();
    await hq?.stop();
    await broker?.dispose();
  }
});
