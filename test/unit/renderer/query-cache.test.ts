import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/events';
import { applyEvent, createQueryCache, storeQueryKey } from '../../../renderer/src/api/query-cache';

/** A cache holding one answer per read a screen might show. */
function filledCache() {
  const cache = createQueryCache();
  const reads = {
    levelsOil: storeQueryKey('stock.levels', { sku: 'SKU-OIL' }),
    levelsRice: storeQueryKey('stock.levels', { sku: 'SKU-RICE' }),
    incomingOil: storeQueryKey('stock.incoming', { sku: 'SKU-OIL' }),
    priceOil: storeQueryKey('pricing.schedule', { sku: 'SKU-OIL' }),
    pricesRice: storeQueryKey('pricing.schedule', { sku: 'SKU-RICE' }),
    // The product view's movement pages, keyed like a plain stock.history read.
    historyPagesOil: ['stock.history', { sku: 'SKU-OIL', limit: 50, paged: true }] as const,
    lookupByGtin: storeQueryKey('catalog.lookup', { code: '8412345000010' }),
    detailW1: storeQueryKey('orders.detail', { orderId: 'W-1' }),
    detailW2: storeQueryKey('orders.detail', { orderId: 'W-2' }),
    queue: storeQueryKey('orders.queue', {}),
    printers: storeQueryKey('printing.printers', {}),
    jobs: storeQueryKey('printing.jobs', {}),
    devices: storeQueryKey('devices.list', {}),
    shelves: storeQueryKey('shelves.list', {}),
    session: storeQueryKey('session.current', {}),
  };
  for (const key of Object.values(reads)) cache.setQueryData(key, {});
  cache.setQueryData(reads.lookupByGtin, { product: { sku: 'SKU-OIL' } });
  const stale = () =>
    Object.entries(reads)
      .filter(([, key]) => cache.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { cache, stale };
}

const staleAfter = (event: CoreEvent) => {
  const { cache, stale } = filledCache();
  applyEvent(cache, event);
  return stale();
};

test('an event makes stale exactly the cached reads it names: by SKU, by order id, or the station-wide list', () => {
  assert.deepEqual(staleAfter({ event: 'stock.changed', payload: { skus: ['SKU-OIL'] } }), ['historyPagesOil', 'incomingOil', 'levelsOil', 'lookupByGtin', 'priceOil']);
  assert.deepEqual(staleAfter({ event: 'orders.changed', payload: { orderIds: ['W-2'] } }), ['detailW2', 'queue']);
  assert.deepEqual(staleAfter({ event: 'printing.changed', payload: { printers: ['counter'], jobIds: [] } }), ['jobs', 'printers']);
  assert.deepEqual(staleAfter({ event: 'devices.changed', payload: { identities: ['serial:::/dev/ttyS0'] } }), ['devices']);
  assert.deepEqual(staleAfter({ event: 'shelves.changed', payload: { sensorIds: ['s1'] } }), ['shelves']);
  assert.deepEqual(staleAfter({ event: 'device.scan', payload: { text: 'x', symbology: null, device: 'd' } }), []);
});

test('a session change stores the new session and makes every other read stale', () => {
  const { cache, stale } = filledCache();
  const session = { store: 's', station: 't', staff: null };
  applyEvent(cache, { event: 'session.changed', payload: session });
  assert.deepEqual(cache.getQueryData(storeQueryKey('session.current', {})), session);
  assert.equal(stale().includes('session'), false);
  assert.equal(stale().length, 14);
});
