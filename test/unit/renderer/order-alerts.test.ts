import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrderInfo } from '../../../main/api/types';
import { notifyDesktop, wantsDesktopNotice } from '../../../renderer/src/alerts/desktop-notice';
import { createOrderAlertTracker, dueSoonMs } from '../../../renderer/src/alerts/order-alerts';

// Which orders reach staff on every page (issue 18), and when the app asks for a desktop notice.

const now = Date.parse('2026-11-30T10:00:00Z');
const order = (orderId: string, status: OrderInfo['status'], promisedInMs: number | null): OrderInfo => ({
  orderId,
  version: 1,
  status,
  customerName: 'Lucía',
  customerPhone: null,
  promisedAt: promisedInMs === null ? null : new Date(now + promisedInMs).toISOString(),
  receivedAt: new Date(now).toISOString(),
  updatedAt: new Date(now).toISOString(),
  lines: [],
});

test('an order arriving after the console opened is new once; one already due is said at once, and once', () => {
  const tracker = createOrderAlertTracker();
  const first = tracker.look([order('W-1', 'received', 3 * 3_600_000), order('W-2', 'accepted', 10 * 60_000), order('W-3', 'ready', 60_000)], now);
  assert.deepEqual(first.map((a) => [a.kind, a.orderId]), [['due', 'W-2']], 'W-1 was there already; W-3 is ready, not work to do');

  const arrived = tracker.look([order('W-1', 'received', 3 * 3_600_000), order('W-2', 'accepted', 10 * 60_000), order('W-4', 'received', 2 * 3_600_000)], now);
  assert.deepEqual(arrived.map((a) => [a.kind, a.orderId]), [['new', 'W-4']]);
  assert.equal(arrived[0]!.customerName, 'Lucía');
  assert.deepEqual(tracker.look([order('W-4', 'received', 2 * 3_600_000)], now), [], 'nothing is said twice');

  // Time passes: W-1 comes within 15 minutes of its deadline.
  const later = now + 3 * 3_600_000 - dueSoonMs + 1;
  assert.deepEqual(tracker.look([order('W-1', 'picking', 3 * 3_600_000)], later).map((a) => [a.kind, a.orderId]), [['due', 'W-1']]);
  // An order arriving already due is said once, as new.
  assert.deepEqual(tracker.look([order('W-5', 'received', 5 * 60_000)], now).map((a) => [a.kind, a.orderId]), [['new', 'W-5']]);
  assert.deepEqual(tracker.look([order('W-5', 'received', 5 * 60_000)], now), []);
  // No promised time: never due.
  assert.deepEqual(tracker.look([order('W-6', 'accepted', null)], now).map((a) => a.kind), []);
});

test('a desktop notice is asked for only in the background, and only where the app can show one', () => {
  assert.equal(wantsDesktopNotice({ hidden: false, focused: true }), false, 'staff are looking at it');
  assert.equal(wantsDesktopNotice({ hidden: true, focused: false }), true, 'minimised or another tab');
  assert.equal(wantsDesktopNotice({ hidden: false, focused: false }), true, 'visible behind another window');

  const sent: unknown[] = [];
  const bridge = { notify: (n: unknown) => void sent.push(n) };
  const notice = { title: 'Pedido nuevo W-1', body: 'Lucía', tag: 'order:W-1' };
  assert.equal(notifyDesktop(notice, bridge, { hidden: false, focused: true }), false);
  assert.equal(notifyDesktop(notice, bridge, { hidden: false, focused: false }), true);
  assert.deepEqual(sent, [notice]);
  assert.equal(notifyDesktop(notice, null, { hidden: true, focused: false }), false, 'a browser tab on the bridge has no preload');
});
