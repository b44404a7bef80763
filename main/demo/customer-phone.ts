// The demo customer's phone: the handover codes HQ sent its customers, read from the
// embedded HQ simulator (the customer's side of the protocol). The store keeps only a
// hash of each code (main/orders/handover-code.ts) and its API never carries one: in the
// demo, the developer panel shows the code as the customer would read it at the counter.
import type { HqSimulator } from '../hq-simulator/hq-simulator';
import { notConfigured } from '../kernel/not-configured';

export interface CustomerOrderCode {
  orderId: string;
  customerName: string;
  code: string;
  promisedAt: string | null;
  /** The order's status as HQ last heard it from the store; null: the store has not answered yet. */
  status: string | null;
}

export interface CustomerPhone {
  /** The customers' open orders, the latest HQ routed first. */
  openOrders(limit: number): CustomerOrderCode[];
}

/** Statuses after which a customer has no code left to show. */
const finished = new Set(['collected', 'cancelled', 'rejected', 'not_collected']);

export function customerPhoneOf(hq: Pick<HqSimulator, 'streamOf' | 'store'>, store: string): CustomerPhone {
  return {
    openOrders(limit) {
      const latest = new Map<string, CustomerOrderCode>();
      const cancelledByHq = new Set<string>();
      for (const message of hq.streamOf(store)) {
        if (message.type === 'order.cancelled') cancelledByHq.add(message.orderId);
        if (message.type !== 'order.new' && message.type !== 'order.changed') continue;
        const { order } = message;
        latest.delete(order.orderId); // a change moves the order up to when it was last sent
        latest.set(order.orderId, { orderId: order.orderId, customerName: order.customer.name, code: order.verification.code, promisedAt: order.promisedAt, status: null });
      }
      const heard = hq.store(store)?.orderStatus ?? new Map<string, { status: string }>();
      const open: CustomerOrderCode[] = [];
      for (const order of [...latest.values()].reverse()) {
        const status = heard.get(order.orderId)?.status ?? null;
        if (cancelledByHq.has(order.orderId) || (status !== null && finished.has(status))) continue;
        open.push({ ...order, status });
        if (open.length >= limit) break;
      }
      return open;
    },
  };
}

/** Anywhere but the demo store with its embedded HQ there is no customer's phone to read. */
export const customerPhoneNotConfigured: CustomerPhone = {
  openOrders: () => notConfigured('the demo customer’s phone'),
};
