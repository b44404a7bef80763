import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { OrderInfo, StockSummary } from '../../main/api/types';
import { demoGtin13, demoSku, demoStartingStock } from '../../main/demo/demo-catalog';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { renderPreview, startVirtualTcpPrinter, type VirtualTcpPrinter } from '../../drivers/printer/virtual-printer';
import { openVirtualSerialScanner } from '../../drivers/scanner/virtual-serial-scanner';
import { openConsole, signIn, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { clerk, receiveOrder } from '../helpers/order-fixtures';
import { value } from '../helpers/small-store';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair';
import { chain, startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';

/** Demo products with at least `qty` units in store, so accepting can hold them. */
function stockedIndexes(count: number, qty: number, from = 1): number[] {
  const found: number[] = [];
  for (let i = from; found.length < count; i++) {
    const { backRoom, salesFloor } = demoStartingStock(i);
    if (backRoom + salesFloor >= qty) found.push(i);
  }
  return found;
}

/** A keyboard-wedge scan: a fast burst wherever the focus is, ended by Enter. */
async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 0 });
  await page.keyboard.press('Enter');
}

test('an order from HQ goes through the pickup counter: queue, accept, pick by pty scanner, slip printed, ready, handover by QR, receipt printed', async () => {
  const broker = await startMosquitto();
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  let printer: VirtualTcpPrinter | null = null;
  let pty: PtyPair | null = null;
  let scanner: Awaited<ReturnType<typeof openVirtualSerialScanner>> | null = null;
  try {
    hq = await startHq(broker.url);
    printer = await startVirtualTcpPrinter();
    pty = await openPtyPair();
    // The whole console process, as `npm start` runs it, against a real broker.
    ui = await openConsole({ runtime: { env: { MOSTRADOR_HQ_URL: broker.url, MOSTRADOR_CHAIN: chain } } });
    const { page, core } = ui;
    const sync = ui.runtime!.sync!;
    // IT's set-up: the counter scanner on a serial port, the receipt printer on port 9100.
    core.services.devices!.configure(`serial::::${pty.a}`, { role: 'counter-scanner', suffix: 'CR' });
    await core.services.printing!.configure('counter', { connection: { type: 'tcp', host: printer.host, port: printer.port }, profile: 'epson-tm-t88vi' });
    scanner = await openVirtualSerialScanner(pty.b, { aim: ']E0' });
    await waitUntil(() => core.services.devices!.list().find((d) => d.path === pty!.a)?.status, (s) => s === 'online', { what: 'the pty scanner claimed' });
    const scan = (code: string) => scanner!.scan(code);

    const [a, b, wrong] = stockedIndexes(3, 3, 11) as [number, number, number];
    const orderId = 'W-7001';
    const hqStatus = () => hq!.store('demo-store')?.orderStatus.get(orderId)?.status ?? null;
    const printed = () => printer!.core.receipts.map(renderPreview);

    await signIn(page, 'pablo', '2222');
    // The opening stock reaches HQ first, so the movements checked later are the order's.
    await waitUntil(() => sync.link.status().backlog, (backlog) => backlog === 0, { timeoutMs: 60_000, what: 'the opening stock to reach HQ' });
    await goTo(page, 'orders');
    await page.getByTestId('orders-empty').waitFor();
    await ui.screenshot('pickup-0-empty');

    // 1. HQ routes an order: it shows in the queue without a reload.
    hq.routeOrder('demo-store', {
      orderId,
      version: 1,
      customer: { name: 'Lucía Fernández', phone: '+34600111222' },
      verification: { code: '4821' },
      promisedAt: new Date(Date.now() + 45 * 60_000).toISOString(),
      lines: [
        { lineId: 'L1', sku: demoSku(a), qty: 2 },
        { lineId: 'L2', sku: demoSku(b), qty: 1 },
      ],
    });
    const row = page.getByTestId(`order-row-${orderId}`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'received');
    assert.match((await row.textContent()) ?? '', /Lucía Fernández/);
    assert.match((await row.getByTestId('order-sla').textContent()) ?? '', /quedan (44|45) min/);
    await ui.screenshot('pickup-1-queue');

    // Search by phone finds it; a search for nobody says so.
    await page.getByTestId('orders-search').fill('600111');
    await row.waitFor();
    await page.getByTestId('orders-search').fill('nadie-así');
    await page.getByTestId('orders-empty').waitFor();
    await page.getByTestId('orders-search').fill('');
    await row.waitFor();

    // 2. Accept: the stock is held and HQ hears it.
    await row.click();
    await page.getByTestId('order-detail').waitFor();
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'received');
    await page.getByTestId('order-accept').click();
    await page.locator('[data-testid="order-status"][data-status="accepted"]').waitFor();
    await waitUntil(hqStatus, (s) => s === 'accepted', { what: 'HQ to see the order accepted' });
    const held = hq.store('demo-store')!;
    await waitUntil(() => held.level(demoSku(a), 'pickup_hold'), (q) => q === 2, { what: 'HQ to see the reservation' });
    assert.match((await page.getByTestId('order-history').textContent()) ?? '', /Recibido → Aceptado/);
    await ui.screenshot('pickup-2-accepted');

    // 3. Pick by scans written into the pty; the wrong product is refused, with a message.
    await page.getByTestId('order-start-pick').click();
    await page.getByTestId('pick-screen').waitFor();
    assert.equal(await page.getByTestId('pick-progress').textContent(), '0/3');
    await scan(demoGtin13(a));
    await page.getByTestId('pick-progress').filter({ hasText: '1/3' }).waitFor();
    await scan(demoGtin13(wrong));
    const refusal = page.getByTestId('pick-error');
    await refusal.waitFor();
    assert.equal(await refusal.getAttribute('data-code'), 'WRONG_ITEM');
    assert.match((await refusal.textContent()) ?? '', /Artículo equivocado/);
    assert.equal(await page.getByTestId('pick-progress').textContent(), '1/3', 'the wrong item counts for nothing');
    await ui.screenshot('pickup-3-wrong-item');
    await scan(demoGtin13(a));
    await page.getByTestId('pick-progress').filter({ hasText: '2/3' }).waitFor();
    // A keyboard-wedge scanner drives the same screen.
    await wedgeScan(page, demoGtin13(b));
    await page.getByTestId('pick-progress').filter({ hasText: '3/3' }).waitFor();
    assert.equal(await page.getByTestId('pick-line-L1').getByTestId('pick-line-count').textContent(), '2/2');
    assert.equal(await page.getByTestId('pick-line-L2').getByTestId('pick-line-count').textContent(), '1/1');
    await refusal.waitFor({ state: 'detached' });
    await ui.screenshot('pickup-4-picked');

    // 4. Ready: HQ sees it, and the virtual printer holds the slip with the order number and QR.
    await page.getByTestId('order-ready').click();
    await page.locator('[data-testid="order-status"][data-status="ready"]').waitFor();
    await waitUntil(hqStatus, (s) => s === 'ready', { what: 'HQ to see the order ready' });
    const slip = await waitUntil(() => printed().find((r) => r.includes(orderId)), Boolean, { what: 'the pickup slip printed' });
    assert.match(slip!, new RegExp(`\\[QR MOSTRADOR:ORDER:${orderId}\\]`));
    assert.match(slip!, /Lucía Fernández/);
    await ui.screenshot('pickup-5-ready');

    // 5. Handover: the customer's QR is scanned, the code checked.
    const before = hq.store('demo-store')!;
    // level() reads HQ's live replica: keep the numbers, not the function.
    const customerBefore = { a: before.level(demoSku(a), 'customer'), b: before.level(demoSku(b), 'customer') };
    const movementsBefore = before.movementSeqs.length;
    await page.getByTestId('orders-tab-handover').click();
    await page.getByTestId('handover-find').waitFor();
    await scan(`MOSTRADOR:ORDER:${orderId}`);
    await page.locator(`[data-testid="handover-order"][data-order="${orderId}"]`).waitFor();
    assert.equal(await page.getByTestId('handover-id-check').count(), 0, 'no age-restricted line, no ID check');
    await page.getByTestId('handover-code').fill('0000');
    await page.getByTestId('handover-confirm').click();
    await page.locator('[data-testid="handover-error"][data-code="VERIFICATION_FAILED"]').waitFor();
    await page.getByTestId('handover-code').fill('4821');
    await ui.screenshot('pickup-6-handover');
    await page.getByTestId('handover-confirm').click();
    await page.getByTestId('handover-done').waitFor();
    await ui.screenshot('pickup-7-collected');

    // 6. HQ sees "collected" and the stock leaving the store with the customer; the printer holds the receipt.
    await waitUntil(hqStatus, (s) => s === 'collected', { what: 'HQ to see the order collected' });
    const after = await waitUntil(
      () => hq!.store('demo-store')!,
      (s) => s.level(demoSku(a), 'customer') - customerBefore.a === 2 && s.level(demoSku(b), 'customer') - customerBefore.b === 1,
      { what: 'HQ to receive the handover movements' },
    );
    assert.ok(after.movementSeqs.length > movementsBefore);
    assert.equal(value<OrderInfo>(await core.api.call({ name: 'orders.detail', input: { orderId } })).status, 'collected');
    const receipt = await waitUntil(() => printed().find((r) => r.includes('ALBARÁN DE ENTREGA') && r.includes(`Pedido ${orderId}`)), Boolean, { what: 'the delivery note printed' });
    assert.match(receipt!, /Pagado online/);
    assert.equal(printed().filter((r) => r.includes(orderId)).length, 2, 'one slip and one receipt, each printed once');
  } finally {
    await scanner?.close();
    await ui?.close();
    await pty?.dispose();
    await printer?.close();
    await hq?.stop();
    await broker.dispose();
  }
});

