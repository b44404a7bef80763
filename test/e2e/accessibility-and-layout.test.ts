import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Store } from '../../main/compose-store';
import { demoGtin13, demoSku, demoStartingStock, weighedGoods } from '../../main/demo/demo-catalog';
import { freshSku } from '../../main/demo/demo-variable-measure';
import { gtinCheckDigit } from '../../drivers/barcode/gtin';
import { en } from '../../renderer/src/i18n/en';
import { es } from '../../renderer/src/i18n/es';
import { formatMoney, formatWeight, priceOfWeight } from '../../renderer/src/format/store-formats';
import { assertNoSeriousAxeViolations } from '../helpers/axe';
import { openConsole, signIn, signOut } from '../helpers/console-under-test';
import { clerk, receiveOrder } from '../helpers/order-fixtures';

const sizes = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

const staff = [
  { id: 'ana', pin: '1111', role: 'associate' },
  { id: 'pablo', pin: '2222', role: 'pickup' },
  { id: 'marta', pin: '3333', role: 'manager' },
  { id: 'ivan', pin: '4444', role: 'admin' },
] as const;

// What must never reach the screen: an error code (UPPER_SNAKE), an i18n key ("orders.pick.x"),
// or an internal location id ("sales_floor").
const i18nKey = new RegExp(`\\b(?:${Object.keys(en).join('|')})\\.[a-z][A-Za-z]*(?:\\.[A-Za-z_-]+)*\\b`);
const errorCode = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/;
const internalId = /\b[a-z]+_[a-z_]+\b/;

async function assertNoRawText(page: Page, where: string): Promise<void> {
  // Codes shown as codes (SKUs, barcodes, the audit log's procedure names) are set in `.code`: they
  // are meant raw. Everything else on screen is read as staff read it.
  const text = (await page.evaluate(`(() => {
    const hidden = [...document.querySelectorAll('code, .code, select.code')].map((e) => [e, e.style.visibility]);
    hidden.forEach(([e]) => (e.style.visibility = 'hidden'));
    const seen = document.body.innerText;
    hidden.forEach(([e, v]) => (e.style.visibility = v));
    return seen;
  })()`)) as string;
  for (const [what, pattern] of [['an i18n key', i18nKey], ['an error code', errorCode], ['an internal id', internalId]] as const) {
    const found = pattern.exec(text);
    assert.equal(found, null, `${what} shows on ${where}: "${found?.[0]}"`);
  }
}

/** The header is one row: the status bar's items all sit on its first line, and the tab bar's on one. */
async function assertHeaderOneRow(page: Page, where: string, { wholePage = true } = {}): Promise<void> {
  // One row: every item starts above where every other ends. (In-page code as strings: this file
  // is type-checked without the DOM library, and tsx's __name helper does not exist in the page.)
  const [status, tabs] = (await page.evaluate(`['.status-bar > *', '[role="tab"], [data-testid="nav-more"]'].map((selector) => {
    const boxes = [...document.querySelectorAll(selector)].filter((e) => e.offsetParent !== null).map((e) => e.getBoundingClientRect());
    return boxes.length === 0 || Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom)) ? 1 : 2;
  })`)) as number[];
  const rows = { status: status!, tabs: tabs! };
  assert.ok(rows.status <= 1, `the status bar wraps to two rows on ${where}`);
  assert.ok(rows.tabs <= 1, `the tabs wrap to two rows on ${where}`);
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  if (wholePage) assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on ${where}`);
  // No page hides behind a scroll inside the tab bar either: every tab (and "More") is within the window.
  const hidden = (await page.evaluate(`{
    const list = document.querySelector('[role="tablist"]');
    const past = [...document.querySelectorAll('[role="tab"], [data-testid="nav-more"]')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.textContent);
    list ? { scrolls: list.scrollWidth - list.clientWidth, past } : { scrolls: 0, past };
  }`)) as { scrolls: number; past: string[] };
  assert.ok(hidden.scrolls <= 0, `the tab bar scrolls by ${hidden.scrolls}px on ${where}`);
  assert.deepEqual(hidden.past, [], `tabs past the window's edge on ${where}`);
}

