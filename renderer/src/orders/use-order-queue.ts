import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { OrderInfo, OrderStage, OrderStatus } from '../../../main/api/types';
import { useQueryClient } from '@tanstack/react-query';
import { storeQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';

export type QueueView =
  | { kind: 'loading' }
  | { kind: 'ready'; orders: OrderInfo[]; refreshing: boolean }
  | { kind: 'error'; error: ApiError };

export interface QueueFilter {
  stage?: OrderStage;
  status?: OrderStatus;
  search: string;
}

/** What the queue shows when it opens: the work to do. Finished orders are one filter away. */
export const defaultShown = { stage: 'open' } as const;

/** `value` once it has stopped changing for `ms` (a search typed); clearing it applies at once. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), value ? ms : 0);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

// The open queue (what the screen shows by default): every new arrival is in it.
const arrivalsKey = storeQueryKey('orders.queue', defaultShown);
const isArrivalsQueue = (key: readonly unknown[]) => key[0] === 'orders.queue' && JSON.stringify(key[1]) === JSON.stringify(arrivalsKey[1]);

/**
 * The pickup queue for a filter, kept current by 'orders.changed'. An order the
 * screen has never seen, arriving as received, is new: it is marked until the
 * operator opens it. (Its cue, toast and badge are the alert center's, on every
 * page: renderer/src/alerts.)
 */
export function useOrderQueue(filter: QueueFilter) {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const search = useSettled(filter.search.trim(), 200);
  const { view: live, reload, fetching } = useStoreQuery('orders.queue', {
    ...(filter.stage ? { stage: filter.stage } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(search ? { search } : {}),
  });
  // In promised-time order as the core answers it and a patch keeps it (query-cache.ts): no sort here.
  const view: QueueView = live.kind === 'loading' ? live : live.kind === 'error' ? live : { kind: 'ready', orders: live.value, refreshing: fetching };

  // New arrivals are told apart on the open queue, whatever the filter shows (the
  // same cached read as the default view, kept shown so events patch it): what
  // it held when the screen opened is not new; an order it gains as received is.
  useStoreQuery('orders.queue', defaultShown);
  const cache = useQueryClient();
  useEffect(() => {
    let known: Set<string> | null = null;
    const look = (orders: OrderInfo[] | undefined) => {
      if (!orders) return;
      if (!known) {
        known = new Set(orders.map((o) => o.orderId));
        return;
      }
      const arrived: string[] = [];
      for (const order of orders) {
        if (known.has(order.orderId)) continue;
        known.add(order.orderId);
        if (order.status === 'received') arrived.push(order.orderId);
      }
      if (arrived.length === 0) return;
      setFresh((current) => new Set([...current, ...arrived]));
    };
    look(cache.getQueryData<OrderInfo[]>(arrivalsKey));
    return cache.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success' && isArrivalsQueue(event.query.queryKey)) look(event.query.state.data as OrderInfo[]);
    });
  }, [cache]);

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
