import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { OrderInfo, OrderStatus } from '../../../main/api/types';
import { useQueryClient } from '@tanstack/react-query';
import { storeQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';

export type QueueView =
  | { kind: 'loading' }
  | { kind: 'ready'; orders: OrderInfo[]; refreshing: boolean }
  | { kind: 'error'; error: ApiError };

export interface QueueFilter {
  status: OrderStatus | null;
  search: string;
}

/** `value` once it has stopped changing for `ms` (a search typed); clearing it applies at once. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), value ? ms : 0);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The pickup queue for a filter, kept current by 'orders.changed'. An order the
 * screen has never seen, arriving as received, is new: it is marked until the
 * operator opens it. (Its cue, toast and badge are the alert center's, on every
 * page: renderer/src/alerts.)
 */
const isWholeQueue = (key: readonly unknown[]) => key[0] === 'orders.queue' && Object.keys(key[1] as object).length === 0;

export function useOrderQueue(filter: QueueFilter) {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const search = useSettled(filter.search.trim(), 200);
  const { view: live, reload, fetching } = useStoreQuery('orders.queue', {
    ...(filter.status ? { status: filter.status } : {}),
    ...(search ? { search } : {}),
  });
  // In promised-time order as the core answers it and a patch keeps it (query-cache.ts): no sort here.
  const view: QueueView = live.kind === 'loading' ? live : live.kind === 'error' ? live : { kind: 'ready', orders: live.value, refreshing: fetching };

  // New arrivals are told apart on the whole queue, whatever the filter shows (the
  // same cached read when nothing is filtered, kept shown so events patch it): what
  // it held when the screen opened is not new; an order it gains as received is.
  useStoreQuery('orders.queue', {});
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
    const wholeQueue = storeQueryKey('orders.queue', {});
    look(cache.getQueryData<OrderInfo[]>(wholeQueue));
    return cache.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success' && isWholeQueue(event.query.queryKey)) look(event.query.state.data as OrderInfo[]);
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
