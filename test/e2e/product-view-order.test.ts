import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSku, demoStartingStock } from '../../main/demo/demo-catalog';
import { demoOpening } from '../../main/hq-simulator/demo-opening';
import type { HqCustomer } from '../../main/hq-simulator/customer-directory';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import type { Store } from '../../main/compose-store';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { fastLink, linkedSmallStore, makeMovements, startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

const store = 'store-cust';
const otherStore = 'store-vigo';
const realStore = (brokerUrl: string) => ({
  MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json',
  MOSTRADOR_STORE: store,
  MOSTRADOR_CHAIN: 'test-chain',
  MOSTRADOR_HQ_URL: brokerUrl,
  MOSTRADOR_ADMIN_CODE: 'PV-ORDER-E2E-CODE',
});

/** The first product of the store's opening with nothing on the floor or in the back room. */
const outOfStockSku = (() => {
  for (let i = 1; i <= 20; i++) {
    const s = demoStartingStock(i);
    if (s.salesFloor + s.backRoom === 0) return demoSku(i);
  }
  throw new Error('the demo opening has no out-of-stock product');
})();

const lucia: HqCustomer = {
  customerId: 'C-LUCIA',
  name: 'Lucía Barreiro Souto',
  phone: '+34 612 345 678',
  email: 'lucia@example.com',
  contact: { email: true, sms: false, phone: false },
  consents: { personalisation: false, contact: true },
  loyalty: { tier: 'silver', points: 120, cardNumber: 'LOY-C-LUCIA' },
  history: [],
  openOrders: [],
  notes: [],
  sizes: [],
  viewed: [],
  wishlist: [],
  cart: [],
};

test('Saving the sale from the product view: an out-of-stock item ordered for a customer from a store that has it, with the promised date and the order on their card', async () => {
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let vigo: Store | null = null;
  let ui: ConsoleUnderTest | null = null;
  try {
    broker = await startMosquitto();
    hq = await startHq(broker.url, { chain: 'test-chain', openingFor: (s) => (s === store ? demoOpening(20, s) : null) });
    const h = hq;
    // Another store of the chain holds the item: its movements reach HQ's replica, which the stock lookup reads.
    vigo = (await linkedSmallStore({ url: broker.url, chain: 'test-chain', store: otherStore, station: 'e2e', ...fastLink })).core;
    vigo.services.catalog.upsertProducts([{ sku: outOfStockSku, name: 'Bicicleta urbana Ría', brand: 'Ría', category: 'Bicis', unit: 'each', priceCents: 49_900, taxRateBp: 2100, active: true }], []);
    makeMovements(vigo, 3, [outOfStockSku]);
    await waitUntil(() => h.store(otherStore)?.level(outOfStockSku, 'back_room') ?? 0, (n) => n === 6, { what: 'HQ to see the other store stock', timeoutMs: 20_000 });

    ui = await openConsole({ runtime: { env: realStore(broker.url) }, dir: tempDir() });
    await waitUntil(() => h.store(store)?.ready, (ready) => ready === true, { what: 'HQ to provision the store', timeoutMs: 30_000 });
    const { page, core } = ui;
    await core.services.staff.upsert({ id: 'ana', name: 'Ana Ruiz', role: 'associate' }, '2468');
    await core.services.staff.upsert({ id: 'pablo', name: 'Pablo Díaz', role: 'pickup' }, '1122');
    await page.reload();
    await signIn(page, 'ana', '2468');
    h.putCustomer(lucia);
    assert.equal(core.services.stockReads.summary(outOfStockSku, 'associate').atp, 0, 'the item is out of stock here');

    const lookUp = async (sku: string) => {
      await page.getByTestId('lookup-input').fill(sku);
      await page.getByTestId('lookup-input').press('Enter');
      await page.getByTestId('lookup-sku').getByText(sku).waitFor();
    };
    await lookUp(outOfStockSku);

    // 1. Nothing chosen yet: the form says, beside each field, what is missing (in Spanish, the console's language).
    const order = page.getByTestId('pv-order');
    await order.getByTestId('pv-order-toggle').click();
    await order.getByTestId('pv-order-place').click();
    await order.getByTestId('pv-order-customer-error').getByText('Elige primero el cliente.').waitFor();
    await order.getByTestId('pv-order-from-error').getByText(/Elige de dónde sale/).waitFor();
    // The source list offers the store that has it (not this one) and the online warehouse.
    const from = order.getByTestId('pv-order-from');
    await from.locator(`option[value="${otherStore}"]`).waitFor({ state: 'attached' });
    assert.deepEqual(await from.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value)), ['', otherStore, 'online']);
    await ui.screenshot('pv-order-1-validation');

    // 2. A reservation cannot be held by the online warehouse.
    await order.getByTestId('pv-order-search').fill('Barreiro');
    await order.getByTestId('pv-order-search-go').click();
    await order.getByTestId('pv-order-hits').getByText('Lucía Barreiro Souto').click();
    await order.getByTestId('pv-order-customer').getByText('Lucía Barreiro Souto').waitFor();
    await from.selectOption('online');
    await order.getByTestId('pv-order-fulfilment').selectOption('reserve');
    await order.getByTestId('pv-order-place').click();
    await order.getByTestId('pv-order-fulfilment-error').getByText(/Solo una tienda puede guardar una reserva/).waitFor();
    assert.equal(core.services.customers.placedOrders('C-LUCIA').length, 0, 'nothing was sent to HQ');

    // 3. From the other store, for delivery: HQ answers with a promised date, shown on the product view.
    await from.selectOption(otherStore);
    await order.getByTestId('pv-order-fulfilment').selectOption('delivery');
    await order.getByTestId('pv-order-place').click();
    const promised = order.getByTestId('pv-order-promised');
    await promised.waitFor();
    const placed = core.services.customers.placedOrders('C-LUCIA')[0]!;
    assert.equal(placed.from, otherStore);
    assert.equal(placed.fulfilment, 'delivery');
    assert.equal(placed.lines[0]?.sku, outOfStockSku);
    assert.ok(placed.promisedAt && Date.parse(placed.promisedAt) > Date.now(), 'HQ promised a date');
    assert.equal(await promised.getAttribute('data-promised-at'), placed.promisedAt);
    assert.equal(await order.getByTestId('pv-order-placed').getAttribute('data-order'), placed.orderId);
    await ui.screenshot('pv-order-2-promised-date');

    // 4. The link opens the customer's card, where the order is among their open orders.
    await order.getByTestId('pv-order-open-card').click();
    const card = page.getByTestId('customer-card');
    await card.getByRole('heading', { name: 'Lucía Barreiro Souto' }).waitFor();
    const line = card.locator(`[data-testid="customer-order"][data-order="${placed.orderId}"]`);
    await line.getByTestId('order-status').getByText('pedido', { exact: true }).waitFor();
    await ui.screenshot('pv-order-3-on-customer-card');

    // 5. Pickup staff may not order for customers (the access table's row): the product view offers no order.
    await signOut(page);
    await signIn(page, 'pablo', '1122');
    await goTo(page, 'lookup');
    await lookUp(outOfStockSku);
    await page.getByTestId('other-stores-check').waitFor();
    assert.equal(await page.getByTestId('pv-order-toggle').count(), 0);
  } finally {
    await ui?.close();
    await vigo?.close();
    await hq?.stop();
    await broker?.dispose();
  }
});
