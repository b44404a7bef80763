import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoSku } from '../../main/demo/demo-catalog';
import { en } from '../../renderer/src/i18n/en';
import { assertNoSeriousAxeViolations } from '../helpers/axe';
import { openConsole, signIn, signOut } from '../helpers/console-under-test';

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
  const text = await page.locator('body').innerText();
  for (const [what, pattern] of [['an i18n key', i18nKey], ['an error code', errorCode], ['an internal id', internalId]] as const) {
    const found = pattern.exec(text);
    assert.equal(found, null, `${what} shows on ${where}: "${found?.[0]}"`);
  }
}

/** The header is one row: the status bar's items all sit on its first line, and the tab bar's on one. */
async function assertHeaderOneRow(page: Page, where: string): Promise<void> {
  // One row: every item starts above where every other ends. (In-page code as strings: this file
  // is type-checked without the DOM library, and tsx's __name helper does not exist in the page.)
  const [status, tabs] = (await page.evaluate(`['.status-bar > *', '.console-nav__tab'].map((selector) => {
    const boxes = [...document.querySelectorAll(selector)].filter((e) => e.offsetParent !== null).map((e) => e.getBoundingClientRect());
    return boxes.length === 0 || Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom)) ? 1 : 2;
  })`)) as number[];
  const rows = { status: status!, tabs: tabs! };
  assert.ok(rows.status <= 1, `the status bar wraps to two rows on ${where}`);
  assert.ok(rows.tabs <= 1, `the tabs wrap to two rows on ${where}`);
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on ${where}`);
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

async function check(page: Page, where: string, screenshot: (name: string) => Promise<string>, big: readonly string[] = []) {
  await assertNoSeriousAxeViolations(page, where);
  await assertNoRawText(page, where);
  await assertHeaderOneRow(page, where);
  await assertTextSizes(page, where, big);
  await screenshot(where);
}

test('every page each role sees, at 1366×768 and 1024×768: no serious axe violation, one-row header, readable sizes, no raw codes, usable by keyboard', async () => {
  const ui = await openConsole();
  const { page } = ui;
  try {
    for (const size of sizes) {
      await page.setViewportSize(size);
      const at = `${size.width}x${size.height}`;
      await page.locator('[data-testid^="signin-staff-"]').first().waitFor();
      await check(page, `a11y-${at}-sign-in`, ui.screenshot);

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
        const tabs = (await page.evaluate(`[...document.querySelectorAll('[role="tab"]')].map((tab) => tab.getAttribute('data-testid').replace('nav-', ''))`)) as string[];
        for (const name of tabs) {
          await page.getByTestId(`nav-${name}`).click();
          await page.locator(`#page-${name}`).waitFor();
          await page.locator(`#page-${name} [aria-busy="true"], #page-${name} [data-testid$="-loading"]`).first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
          await check(page, `a11y-${at}-${member.role}-${name}`, ui.screenshot);
        }
        // The tabs by keyboard (the lookup takes the focus to its field when shown: back to the tab).
        await page.getByTestId(`nav-${tabs[0]}`).click();
        await page.getByTestId(`nav-${tabs[0]}`).focus();
        await page.keyboard.press('ArrowRight');
        await assertVisibleFocus(page, `${at} ${member.role} tabs`);
        assert.equal(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid'), `nav-${tabs[1]}`);

        if (member.role === 'manager') {
          // The lookup's states: a product (scanned, by keyboard wedge), and a weighed product.
          await page.getByTestId('nav-lookup').click();
          await page.locator('body').click({ position: { x: 5, y: 5 } });
          await page.keyboard.type(demoSku(1), { delay: 0 });
          await page.keyboard.press('Enter');
          await page.getByTestId('lookup-result').waitFor();
          await check(page, `a11y-${at}-lookup-product`, ui.screenshot, ['[data-testid="lookup-sku"]', '[data-testid="stock-atp"]']);
        }
        await signOut(page);
      }
    }
  } finally {
    await ui.close();
  }
});