/** Body text at least 16 px; `big` (order numbers, quantities, codes at the counter) at least 24 px. */
async function assertTextSizes(page: Page, where: string, big: readonly string[] = []): Promise<void> {
  const small = (await page.evaluate(`{
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !node.textContent.trim() || element.closest('.visually-hidden, [hidden], option')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < 16) found.push(size + 'px "' + node.textContent.trim().slice(0, 40) + '" (' + (element.className || element.tagName) + ')');
    }
    found;
  }`)) as string[];
  assert.deepEqual(small.slice(0, 10), [], `text under 16 px on ${where}`);
  for (const selector of big) {
    const sizes = (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => parseFloat(getComputedStyle(e).fontSize))`)) as number[];
    assert.ok(sizes.length > 0, `${selector} is on ${where}`);
    for (const size of sizes) assert.ok(size >= 24, `${selector} is ${size}px on ${where}, under 24 px`);
  }
}

/** The element with the keyboard's focus shows it: an outline or a ring at least 2 px wide. */
async function assertVisibleFocus(page: Page, where: string): Promise<void> {
  const ring = (await page.evaluate(`{
    const element = document.activeElement;
    let ring = null;
    if (element && element !== document.body) {
      const style = getComputedStyle(element);
      ring = { outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth), shadow: style.boxShadow, name: element.getAttribute('data-testid') ?? element.tagName };
    }
    ring;
  }`)) as { outline: number; shadow: string; name: string } | null;
  assert.ok(ring, `something has the focus on ${where}`);
  assert.ok(ring.outline >= 2 || (ring.shadow !== 'none' && ring.shadow !== ''), `the focus on ${ring.name} is not visible on ${where}`);
}

/** The role's pages, as the nav lists them (some may be under "More"). */
async function navPages(page: Page): Promise<string[]> {
  return ((await page.locator('nav.console-nav').getAttribute('data-pages')) ?? '').split(' ').filter(Boolean);
}

/** Opens a page by its tab, or through "More" when it did not fit the width. */
async function openPage(page: Page, name: string): Promise<void> {
  const tab = page.getByTestId(`nav-${name}`);
  if (await tab.isVisible()) await tab.click();
  else {
    await page.getByTestId('nav-more').click();
    await page.getByTestId(`nav-more-${name}`).click();
  }
  await page.locator(`#page-${name}`).waitFor();
  await page.locator(`#page-${name} [aria-busy="true"], #page-${name} [data-testid$="-loading"]`).first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  assert.equal(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid'), `nav-${name}`, `${name} keeps its own tab once open`);
}

/** Demo products with at least `qty` units in store, so accepting can hold them. */
function stockedIndexes(count: number, qty: number, from = 1): number[] {
  const found: number[] = [];
  for (let i = from; found.length < count; i++) {
    const { backRoom, salesFloor } = demoStartingStock(i);
    if (backRoom + salesFloor >= qty) found.push(i);
  }
  return found;
}

/** Orders at each counter state: one to pick, one ready to hand over, one collected (for a return). */
function counterOrders(core: Store): { pick: string; handover: string; collected: string } {
  const { orders } = core.services;
  const [a, b] = stockedIndexes(2, 6, 61) as [number, number];
  const ids = { pick: 'W-9101', handover: 'W-9102', collected: 'W-9103' };
  for (const orderId of Object.values(ids)) {
    receiveOrder(core, orderId, [
      { lineId: 'L1', sku: demoSku(a), qty: 2 },
      { lineId: 'L2', sku: demoSku(b), qty: 1 },
    ]);
    orders.accept(orderId, clerk);
    if (orderId === ids.pick) continue;
    for (const gtin of [demoGtin13(a), demoGtin13(a), demoGtin13(b)]) orders.pick(orderId, gtin, clerk);
    orders.ready(orderId, clerk);
    if (orderId === ids.collected) orders.handover(orderId, { verificationCode: '4821' }, clerk);
  }
  return ids;
}

/** A scale label (prefix 21: item 00100, the first weighed product, at `grams`), as its EAN-13. */
function weighedLabel(grams: number): string {
  const body = `2100100${String(grams).padStart(5, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

/** The shown text is the translation, not the code it came from. */
async function assertWorded(page: Page, testId: string, code: string, where: string): Promise<void> {
  const element = page.getByTestId(testId);
  await element.waitFor();
  assert.equal(await element.getAttribute('data-code'), code);
  const text = (await element.innerText()).trim();
  assert.ok(text.length > 0 && !text.includes(code), `${testId} shows "${text}" on ${where}`);
  await assertNoRawText(page, where);
}

async function check(page: Page, where: string, screenshot: (name: string) => Promise<string>, big: readonly string[] = []) {
  await assertNoSeriousAxeViolations(page, where);
  await assertNoRawText(page, where);
  await assertHeaderOneRow(page, where);
  await assertTextSizes(page, where, big);
  await screenshot(where);
}

test('every page each role sees, at 1366×768 and 1024×768 (and in English for one role): no serious axe violation, one-row header with every page reachable, readable sizes (24 px at the counter), no raw codes (also in refusals and field problems), usable by keyboard', async () => {
  const ui = await openConsole();
  const { page, core } = ui;
  const orderIds = counterOrders(core);
  try {
    for (const size of sizes) {
      await page.setViewportSize(size);
      const at = `${size.width}x${size.height}`;
      await page.locator('[data-testid^="signin-staff-"]').first().waitFor();
      await check(page, `a11y-${at}-sign-in`, ui.screenshot);
      if (size.width === 1366) await axeCatchesLowContrast(page);

      // Keyboard only: Tab to a member, Enter, the PIN, Enter; the focus is visible on the way.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate("document.activeElement?.getAttribute('data-testid')")) === 'signin-staff-ana') break;
      }
      await assertVisibleFocus(page, `${at} sign-in`);
      await page.keyboard.press('Enter');
      await page.getByTestId('pin-input').waitFor();
      await page.keyboard.type('1111');
      await page.keyboard.press('Enter');
      await page.locator('[role="tab"][aria-selected="true"]').waitFor();
      await signOut(page);

      for (const member of staff) {
        await signIn(page, member.id, member.pin);
        const pages = await navPages(page);
        for (const name of pages) {
          await openPage(page, name);
          await check(page, `a11y-${at}-${member.role}-${name}`, ui.screenshot);
        }
        // The pages by keyboard (the lookup takes the focus to its field when shown: back to the tab).
        await openPage(page, pages[0]!);
        await page.getByTestId(`nav-${pages[0]}`).focus();
        await page.keyboard.press('ArrowRight');
        await assertVisibleFocus(page, `${at} ${member.role} tabs`);
        assert.equal(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid'), `nav-${pages[1]}`);

        if (member.role === 'pickup') await counterChecks(page, at, orderIds, ui.screenshot);
        if (member.role === 'manager') await managerChecks(page, at, ui.screenshot);
        if (member.role === 'admin' && size.width === 1024) await moreMenuByKeyboard(page, pages, ui.screenshot);
        if (member.role === 'admin' && size.width === 1366) await adminFormProblems(page, ui.screenshot);
        await signOut(page);
      }
    }

    // In English, for one role, at the narrower size: the same checks, with the other language's labels.
    await page.getByTestId('lang-en').click();
    await signIn(page, 'marta', '3333');
    for (const name of await navPages(page)) {
      await openPage(page, name);
      await check(page, `a11y-1024x768-en-manager-${name}`, ui.screenshot);
    }
    await signOut(page);
    await page.getByTestId('lang-es').click();
  } finally {
    await ui.close();
  }
});

/** The zero above means something: text the page's own CSS makes faint is a serious failure axe reports. */
async function axeCatchesLowContrast(page: Page) {
  await page.evaluate(`{
    const faint = document.createElement('p');
    faint.id = 'a11y-probe';
    faint.textContent = 'Texto casi invisible';
    faint.style.cssText = 'color: #c8c8c8; background: #ffffff; font-size: 16px';
    document.querySelector('main').append(faint);
  }`);
  try {
    await assert.rejects(assertNoSeriousAxeViolations(page, 'the probe'), (error: Error) => {
      assert.match(error.message, /color-contrast \(serious\)/);
      assert.match(error.message, /#a11y-probe/);
      return true;
    });
  } finally {
    await page.evaluate("document.getElementById('a11y-probe')?.remove()");
  }
  await assertNoSeriousAxeViolations(page, 'the sign-in again, without the probe');
}

/** The pickup counter's own states: the queue, a pick, a handover (and its refusal), a return. */
async function counterChecks(page: Page, at: string, ids: { pick: string; handover: string; collected: string }, screenshot: (name: string) => Promise<string>) {
  await openPage(page, 'orders');
  await page.getByTestId('orders-tab-queue').click();
  await page.getByTestId(`order-row-${ids.pick}`).waitFor();
  await check(page, `a11y-${at}-counter-queue`, screenshot, ['.order-row__id']);

  await page.getByTestId(`order-row-${ids.pick}`).click();
  await page.getByTestId('order-start-pick').click();
  await page.getByTestId('pick-screen').waitFor();
  await check(page, `a11y-${at}-counter-pick`, screenshot, ['.order-detail__title', '[data-testid="pick-progress"]', '[data-testid="pick-line-count"]', '.pick-line__product .code']);
  await page.getByTestId('pick-back').click();

  await page.getByTestId('orders-tab-handover').click();
  // Orders due soon raise toasts over the page's corner, as they should; the clerk dismisses them to work there.
  for (const dismiss of await page.locator('[data-testid^="order-toast-dismiss-"]').all()) await dismiss.click();
  await page.getByTestId('handover-find').fill(ids.handover);
  await page.getByTestId('handover-find-submit').click();
  await page.locator(`[data-testid="handover-order"][data-order="${ids.handover}"]`).waitFor();
  await check(page, `a11y-${at}-counter-handover`, screenshot, ['.order-detail__title', '[data-testid="handover-order"] td.number']);
  // A refusal reaches the screen in words, never as its code.
  await page.getByTestId('handover-code').fill('0000');
  await page.getByTestId('handover-confirm').click();
  await assertWorded(page, 'handover-error', 'VERIFICATION_FAILED', `${at} handover refused`);
  await check(page, `a11y-${at}-counter-handover-refused`, screenshot);

  await page.getByTestId('orders-tab-returns').click();
  await page.getByTestId('return-find').fill(ids.collected);
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="return-order"][data-order="${ids.collected}"]`).waitFor();
  await check(page, `a11y-${at}-counter-returns`, screenshot);
  const spill = (await page.evaluate(`{
    const card = document.querySelector('[data-testid="return-order"]').getBoundingClientRect();
    const table = document.querySelector('[data-testid="return-order"] table').getBoundingClientRect();
    table.right - card.right;
  }`)) as number;
  assert.ok(spill <= 0, `the returns table runs ${spill}px past its card at ${at}`);
  await page.getByTestId('orders-tab-queue').click();
}

