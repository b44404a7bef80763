import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StockSummary } from '../../main/api/types';
import { demoGtin13, demoSku } from '../../main/demo/demo-catalog';
import type { HqSimulator } from '../../main/hq-simulator/hq-simulator';
import { openConsole, signIn, signOut, type ConsoleUnderTest, goTo } from '../helpers/console-under-test';
import { startMosquitto } from '../helpers/mosquitto';
import { value } from '../helpers/small-store';
import { chain, fastLink, startHq } from '../helpers/synced-store';
import { waitUntil } from '../helpers/wait-until';

test('staff follow the HQ link live, see a malformed HQ message set aside and retry it, and ask HQ for other stores', async () => {
  const broker = await startMosquitto();
  let hq: HqSimulator | null = null;
  let ui: ConsoleUnderTest | null = null;
  try {
    hq = await startHq(broker.url);
    // A tiny dead-letter cap, so that the page's count of dropped ones can be seen moving.
    const link = { url: broker.url, chain, store: 'demo-store', station: 'e2e', ...fastLink, deadLetterLimits: { maxRows: 2, maxBytes: 1024 * 1024 } };
    ui = await openConsole({ store: { hq: { link } } });
    const { page, core } = ui;
    const sync = core.sync!;
    const hqState = (state: string) => page.locator(`[data-testid="status-hq"][data-state="${state}"]`);

    await signIn(page, 'marta', '3333');
    await hqState('online').waitFor();
    assert.match((await page.getByTestId('status-hq').textContent()) ?? '', /Central: en línea/);

    // The demo store's opening stock goes up to HQ first; the indicator drops its count once HQ has it all.
    await waitUntil(() => sync.link.status().backlog, (backlog) => backlog === 0, { timeoutMs: 60_000, what: 'the opening stock to reach HQ' });
    await page.getByTestId('status-hq-backlog').waitFor({ state: 'detached' });
    await ui.screenshot('sync-status-online');

    // The broker goes away: the indicator says so, with the countdown to the next try.
    await broker.stop();
    // The link flips between offline and connecting as it retries: catch an offline moment.
    await hqState('offline').filter({ hasText: /sin conexión\s*· reintento en \d+ s/ }).waitFor();

    // Work goes on offline; what HQ has not had yet is counted.
    value(await core.api.call({ name: 'stock.receive', input: { sku: demoSku(1), qty: 3, to: 'sales_floor' } }));
    const pending = page.getByTestId('status-hq-backlog');
    await page.locator('[data-testid="status-hq-backlog"][data-value="1"]').waitFor();
    assert.equal(await pending.textContent(), '1 pendiente');

    // The Sync page, reached from the tab bar, shows the same link in detail.
    await goTo(page, 'sync');
    await page.locator('[data-testid="sync-state"][data-value="offline"]').waitFor();
    assert.equal(await page.getByTestId('sync-backlog').getAttribute('data-value'), '1');
    await page.locator('[data-testid="sync-last-error"]:not([data-value=""])').waitFor();
    assert.match((await page.getByTestId('sync-broker').textContent()) ?? '', /^mqtt:\/\/127\.0\.0\.1:\d+/);
    await page.getByTestId('dead-letters-empty').waitFor();
    assert.match((await page.getByTestId('dead-letters-empty').textContent()) ?? '', /No hay mensajes apartados/);
    await ui.screenshot('sync-page-offline');

    // The broker is back: online again, and the movement made offline is acknowledged.
    await broker.start();
    await hqState('online').waitFor();
    await page.locator('[data-testid="sync-state"][data-value="online"]').waitFor();
    await page.locator('[data-testid="sync-backlog"][data-value="0"]').waitFor();
    await pending.waitFor({ state: 'detached' });
    const status = sync.link.status();
    assert.equal(Number(await page.getByTestId('sync-last-acked').getAttribute('data-value')), status.lastSeq);
    assert.equal(await page.getByTestId('sync-last-error').getAttribute('data-value'), '');

    // HQ sends something that is not even JSON: it is set aside, and the stream goes on.
    hq.publishRaw('demo-store', '{broken');
    const row = page.locator('[data-testid^="dead-letter-row-"]');
    await row.waitFor();
    const id = Number((await row.getAttribute('data-testid'))!.replace('dead-letter-row-', ''));
    assert.ok(Number.isInteger(id) && id > 0);
    assert.match((await page.getByTestId(`dead-letter-reason-${id}`).textContent()) ?? '', /not JSON/);
    assert.equal(await page.getByTestId(`dead-letter-preview-${id}`).textContent(), '{broken');
    assert.equal(await page.getByTestId(`dead-letter-retries-${id}`).getAttribute('data-value'), '0');
    assert.equal(Number(await page.getByTestId('sync-applied').getAttribute('data-value')), sync.link.status().appliedDseq);
    await ui.screenshot('sync-page-dead-letter');

    // A retry runs it through the inbox again: still malformed, so it stays, one retry more.
    await page.getByTestId(`dead-letter-retry-${id}`).click();
    const outcome = page.getByTestId(`dead-letter-outcome-${id}`);
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-ok'), 'false');
    assert.match((await outcome.textContent()) ?? '', /Sigue fallando: payload is not JSON/);
    await page.locator(`[data-testid="dead-letter-retries-${id}"][data-value="1"]`).waitFor();
    await ui.screenshot('sync-page-retried');

    // A retry made elsewhere (another screen; here the core directly) shows too: its event re-reads the list.
    assert.equal(value<{ ok: boolean }>(await core.api.call({ name: 'sync.retryDeadLetter', input: { id } })).ok, false);
    await page.locator(`[data-testid="dead-letter-retries-${id}"][data-value="2"]`).waitFor();

    // Dead letters are capped: past the cap the oldest goes, and the page counts what was dropped.
    assert.equal(await page.getByTestId('sync-dead-letters-dropped').getAttribute('data-value'), '0');
    assert.match((await page.getByTestId('sync-dead-letters-dropped').textContent()) ?? '', /Ninguno/);
    hq.publishRaw('demo-store', '{broken again');
    hq.publishRaw('demo-store', '{broken a third time');
    await page.locator('[data-testid="sync-dead-letters-dropped"][data-value="1"]').waitFor();
    assert.match((await page.getByTestId('sync-dead-letters-dropped').textContent()) ?? '', /1 \(los más antiguos, por el límite\)/);
    await page.getByTestId(`dead-letter-row-${id}`).waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid^="dead-letter-row-"]').count(), 2);
    assert.equal(await page.getByTestId('sync-downlink').getAttribute('data-value'), 'flowing');

    // The tab bar is keyboard-driven: arrows move between pages, and the lookup keeps its focus field.
    await page.getByTestId('nav-sync').focus();
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('lookup-input').waitFor();
    assert.equal(await page.getByTestId('nav-lookup').getAttribute('aria-selected'), 'true');

    // Other stores: HQ answers with what each store reported, this one included.
    await page.getByTestId('lookup-input').fill(demoGtin13(1));
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-sku').filter({ hasText: demoSku(1) }).waitFor();
    await page.getByTestId('other-stores-check').click();
    const own = page.getByTestId('other-store-demo-store');
    await own.waitFor();
    const levels = value<StockSummary>(await core.api.call({ name: 'stock.levels', input: { sku: demoSku(1) } }));
    const shelfAndBackRoom = levels.byLocation.filter((l) => l.location === 'sales_floor' || l.location === 'back_room').reduce((sum, l) => sum + (l.qty ?? Number.NaN), 0);
    assert.equal(Number(await own.getByTestId('other-store-atp').getAttribute('data-value')), shelfAndBackRoom);
    await ui.screenshot('lookup-other-stores');

    // Without the broker, HQ cannot answer, and the section says so instead of an empty list.
    await broker.stop();
    await hqState('offline').waitFor();
    await page.getByTestId('other-stores-check').click();
    await page.getByTestId('other-stores-unreachable').waitFor();
    assert.equal(await own.count(), 0);
    await ui.screenshot('lookup-other-stores-unreachable');

    // An associate sees the link but not the messages set aside: that is a manager's job.
    await signOut(page);
    await signIn(page, 'ana', '1111');
    await goTo(page, 'sync');
    await page.getByTestId('dead-letters-forbidden').waitFor();
    await page.getByTestId('sync-state').waitFor();
    assert.equal(await page.locator('[data-testid^="dead-letter-row-"]').count(), 0);
    await ui.screenshot('sync-page-associate');
  } finally {
    await ui?.close();
    await hq?.stop();
    await broker.dispose();
  }
});
