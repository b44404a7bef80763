/**
 * Which pages keep their own tab in a bar `available` px wide, given each tab's width: all of them
 * if they fit; otherwise the current page and, in their order, as many others as fit beside a
 * "More" button `more` px wide. The result keeps the pages' order.
 */
export function tabsThatFit<P>(pages: readonly P[], widths: readonly number[], bar: { available: number; more: number; gap: number; current: P }): P[] {
  const widthOf = (page: P) => widths[pages.indexOf(page)] ?? 0;
  const total = pages.reduce((sum, page) => sum + widthOf(page), 0) + bar.gap * Math.max(0, pages.length - 1);
  if (total <= bar.available) return [...pages];
  const kept = new Set<P>(pages.includes(bar.current) ? [bar.current] : []);
  let used = bar.more + [...kept].reduce((sum, page) => sum + widthOf(page) + bar.gap, 0);
  for (const page of pages) {
    if (kept.has(page)) continue;
    if (used + widthOf(page) + bar.gap > bar.available) break;
    kept.add(page);
    used += widthOf(page) + bar.gap;
  }
  return pages.filter((page) => kept.has(page));
}
