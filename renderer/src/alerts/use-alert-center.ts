// One alert center for every page (issues 15 and 18): the shelf alerts staff must acknowledge,
// and the orders staff must hear of (new, or due within 15 minutes). It feeds the toast region
// (alert-toasts.tsx) and the tabs' badges; the pages themselves are unchanged by it.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderInfo, ShelfAlert } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { storeQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';
import { playCue } from '../orders/order-sounds';
import type { ConsolePage } from '../screens/role-pages';
import { useErrorText } from '../screens/error-text';
import { createOrderAlertTracker, type OrderAlert } from './order-alerts';
import { notifyDesktop, onDesktopNoticeClick } from './desktop-notice';

/** Time passes without events: an order comes within 15 minutes of its deadline on this beat. */
const dueCheckMs = 20_000;
const orderTag = (orderId: string) => `order:${orderId}`;
// The open queue: every order that can be new or come due is in it, and it is the read the Orders page
// keeps by default, so one patch serves both (finished orders never alert).
const openQueueInput = { stage: 'open' } as const;
const isOpenQueue = (key: readonly unknown[]) => key[0] === 'orders.queue' && JSON.stringify(key[1]) === JSON.stringify(openQueueInput);

export interface AlertCenterOptions {
  pages: readonly ConsolePage[];
  page: ConsolePage;
  /** IT's policy silenced the order cue. */
  orderCueMuted: boolean;
  openOrder(orderId: string): void;
}

export function useAlertCenter({ pages, page, orderCueMuted, openOrder }: AlertCenterOptions) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const watchesShelves = pages.includes('shelves');
  const watchesOrders = pages.includes('orders');

  // Shelf alerts: every open one is a toast until a person acknowledges it.
  const shelfAlerts = useStoreQuery('shelves.alerts', {}, { enabled: watchesShelves });
  const shelfView = shelfAlerts.view;
  const openShelfAlerts: ShelfAlert[] = useMemo(() => (watchesShelves && shelfView.kind === 'ready' ? shelfView.value : []), [watchesShelves, shelfView]);
  const [ackProblem, setAckProblem] = useState<{ alertId: number; text: string } | null>(null);
  const { set: setShelfAlerts } = shelfAlerts;
  const acknowledge = useCallback(
    async (alertId: number) => {
      const result = await client.call('shelves.acknowledge', { alertId });
      if (result.ok) {
        setAckProblem(null);
        // shelves.changed re-reads the list too; dropping it now does not wait for that.
        setShelfAlerts(openShelfAlerts.filter((a) => a.alertId !== alertId));
      } else setAckProblem({ alertId, text: errorText(result.error) });
    },
    [client, errorText, openShelfAlerts, setShelfAlerts],
  );

  // Orders: the open queue, the same cached (and patched) read the Orders page keeps; looked at
  // on every change of it, and on a beat, since an order comes due without any event.
  useStoreQuery('orders.queue', openQueueInput, { enabled: watchesOrders });
  const cache = useQueryClient();
  const [tracker] = useState(createOrderAlertTracker);
  const [orderAlerts, setOrderAlerts] = useState<OrderAlert[]>([]);
  const [unseen, setUnseen] = useState(0);
  const said = useRef({ muted: orderCueMuted, title: (alert: OrderAlert) => alert.orderId });
  useEffect(() => {
    said.current = {
      muted: orderCueMuted,
      title: (alert) => (alert.kind === 'new' ? t('alerts.orders.new', { orderId: alert.orderId }) : t('alerts.orders.due', { orderId: alert.orderId })),
    };
  }, [orderCueMuted, t]);
  useEffect(() => {
    if (!watchesOrders) return;
    const openQueue = storeQueryKey('orders.queue', openQueueInput);
    const look = () => {
      const orders = cache.getQueryData<OrderInfo[]>(openQueue);
      if (!orders) return;
      const fresh = tracker.look(orders, Date.now());
      if (fresh.length === 0) return;
      setOrderAlerts((shown) => [...fresh, ...shown.filter((a) => !fresh.some((f) => f.orderId === a.orderId))].slice(0, 20));
      setUnseen((n) => n + fresh.length);
      if (!said.current.muted) playCue('arrival');
      const attention = { hidden: document.visibilityState === 'hidden', focused: document.hasFocus() };
      for (const alert of fresh) notifyDesktop({ title: said.current.title(alert), body: alert.customerName ?? '', tag: orderTag(alert.orderId) }, window.mostrador ?? null, attention);
    };
    const unsubscribe = cache.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success' && isOpenQueue(event.query.queryKey)) look();
    });
    const timer = setInterval(look, dueCheckMs);
    look();
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [cache, tracker, watchesOrders]);

  // Looking at the Orders page is seeing its news (adjusted while rendering).
  if (page === 'orders' && unseen > 0) setUnseen(0);

  const dismissOrder = useCallback((orderId: string) => setOrderAlerts((shown) => shown.filter((a) => a.orderId !== orderId)), []);
  const open = useCallback(
    (orderId: string) => {
      dismissOrder(orderId);
      setUnseen(0);
      openOrder(orderId);
    },
    [dismissOrder, openOrder],
  );
  // A click on a desktop notice brought the window forward: open its order.
  useEffect(
    () =>
      onDesktopNoticeClick((tag) => {
        if (tag.startsWith('order:')) open(tag.slice('order:'.length));
      }, window.mostrador ?? null),
    [open],
  );

  const badges = useMemo(() => {
    const counts: Partial<Record<ConsolePage, number>> = {};
    if (watchesShelves && openShelfAlerts.length > 0) counts.shelves = openShelfAlerts.length;
    if (watchesOrders && unseen > 0) counts.orders = unseen;
    return counts;
  }, [watchesShelves, watchesOrders, openShelfAlerts.length, unseen]);

  return { shelfAlerts: openShelfAlerts, acknowledge, ackProblem, orderAlerts, openOrder: open, dismissOrder, badges };
}
export type AlertCenter = ReturnType<typeof useAlertCenter>;