/** The lookup's states (a product by its code; a scale label: its weight, its price, units on stock) and a form's own problems. */
async function managerChecks(page: Page, at: string, screenshot: (name: string) => Promise<string>) {
  await openPage(page, 'lookup');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.type(demoSku(1), { delay: 0 });
  await page.keyboard.press('Enter');
  await page.getByTestId('lookup-result').waitFor();
  await page.getByTestId('movement-row').first().waitFor();
  await check(page, `a11y-${at}-lookup-product`, screenshot, ['[data-testid="lookup-sku"]', '[data-testid="stock-atp"]']);
  // The history words its reasons and counts its units.
  const reason = page.getByTestId('movement-reason').first();
  const code = (await reason.getAttribute('data-reason'))!;
  assert.ok(!(await reason.innerText()).includes(code), `the movement reason shows its code "${code}"`);
  assert.match(await page.getByTestId('movement-qty').first().innerText(), /^\d[\d.]*$/);

  // A scale label: 1,25 kg of the first weighed product, its price at the price per kg, and every stock figure with its unit.
  const grams = 1250;
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.type(weighedLabel(grams), { delay: 0 });
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="lookup-sku"]', { hasText: freshSku(1) }).waitFor();
  const perKg = weighedGoods[0].perKgCents;
  assert.equal(await page.getByTestId('lookup-embedded').innerText(), formatWeight(grams, 'es'));
  assert.equal(await page.getByTestId('lookup-weighed-price').innerText(), formatMoney(priceOfWeight(grams, perKg), 'es'));
  assert.equal(await page.getByTestId('lookup-price').innerText(), es.lookup.pricePerKg.replace('{{price}}', formatMoney(perKg, 'es')));
  const stock = await page.getByTestId('stock-qty').allInnerTexts();
  assert.ok(stock.length > 0);
  for (const figure of stock) assert.match(figure, /\d\s?k?g$/, `a weighed stock figure without its unit: "${figure}"`);
  await check(page, `a11y-${at}-lookup-weighed`, screenshot);

  // A form's own problems: beside the field, naming it and its format, the focus on the first.
  await openPage(page, 'counts');
  await page.getByTestId('adjust-code').fill('');
  await page.getByTestId('adjust-units').fill('2,5');
  await page.getByTestId('adjust-submit').click();
  const codeProblem = page.getByTestId('adjust-problem-code');
  await codeProblem.waitFor();
  assert.equal(await page.evaluate("document.activeElement?.getAttribute('data-testid')"), 'adjust-code', 'the focus is on the first bad field');
  assert.equal(await page.getByTestId('adjust-code').getAttribute('aria-invalid'), 'true');
  assert.match(await codeProblem.innerText(), /«Producto»/);
  assert.match(await page.getByTestId('adjust-problem-units').innerText(), /«Unidades» es un número entero de 1 a 1\.000\.000\.000/);
  await check(page, `a11y-${at}-counts-field-problems`, screenshot);
}

