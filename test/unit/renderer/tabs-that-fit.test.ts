import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabsThatFit } from '../../../renderer/src/screens/tabs-that-fit';

const pages = ['lookup', 'orders', 'receiving', 'counts', 'transfers', 'sync', 'devices', 'staff', 'import'];
const widths = [150, 80, 100, 100, 100, 120, 120, 90, 120];

test('all tabs stay when they fit; past the width the rest go under "More", the current page always keeps its tab', () => {
  assert.deepEqual(tabsThatFit(pages, widths, { available: 2000, more: 80, gap: 4, current: 'lookup' }), pages);
  // 600 px: "More" (80) + lookup 154 + orders 84 + receiving 104 + counts 104 = 526; transfers would make 630.
  assert.deepEqual(tabsThatFit(pages, widths, { available: 600, more: 80, gap: 4, current: 'lookup' }), ['lookup', 'orders', 'receiving', 'counts']);
  // The current page is kept first, in its place in the order.
  assert.deepEqual(tabsThatFit(pages, widths, { available: 600, more: 80, gap: 4, current: 'import' }), ['lookup', 'orders', 'receiving', 'import']);
  // Nothing fits but the current page.
  assert.deepEqual(tabsThatFit(pages, widths, { available: 100, more: 80, gap: 4, current: 'staff' }), ['staff']);
});
