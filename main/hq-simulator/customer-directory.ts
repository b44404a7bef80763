import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CustomerCard, customerOrderSummary } from '../sync/protocol';

type OrderSummary = z.infer<typeof customerOrderSummary>;

/** A customer as the simulated HQ holds them (issue 17): everything, whatever the consents say. */
export interface HqCustomer {
  customerId: string;
  name: string;
  phone: string | null;
  email: string | null;
  contact: { email: boolean; sms: boolean; phone: boolean };
  consents: { personalisation: boolean; contact: boolean };
  loyalty: { tier: string; points: number; cardNumber: string | null };
  /** `store`: `online` or the store the purchase or return was made at. */
  history: { ref: string; kind: 'purchase' | 'return'; store: string; at: string; lines: { sku: string; name: string; qty: number; size?: string }[] }[];
  openOrders: OrderSummary[];
  notes: { at: string; text: string; by: string }[];
  sizes: { kind: string; size: string }[];
  viewed: { sku: string; name: string; at: string }[];
  wishlist: { sku: string; name: string; at: string }[];
  cart: { sku: string; name: string; at: string; qty: number }[];
}

/**
 * HQ's customer directory: cards scoped to the asking store (its own purchases read as
 * `this-store`), browsing only with personalisation consent, nearby stock from HQ's replicas.
 */
export function createCustomerDirectory(
  nearbyStock: (sku: string, askingStore: string) => { store: string; atp: number }[],
  /** Pickup orders HQ routed to stores for this customer (matched by name or phone), and the one an order id names. */
  routed: { ordersOf(customer: HqCustomer): OrderSummary[]; customerOfOrder(orderId: string): { name: string; phone?: string | undefined } | null } = { ordersOf: () => [], customerOfOrder: () => null },
) {
  const customers = new Map<string, HqCustomer>();
  const find = (by: { kind: 'id'; customerId: string } | { kind: 'code'; code: string }): HqCustomer | null => {
    if (by.kind === 'id') return customers.get(by.customerId) ?? null;
    for (const c of customers.values()) {
      if (c.loyalty.cardNumber === by.code || c.openOrders.some((o) => o.orderId === by.code) || c.history.some((h) => h.ref === by.code)) return c;
    }
    const ordered = routed.customerOfOrder(by.code);
    if (!ordered) return null;
    return [...customers.values()].find((c) => c.name === ordered.name || (!!c.phone && c.phone === ordered.phone)) ?? null;
  };
  return {
    put(customer: HqCustomer) {
      customers.set(customer.customerId, structuredClone(customer));
    },
    get: (customerId: string) => customers.get(customerId) ?? null,
    /** The right to erasure: HQ forgets them; the caller tells the stores. */
    remove(customerId: string): HqCustomer | null {
      const found = customers.get(customerId) ?? null;
      customers.delete(customerId);
      return found;
    },
    card(by: Parameters<typeof find>[0], store: string): CustomerCard | null {
      const c = find(by);
      if (!c) return null;
      const withStock = <T extends { sku: string }>(items: T[]) => items.map((item) => ({ ...item, nearby: nearbyStock(item.sku, store) }));
      return {
        customerId: c.customerId,
        profile: { name: c.name, phone: c.phone, email: c.email, contact: c.contact },
        consents: c.consents,
        loyalty: c.loyalty,
        history: c.history.map((h) => ({ ...h, channel: h.store === 'online' ? 'online' : h.store === store ? 'this-store' : 'other-store' })),
        // A pickup routed to the asking store is picked up here.
        openOrders: [...c.openOrders, ...routed.ordersOf(c).map((o) => (o.from === store ? { ...o, fulfilment: 'pickup-here' as const } : o))],
        notes: c.notes,
        sizes: c.sizes,
        browsing: c.consents.personalisation ? { viewed: withStock(c.viewed), wishlist: withStock(c.wishlist), cart: withStock(c.cart) } : null,
        withheld: c.consents.personalisation ? [] : [{ panel: 'browsing', reason: 'no-personalisation-consent' }],
      };
    },
    search(query: string) {
      const needle = query.toLowerCase();
      const digits = query.replace(/\D/g, '');
      return [...customers.values()]
        .filter((c) => c.name.toLowerCase().includes(needle) || (c.email ?? '').toLowerCase().includes(needle) || (digits.length >= 4 && (c.phone ?? '').replace(/\D/g, '').includes(digits)))
        .slice(0, 20)
        // The hint tells two namesakes apart without showing a whole phone number.
        .map((c) => ({ customerId: c.customerId, name: c.name, hint: c.phone ? `…${c.phone.replace(/\D/g, '').slice(-3)}` : (c.loyalty.tier ?? '') }));
    },
    /** Orders (or reserves) an item for a customer; the promised date is two days out, three for delivery. */
    order(request: { customerId: string; sku: string; qty: number; from: string; fulfilment: 'pickup-here' | 'delivery' | 'reserve' }, name: string): OrderSummary | null {
      const c = customers.get(request.customerId);
      if (!c) return null;
      const days = request.fulfilment === 'delivery' ? 3 : request.fulfilment === 'reserve' ? 0 : 2;
      const order: OrderSummary = {
        orderId: `SAVE-${randomUUID().slice(0, 8).toUpperCase()}`,
        from: request.from,
        fulfilment: request.fulfilment,
        status: request.fulfilment === 'reserve' ? 'reserved' : 'ordered',
        promisedAt: new Date(Date.now() + days * 86_400_000).toISOString(),
        lines: [{ sku: request.sku, name, qty: request.qty }],
        tracking: [{ at: new Date().toISOString(), status: request.fulfilment === 'reserve' ? 'reserved' : 'ordered', where: request.from }],
      };
      c.openOrders.push(order);
      return order;
    },
    /** A delivery step for an open order; returns the updated order and its customer. */
    track(orderId: string, status: string, where?: string): { customerId: string; order: OrderSummary } | null {
      for (const c of customers.values()) {
        const order = c.openOrders.find((o) => o.orderId === orderId);
        if (!order) continue;
        order.status = status;
        order.tracking.push({ at: new Date().toISOString(), status, ...(where ? { where } : {}) });
        return { customerId: c.customerId, order: structuredClone(order) };
      }
      return null;
    },
  };
}
export type CustomerDirectory = ReturnType<typeof createCustomerDirectory>;
