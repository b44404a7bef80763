import type { Page } from 'playwright-core';

/**
 * Stamps each value the lookup field takes (window.__search.typed[text]) and the frame that
 * first paints the hits for that very text (window.__search.painted[text]), both on the page's
 * clock. A string, not a function: tsx's __name() helper does not exist in the page.
 */
const watchTypeAhead = `(() => {
  const typed = {};
  const painted = {};
  window.__search = { typed, painted };
  document.addEventListener('input', (event) => {
    if (event.target && event.target.id === 'lookup-input') typed[event.target.value.trim()] ??= performance.now();
  }, true);
  new MutationObserver(() => {
    const query = document.querySelector('[data-testid="search-hits"]')?.getAttribute('data-query');
    if (query == null || painted[query] !== undefined) return;
    painted[query] = -1;
    requestAnimationFrame(() => { painted[query] = performance.now(); });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-query'] });
})()`;

export async function startTypeAheadWatch(page: Page): Promise<void> {
  await page.evaluate(watchTypeAhead);
}

/** Keystroke to painted hits, in ms, for every typed text whose own hits were painted, sorted. */
export async function typeAheadLatencies(page: Page): Promise<number[]> {
  const stamps = (await page.evaluate('window.__search')) as { typed: Record<string, number>; painted: Record<string, number> };
  return Object.entries(stamps.typed)
    .filter(([text]) => (stamps.painted[text] ?? -1) > 0)
    .map(([text, at]) => stamps.painted[text]! - at)
    .sort((a, b) => a - b);
}

/** Types into the lookup field at a person's pace, one key at a time, each its own input event. */
export async function typeSlowly(page: Page, text: string, delayMs = 120): Promise<void> {
  const field = page.getByTestId('lookup-input');
  await field.fill('');
  await field.pressSequentially(text, { delay: delayMs });
}
