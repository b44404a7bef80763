import type { Store } from '../../main/compose-store';
import { createStreamApplier } from '../../main/sync/stream-appliers';
import { createSyncState } from '../../main/sync/sync-state';

let dseq = 1000;

/** Delivers an order as HQ's stream would (through the stream applier, in one transaction). */
export function receiveOrder(
  core: Store,
  orderId: string,
  lines: { lineId: string; sku: string; qty: number; ageRestricted?: boolean; unitPriceCents?: number; vatRateBp?: number }[],
  version = 1,
  type: 'order.new' | 'order.changed' = 'order.new',
) {
  const { db } = core.services;
  const applier = createStreamApplier(db, createSyncState(db), core.services);
  return db.transaction(() =>
    applier.apply({
      v: 1,
      id: `m-${dseq}`,
      at: new Date().toISOString(),
      dseq: dseq++,
      type,
      order: {
        orderId,
        version,
        customer: { name: 'Lucía Fernández', phone: '+34600111222' },
        verification: { code: '4821' },
        promisedAt: '2026-11-23T18:00:00Z',
        lines,
      },
    }),
  )();
}

/**
 * Many orders as HQ's stream would deliver them, in one transaction (a ledger
 * with a store's history in it, quickly): order `i` is W-<i padded to 5>, two
 * lines, promised `promisedAt(i)`.
 */
export function receiveManyOrders(core: Store, count: number, skus: readonly string[], promisedAt: (i: number) => string) {
  const { db } = core.services;
  const applier = createStreamApplier(db, createSyncState(db), core.services);
  const orderIds: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const orderId = `W-${String(i).padStart(5, '0')}`;
      orderIds.push(orderId);
      applier.apply({
        v: 1,
        id: `m-${dseq}`,
        at: new Date().toISOString(),
        dseq: dseq++,
        type: 'order.new',
        order: {
          orderId,
          version: 1,
          customer: { name: `Cliente ${i}`, phone: `+34600${String(i).padStart(6, '0')}` },
          verification: { code: '4821' },
          promisedAt: promisedAt(i),
          lines: [
            { lineId: 'L1', sku: skus[i % skus.length]!, qty: 1 + (i % 3) },
            { lineId: 'L2', sku: skus[(i + 1) % skus.length]!, qty: 1 },
          ],
        },
      });
    }
  })();
  return orderIds;
}

export function cancelFromHq(core: Store, orderId: string, version: number) {
  const { db } = core.services;
  const applier = createStreamApplier(db, createSyncState(db), core.services);
  return db.transaction(() =>
    applier.apply({ v: 1, id: `m-${dseq}`, at: new Date().toISOString(), dseq: dseq++, type: 'order.cancelled', orderId, version, reason: 'customer cancelled' }),
  )();
}

export const clerk = { staff: 'pablo', station: 'counter-1' };

/** Stock for the small catalog: 10 of each on the floor, 5 in the back room. */
export function stockUp(core: Store) {
  for (const sku of ['SKU-OIL', 'SKU-RICE', 'SKU-SOAP']) {
    core.services.movements.append({ sku, qty: 10, from: 'supplier', to: 'sales_floor', reason: 'receipt', staff: 'ana', station: 'counter-1' });
    core.services.movements.append({ sku, qty: 5, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'ana', station: 'counter-1' });
  }
}

export const level = (core: Store, sku: string, location: string) =>
  core.services.levels.at(sku, location);
