import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store as StoreCore } from '../../main/compose-store';
import type { TillReply } from '../../main/tills/till-receipt';
import { openConsole, signIn, goTo } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { chain, startHq } from '../helpers/synced-store';
import { value } from '../helpers/small-store';
import { waitUntil } from '../helpers/wait-until';

// A real store (set up by the first-run wizard, not the demo), linked to the HQ
// simulator through a real Mosquitto, with its till endpoint on loopback.
const env = { MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json', MOSTRADOR_TILL_PORT: '0', MOSTRADOR_TILL_HOST: '127.0.0.1' };
const store = 'store-tills';
const sku = 'OIL-1L';
const gtin = '8412345000010';

test('a till sale posted twice with the same receipt id moves stock once: the lookup in Chromium and HQ both see one sale', async () => {
  const broker = await startMosquitto();
  const hq = await startHq(broker.url);
  const ui = await openConsole({ runtime: { env, firstRun: true } });
  const { page } = ui;
  try {
    await page.getByTestId('setup-wizard').waitFor();
    await page.getByTestId('setup-store').click();
    await page.getByTestId('setup-chain').fill(chain);
    await page.getByTestId('setup-store-id').fill(store);
    await page.getByTestId('setup-station').fill('backoffice-1');
    await page.getByTestId('setup-hq-url').fill(broker.url);
    await page.getByTestId('setup-admin-id').fill('lucia');
    await page.getByTestId('setup-admin-name').fill('Lucía Gómez');
    await page.getByTestId('setup-pin').fill('1357');
    await page.getByTestId('setup-pin-again').fill('1357');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('signin-staff-lucia').waitFor({ timeout: 20_000 });
    await signIn(page, 'lucia', '1357');
    await page.getByText('Central: en línea').waitFor({ timeout: 20_000 });
    const runtime = ui.host!.current();
    const core: StoreCore = runtime.core;
    assert.equal(core.config.demo, false);
    assert.ok(runtime.tills, 'the till endpoint runs where MOSTRADOR_TILL_PORT is set');

    // HQ sends the product; the admin receives 10 onto the sales floor.
    hq.send(store, {
      type: 'catalog.delta',
      version: 1,
      products: [{ sku, name: 'Aceite de oliva 1 L', brand: 'Sierra Verde', category: 'Aceites', unit: 'each', priceCents: 899, taxRateBp: 1000, active: true, barcodes: [gtin] }],
      removed: [],
    });
    await waitUntil(() => core.services.catalog.product(sku) !== null, (known) => known, { what: 'the product from HQ' });
    value(await ui.host!.api.call({ name: 'stock.receive', input: { sku, qty: 10, to: 'sales_floor' } }));

    // The admin issues the till's token on the Devices page.
    await goTo(page, 'devices');
    await page.getByTestId('tills-panel').waitFor();
    await page.getByTestId('till-id').fill('till-1');
    await page.getByTestId('till-issue').click();
    const token = (await page.getByTestId('till-token').textContent())?.trim() ?? '';
    assert.match(token, /^mtill_[A-Za-z0-9_-]{43}$/);
    await page.getByTestId('till-row-till-1').waitFor();
    await ui.screenshot('tills-1-token-issued');

    const post = async (body: unknown, bearer = token) => {
      const response = await fetch(runtime.tills!.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, reply: (await response.json()) as TillReply };
    };
    const sale = { receiptId: 'T1-000123', till: 'till-1', at: new Date().toISOString(), lines: [{ type: 'sale', gtin, qty: 2 }] };
    const first = await post(sale);
    const second = await post(sale);
    assert.equal(first.status, 200, JSON.stringify(first.reply));
    assert.equal(second.status, 200, JSON.stringify(second.reply));
    assert.ok(first.reply.ok && second.reply.ok);
    assert.equal(first.reply.alreadyApplied, false);
    assert.equal(second.reply.alreadyApplied, true);

    // The lookup shows 8 on the sales floor.
    await goTo(page, 'lookup');
    await page.getByTestId('lookup-input').fill(gtin);
    await page.getByTestId('lookup-input').press('Enter');
    await page.getByTestId('lookup-sku').filter({ hasText: sku }).waitFor();
    await page.getByTestId('stock-row-sales_floor').getByTestId('stock-qty').filter({ hasText: /^8$/ }).waitFor();
    await ui.screenshot('tills-2-lookup-after-sale');

    // HQ receives the sale exactly once: the store's whole stream is in, and the customer holds 2.
    const sales = core.services.db.prepare("SELECT seq FROM movements WHERE reason = 'till-sale'").pluck().all() as number[];
    assert.equal(sales.length, 1, 'one sale movement in the ledger');
    const lastSeq = core.services.db.prepare('SELECT MAX(seq) FROM outbox').pluck().get() as number;
    const seen = await waitUntil(() => hq.store(store), (s) => s !== null && s.contiguous >= lastSeq, { what: 'HQ to hold the store’s whole stream' });
    assert.equal(seen!.level(sku, 'customer'), 2);
    assert.equal(seen!.level(sku, 'sales_floor'), 8);
    assert.equal(seen!.sumBySku.get(sku), 12, 'the receipt of 10 and one sale of 2, nothing more');

    // Revoked on the Devices page, the token no longer sells.
    await goTo(page, 'devices');
    await page.getByTestId('till-revoke-till-1').click();
    await page.locator('[data-testid="till-row-till-1"][data-state="revoked"]').waitFor();
    const refused = await post({ ...sale, receiptId: 'T1-000124' });
    assert.equal(refused.status, 401);
    assert.equal(core.services.levels.summary(sku).byLocation.find((l) => l.location === 'sales_floor')!.qty, 8);
    await ui.screenshot('tills-3-revoked');
  } finally {
    await ui.close();
    await hq.stop();
    await broker.dispose();
  }
});
