import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { demoSku } from '../../main/demo/demo-catalog';
import { demoOpening } from '../../main/hq-simulator/demo-opening';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { createStoreDays } from '../../main/kernel/store-days';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { ledgerSeeder } from '../helpers/kpi-ledger-seed';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';

// The KPI page on a real store (issue 15): configured by environment (no demo), its time zone from
// MOSTRADOR_TIME_ZONE, linked to a real Mosquitto and the HQ simulator, its catalog from HQ. The
// history the charts show is written into its ledger with known times (no screen can backdate).

const slow = { timeout: 30_000 };
const store = 'store-kpis';
const zone = 'Atlantic/Canary';
const hour = 3_600_000;

test('A manager opens the KPIs of a real store: charts, definitions, a data table and a CSV download; an associate has no KPI page', async () => {
  let broker: Mosquitto | null = null;
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  try {
    broker = await startMosquitto();
    hq = await startHq(broker.url, { chain: 'test-chain', openingFor: (s) => (s === store ? demoOpening(20, s) : null) });
    ui = await openConsole({
      runtime: {
        env: {
          MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json',
          MOSTRADOR_STORE: store,
          MOSTRADOR_CHAIN: 'test-chain',
          MOSTRADOR_HQ_URL: broker.url,
          MOSTRADOR_ADMIN_CODE: 'KPI-E2E-ADMIN-CODE',
          MOSTRADOR_TIME_ZONE: zone,
        },
      },
    });
    const h = hq;
    await waitUntil(() => h.store(store)?.ready, (ready) => ready === true, { what: 'HQ to provision the store', timeoutMs: 30_000 });
    const { core, page } = ui;

    const days = createStoreDays(zone);

    // Two orders two days ago, three yesterday; one late, one not collected, a return, a short pick.
    const base = days.startOf(days.dayOf(Date.now() - 2 * 24 * hour)).getTime();
    const at = (h: number) => new Date(base + h * hour).toISOString();
    const seed = ledgerSeeder(core.services.db);
    core.services.db.transaction(() => {
      seed.order({ orderId: 'K-1', receivedAt: at(9), promisedAt: at(12), status: 'collected', history: [[at(9.5), 'accepted'], [at(10), 'picking'], [at(10.5), 'ready'], [at(15), 'collected']], lines: [{ sku: demoSku(1), qty: 2 }] });
      seed.order({ orderId: 'K-2', receivedAt: at(11), promisedAt: at(13), status: 'not_collected', history: [[at(11.5), 'accepted'], [at(12), 'picking'], [at(14), 'ready'], [at(40), 'not_collected']], lines: [{ sku: demoSku(2), qty: 4, short: 1 }] });
      for (const [i, received] of [33, 34, 35].entries()) {
        seed.order({ orderId: `K-${3 + i}`, receivedAt: at(received), promisedAt: at(received + 4), status: 'ready', history: [[at(received + 0.5), 'accepted'], [at(received + 1), 'picking'], [at(received + 2), 'ready']], lines: [{ sku: demoSku(3), qty: 1 }] });
      }
      seed.orderReturn('KR-1', 'K-1', at(16), [{ sku: demoSku(1), qty: 1, reason: 'damaged' }]);
      seed.movement({ sku: demoSku(1), qty: 2, from: 'pickup_hold', to: 'customer', reason: 'pickup-handover', at: at(15) });
      seed.movement({ sku: demoSku(4), qty: 8, from: 'sales_floor', to: 'customer', reason: 'till-sale', at: at(36) });
      seed.movement({ sku: demoSku(2), qty: 1, from: 'pickup_hold', to: 'adjustment', reason: 'short-pick', at: at(12.5) });
      seed.count('KC-1', 'approved', at(37), [{ sku: demoSku(5), expected: 10, variance: 0 }, { sku: demoSku(6), expected: 10, variance: -4 }]);
      seed.shelfLevel('shelf-kpi-1', demoSku(7), 'out', at(30));
      seed.shelfLevel('shelf-kpi-1', demoSku(7), 'ok', at(33));
    })();

    // An associate works the floor: no KPI page for them.
    await core.services.staff.upsert({ id: 'ana', name: 'Ana Ruiz', role: 'associate' }, '2468');
    await core.services.staff.upsert({ id: 'marta', name: 'Marta Gil', role: 'manager' }, '1357');
    await page.reload();
    await signIn(page, 'ana', '2468');
    assert.equal(await page.getByTestId('nav-kpis').count(), 0, "an associate's console has no KPI tab");
    await signOut(page);

    await signIn(page, 'marta', '1357');
    await goTo(page, 'kpis');
    await page.getByTestId('kpi-report').waitFor(slow);
    assert.match((await page.getByTestId('kpi-time-zone').textContent()) ?? '', /Atlantic\/Canary/);
    // Each KPI's chart is drawn (Recharts' SVG, with its keyboard layer), its definition beside it.
    await page.locator('[data-testid="kpi-orders-per-day-chart"] .recharts-bar-rectangle').first().waitFor(slow);
    for (const id of ['orders-per-day', 'promise', 'durations', 'returns', 'returns-channel', 'inventory', 'out-of-stock']) {
      assert.ok(await page.locator(`[data-testid="kpi-${id}-chart"] svg`).count() > 0, `${id} has a chart`);
    }
    assert.match((await page.getByTestId('kpi-orders-total').textContent()) ?? '', /5/);
    // K-1, and K-3…K-5 in time; K-2 an hour late: 4 of 5.
    assert.match((await page.getByTestId('kpi-ready-by-promised').textContent()) ?? '', /80\s?%.*\(4 \/ 5\)/);
    assert.match((await page.getByTestId('kpi-ready-by-promised').textContent()) ?? '', /listos a la hora prometida o antes/i, 'the definition beside the figure');
    assert.match((await page.getByTestId('kpi-no-show').textContent()) ?? '', /\(1 \/ 5\)/);
    assert.match((await page.getByTestId('kpi-short-pick').textContent()) ?? '', /\(1 \/ 9\)/);
    assert.match((await page.getByTestId('kpi-accuracy').textContent()) ?? '', /50\s?%.*\(1 \/ 2\)/);
    // One short-pick unit over 2 + 8 sold or collected.
    assert.match((await page.getByTestId('kpi-shrink').textContent()) ?? '', /10\s?%.*\(1 \/ 10\)/);
    // The label queue answers now: no label printed in the range, so no share to show.
    assert.match((await page.getByTestId('kpi-labels-late-figure').textContent()) ?? '', /\(0 \/ 0\)/);
    await ui.screenshot('kpis-1-charts');

    // The data table alternative, then the chart's data as a CSV file.
    await page.locator('[data-testid="kpi-out-of-stock"] summary').click();
    const shelfRow = page.locator('[data-testid="kpi-out-of-stock-table"] tbody tr');
    assert.match((await shelfRow.first().textContent()) ?? '', /shelf-kpi-1.*3/);
    const download = page.waitForEvent('download');
    await page.getByTestId('kpi-orders-per-day-csv').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^kpi-orders-per-day-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'Día,Pedidos');
    assert.equal(lines.length, 31, 'a header and the 30 days of the default range');
    assert.ok(lines.includes(`${days.dayOf(at(9))},2`), `two orders on ${days.dayOf(at(9))}: ${csv}`);
    assert.ok(lines.includes(`${days.dayOf(at(33))},3`));
    await ui.screenshot('kpis-2-table-and-csv');

    // No serious accessibility violation on the page (axe-core).
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    // Evaluated over the debugging protocol: the console's CSP rightly refuses an injected script tag.
    await page.evaluate(readFileSync(axePath, 'utf8'));
    const violations = (await page.evaluate(`axe.run(document.querySelector('[data-testid="kpi-screen"]'), { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')))`)) as string[];
    assert.deepEqual(violations, []);

    // The last 7 days: a range preset re-reads the report.
    await page.getByTestId('kpi-last-7').click();
    await page.locator('[data-testid="kpi-report"]').waitFor();
    await waitUntil(async () => (await page.getByTestId('kpi-orders-per-day-table').locator('tbody tr').count()), (n) => n === 7, { what: 'seven days in the table' });
  } finally {
    await ui?.close();
    await hq?.stop();
    await broker?.dispose();
  }
});
