import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { OrderInfo, OrderStatus } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';
import { useStoreQuery } from '../api/use-store-query';
import { byPromisedTime } from './order-progress';
import { playCue } from './order-sounds';

export type QueueView =
  | { kind: 'loading' }
  | { kind: 'ready'; orders: OrderInfo[]; refreshing: boolean }
  | { kind: 'error'; error: ApiError };

export interface QueueFilter {
  status: OrderStatus | null;
  search: string;
}

/**
 * The pickup queue for a filter, kept current by 'orders.changed'. An order the
 * screen has never seen, arriving as received, is new: it plays the arrival cue
 * and is marked until the operator opens it.
 */
/** `value` once it has stopped changing for `ms` (a search typed); clearing it applies at once. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), value ? ms : 0);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useOrderQueue(filter: QueueFilter) {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const known = useRef<Set<string> | null>(null);
  const search = useSettled(filter.search.trim(), 200);
  const { view: live, reload, fetching } = useStoreQuery('orders.queue', {
    ...(filter.status ? { status: filter.status } : {}),
    ...(search ? { search } : {}),
  });
  const orders = live.kind === 'ready' ? live.value : null;
  useEffect(() => {
    for (const order of orders ?? []) known.current?.add(order.orderId);
  }, [orders]);
  const sorted = useMemo(() => (orders ? [...orders].sort(byPromisedTime) : null), [orders]);
  const view: QueueView =
    live.kind === 'loading' ? live : live.kind === 'error' ? live : { kind: 'ready', orders: sorted ?? [], refreshing: fetching };

  // What exists when the screen opens is not new, whatever the filter shows.
  useEffect(() => {
    if (!connected || known.current) return;
    void client.call('orders.queue', {}).then((result) => {
      if (result.ok && !known.current) known.current = new Set(result.value.map((o) => o.orderId));
    });
  }, [client, connected]);

  // The list itself re-reads through the cache; this only tells new arrivals apart, for the cue.
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event !== 'orders.changed') return;
        const seen = known.current;
        if (!seen) return;
        const unseen = event.payload.orderIds.filter((id) => !seen.has(id));
        for (const id of unseen) seen.add(id);
        if (unseen.length === 0) return;
        void Promise.all(unseen.map((orderId) => client.call('orders.detail', { orderId }))).then((results) => {
          const arrived = results.flatMap((r) => (r.ok && r.value.status === 'received' ? [r.value.orderId] : []));
          if (arrived.length === 0) return;
          playCue('arrival');
          setFresh((current) => new Set([...current, ...arrived]));
        });
      }),
    [client],
  );

  const seen = useCallback((orderId: string) => {
    setFresh((current) => {
      if (!current.has(orderId)) return current;
      const next = new Set(current);
      next.delete(orderId);
      return next;
    });
  }, []);

  return { view, fresh, reload, seen };
}
