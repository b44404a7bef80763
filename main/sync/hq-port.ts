import type { z } from 'zod';
import type { DeadLetterInfo, SyncStatus } from '../api/types';
import type { channelOrder, refundMethods, refundState } from './protocol';
import type { DeadLetters } from './dead-letters';
import type { StoreSync } from './store-sync';

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
    deadLetters: (limit) => deadLetters.list(limit),
    retryDeadLetter: () => ({ ok: false, outcome: 'the store has no HQ link' }),
  };
}
