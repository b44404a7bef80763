import type { OrderInfo, OrderLineInfo, OrderStatus } from '../../../main/api/types';

export const orderStatuses = ['received', 'accepted', 'picking', 'ready', 'collected', 'rejected', 'cancelled', 'not_collected'] as const satisfies readonly OrderStatus[];

/** Statuses still racing the promised time: once ready, the promise is kept. */
const againstTheClock: readonly OrderStatus[] = ['received', 'accepted', 'picking'];
export const cancellable: readonly OrderStatus[] = ['received', 'accepted', 'picking', 'ready'];

/** Seconds left until the promised time (negative when overdue), or null when no clock runs. */
export function slaSeconds(order: Pick<OrderInfo, 'status' | 'promisedAt'>, now: number): number | null {
  if (!order.promisedAt || !againstTheClock.includes(order.status)) return null;
  const due = Date.parse(order.promisedAt);
  return Number.isNaN(due) ? null : Math.floor((due - now) / 1000);
}

/** "1 h 05 min", "4 min 09 s", "12 s": the size of the remaining time, without a sign. */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${two(rest)} s`;
  return `${rest} s`;
}

export const lineDone = (line: OrderLineInfo) => line.picked + line.shortQty >= line.qty;
export const allLinesDone = (order: Pick<OrderInfo, 'lines'>) => order.lines.length > 0 && order.lines.every(lineDone);

export function pickProgress(order: Pick<OrderInfo, 'lines'>): { picked: number; short: number; total: number } {
  let picked = 0;
  let short = 0;
  let total = 0;
  for (const line of order.lines) {
    picked += line.picked;
    short += line.shortQty;
    total += line.qty;
  }
  return { picked, short, total };
}

/** Units the customer took home on a line: what can be returned at most, before earlier returns. */
export const delivered = (line: OrderLineInfo) => Math.max(0, line.picked - line.refused);

/**
 * Orders by promised time (none last), then number, as the counter works them:
 * the order orders.queue answers in, which a patched list keeps.
 */
export function byPromisedTime(a: OrderInfo, b: OrderInfo): number {
  const [dueA, dueB] = [a.promisedAt === null ? Infinity : Date.parse(a.promisedAt), b.promisedAt === null ? Infinity : Date.parse(b.promisedAt)];
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
}
