import type { HandlerMap } from '../kernel/handler-types';
import type { HqPort } from './hq-port';

type Names = 'sync.status' | 'sync.deadLetters' | 'sync.retryDeadLetter' | 'hq.stockLookup' | 'hq.customerLookup';

export function syncHandlers({ hq }: { hq: HqPort }): HandlerMap<Names> {
  return {
    'hq.stockLookup': (_ctx, { sku }) => hq.stockLookup(sku),
    'hq.customerLookup': (_ctx, { query }) => hq.customerLookup(query),
    'sync.status': () => hq.status(),
    'sync.deadLetters': (_ctx, { limit }) => hq.deadLetters(limit ?? 100),
    'sync.retryDeadLetter': (_ctx, { id }) => hq.retryDeadLetter(id),
  };
}
