import { createHash } from 'node:crypto';
import type { UpEvent } from '../sync/protocol';

type Movement = Extract<UpEvent, { type: 'stock.movement' }>['data'];
export type ReceiptClosed = Extract<UpEvent, { type: 'receipt.closed' }>['data'];
type CountClosed = Extract<UpEvent, { type: 'count.closed' }>['data'];
export type KpiDigest = Extract<UpEvent, { type: 'kpi.digest' }>['data'];

/**
 * HQ's copy of one store, built only from the store's sequenced events. It
 * takes events strictly in order: a duplicate is ignored, one after a gap is
 * parked until the gap is filled.
 */
export function createStoreReplica(store: string) {
  let next = 1;
  const parked = new Map<number, UpEvent>();
  const levels = new Map<string, number>(); // `${sku}\u0000${location}` → qty
  const movementSeqs: number[] = [];
  const sumBySku = new Map<string, number>();
  const orderStatus = new Map<string, { status: string; data: Record<string, unknown> }>();
  const others: UpEvent[] = [];
  /** Each receipt the store closed, as it told HQ (in outbox order: a repeat is a duplicate seq, never stored twice). */
  const receiptsClosed: ReceiptClosed[] = [];
  const countsClosed: CountClosed[] = [];
  /** The store's daily KPI digests, in the order sent (one per store day). */
  const kpiDigests: KpiDigest[] = [];
  let duplicates = 0;

  function applyOne(event: UpEvent) {
    if (event.type === 'stock.movement') {
      const m: Movement = event.data;
      movementSeqs.push(m.seq);
      sumBySku.set(m.sku, (sumBySku.get(m.sku) ?? 0) + m.qty);
      const add = (location: string, delta: number) => {
        const key = `${m.sku}\u0000${location}`;
        levels.set(key, (levels.get(key) ?? 0) + delta);
      };
      add(m.from, -m.qty);
      add(m.to, m.qty);
    } else if (event.type === 'receipt.closed') {
      receiptsClosed.push(event.data);
    } else if (event.type === 'order.status') {
      const orderId = String(event.data.orderId);
      orderStatus.set(orderId, { status: String(event.data.status), data: event.data });
      others.push(event);
    } else if (event.type === 'count.closed') {
      countsClosed.push(event.data);
      others.push(event);
    } else if (event.type === 'kpi.digest') {
      kpiDigests.push(event.data);
    } else {
      others.push(event);
    }
  }

  return {
    store,
    /** Takes a batch; returns the first missing sequence if a gap was seen, and the events applied now, in order. */
    receive(events: UpEvent[]): { gapAt: number | null; applied: UpEvent[] } {
      const applied: UpEvent[] = [];
      for (const event of events) {
        if (event.seq < next || parked.has(event.seq)) {
          duplicates++;
          continue;
        }
        parked.set(event.seq, event);
      }
      while (parked.has(next)) {
        applied.push(parked.get(next)!);
        applyOne(parked.get(next)!);
        parked.delete(next);
        next++;
      }
      return { gapAt: parked.size > 0 ? next : null, applied };
    },
    /** Highest contiguous sequence stored. */
    contiguous: () => next - 1,
    reset() {
      next = 1;
      parked.clear();
      levels.clear();
      movementSeqs.length = 0;
      sumBySku.clear();
      orderStatus.clear();
      others.length = 0;
      receiptsClosed.length = 0;
      countsClosed.length = 0;
      kpiDigests.length = 0;
    },
    /** The same digest the store computes over its internal stock levels. */
    digest(internalLocations: ReadonlySet<string>): { levels: number; sha256: string } {
      const lines = [...levels.entries()]
        .map(([key, qty]) => {
          const [sku, location] = key.split('\u0000') as [string, string];
          return { sku, location, qty };
        })
        .filter((l) => l.qty !== 0 && internalLocations.has(l.location))
        .map((l) => `${l.sku}|${l.location}|${l.qty}`)
        .sort();
      return { levels: lines.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
    },
    /** How many receipts the store closed so far; with `receiptsClosedFrom`, what one message added, without copying the view. */
    receiptsClosedCount: () => receiptsClosed.length,
    receiptsClosedFrom: (from: number) => receiptsClosed.slice(from),
    view() {
      return {
        store,
        contiguous: next - 1,
        parked: parked.size,
        duplicates,
        movementSeqs: [...movementSeqs],
        sumBySku: new Map(sumBySku),
        level: (sku: string, location: string) => levels.get(`${sku}\u0000${location}`) ?? 0,
        orderStatus: new Map(orderStatus),
        others: [...others],
        receiptsClosed: [...receiptsClosed],
        /** Stock counts the store closed, in the order it sent them (each should appear once). */
        countsClosed: [...countsClosed],
        kpiDigests: [...kpiDigests],
      };
    },
  };
}
export type StoreReplica = ReturnType<typeof createStoreReplica>;
