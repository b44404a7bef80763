import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { OrderInfo, OrderStatus } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';
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
export function useOrderQueue(filter: QueueFilter) {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [view, setView] = useState<QueueView>({ kind: 'loading' });
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const known = useRef<Set<string> | null>(null);
  const latestRequest = useRef(0);
  const search = filter.search.trim();

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    setView((v) => (v.kind === 'ready' ? { ...v, refreshing: true } : v));
    const result = await client.call('orders.queue', {
      ...(filter.status ? { status: filter.status } : {}),
      ...(search ? { search } : {}),
    });
    if (request !== latestRequest.current) return;
    if (result.ok) {
      for (const order of result.value) known.current?.add(order.orderId);
      setView({ kind: 'ready', orders: [...result.value].sort(byPromisedTime), refreshing: false });
    } else {
      setView((v) => (v.kind === 'ready' && v.orders.length > 0 ? { ...v, refreshing: false } : { kind: 'error', error: result.error }));
    }
  }, [client, filter.status, search]);

  // What exists when the screen opens is not new, whatever the filter shows.
  useEffect(() => {
    if (!connected || known.current) return;
    void client.call('orders.queue', {}).then((result) => {
      if (result.ok && !known.current) known.current = new Set(result.value.map((o) => o.orderId));
    });
  }, [client, connected]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), search ? 200 : 0);
    return () => clearTimeout(timer);
  }, [load, search, connected]);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event !== 'orders.changed') return;
        void load();
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
    [client, load],
  );

  const seen = useCallback((orderId: string) => {
    setFresh((current) => {
      if (!current.has(orderId)) return current;
      const next = new Set(current);
      next.delete(orderId);
      return next;
    });
  }, []);

  return { view, fresh, reload: load, seen };
}
