import type { HandlerMap } from '../kernel/handler-types';
import type { StockReadPath } from '../stock/stock-read-path';
import type { HqPort } from './hq-port';

type Names = 'sync.status' | 'sync.deadLetters' | 'sync.retryDeadLetter' | 'hq.stockLookup' | 'hq.customerLookup';

/** `store`: this store's id, whose own row in HQ's answer is left out while a count keeps the SKU blind to the reader. */
export function syncHandlers({ hq, stock, store }: { hq: HqPort; stock: Pick<StockReadPath, 'isBlind'>; store: string }): HandlerMap<Names> {
  return {
    'hq.stockLookup': async (ctx, { sku }) => {
      const stores = await hq.stockLookup(sku);
      return stores && stock.isBlind(sku, ctx.actor?.role ?? null) ? stores.filter((s) => s.store !== store) : stores;
    },
    'hq.customerLookup': (_ctx, { query }) => hq.customerLookup(query),
    'sync.status': () => hq.status(),
    'sync.deadLetters': (_ctx, { limit }) => hq.deadLetters(limit ?? 100),
    'sync.retryDeadLetter': (_ctx, { id }) => hq.retryDeadLetter(id),
  };
}