test('a line of a collected order comes back as resellable at the counter, and the shelf gets it back', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  try {
    const [a, b] = stockedIndexes(2, 3, 31) as [number, number];
    const orderId = 'W-8001';
    const { orders } = core.services;
    receiveOrder(core, orderId, [
      { lineId: 'L1', sku: demoSku(a), qty: 2 },
      { lineId: 'L2', sku: demoSku(b), qty: 1 },
    ]);
    orders.accept(orderId, clerk);
    orders.pick(orderId, demoGtin13(a), clerk);
    orders.pick(orderId, demoGtin13(a), clerk);
    orders.pick(orderId, demoGtin13(b), clerk);
    orders.ready(orderId, clerk);
    orders.handover(orderId, { verificationCode: '4821' }, clerk);
    const floor = async () =>
      value<StockSummary>(await core.api.call({ name: 'stock.levels', input: { sku: demoSku(a) } })).byLocation.find((l) => l.location === 'sales_floor')?.qty ?? 0;

    await signIn(page, 'pablo', '2222');
    const shelfBefore = await floor();
    await goTo(page, 'orders');
    await page.getByTestId('orders-tab-returns').click();
    const find = page.getByTestId('return-find');
    await find.fill(orderId);
    // The field holds the number before it is sent (a loaded machine once sent the form's earlier, empty value).
    assert.equal(await find.inputValue(), orderId);
    await page.getByTestId('return-find-submit').click();
    await page.locator(`[data-testid="return-order"][data-order="${orderId}"]`).waitFor();
    await page.getByTestId('return-line-L1-qty').fill('1');
    await page.getByTestId('return-line-L1-condition').selectOption('resellable');
    await page.getByTestId('return-refund').selectOption('card');
    await ui.screenshot('return-1-chosen');
    await page.getByTestId('return-confirm').click();
    await page.getByTestId('return-done').waitFor();
    assert.match((await page.getByTestId('return-id').textContent()) ?? '', /^R-[0-9A-F]{8}$/);
    await ui.screenshot('return-2-done');
    assert.equal(await floor(), shelfBefore + 1, 'the returned unit is back on the sales floor');

    // Two more than the one left is refused, counting the earlier return.
    await page.getByRole('button', { name: 'Otra devolución' }).click();
    await wedgeScan(page, `MOSTRADOR:ORDER:${orderId}`);
    await page.locator(`[data-testid="return-order"][data-order="${orderId}"]`).waitFor();
    await page.getByTestId('return-line-L1-qty').fill('2');
    await page.getByTestId('return-confirm').click();
    const refused = page.locator('[data-testid="return-error"][data-code="OVER_RETURN"]');
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /se entregaron 2 y ya se devolvieron 1/);
    await ui.screenshot('return-3-over-return');
    assert.equal(await floor(), shelfBefore + 1);
  } finally {
    await ui.close();
  }
});

