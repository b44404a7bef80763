import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Store as StoreCore } from '../../main/compose-store';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import type { TillReply } from '../../main/tills/till-receipt';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo, setUpByWizard } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { chain, startHq } from '../helpers/synced-store';
import { value } from '../helpers/small-store';
import { waitUntil } from '../helpers/wait-until';

// A real store (set up by the first-run wizard, not the demo), linked to the HQ simulator through
// a real Mosquitto, with its till endpoint on loopback. The three tests run in order on it.
const env = { MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json', MOSTRADOR_TILL_PORT: '0', MOSTRADOR_TILL_HOST: '127.0.0.1' };
const store = 'store-counts';
const oil = { sku: 'OIL-1L', gtin: '8412345000010' };
const rice = { sku: 'RICE-1K', gtin: '8412345000027' };

let broker: Mosquitto;
let hq: HqSimulator;
let ui: ConsoleUnderTest;
let page: Page;
let core: StoreCore;
let tillToken = '';
let tillUrl = '';

const floor = (sku: string) => core.services.levels.at(sku, 'sales_floor');

async function asMember(staffId: string, pin: string) {
  await signOut(page);
  await signIn(page, staffId, pin);
}

async function approveAs(name: string, pin: string) {
  await page.getByTestId('approval-dialog').waitFor();
  await page.getByLabel(name).check();
  await page.getByTestId('approval-pin').fill(pin);
  await page.getByTestId('approval-submit').click();
}

before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url);
  ui = await openConsole({ runtime: { env, firstRun: true } });
  page = ui.page;
  await setUpByWizard(page, { brokerUrl: broker.url, store, chain, station: 'backoffice-1' });
  await page.getByText('Central: en línea').waitFor({ timeout: 20_000 });
  const runtime = ui.host!.current();
  core = runtime.core;
  assert.equal(core.config.demo, false);

  // HQ sends the products and this store's tolerances (the chain's defaults, made explicit).
  const product = (p: { sku: string; gtin: string }, name: string) => ({ sku: p.sku, name, brand: 'Sierra Verde', category: 'Despensa', unit: 'each' as const, priceCents: 899, taxRateBp: 1000, active: true, barcodes: [p.gtin] });
  hq.send(store, { type: 'catalog.delta', version: 1, products: [product(oil, 'Aceite de oliva 1 L'), product(rice, 'Arroz bomba 1 kg')], removed: [] });
  hq.sendTolerances(store, { version: 1, overReceiptPct: 0, countVarianceUnits: 2, countVariancePct: 5 });
  await waitUntil(() => core.services.catalog.product(rice.sku) !== null && core.services.tolerances.version() === 1, (ready) => ready, { what: 'the products and tolerances from HQ' });
  for (const p of [oil, rice]) value(await ui.host!.api.call({ name: 'stock.receive', input: { sku: p.sku, qty: 10, to: 'sales_floor' } }));
  tillToken = value<{ token: string }>(await ui.host!.api.call({ name: 'tills.issueToken', input: { till: 'till-1' } })).token;
  tillUrl = runtime.tills!.url;
  await core.services.staff.upsert({ id: 'ana', name: 'Ana Dependienta', role: 'associate' }, '1111');
  await core.services.staff.upsert({ id: 'pablo', name: 'Pablo Recogidas', role: 'pickup' }, '2222');
  await core.services.staff.upsert({ id: 'marta', name: 'Marta Encargada', role: 'manager' }, '3333');
  await page.reload();
  await page.getByTestId('lookup-input').waitFor();
});

after(async () => {
  await ui?.close();
  await hq?.stop();
  await broker?.dispose();
});

