import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openVirtualSerialScanner } from '../../drivers/scanner/virtual-serial-scanner';
import { demoGtin13, demoProduct, demoSku } from '../../main/demo/demo-catalog';
import { demoOpening } from '../../main/hq-simulator/demo-opening';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, signIn, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair';
import { startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

// Receiving on a real store (issue 13, and issue 14's receiving half): configured by environment
// as README.md says (no demo, no wizard), linked to a real Mosquitto, its catalog and opening
// stock from the HQ simulator, and the ASN from HQ too.

const slow = { timeout: 30_000 };
const GS = '\x1d';

const realStore = (brokerUrl: string, store: string, policyFile = '/nonexistent/policy.json') => ({
  MOSTRADOR_POLICY_FILE: policyFile,
  MOSTRADOR_STORE: store,
  MOSTRADOR_CHAIN: 'test-chain',
  MOSTRADOR_HQ_URL: brokerUrl,
  MOSTRADOR_ADMIN_CODE: 'RECEIVING-E2E-CODE',
});

/** The store's staff, added as its admin would (staff administration is not this test's subject). */
async function staffAndSignIn(ui: ConsoleUnderTest): Promise<void> {
  await ui.core.services.staff.upsert({ id: 'ana', name: 'Ana Ruiz', role: 'associate' }, '2468');
  await ui.core.services.staff.upsert({ id: 'marta', name: 'Marta Gil', role: 'manager' }, '1357');
  await ui.page.reload();
  await signIn(ui.page, 'ana', '2468');
}

/** A real store from zero, provisioned by HQ with the demo's first 20 products, ready. */
async function readyStore(store: string, policyFile?: string) {
  const broker = await startMosquitto();
  const hq = await startHq(broker.url, { chain: 'test-chain', openingFor: (s) => (s === store ? demoOpening(20, s) : null) });
  const ui = await openConsole({ runtime: { env: realStore(broker.url, store, policyFile) } });
  await waitUntil(() => hq.store(store)?.ready, (ready) => ready === true, { what: 'HQ to provision the store', timeoutMs: 30_000 });
  await staffAndSignIn(ui);
  return { broker, hq, ui };
}

/** A label day `days` from today: GS1's YYMMDD and the ISO day. */
function labelDay(days: number): { yymmdd: string; iso: string } {
  const at = new Date();
  at.setDate(at.getDate() + days);
  const iso = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return { yymmdd: iso.slice(2).replaceAll('-', ''), iso };
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('receipt-code').fill(code);
  await page.getByTestId('receipt-code').press('Enter');
}

/** A keyboard-wedge burst as the renderer's wedge detector sees it (see test/e2e/gs1-2d-codes.test.ts). */
async function wedgeBurst(page: Page, text: string): Promise<void> {
  await page.evaluate(`{
    const target = document.activeElement ?? document.body;
    for (const key of [...${JSON.stringify(text)}, 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }`);
}

test('An ASN is received with one short line and one unexpected item; HQ receives the difference', async () => {
  const store = 'store-recv';
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  try {
    ({ broker, hq, ui } = await readyStore(store));
    const { page } = ui;
    const h = hq;
    const backRoomBefore = h.store(store)!.level(demoSku(1), 'back_room');

    h.sendAsn(store, {
      asnId: 'ASN-7001',
      supplier: 'Aceites del Sur',
      lines: [
        { sku: demoSku(1), qty: 3 },
        { sku: demoSku(2), qty: 2 },
      ],
    });
    await goTo(page, 'receiving');
    await page.getByTestId('asn-row-ASN-7001').waitFor(slow);
    await ui.screenshot('receiving-1-expected');
    await page.getByTestId('asn-receive-ASN-7001').click();
    await page.locator('[data-testid="receipt-screen"][data-state="open"]').waitFor();

    for (let i = 1; i <= 3; i++) {
      await typeCode(page, demoGtin13(1));
      await page.locator(`[data-testid="receipt-line-${demoSku(1)}"][data-received="${i}"]`).waitFor();
    }
    await typeCode(page, demoGtin13(2));
    await page.locator(`[data-testid="receipt-line-${demoSku(2)}"][data-received="1"][data-difference="-1"]`).waitFor();
    // Product 5 is not in the delivery: refused (with the low cue), and listed for HQ.
    await typeCode(page, demoGtin13(5));
    await page.locator('[data-testid="receipt-refused"][data-code="UNEXPECTED_ITEM"]').waitFor();
    assert.match((await page.getByTestId('receipt-refused').textContent()) ?? '', /No está en esta entrega/);
    await page.getByTestId(`receipt-unexpected-${demoSku(5)}`).waitFor();
    // Over-receipt at 0 % tolerance: a 4th of 3 is refused too.
    await typeCode(page, demoGtin13(1));
    await page.locator('[data-testid="receipt-refused"][data-code="OVER_RECEIPT"]').waitFor();
    await ui.screenshot('receiving-2-scanned');

    await page.getByTestId('receipt-packing-slip').fill('ALB-2231');
    await page.getByTestId('receipt-close').click();
    await page.locator('[data-testid="receipt-closed"][data-differences="2"]').waitFor();
    await ui.screenshot('receiving-3-closed-differences');

    const closed = await waitUntil(() => h.store(store)?.receiptsClosed, (r) => (r?.length ?? 0) > 0, { what: 'HQ to record the closed receipt' });
    assert.equal(closed!.length, 1, 'HQ hears of the receipt once');
    const [difference] = closed!;
    assert.deepEqual(
      { asnId: difference!.asnId, packingSlip: difference!.packingSlip, lines: difference!.lines, unexpected: difference!.unexpected },
      {
        asnId: 'ASN-7001',
        packingSlip: 'ALB-2231',
        lines: [
          { sku: demoSku(1), expected: 3, received: 3 },
          { sku: demoSku(2), expected: 2, received: 1 },
        ],
        unexpected: [{ code: demoSku(5), sku: demoSku(5), qty: 1 }],
      },
    );
    await waitUntil(() => h.store(store)?.level(demoSku(1), 'back_room'), (q) => q === backRoomBefore + 3, { what: 'HQ to see the received stock' });
    // Back on the list: nothing in progress, and the ASN is no longer expected.
    await page.getByTestId('receipt-back').click();
    await page.getByTestId('receiving-list').waitFor();
    assert.equal(await page.getByTestId('asn-row-ASN-7001').count(), 0);
  } finally {
    await ui?.close();
    await hq?.stop();
    await broker?.dispose();
  }
});

test('Receiving shows the batch and expiry of a GS1 DataMatrix from a serial scanner and of a QR Digital Link from the wedge', async () => {
  const store = 'store-recv-2d';
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  let pty: PtyPair | null = null;
  let scanner: Awaited<ReturnType<typeof openVirtualSerialScanner>> | null = null;
  try {
    pty = await openPtyPair(undefined, ['ttyS0', 'ttyS0-simulator']);
    const policyFile = join(tempDir(), 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ devices: { serialScanners: [{ path: pty.a, suffix: 'CR' }] } }));
    ({ broker, hq, ui } = await readyStore(store, policyFile));
    const { page } = ui;
    scanner = await openVirtualSerialScanner(pty.b, { suffix: 'CR' });
    await goTo(page, 'devices');
    await page.locator(`[data-testid="device-serial::::${pty.a}"][data-status="online"]`).waitFor(slow);

    hq.sendAsn(store, { asnId: 'ASN-2D', supplier: 'Frescos del Norte', lines: [{ sku: demoSku(6), qty: 5 }, { sku: demoSku(4), qty: 5 }] });
    await goTo(page, 'receiving');
    await page.getByTestId('asn-receive-ASN-2D').click(slow);
    await page.locator('[data-testid="receipt-screen"][data-state="open"]').waitFor();

    // As the scanner sends a GS1 DataMatrix: AIM ]d2, GTIN, expiry, batch ended by GS, then an internal AI.
    const far = labelDay(300);
    await scanner.scan(`010${demoGtin13(6)}17${far.yymmdd}10LOT-6${GS}99SHELF-7`, ']d2');
    await page.getByTestId('receipt-added-batch').filter({ hasText: 'LOT-6' }).waitFor(slow);
    assert.equal(await page.getByTestId('receipt-added-expiry').getAttribute('data-expiry'), far.iso);
    const lot6 = page.getByTestId(`receipt-lot-${demoSku(6)}`);
    assert.deepEqual([await lot6.getAttribute('data-batch'), await lot6.getAttribute('data-expiry')], ['LOT-6', far.iso]);
    assert.match((await page.getByTestId('receipt-added').textContent()) ?? '', new RegExp(demoProduct(6).product.name));
    await ui.screenshot('receiving-4-datamatrix-batch-expiry');

    // A QR Digital Link through the keyboard wedge, two days from its use-by: a short-date warning.
    const near = labelDay(2);
    await page.locator('#receipt-title').click();
    await wedgeBurst(page, `https://brand.example/01/0${demoGtin13(4)}/10/LOT-4?17=${near.yymmdd}`);
    await page.getByTestId('receipt-added-batch').filter({ hasText: 'LOT-4' }).waitFor(slow);
    await page.locator(`[data-testid="receipt-short-dated"][data-expiry="${near.iso}"][data-days-left="2"]`).waitFor();
    const lot4 = page.getByTestId(`receipt-lot-${demoSku(4)}`);
    assert.deepEqual([await lot4.getAttribute('data-batch'), await lot4.getAttribute('data-expiry')], ['LOT-4', near.iso]);
    await ui.screenshot('receiving-5-digital-link-short-dated');

    // Closed: the batches and expiries are on the received movements, and reach HQ.
    await page.getByTestId('receipt-packing-slip').fill('ALB-9');
    await page.getByTestId('receipt-close').click();
    await page.getByTestId('receipt-closed').waitFor();
    const moved = ui.core.services.db.prepare("SELECT sku, batch, expiry FROM movements WHERE reason = 'receipt' ORDER BY sku").all();
    assert.deepEqual(moved, [
      { sku: demoSku(4), batch: 'LOT-4', expiry: near.iso },
      { sku: demoSku(6), batch: 'LOT-6', expiry: far.iso },
    ]);
  } finally {
    await scanner?.close();
    await ui?.close();
    await hq?.stop();
    await broker?.dispose();
    await pty?.dispose();
  }
});
