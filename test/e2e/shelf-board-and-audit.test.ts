import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openVirtualMqttShelf, type VirtualShelf } from '../../drivers/shelf/virtual-shelf';
import { demoSku } from '../../main/demo/demo-catalog';
import { demoOpening } from '../../main/hq-simulator/demo-opening';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { seedAuditEntries } from '../helpers/audit-seed';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { startHq } from '../helpers/synced-store';
import { tempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-until';

// The shelf board, the alert center and the audit log viewer (issues 15, 18 and 13) on a real
// store: configured by environment, its catalog and stock from the HQ simulator over a real
// Mosquitto, its shelf sensor a virtual MQTT shelf on the same broker, IT's policy file
// switching the order cue off. One console for the whole file.

const store = 'store-board';
const slow = { timeout: 30_000 };
const sensorId = 'shelf-e2e-1';
const unitWeightGrams = 400;

let broker: Mosquitto;
let hq: HqSimulator;
let ui: ConsoleUnderTest;
let shelf: VirtualShelf;

before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url, { chain: 'test-chain', openingFor: (s) => (s === store ? demoOpening(20, s) : null) });
  const policyFile = join(tempDir(), 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ sounds: { orderAlerts: false } }));
  ui = await openConsole({
    runtime: {
      env: {
        MOSTRADOR_POLICY_FILE: policyFile,
        MOSTRADOR_STORE: store,
        MOSTRADOR_CHAIN: 'test-chain',
        MOSTRADOR_HQ_URL: broker.url,
        MOSTRADOR_ADMIN_CODE: 'BOARD-E2E-CODE',
        // The shelf sensors publish on the store's own broker (here the same Mosquitto).
        MOSTRADOR_SHELF_MQTT_URL: broker.url,
        // A shelf that disagrees with the ledger for 3 s opens its spot count (30 min in a store).
        MOSTRADOR_SHELF_DISCREPANCY_SECONDS: '3',
      },
    },
  });
  await waitUntil(() => hq.store(store)?.ready, (ready) => ready === true, { what: 'HQ to provision the store', timeoutMs: 30_000 });
  // The store's staff, added as its admin would (staff administration is not this file's subject).
  await ui.core.services.staff.upsert({ id: 'ana', name: 'Ana Ruiz', role: 'associate' }, '2468');
  await ui.core.services.staff.upsert({ id: 'marta', name: 'Marta Gil', role: 'manager' }, '1357');
});

after(async () => {
  await shelf?.close();
  await ui?.close();
  await hq?.stop();
  await broker?.stop();
});

const onFloor = (sku: string) => ui.core.services.levels.summary(sku).byLocation.find((l) => l.location === 'sales_floor')?.qty ?? 0;

test('A virtual shelf\'s weight drops to zero. The out-of-stock alert appears on another page and is acknowledged, and the spot count it opened by itself is there', async () => {
  const { page, core } = ui;
  // A product HQ stocked on the sales floor with more than its low threshold.
  const sku = Array.from({ length: 20 }, (_, i) => demoSku(i + 1)).find((s) => onFloor(s) >= 4)!;
  assert.ok(sku, 'HQ stocked a product on the floor');
  const units = onFloor(sku);
  // The shelf is mapped as the back office would (the Devices page's shelf map is tested in devices-page.test.ts).
  await core.services.shelves.configure([{ sensorId, sku, location: 'sales_floor', unitWeightGrams, tareGrams: 0, lowThreshold: 2, toleranceUnits: 0 }]);
  shelf = await openVirtualMqttShelf(broker.url, { sensorId, intervalMs: 1000 });
  await shelf.setWeight(units * unitWeightGrams);

  await page.reload();
  await signIn(page, 'ana', '2468');
  await goTo(page, 'shelves');
  const row = page.locator(`[data-testid="board-shelf-${sensorId}"][data-units="${units}"][data-sensor="online"]`);
  await row.waitFor(slow);
  assert.match((await row.textContent()) ?? '', /kg|g/, 'the last stable reading shows its weight');
  await ui.screenshot('shelf-board-1-live');

  // Another page: the lookup. The shelf is emptied.
  await goTo(page, 'lookup');
  await shelf.setWeight(0);
  const toast = page.locator(`[data-testid^="shelf-toast-"][data-kind="stock.out"][data-sensor="${sensorId}"]`);
  await toast.waitFor(slow);
  assert.equal(await page.locator('#page-lookup').isVisible(), true, 'the alert shows over the lookup');
  assert.equal(await page.getByTestId('nav-badge-shelves').textContent(), '1');
  await ui.screenshot('shelf-board-2-alert-on-lookup');

  // A person acknowledges it: the toast goes, and the acknowledgement is on the alert and on the audit log.
  const alertId = Number((await toast.getAttribute('data-testid'))!.replace('shelf-toast-', ''));
  await page.getByTestId(`shelf-toast-ack-${alertId}`).click();
  await toast.waitFor({ state: 'detached' });
  await page.getByTestId('nav-badge-shelves').waitFor({ state: 'detached' });
  const { db } = core.services;
  assert.deepEqual(db.prepare('SELECT kind, acknowledged_by AS by FROM shelf_alerts WHERE id = ?').get(alertId), { kind: 'stock.out', by: 'ana' });
  const logged = db.prepare("SELECT staff, input, ok FROM audit_log WHERE command = 'shelves.acknowledge' ORDER BY id DESC LIMIT 1").get() as { staff: string; input: string; ok: number };
  assert.deepEqual({ ...logged, input: JSON.parse(logged.input) as unknown }, { staff: 'ana', input: { alertId }, ok: 1 });

  // The empty shelf disagrees with the ledger: after 3 s a one-item spot count opens by itself, and the board shows it.
  await goTo(page, 'shelves');
  const spot = page.locator(`[data-testid^="shelf-spot-count-"][data-sensor="${sensorId}"][data-status="counting"]`);
  await spot.waitFor(slow);
  await page.getByTestId(`shelf-board-acknowledged-by-${alertId}`).waitFor();
  assert.match((await page.getByTestId(`shelf-board-acknowledged-by-${alertId}`).textContent()) ?? '', /^ana · /);
  await page.locator(`[data-testid="board-shelf-${sensorId}"][data-units="0"][data-level="out"]`).waitFor();
  await ui.screenshot('shelf-board-3-acknowledged-and-spot-count');
  const countId = (await spot.getAttribute('data-testid'))!.replace('shelf-spot-count-', '');
  // The same count on the Counts page, where it is worked.
  await goTo(page, 'counts');
  await page.locator(`[data-testid="count-row-${countId}"][data-origin="shelf"]`).waitFor(slow);
  await ui.screenshot('shelf-board-4-count-on-counts-page');
  await signOut(page);
});