test("A blind count runs while a till sale moves the same SKU; the variance shown is counted − (snapshot + moves), and a manager's PIN approves it", async () => {
  await asMember('ana', '1111');
  await goTo(page, 'counts');
  await page.getByTestId('count-create-by').selectOption('skus');
  await page.getByTestId('count-create-location').selectOption('sales_floor');
  await page.getByTestId('count-create-skus').fill(oil.sku);
  await page.getByTestId('count-create-submit').click();
  const view = page.getByTestId('count-view');
  await view.waitFor();
  const countId = (await view.getAttribute('data-count-id'))!;
  await page.getByTestId('count-blind').waitFor();

  // Blind in the data layer: the product's lookup hides the floor from Ana while the count is open.
  await goTo(page, 'lookup');
  await page.getByTestId('lookup-input').fill(oil.gtin);
  await page.getByTestId('lookup-input').press('Enter');
  await page.getByTestId('lookup-sku').filter({ hasText: oil.sku }).waitFor();
  await page.locator('[data-testid="stock-row-sales_floor"] [data-testid="stock-qty"][data-blind="true"]').waitFor();
  await ui.screenshot('counts-1-lookup-blind');

  // Ana counts 7 (the ledger has 10 at her first scan)...
  await goTo(page, 'counts');
  await page.getByTestId(`count-row-${countId}`).getByTestId('count-open').click();
  await page.getByTestId('count-scan-code').fill(oil.gtin);
  await page.getByTestId('count-scan-qty').fill('7');
  await page.getByTestId('count-scan-add').click();
  await page.getByTestId(`count-line-${oil.sku}`).getByTestId('line-counted').filter({ hasText: /^7$/ }).waitFor();
  assert.equal(await page.getByTestId('line-expected').count(), 0, 'no expected column while counting blind');
  await ui.screenshot('counts-2-blind-counting');

  // ...while a till sells 2 of the same product.
  const response = await fetch(tillUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${tillToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ receiptId: 'T1-000900', till: 'till-1', at: new Date().toISOString(), lines: [{ type: 'sale', gtin: oil.gtin, qty: 2 }] }),
  });
  assert.equal(response.status, 200, JSON.stringify((await response.json()) as TillReply));
  assert.equal(floor(oil.sku), 8);

  // Submitted: 7 − (10 + −2) = −1, within tolerance (2 units), so it goes to review.
  await page.getByTestId('count-submit').click();
  await page.locator('[data-testid="count-view"][data-status="review"]').waitFor();
  const line = page.getByTestId(`count-line-${oil.sku}`);
  assert.equal(await line.getByTestId('line-snapshot').textContent(), '10');
  assert.equal(await line.getByTestId('line-moves').textContent(), '-2');
  assert.equal(await line.getByTestId('line-expected').textContent(), '8');
  assert.equal(await line.getByTestId('line-variance').getAttribute('data-value'), '-1');
  await ui.screenshot('counts-3-review-variance');

  // Ana asks; Marta's PIN approves this one call, with the reason code.
  await page.getByTestId('count-reason').selectOption('unexplained');
  await page.getByTestId('count-approve').click();
  await ui.screenshot('counts-4-manager-pin');
  await approveAs('Marta Encargada', '3333');
  await page.getByTestId('count-approved').waitFor();
  await ui.screenshot('counts-5-approved');
  assert.equal(floor(oil.sku), 7, 'the floor holds what was counted');
  const audit = core.services.audit.recent(10).find((e) => e.command === 'counts.approve' && e.ok === 1);
  assert.deepEqual([audit?.staff, audit?.approved_by], ['ana', 'marta']);

  // HQ hears the count once, and its adjustment as a movement.
  const lastSeq = core.services.db.prepare('SELECT MAX(seq) FROM outbox').pluck().get() as number;
  const seen = await waitUntil(() => hq.store(store), (s) => s !== null && s.contiguous >= lastSeq, { what: "HQ to hold the store's whole stream", timeoutMs: 20_000 });
  assert.equal(seen!.countsClosed.length, 1);
  assert.deepEqual(seen!.countsClosed[0]!.lines.map((l) => [l.sku, l.snapshot, l.movesSince, l.counted, l.variance]), [[oil.sku, 10, -2, 7, -1]]);
  assert.equal(seen!.level(oil.sku, 'sales_floor'), 7);
});

