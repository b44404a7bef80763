import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { renderPreview, startVirtualTcpPrinter, type VirtualTcpPrinter } from '../../drivers/printer/virtual-printer';
import type { CashDaySummary, OrderDetail } from '../../main/api/types';
import { demoGtin13, demoProduct, demoSku } from '../../main/demo/demo-catalog';
import { demoOpening } from '../../main/hq-simulator/demo-opening';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { value } from '../helpers/small-store';
import { startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';

// Issue 16 on a real store, configured by environment as README.md says (no demo, no wizard):
// linked to a real Mosquitto, its catalog and opening stock from the HQ simulator, the orders
// from HQ with their prices, the store's legal identity from MOSTRADOR_LEGAL_*, and the counter
// printer a virtual TCP printer whose bytes are read back. One console for both tests.

const slow = { timeout: 30_000 };
const store = 'norte-16';
const legal = { name: 'Comercial Mostrador Norte, S.L.', address: 'Avenida de la Constitución 12, 41001 Sevilla', taxId: 'B41234567' };
const clerk = { staff: 'pablo', station: 'hq-test' };
// The demo catalog's: lentils at 2,29 € (VAT 4 %), a hoodie at 24,99 € (21 %), juice at 2,19 € and
// decaf coffee at 8,39 € (both 10 %), all in HQ's opening stock for the store.
const lentils = 4;
const hoodie = 15;
const juice = 14;
const coffee = 18;

let broker: Mosquitto;
let hq: HqSimulator;
let printer: VirtualTcpPrinter;
let ui: ConsoleUnderTest;
let station: string;

const printed = () => printer.core.receipts.map(renderPreview);

/** Waits for HQ's order to reach the store's ledger through the broker. */
async function arrived(orderId: string): Promise<void> {
  await waitUntil(
    () => {
      try {
        return ui.core.services.orders.detail(orderId).status;
      } catch {
        return null;
      }
    },
    (status) => status === 'received',
    { what: `order ${orderId} from HQ` },
  );
}

/** The store's side of a pickup up to the customer taking it, done by the orders room as the counter would. */
function collect(orderId: string) {
  const { orders } = ui.core.services;
  orders.accept(orderId, clerk);
  for (const line of orders.detail(orderId).lines) for (let i = 0; i < line.qty; i++) orders.pick(orderId, demoGtin13(Number(line.sku.slice(3))), clerk);
  orders.ready(orderId, clerk);
  orders.handover(orderId, { verificationCode: '4821' }, clerk);
}

async function openReturns(page: Page, orderId: string): Promise<void> {
  await goTo(page, 'orders');
  await page.getByTestId('orders-tab-returns').click();
  await page.getByTestId('return-find').fill(orderId);
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="return-order"][data-order="${orderId}"]`).waitFor();
}

const order = (orderId: string, lines: { lineId: string; index: number; qty: number }[]) => ({
  orderId,
  version: 1,
  customer: { name: 'Lucía Fernández', phone: '+34600111222' },
  verification: { code: '4821' },
  promisedAt: new Date(Date.now() + 3600_000).toISOString(),
  lines: lines.map((l) => ({ lineId: l.lineId, sku: demoSku(l.index), qty: l.qty })),
});

before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url, { chain: 'test-chain', openingFor: (s) => (s === store ? demoOpening(20, s) : null) });
  printer = await startVirtualTcpPrinter();
  ui = await openConsole({
    runtime: {
      env: {
        MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json',
        MOSTRADOR_STORE: store,
        MOSTRADOR_CHAIN: 'test-chain',
        MOSTRADOR_HQ_URL: broker.url,
        MOSTRADOR_ADMIN_CODE: 'EXCHANGE-E2E-CODE',
        MOSTRADOR_LEGAL_NAME: legal.name,
        MOSTRADOR_LEGAL_ADDRESS: legal.address,
        MOSTRADOR_TAX_ID: legal.taxId,
      },
    },
  });
  station = ui.core.config.station;
  await waitUntil(() => hq.store(store)?.ready, (ready) => ready === true, { what: 'HQ to provision the store', timeoutMs: 30_000 });
  // The store's staff, added as its admin would, and IT's counter printer on port 9100.
  await ui.core.services.staff.upsert({ id: 'pablo', name: 'Pablo Sanz', role: 'pickup' }, '2468');
  await ui.core.services.staff.upsert({ id: 'marta', name: 'Marta Gil', role: 'manager' }, '1357');
  await ui.core.services.printing!.configure('counter', { connection: { type: 'tcp', host: printer.host, port: printer.port }, profile: 'epson-tm-t88vi' });
  await ui.page.reload();
});

after(async () => {
  await ui?.close();
  await printer?.close();
  await hq?.stop();
  await broker?.dispose();
});

test('An exchange with a price difference is settled in cash and approved, and appears in the end-of-day summary', slow, async () => {
  const { page } = ui;
  // HQ sets this store's threshold: a difference over 15 € needs a manager.
  hq.sendStoreSettings(store, { version: 1, exchangeApprovalCents: 1500 });
  await waitUntil(() => ui.core.services.orders.exchangeApprovalCents(), (cents) => cents === 1500, { what: 'HQ’s store settings applied' });
  const orderId = 'W-16001';
  hq.routeOrder(store, order(orderId, [{ lineId: 'L1', index: lentils, qty: 1 }]));
  await arrived(orderId);
  const line = ui.core.services.orders.detail(orderId).lines[0]!;
  assert.deepEqual([line.unitPriceCents, line.vatRateBp], [229, 400], 'HQ sent the price and VAT rate the customer paid');
  collect(orderId);

  await signIn(page, 'pablo', '2468');
  await openReturns(page, orderId);
  await page.getByTestId('return-line-L1-qty').fill('1');
  await page.getByTestId('return-mode-exchange').check();
  await page.getByTestId('exchange-code').fill(demoGtin13(hoodie));
  await page.keyboard.press('Enter');
  await page.getByTestId(`exchange-item-${demoSku(hoodie)}`).waitFor();
  const settlement = page.locator('[data-testid="exchange-settlement"][data-difference="2270"]');
  await settlement.waitFor();
  assert.equal((await page.getByTestId('exchange-returned-value').textContent())?.replace(/\s/g, ' '), '2,29 €');
  assert.equal((await page.getByTestId('exchange-taken-value').textContent())?.replace(/\s/g, ' '), '24,99 €');
  assert.match((await page.getByTestId('exchange-difference-text').textContent()) ?? '', /El cliente paga 22,70\s€/);
  assert.match((await page.getByTestId('exchange-needs-manager').textContent()) ?? '', /supera 15,00\s€/);
  assert.equal(await page.getByTestId('exchange-settle-voucher').count(), 0, 'a voucher cannot collect what the customer owes');
  assert.equal(await page.getByTestId('return-confirm').isDisabled(), true, 'not without choosing how the difference is settled');
  await page.getByTestId('exchange-settle-cash').check();
  await ui.screenshot('exchange-money-1-difference');
  await page.getByTestId('return-confirm').click();
  // Past HQ's threshold a manager approves this exchange on the spot.
  const dialog = page.getByTestId('approval-dialog');
  await dialog.waitFor();
  await dialog.getByLabel(/Marta/).check();
  await page.getByTestId('approval-pin').fill('1357');
  await ui.screenshot('exchange-money-2-approval');
  await page.getByTestId('approval-submit').click();
  const done = page.locator('[data-testid="exchange-money"][data-settlement="collected"]');
  await done.waitFor();
  assert.match((await done.textContent()) ?? '', /Diferencia 22,70\s€: cobrada \(Efectivo\)/);
  await ui.screenshot('exchange-money-3-done');
  const returnId = ((await page.getByTestId('return-id').textContent()) ?? '').trim();

  // The ledger and HQ: the exchange's money and the approver, the new order's deadline.
  const replacement = value<OrderDetail>(await ui.core.api.call({ name: 'orders.detail', input: { orderId: `${orderId}-X1` } }));
  assert.ok(replacement.promisedAt && Date.parse(replacement.promisedAt) > Date.now(), 'the new order has a deadline');
  const atHq = await waitUntil(() => hq.store(store)?.orderStatus.get(`${orderId}-X1`)?.data, Boolean, { what: 'HQ to hear of the new order' });
  assert.deepEqual(atHq!.exchange, { returnedCents: 229, newCents: 2499, differenceCents: 2270, settlement: 'collected', method: 'cash' });
  assert.equal(atHq!.promisedAt, replacement.promisedAt);
  // The exchange note on the counter printer: what it is, who issued it, the difference and how it was settled.
  const note = await waitUntil(() => printed().find((r) => r.includes('NOTA DE CAMBIO') && r.includes(returnId)), Boolean, { what: 'the exchange note printed' });
  for (const expected of [legal.name, `NIF: ${legal.taxId}`, 'Se lleva (pedido W-16001-X1):', 'IVA 21 %', 'Cobrada', 'Efectivo']) assert.ok(note!.includes(expected), `${expected} in\n${note}`);
  assert.match(note!, /DIFERENCIA +22,70 €/);

  // End of day: the manager sees the station's cash, movement by movement, and confirms it.
  await signOut(page);
  await signIn(page, 'marta', '1357');
  await goTo(page, 'cash');
  const stationCash = page.getByTestId(`cash-station-${station}`);
  await stationCash.waitFor();
  assert.equal(await stationCash.getAttribute('data-net'), '2270');
  await page.getByTestId(`cash-movement-${returnId}`).waitFor();
  assert.match((await page.getByTestId(`cash-movement-${returnId}`).textContent()) ?? '', /Cambio: diferencia cobrada.*pablo.*marta.*22,70\s€/);
  await ui.screenshot('exchange-money-4-end-of-day');
  await page.getByTestId(`cash-confirm-${station}`).click();
  await page.locator(`[data-testid="cash-station-${station}"][data-confirmed="yes"]`).waitFor();
  assert.match((await page.getByTestId(`cash-status-${station}`).textContent()) ?? '', /Confirmada por marta \(22,70\s€\)/);
  const summary = value<CashDaySummary>(await ui.core.api.call({ name: 'cash.endOfDay', input: {} }));
  assert.deepEqual(summary.stations.map((s) => [s.station, s.netCents, s.confirmed?.by]), [[station, 2270, 'marta']]);
  await ui.screenshot('exchange-money-5-confirmed');
  await signOut(page);
});

test('The delivery note lists a short-picked line as such, with the store’s legal identity. It is checked in the virtual printer’s bytes.', slow, async () => {
  const { page } = ui;
  const { orders } = ui.core.services;
  const orderId = 'W-16002';
  hq.routeOrder(store, order(orderId, [{ lineId: 'L1', index: juice, qty: 1 }, { lineId: 'L2', index: coffee, qty: 2 }]));
  await arrived(orderId);
  // One bag of coffee is not on the shelf: picked short, then ready.
  orders.accept(orderId, clerk);
  orders.pick(orderId, demoGtin13(juice), clerk);
  orders.pick(orderId, demoGtin13(coffee), clerk);
  orders.markShort(orderId, 'L2', 1, 'not-found', clerk);
  orders.ready(orderId, clerk);
  const receiptsBefore = printer.core.receipts.length;

  await signIn(page, 'pablo', '2468');
  await goTo(page, 'orders');
  await page.getByTestId('orders-tab-handover').click();
  await page.getByTestId('handover-find').fill(`MOSTRADOR:ORDER:${orderId}`);
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="handover-order"][data-order="${orderId}"]`).waitFor();
  await page.getByTestId('handover-code').fill('4821');
  await page.getByTestId('handover-confirm').click();
  await page.getByTestId('handover-done').waitFor();
  await ui.screenshot('delivery-note-1-handed-over');

  // The printer's bytes, parsed back by the virtual printer: the note says what it is and who issued it,
  // each line with its VAT, and the coffee that was not supplied on a line of its own.
  const index = await waitUntil(
    () => printer.core.receipts.findIndex((r, i) => i >= receiptsBefore && renderPreview(r).includes('ALBARÁN DE ENTREGA')),
    (i) => i >= 0,
    { what: 'the delivery note printed' },
  );
  const items = printer.core.receipts[index]!;
  const lines = items.flatMap((item) => (item.kind === 'text' ? [item.text.trim()] : []));
  const at = (text: string) => lines.indexOf(text);
  for (const expected of [legal.name, `NIF: ${legal.taxId}`, `Tienda: ${store}`, 'ALBARÁN DE ENTREGA', `Pedido ${orderId}`, 'Cliente: Lucía Fernández']) {
    assert.ok(at(expected) >= 0, `«${expected}» on the note:\n${lines.join('\n')}`);
  }
  // An address longer than the paper's 42 columns wraps onto the next line.
  assert.ok(lines.slice(at(legal.name) + 1, at(`NIF: ${legal.taxId}`)).join(' ') === legal.address, lines.join('\n'));
  assert.ok(at(legal.name) < at('ALBARÁN DE ENTREGA'), 'the issuer heads the note');
  const coffeeAt = at(demoProduct(coffee).product.name);
  assert.ok(coffeeAt > 0);
  assert.match(lines[coffeeAt + 1]!, /^1 x 8,39 € {2}IVA 10 % +8,39 €$/);
  assert.match(lines[coffeeAt + 2]!, /^NO SERVIDO \(falta\): 1 ud\. +0,00 €$/);
  assert.match(lines[at(demoProduct(juice).product.name) + 1]!, /^1 x 2,19 € {2}IVA 10 % +2,19 €$/);
  assert.ok(lines.some((l) => /^Base imponible 10 % +9,62 €$/.test(l)) && lines.some((l) => /^IVA 10 % +0,96 €$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^TOTAL +10,58 €$/.test(l)));
  assert.ok(lines.includes('Este documento no es una factura.'));
  assert.deepEqual(items.filter((i) => i.kind === 'drawer' || i.kind === 'cut').map((i) => i.kind), ['cut'], 'paid online: one cut, no drawer');
  assert.ok(items.some((i) => i.kind === 'qr' && i.data === `MOSTRADOR:ORDER:${orderId}`));
});
