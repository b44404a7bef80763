import type { Db } from '../kernel/db/open-ledger';
import type { CustomerCard } from '../sync/protocol';
import type { CustomerOrderSummary } from '../sync/hq-port';

/** Personal data stays on the station at most this long (issue 17), apart from what an open order needs. */
export const cardCacheMs = 24 * 60 * 60 * 1000;

export interface OpeningRecord {
  staff: string;
  role: string;
  station: string;
  customerId: string;
  via: string;
  panels: string[];
  withheld: string[];
}

/**
 * The customers room's tables: the card cache, the openings audit, arrivals, orders placed
 * elsewhere for a customer and follow-up tasks. `now` is the clock the cache expires by.
 */
export function createCustomerRecords(db: Db, now: () => number = Date.now) {
  const iso = () => new Date(now()).toISOString();
  const q = {
    dropExpired: db.prepare('DELETE FROM customer_cards WHERE expires_at <= ?'),
    putCard: db.prepare(
      `INSERT INTO customer_cards (customer_id, card_json, fetched_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET card_json = excluded.card_json, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
    ),
    card: db.prepare('SELECT card_json FROM customer_cards WHERE customer_id = ? AND expires_at > ?').pluck(),
    opening: db.prepare(
      'INSERT INTO customer_card_openings (at, station, staff, role, customer_id, via, panels_json, withheld_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    openings: db.prepare('SELECT * FROM customer_card_openings WHERE (@customerId IS NULL OR customer_id = @customerId) ORDER BY id DESC LIMIT @limit'),
    arrive: db.prepare('INSERT INTO customer_arrivals (customer_id, via, arrived_at) VALUES (?, ?, ?)'),
    arrivals: db.prepare('SELECT id, customer_id AS customerId, via, arrived_at AS arrivedAt FROM customer_arrivals WHERE dismissed_at IS NULL AND arrived_at > ? ORDER BY id DESC LIMIT 50'),
    dismiss: db.prepare('UPDATE customer_arrivals SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL'),
    placeOrder: db.prepare(
      `INSERT INTO customer_orders_placed (order_id, customer_id, order_json, placed_by, placed_at, updated_at) VALUES (@orderId, @customerId, @json, @by, @at, @at)
       ON CONFLICT (order_id) DO UPDATE SET order_json = excluded.order_json, updated_at = excluded.updated_at`,
    ),
    updateOrder: db.prepare('UPDATE customer_orders_placed SET order_json = ?, updated_at = ? WHERE order_id = ? AND customer_id = ?'),
    ordersOf: db.prepare('SELECT order_json FROM customer_orders_placed WHERE customer_id = ? ORDER BY placed_at DESC').pluck(),
    addTask: db.prepare('INSERT INTO customer_tasks (customer_id, assignee, due_at, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    tasks: db.prepare(
      `SELECT id, customer_id AS customerId, assignee, due_at AS dueAt, note, done_at AS doneAt FROM customer_tasks
       WHERE (@assignee IS NULL OR assignee = @assignee) AND (@open = 0 OR done_at IS NULL) ORDER BY due_at LIMIT 500`,
    ),
    completeTask: db.prepare('UPDATE customer_tasks SET done_at = ? WHERE id = ? AND done_at IS NULL'),
    eraseCards: db.prepare('DELETE FROM customer_cards WHERE customer_id = ?'),
    eraseArrivals: db.prepare('DELETE FROM customer_arrivals WHERE customer_id = ?'),
    eraseTasks: db.prepare('DELETE FROM customer_tasks WHERE customer_id = ?'),
    eraseOrders: db.prepare('DELETE FROM customer_orders_placed WHERE customer_id = ?'),
  };
  const cached = (customerId: string): CustomerCard | null => {
    const json = q.card.get(customerId, now()) as string | undefined;
    return json ? (JSON.parse(json) as CustomerCard) : null;
  };

  return {
    /** Drops every card older than 24 hours; returns how many went. */
    dropExpired: (): number => q.dropExpired.run(now()).changes,
    cacheCard(card: CustomerCard): void {
      q.putCard.run(card.customerId, JSON.stringify(card), iso(), now() + cardCacheMs);
    },
    cached,
    recordOpening(o: OpeningRecord): void {
      q.opening.run(iso(), o.station, o.staff, o.role, o.customerId, o.via, JSON.stringify(o.panels), JSON.stringify(o.withheld));
    },
    openings(customerId: string | null, limit = 100) {
      return (q.openings.all({ customerId, limit }) as Record<string, unknown>[]).map((row) => ({
        id: row.id as number,
        at: row.at as string,
        station: row.station as string,
        staff: row.staff as string,
        role: row.role as string,
        customerId: row.customer_id as string,
        via: row.via as string,
        panels: JSON.parse(row.panels_json as string) as string[],
        withheld: JSON.parse(row.withheld_json as string) as string[],
      }));
    },
    /** The customer checked in (HQ's stream, inside the inbox transaction) or staff scanned their app QR. */
    arrived(customerId: string, via: 'app' | 'scan', at: string = iso()): number {
      return Number(q.arrive.run(customerId, via, at).lastInsertRowid);
    },
    /** Today's arrivals nobody dismissed (the last 12 hours). */
    arrivals: () => q.arrivals.all(new Date(now() - 12 * 60 * 60 * 1000).toISOString()) as { id: number; customerId: string; via: 'app' | 'scan'; arrivedAt: string }[],
    dismissArrival: (id: number): boolean => q.dismiss.run(iso(), id).changes > 0,
    placedOrder(customerId: string, order: CustomerOrderSummary, by: string): void {
      q.placeOrder.run({ orderId: order.orderId, customerId, json: JSON.stringify(order), by, at: iso() });
    },
    /** HQ's tracking for an order placed here; false when this store did not place it. */
    orderUpdated(customerId: string, order: CustomerOrderSummary): boolean {
      const changed = q.updateOrder.run(JSON.stringify(order), iso(), order.orderId, customerId).changes > 0;
      const card = cached(customerId);
      if (card) {
        const openOrders = [order, ...card.openOrders.filter((o) => o.orderId !== order.orderId)];
        q.putCard.run(customerId, JSON.stringify({ ...card, openOrders }), iso(), now() + cardCacheMs);
      }
      return changed;
    },
    placedOrders: (customerId: string) => (q.ordersOf.all(customerId) as string[]).map((json) => JSON.parse(json) as CustomerOrderSummary),
    addTask(task: { customerId: string; assignee: string; dueAt: string; note: string; createdBy: string }): number {
      return Number(q.addTask.run(task.customerId, task.assignee, task.dueAt, task.note, task.createdBy, iso()).lastInsertRowid);
    },
    tasks(assignee: string | null, openOnly: boolean) {
      return (q.tasks.all({ assignee, open: openOnly ? 1 : 0 }) as { id: number; customerId: string; assignee: string; dueAt: string; note: string; doneAt: string | null }[]).map((t) => ({
        ...t,
        customerName: cached(t.customerId)?.profile.name ?? null,
      }));
    },
    completeTask: (id: number): boolean => q.completeTask.run(iso(), id).changes > 0,
    /**
     * The right to erasure, for this room's tables: the cached card, arrivals, tasks and orders
     * placed go; the openings audit stays (it names only HQ's pseudonymous id). Returns the
     * personal strings the card held, so the other rooms can find their copies.
     */
    erase(customerId: string): string[] {
      const card = db.prepare('SELECT card_json FROM customer_cards WHERE customer_id = ?').pluck().get(customerId) as string | undefined;
      const parsed = card ? (JSON.parse(card) as CustomerCard) : null;
      for (const statement of [q.eraseCards, q.eraseArrivals, q.eraseTasks, q.eraseOrders]) statement.run(customerId);
      return parsed ? [parsed.profile.name, parsed.profile.phone, parsed.profile.email, parsed.loyalty.cardNumber].filter((s): s is string => !!s) : [];
    },
  };
}
export type CustomerRecords = ReturnType<typeof createCustomerRecords>;
