import type { ApiError } from '../../../main/api/result';
import type { OrderDetail } from '../../../main/api/types';
import { useStoreQuery } from '../api/use-store-query';

export type DetailView = { kind: 'loading' } | { kind: 'ready'; order: OrderDetail } | { kind: 'error'; error: ApiError };

/** One order with its history, through the cache: re-read whenever 'orders.changed' names it, and on reconnect. */
export function useOrderDetail(orderId: string) {
  const { view: live, reload } = useStoreQuery('orders.detail', { orderId });
  // A failed re-read keeps the order on screen.
  const view: DetailView = live.kind === 'ready' ? { kind: 'ready', order: live.value } : live;
  return { view, reload };
}
