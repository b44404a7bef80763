import type { DeadLetterInfo, SyncStatus } from '../api/types';
import type { DeadLetters } from './dead-letters';
import type { StoreSync } from './store-sync';
import type { CustomerCard, customerOrderSummary } from './protocol';
import type { z } from 'zod';

export type CustomerOrderSummary = z.infer<typeof customerOrderSummary>;
export type CustomerCardRequest = { kind: 'id'; customerId: string } | { kind: 'code'; code: string };
export interface CustomerOrderRequest { customerId: string; sku: string; qty: number; from: string; fulfilment: 'pickup-here' | 'delivery' | 'reserve' }

/** What staff ask of the HQ link. */
export interface HqPort {
  /** The link's state; null where the store has no HQ link. */
  status(): SyncStatus | null;
  /** Other stores' stock of a SKU; null when HQ did not answer. */
  stockLookup(sku: string): Promise<{ store: string; atp: number }[] | null>;
  customerLookup(query: string): Promise<{ name: string; orders: string[] }[] | null>;
  /** A customer's card as HQ scopes it to this store: undefined when HQ knows no such customer, null when HQ did not answer. */
  customerCard(by: CustomerCardRequest): Promise<CustomerCard | undefined | null>;
  customerSearch(query: string): Promise<{ customerId: string; name: string; hint: string }[] | null>;
  /** Orders or reserves an item for a customer elsewhere; null when HQ did not answer or refused. */
  customerOrder(request: CustomerOrderRequest): Promise<CustomerOrderSummary | null>;
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
    async customerCard(by) {
      const reply = await sync.link.request({ type: 'customer-card', by });
      return reply?.kind === 'customer-card' ? (reply.card ?? undefined) : null;
    },
    async customerSearch(query) {
      const reply = await sync.link.request({ type: 'customer-search', query });
      return reply?.kind === 'customer-search' ? reply.customers : null;
    },
    async customerOrder(request) {
      const reply = await sync.link.request({ type: 'customer-order', ...request });
      return reply?.kind === 'customer-order' ? reply.order : null;
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
    customerCard: async () => null,
    customerSearch: async () => null,
    customerOrder: async () => null,
    deadLetters: (limit) => deadLetters.list(limit),
    retryDeadLetter: () => ({ ok: false, outcome: 'the store has no HQ link' }),
  };
}
