// The pickup order lifecycle: received → accepted → picking → ready → collected,
// with rejected, cancelled and not collected as the side exits.
export const orderStatuses = ['received', 'accepted', 'picking', 'ready', 'collected', 'rejected', 'cancelled', 'not_collected'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

const allowed: Record<OrderStatus, readonly OrderStatus[]> = {
  received: ['accepted', 'rejected', 'cancelled'],
  accepted: ['picking', 'cancelled'],
  picking: ['ready', 'cancelled'],
  ready: ['collected', 'cancelled', 'not_collected'],
  collected: [],
  rejected: [],
  cancelled: [],
  not_collected: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => allowed[from].includes(to);

/** Orders whose stock sits in the pickup hold. */
export const holdingStatuses: readonly OrderStatus[] = ['accepted', 'picking', 'ready'];
export const openStatuses: readonly OrderStatus[] = ['received', 'accepted', 'picking', 'ready'];