test('A short pick opens a spot count by itself', async () => {
  await asMember('pablo', '2222');
  const orderId = 'W-7001';
  hq.routeOrder(store, {
    orderId,
    version: 1,
    customer: { name: 'Lucía Fernández', phone: '+34600111222' },
    verification: { code: '4821' },
    promisedAt: new Date(Date.now() + 45 * 60_000).toISOString(),
    lines: [{ lineId: 'L1', sku: rice.sku, qty: 2 }],
  });
  await goTo(page, 'orders');
  await page.getByTestId(`order-row-${orderId}`).click();
  await page.getByTestId('order-accept').click();
  await page.locator('[data-testid="order-status"][data-status="accepted"]').waitFor();
  await page.getByTestId('order-start-pick').click();
  await page.getByTestId('pick-screen').waitFor();
  await page.getByTestId('pick-short-L1').click();
  await page.getByTestId('pick-short-qty-L1').fill('1');
  await page.getByTestId('pick-short-reason-L1').selectOption('not-found');
  await page.getByTestId('pick-short-confirm-L1').click();
  await page.getByTestId('pick-short-form-L1').waitFor({ state: 'detached' });

  // Nobody asked: the counts page already lists a spot count of that product on the shelf.
  await goTo(page, 'counts');
  const row = page.locator('[data-testid^="count-row-"][data-origin="short-pick"]');
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', new RegExp(orderId));
  await ui.screenshot('counts-6-spot-count-from-short-pick');
  const spot = core.services.counts.list().find((c) => c.origin === 'short-pick')!;
  assert.deepEqual([spot.location, spot.owner, spot.status, core.services.counts.skusOf(spot.countId)], ['sales_floor', 'system', 'counting', [rice.sku]]);
  await row.getByTestId('count-open').click();
  await page.getByTestId('count-blind').waitFor();
});

test('An associate is refused an adjustment until a manager approves', async () => {
  await asMember('ana', '1111');
  await goTo(page, 'counts');
  const before = floor(rice.sku);
  await page.getByTestId('adjust-code').fill(rice.gtin);
  await page.getByTestId('adjust-location').selectOption('sales_floor');
  await page.getByTestId('adjust-units').fill('2');
  await page.getByTestId('adjust-reason').selectOption('damaged');
  await page.getByTestId('adjust-submit').click();
  await page.getByTestId('approval-dialog').waitFor();
  await page.getByTestId('adjust-needs-approval').waitFor();
  await ui.screenshot('counts-7-adjustment-needs-manager');
  // Without the manager, nothing moves: the refusal is on the audit log.
  await page.getByTestId('approval-cancel').click();
  await page.getByTestId('approval-dialog').waitFor({ state: 'detached' });
  assert.equal(floor(rice.sku), before);
  const refused = core.services.audit.recent(10).find((e) => e.command === 'stock.adjust')!;
  assert.deepEqual([refused.staff, refused.ok, refused.error_code], ['ana', 0, 'FORBIDDEN']);

  await page.getByTestId('adjust-submit').click();
  await approveAs('Marta Encargada', '3333');
  await page.getByTestId('adjust-done').waitFor();
  await ui.screenshot('counts-8-adjustment-approved');
  assert.equal(floor(rice.sku), before - 2);
  const approved = core.services.audit.recent(10).find((e) => e.command === 'stock.adjust' && e.ok === 1)!;
  assert.deepEqual([approved.staff, approved.approved_by], ['ana', 'marta']);
  const moved = core.services.movements.history(rice.sku, 1)[0]!;
  assert.deepEqual([moved.from, moved.to, moved.qty, moved.reason], ['sales_floor', 'adjustment', 2, 'damaged']);
  const lastSeq = core.services.db.prepare('SELECT MAX(seq) FROM outbox').pluck().get() as number;
  const seen = await waitUntil(() => hq.store(store), (s) => s !== null && s.contiguous >= lastSeq, { what: 'HQ to hold the adjustment', timeoutMs: 20_000 });
  assert.equal(seen!.level(rice.sku, 'sales_floor'), before - 2);
});

