// Which orders staff must hear of wherever they are (issue 18): an order that arrives while
// the console runs, and an order not yet ready within 15 minutes of its promised time (or
// past it). Each order is announced once per reason. Pure, so it is tested without a screen.
import type { OrderInfo, OrderStatus } from '../../../main/api/types';

export const dueSoonMs = 15 * 60_000;

/** Work still to do before the promised time: ready, collected and closed orders are not due. */
const toDo: ReadonlySet<OrderStatus> = new Set(['received', 'accepted', 'picking']);

export interface OrderAlert {
  kind: 'new' | 'due';
  orderId: string;
  customerName: string | null;
  promisedAt: string | null;
}

export function createOrderAlertTracker() {
  let known: Set<string> | null = null;
  const announcedDue = new Set<string>();
  return {
    /**
     * The alerts `orders` (the whole queue, as read now) gives at `now`. The first look only
     * learns what is already there (no order is "new" to a console that just opened), but an
     * order already due is said at once.
     */
    look(orders: readonly OrderInfo[], now: number): OrderAlert[] {
      const first = known === null;
      known ??= new Set();
      const alerts: OrderAlert[] = [];
      for (const order of orders) {
        const info = { orderId: order.orderId, customerName: order.customerName, promisedAt: order.promisedAt };
        if (!known.has(order.orderId)) {
          known.add(order.orderId);
          if (!first && order.status === 'received') alerts.push({ kind: 'new', ...info });
        }
        if (announcedDue.has(order.orderId) || !toDo.has(order.status) || order.promisedAt === null) continue;
        const promised = Date.parse(order.promisedAt);
        if (Number.isFinite(promised) && promised - now <= dueSoonMs) {
          announcedDue.add(order.orderId);
          // A new order already due is said once, as new.
          if (!alerts.some((a) => a.orderId === order.orderId)) alerts.push({ kind: 'due', ...info });
        }
      }
      return alerts;
    },
  };
}
export type OrderAlertTracker = ReturnType<typeof createOrderAlertTracker>;
