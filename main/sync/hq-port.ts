import type { z } from 'zod';
import type { DeadLetterInfo, SyncStatus } from '../api/types';
import type { channelOrder, refundMethods, refundState } from './protocol';
import type { DeadLetters } from './dead-letters';
import type { StoreSync } from './store-sync';
import type { CustomerCard, customerOrderSummary } from './protocol';

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
  /** Orders HQ sold in any channel matching a QR text, order number, name or phone; null when HQ did not answer. */
  orderLookup(query: string): Promise<ChannelOrder[] | null>;
  /** Asks HQ to count a return's units for the chain (docs/protocol.md); null when HQ did not answer. */
  claimReturn(claim: ReturnClaim): Promise<ReturnClaimAnswer | null>;
  /** The state of a refund to the original payment; null when HQ did not answer. */
  refundStatus(claimId: string): Promise<RefundState | null>;
  /** A customer's card as HQ scopes it to this store: undefined when HQ knows no such customer, null when HQ did not answer. */
  customerCard(by: CustomerCardRequest): Promise<CustomerCard | undefined | null>;
  customerSearch(query: string): Promise<{ customerId: string; name: string; hint: string }[] | null>;
  /** Orders or reserves an item for a customer elsewhere; null when HQ did not answer or refused. */
  customerOrder(request: CustomerOrderRequest): Promise<CustomerOrderSummary | null>;
  /** Messages HQ sent that could not be stored or applied, newest first. */
  deadLetters(limit: number): DeadLetterInfo[];
  retryDeadLetter(id: number): { ok: boolean; outcome: string };
}

export type ChannelOrder = z.infer<typeof channelOrder>;
export type RefundState = z.infer<typeof refundState>;
export interface ReturnClaim {
  claimId: string;
  orderId: string;
  lines: { lineId: string; qty: number }[];
  refund: { method: (typeof refundMethods)[number]; amountCents: number };
}
export interface ReturnClaimAnswer {
  accepted: boolean;
  lines: { lineId: string; sold: number; returned: number }[];
  refundState: RefundState | null;
  reason?: string;
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
    async orderLookup(query) {
      const reply = await sync.link.request({ type: 'order-lookup', query });
      return reply?.kind === 'orders' ? reply.orders : null;
    },
    async claimReturn(claim) {
      const reply = await sync.link.request({ type: 'return-claim', ...claim });
      if (reply?.kind !== 'return-claim' || reply.claimId !== claim.claimId) return null;
      return { accepted: reply.accepted, lines: reply.lines, refundState: reply.refundState, ...(reply.reason ? { reason: reply.reason } : {}) };
    },
    async refundStatus(claimId) {
      const reply = await sync.link.request({ type: 'refund-status', claimId });
      return reply?.kind === 'refund' && reply.claimId === claimId ? reply.state : null;
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
    orderLookup: async () => null,
    claimReturn: async () => null,
    refundStatus: async () => null,
    customerCard: async () => null,
    customerSearch: async () => null,
    customerOrder: async () => null,
    deadLetters: (limit) => deadLetters.list(limit),
    retryDeadLetter: () => ({ ok: false, outcome: 'the store has no HQ link' }),
  };
}