test('an exchange at the counter: the customer found by name, one unit returned, the replacement held as a new order', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  try {
    const [a, c] = stockedIndexes(2, 3, 51) as [number, number];
    const orderId = 'W-8101';
    const { orders } = core.services;
    // Paid what the replacement costs today: an even exchange, nothing to settle (test/e2e/exchange-and-documents.test.ts has the money).
    const paid = core.services.catalog.product(demoSku(c))!.priceCents;
    receiveOrder(core, orderId, [{ lineId: 'L1', sku: demoSku(a), qty: 2, unitPriceCents: paid, vatRateBp: 2100 }]);
    orders.accept(orderId, clerk);
    orders.pick(orderId, demoGtin13(a), clerk);
    orders.pick(orderId, demoGtin13(a), clerk);
    orders.ready(orderId, clerk);
    orders.handover(orderId, { verificationCode: '4821' }, clerk);
    const customer = orders.detail(orderId).customerName!;

    await signIn(page, 'pablo', '2222');
    await goTo(page, 'orders');
    await page.getByTestId('orders-tab-returns').click();
    await page.getByTestId('return-customer').fill(customer.split(' ')[0]!);
    await page.getByTestId('return-customer-submit').click();
    await page.getByTestId(`return-customer-order-${orderId}`).click();
    await page.locator(`[data-testid="return-order"][data-order="${orderId}"]`).waitFor();
    await page.getByTestId('return-line-L1-qty').fill('1');
    await page.getByTestId('return-mode-exchange').check();
    assert.equal(await page.getByTestId('return-confirm').isDisabled(), true, 'no exchange without a replacement');
    await page.getByTestId('exchange-code').fill('0000000000000');
    await page.getByTestId('exchange-add').click();
    await page.getByTestId('exchange-error').waitFor();
    await page.getByTestId('exchange-code').fill(demoGtin13(c));
    await page.keyboard.press('Enter');
    await page.getByTestId(`exchange-item-${demoSku(c)}`).waitFor();
    await page.locator('[data-testid="exchange-settlement"][data-difference="0"]').waitFor();
    await ui.screenshot('exchange-1-chosen');
    await page.getByTestId('return-confirm').click();
    await page.getByTestId('exchange-order').waitFor();
    assert.match((await page.getByTestId('exchange-order').textContent()) ?? '', new RegExp(`${orderId}-X1`));
    await ui.screenshot('exchange-2-done');
    const replacement = value<OrderInfo>(await core.api.call({ name: 'orders.detail', input: { orderId: `${orderId}-X1` } }));
    assert.equal(replacement.status, 'accepted');
    assert.deepEqual(replacement.lines.map((l) => [l.sku, l.held]), [[demoSku(c), 1]]);
  } finally {
    await ui.close();
  }
});