/** The admin's forms word their own problems too: a new member's id and PIN, a till's id. */
async function adminFormProblems(page: Page, screenshot: (name: string) => Promise<string>) {
  await openPage(page, 'staff');
  await page.getByTestId('staff-add-id').fill('ana garcía');
  await page.getByTestId('staff-add-name').fill('Ana García');
  await page.getByTestId('staff-add-pin').fill('12');
  await page.getByTestId('staff-add-submit').click();
  await page.getByTestId('staff-add-problem-id').waitFor();
  assert.equal(await page.evaluate("document.activeElement?.getAttribute('data-testid')"), 'staff-add-id');
  assert.equal(await page.getByTestId('staff-add-problem-name').count(), 0, 'a good field has no problem');
  assert.match(await page.getByTestId('staff-add-problem-pin').innerText(), /de 4 a 8 cifras/);
  await check(page, 'a11y-1366x768-staff-field-problems', screenshot);

  await openPage(page, 'devices');
  await page.getByTestId('till-id').fill('caja 1');
  await page.getByTestId('till-issue').click();
  assert.match(await page.getByTestId('till-issue-problem-till').innerText(), /solo lleva letras sin acentos, cifras, «_» y «-»/);
  assert.equal(await page.getByTestId('till-id').getAttribute('aria-invalid'), 'true');
  await assertNoRawText(page, 'the tills form with a problem');
}

