import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { OrderDetail } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';

export type DetailView = { kind: 'loading' } | { kind: 'ready'; order: OrderDetail } | { kind: 'error'; error: ApiError };

/** One order with its history, re-read whenever 'orders.changed' names it and on reconnect. */
export function useOrderDetail(orderId: string) {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [view, setView] = useState<DetailView>({ kind: 'loading' });
  const latestRequest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    const result = await client.call('orders.detail', { orderId });
    if (request !== latestRequest.current) return;
    if (result.ok) setView({ kind: 'ready', order: result.value });
    else setView((v) => (v.kind === 'ready' ? v : { kind: 'error', error: result.error }));
  }, [client, orderId]);

  useEffect(() => {
    if (!connected) return;
    const timer = setTimeout(() => void load(), 0);
    return () => clearTimeout(timer);
  }, [load, connected]);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event === 'orders.changed' && event.payload.orderIds.includes(orderId)) void load();
      }),
    [client, orderId, load],
  );

  return { view, reload: load };
}