test('a pickup clerk cancels an order with a manager’s PIN given on the spot, and the held stock goes back', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  try {
    const [a] = stockedIndexes(1, 2, 71) as [number];
    const orderId = 'W-8201';
    const { orders } = core.services;
    receiveOrder(core, orderId, [{ lineId: 'L1', sku: demoSku(a), qty: 2 }]);
    orders.accept(orderId, clerk);
    await signIn(page, 'pablo', '2222');
    await goTo(page, 'orders');
    await page.getByTestId(`order-row-${orderId}`).click();
    await page.getByTestId('order-cancel').click();
    await page.getByTestId('order-cancel-form-confirm').click();
    const dialog = page.getByTestId('approval-dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/Marta/).check();
    await page.getByTestId('approval-pin').fill('3333');
    await ui.screenshot('cancel-approval');
    await page.getByTestId('approval-submit').click();
    await page.locator('[data-testid="order-status"][data-status="cancelled"]').waitFor();
    const detail = value<OrderInfo>(await core.api.call({ name: 'orders.detail', input: { orderId } }));
    assert.equal(detail.lines[0]!.held, 0, 'the held stock went back');
    const audit = core.services.db.prepare("SELECT approved_by FROM audit_log WHERE command = 'orders.cancel' AND ok = 1").pluck().get();
    assert.equal(audit, 'marta', 'the audit log names the approving manager');
  } finally {
    await ui.close();
  }
});