/** Past the width, pages go under "More": a menu button reached by Tab, opened by ArrowDown, left by Escape; its page gets its tab. */
async function moreMenuByKeyboard(page: Page, pages: readonly string[], screenshot: (name: string) => Promise<string>) {
  // 800 px: narrower than the console's sizes, so the admin's pages are sure to overflow today.
  await page.setViewportSize({ width: 800, height: 768 });
  try {
    const more = page.getByTestId('nav-more');
    await more.waitFor();
    await openPage(page, pages[0]!);
    await more.focus();
    await page.keyboard.press('ArrowDown');
    const first = page.locator('[role="menuitem"]').first();
    await first.waitFor();
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('role')"), 'menuitem');
    await assertVisibleFocus(page, 'the More menu');
    // Under the console's sizes: the nav is checked, not every page's layout.
    await assertNoSeriousAxeViolations(page, 'the More menu open');
    await assertHeaderOneRow(page, 'the More menu open', { wholePage: false });
    await screenshot('a11y-800x768-admin-more-open');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('data-testid')"), 'nav-more', 'Escape returns to More');
    await page.keyboard.press('ArrowDown');
    const name = ((await first.getAttribute('data-testid')) ?? '').replace('nav-more-', '');
    await page.keyboard.press('Enter');
    await page.locator(`#page-${name}`).waitFor();
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('data-testid')"), `nav-${name}`, 'the chosen page has its tab, with the focus');
    // From the last page, the arrow keys go round through every page, overflowed ones too.
    for (const expected of [...pages.slice(pages.indexOf(name) + 1), pages[0]]) {
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid'), `nav-${expected}`);
    }
    await assertHeaderOneRow(page, '800x768 admin with More', { wholePage: false });
  } finally {
    await page.setViewportSize({ width: 1024, height: 768 });
  }
}