test('Over tolerance, a count goes back for a recount by another person, then a manager approves it', async () => {
  // The short pick's spot count of rice is still open: Ana counts it, far below what the ledger expects.
  await asMember('ana', '1111');
  const spot = core.services.counts.list().find((c) => c.origin === 'short-pick' && c.status === 'counting')!;
  const onFloor = floor(rice.sku);
  assert.ok(onFloor > 4, `rice on the floor: ${onFloor}`);
  await goTo(page, 'counts');
  await page.getByTestId(`count-row-${spot.countId}`).getByTestId('count-open').click();
  await page.getByTestId('count-scan-code').fill(rice.gtin);
  await page.getByTestId('count-scan-add').click();
  await page.getByTestId(`count-line-${rice.sku}`).getByTestId('line-counted').filter({ hasText: /^1$/ }).waitFor();
  await page.getByTestId('count-submit').click();
  await page.locator('[data-testid="count-view"][data-status="recount"]').waitFor();
  await page.getByTestId('count-blind').waitFor();
  await page.getByTestId(`count-line-${rice.sku}`).getByTestId('line-recount').waitFor();
  // Ana counted it first: her recount is refused.
  await page.getByTestId('count-scan-code').fill(rice.gtin);
  await page.getByTestId('count-scan-add').click();
  await page.locator('[data-testid="count-error"][data-code="RECOUNT_BY_ANOTHER"]').waitFor();
  await ui.screenshot('counts-9-recount-refused-to-first-counter');

  // Pablo recounts, blind to the first count too, and finds them all.
  await asMember('pablo', '2222');
  await goTo(page, 'counts');
  await page.getByTestId(`count-row-${spot.countId}`).getByTestId('count-open').click();
  await page.getByTestId('count-blind').waitFor();
  assert.equal(await page.getByTestId(`count-line-${rice.sku}`).getByTestId('line-counted').textContent(), '—');
  await page.getByTestId('count-scan-code').fill(rice.gtin);
  await page.getByTestId('count-scan-qty').fill(String(onFloor));
  await page.getByTestId('count-scan-add').click();
  await page.getByTestId('count-submit').click();
  await page.locator('[data-testid="count-view"][data-status="review"]').waitFor();
  const line = page.getByTestId(`count-line-${rice.sku}`);
  assert.equal(await line.getByTestId('line-variance').getAttribute('data-value'), '0');
  assert.match((await line.getByTestId('line-recount').textContent()) ?? '', /pablo/);
  await ui.screenshot('counts-10-review-after-recount');
  await page.getByTestId('count-approve').click();
  await approveAs('Marta Encargada', '3333');
  await page.getByTestId('count-approved').waitFor();
  assert.equal(floor(rice.sku), onFloor, 'the recount matched the ledger: nothing to adjust');
});

test('The counts list reads its pages as it scrolls, and keeps only the rows in view in the DOM', async () => {
  // 300 old cancelled counts, one a minute, so they sort after this store's real ones.
  const seeded = 300;
  const earlier = core.services.counts.list().length;
  const insert = core.services.db.prepare(
    "INSERT INTO stock_counts (count_id, location, scope, origin, owner, status, created_at) VALUES (?, 'back_room', 'skus', 'manual', 'lucia', 'cancelled', ?)",
  );
  core.services.db.transaction(() => {
    for (let i = 0; i < seeded; i += 1) insert.run(`OLD-${String(i).padStart(3, '0')}`, new Date(Date.parse('2025-01-01T00:00:00Z') + i * 60_000).toISOString());
  })();
  const total = earlier + seeded;
  await page.reload();
  await page.getByTestId('nav-counts').click();
  const list = page.getByTestId('counts-list');
  await page.locator('[data-testid="counts-list"][data-loaded="50"]').waitFor();
  const rowsInDom = () => list.locator('[role="listitem"]').count();
  assert.ok((await rowsInDom()) < 40, `a page of 50 draws only the rows in view, not ${await rowsInDom()}`);
  await ui.screenshot('counts-11-paged-list');
  // Scrolling to the end reads page after page, by (created, id), until the oldest count.
  for (let loaded = 50; loaded < total; ) {
    loaded = Math.min(loaded + 50, total);
    await page.evaluate(`document.querySelector('[data-testid="counts-list"]').scrollTo(0, 1e9)`);
    await page.locator(`[data-testid="counts-list"][data-loaded="${loaded}"]`).waitFor();
  }
  await page.evaluate(`document.querySelector('[data-testid="counts-list"]').scrollTo(0, 1e9)`);
  await page.getByTestId('count-row-OLD-000').waitFor();
  const drawn = await rowsInDom();
  assert.ok(drawn < 40, `${total} counts loaded, ${drawn} rows drawn`);
});