test('five wrong handover codes lock the order: the clerk is told why, and the right code goes through only with a manager’s PIN', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  try {
    const [a] = stockedIndexes(1, 1, 81) as [number];
    const orderId = 'W-8301';
    const { orders } = core.services;
    receiveOrder(core, orderId, [{ lineId: 'L1', sku: demoSku(a), qty: 1 }]);
    orders.accept(orderId, clerk);
    orders.pick(orderId, demoGtin13(a), clerk);
    orders.ready(orderId, clerk);
    await signIn(page, 'pablo', '2222');
    await goTo(page, 'orders');
    await page.getByTestId('orders-tab-handover').click();
    await page.getByTestId('handover-find').fill(orderId);
    await page.getByTestId('handover-find-submit').click();
    await page.locator(`[data-testid="handover-order"][data-order="${orderId}"]`).waitFor();

    const error = page.getByTestId('handover-error');
    for (let i = 1; i <= 4; i++) {
      await page.getByTestId('handover-code').fill(`000${i}`);
      await page.getByTestId('handover-confirm').click();
      await page.getByTestId('handover-attempts-left').filter({ hasText: `: ${5 - i}.` }).waitFor();
      assert.equal(await error.getAttribute('data-code'), 'VERIFICATION_FAILED');
    }
    await page.getByTestId('handover-code').fill('0005');
    await page.getByTestId('handover-confirm').click();
    // The fifth locks it: the core asks for a manager, and the clerk's screen says why once nobody approves.
    const dialog = page.getByTestId('approval-dialog');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="handover-error"][data-code="VERIFICATION_LOCKED"]').filter({ hasText: /Demasiados códigos erróneos/ }).waitFor();
    await ui.screenshot('handover-locked');
    await page.getByTestId('handover-code').fill('4821');
    await page.getByTestId('handover-confirm').click();
    await dialog.waitFor();
    await dialog.getByLabel(/Marta/).check();
    await page.getByTestId('approval-pin').fill('3333');
    await ui.screenshot('handover-locked-approval');
    await page.getByTestId('approval-submit').click();
    await page.getByTestId('handover-done').waitFor();
    assert.equal(value<OrderInfo>(await core.api.call({ name: 'orders.detail', input: { orderId } })).status, 'collected');
    const audit = core.services.db.prepare("SELECT approved_by FROM audit_log WHERE command = 'orders.handover' AND ok = 1").pluck().get();
    assert.equal(audit, 'marta');
  } finally {
    await ui.close();
  }
});