test('the policy switch silences the order cue: an order arriving on the lookup still shows its badge and toast', async () => {
  const { page } = ui;
  await signIn(page, 'marta', '1357');
  await goTo(page, 'lookup');
  const sku = Array.from({ length: 20 }, (_, i) => demoSku(i + 1)).find((s) => onFloor(s) >= 1)!;
  hq.routeOrder(store, {
    orderId: 'W-BOARD-1',
    version: 1,
    customer: { name: 'Lucía Fernández', phone: '+34600111222' },
    verification: { code: '4821' },
    promisedAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    lines: [{ lineId: 'L1', sku, qty: 1 }],
  });
  await page.locator('[data-testid="order-toast-W-BOARD-1"][data-kind="new"]').waitFor(slow);
  assert.equal(await page.getByTestId('nav-badge-orders').textContent(), '1');
  // The toast and the cue are decided in the same step: with the toast shown, a cue would have been played.
  const cues = await page.evaluate(() => (globalThis as { __mostradorCues?: string[] }).__mostradorCues ?? []);
  assert.ok(!cues.includes('arrival'), `no arrival cue under the policy (played: ${cues.join(', ')})`);
  await ui.screenshot('order-alert-policy-silent');
  await page.getByTestId('order-toast-dismiss-W-BOARD-1').click();
  await page.getByTestId('order-toast-W-BOARD-1').waitFor({ state: 'detached' });
});

test('the audit log viewer filters and pages through 50,000 entries with only a few dozen rows in the DOM; managers and admins only', async () => {
  const { page, core } = ui;
  seedAuditEntries(core.services.db, 50_000);
  await goTo(page, 'audit');
  const list = page.getByTestId('audit-list');
  await list.waitFor(slow);
  assert.equal(await list.getAttribute('data-loaded'), '100', 'one page read');
  const drawn = () => page.getByTestId('audit-row').count();
  assert.ok((await drawn()) < 40, `only the rows in view are drawn (${await drawn()})`);

  // Scrolling reads the next pages by key; the DOM stays small.
  for (let i = 0; i < 4; i++) {
    await page.evaluate(`document.querySelector('[data-testid="audit-list"]').scrollTo(0, 1e9)`);
    await page.locator(`[data-testid="audit-list"][data-loaded="${(i + 2) * 100}"]`).waitFor(slow);
  }
  assert.ok((await drawn()) < 40, `still only the rows in view (${await drawn()})`);
  const ids = (await page.evaluate(`[...document.querySelectorAll('[data-testid="audit-row"]')].map((r) => Number(r.dataset.id))`)) as number[];
  assert.ok(ids.every((id, i) => i === 0 || id < ids[i - 1]!), 'newest first');
  await ui.screenshot('audit-1-paged');

  // Filters: a member, then a document; every row drawn matches.
  await page.getByTestId('audit-filter-staff').selectOption('ana');
  await page.getByTestId('audit-apply').click();
  await page.locator('[data-testid="audit-list"][data-loaded="100"]').waitFor(slow);
  const members = (await page.evaluate(`[...document.querySelectorAll('[data-testid="audit-row"]')].map((r) => r.children[1].textContent)`)) as string[];
  assert.ok(members.length > 0 && members.every((m) => m === 'ana'), `only ana's entries (${members.join(',')})`);

  await page.getByTestId('audit-filter-staff').selectOption('');
  await page.getByTestId('audit-filter-document').fill('W-42');
  await page.getByTestId('audit-apply').click();
  await page.locator('[data-testid="audit-list"][data-loaded="50"]').waitFor(slow);
  const first = page.getByTestId('audit-row').first();
  await first.click();
  await page.getByTestId('audit-entry').waitFor();
  assert.deepEqual(JSON.parse((await page.getByTestId('audit-entry-input').textContent()) ?? ''), { orderId: 'W-42' });
  await ui.screenshot('audit-2-filtered-entry-open');
  // Opening it is on the log too.
  const last = core.services.db.prepare('SELECT command, staff FROM audit_log ORDER BY id DESC LIMIT 1').get();
  assert.deepEqual(last, { command: 'audit.entry', staff: 'marta' });

  // An associate has no audit page.
  await signOut(page);
  await signIn(page, 'ana', '2468');
  await page.getByTestId('nav-lookup').waitFor();
  assert.equal(await page.getByTestId('nav-audit').count(), 0);
});
