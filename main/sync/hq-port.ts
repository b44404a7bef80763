import type { DeadLetterInfo, SyncStatus } from '../api/types';
import type { DeadLetters } from './dead-letters';
import type { StoreSync } from './store-sync';

/** What staff ask of the HQ link. */
export interface HqPort {
  /** The link's state; null where the store has no HQ link. */
  status(): SyncStatus | null;
  /** Other stores' stock of a SKU; null when HQ did not answer. */
  stockLookup(sku: string): Promise<{ store: string; atp: number }[] | null>;
  customerLookup(query: string): Promise<{ name: string; orders: string[] }[] | null>;
  /** Messages HQ sent that could not be stored or applied, newest first. */
  deadLetters(limit: number): DeadLetterInfo[];
  retryDeadLetter(id: number): { ok: boolean; outcome: string };
}

export function hqPortOf(sync: StoreSync): HqPort {
  return {
    status: () => sync.link.status(),
    async stockLookup(sku) {
      const reply = await sync.link.request({ type: 'stock-lookup', sku });
      return reply?.kind === 'stock' && reply.stores ? reply.stores : null;
    },
    async customerLookup(query) {
      const reply = await sync.link.request({ type: 'customer-lookup', query });
      return reply?.kind === 'customers' && reply.customers ? reply.customers : null;
    },
    deadLetters: (limit) => sync.link.deadLetters.list(limit),
    retryDeadLetter: (id) => sync.retryDeadLetter(id),
  };
}

/**
 * A store working without HQ reads as one whose HQ never answers: no status,
 * no lookups. Dead letters kept from an earlier link are still listed.
 */
export function hqNotConfigured(deadLetters: Pick<DeadLetters, 'list'>): HqPort {
  return {
    status: () => null,
    stockLookup: async () => null,
    customerLookup: async () => null,
    deadLetters: (limit) => deadLetters.list(limit),
    retryDeadLetter: () => ({ ok: false, outcome: 'the store has no HQ link' }),
  };
}
