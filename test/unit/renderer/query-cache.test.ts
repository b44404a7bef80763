import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreEvent, CoreEvents } from '../../../main/api/events';
import type { OrderInfo } from '../../../main/api/types';
import { applyEvent, createQueryCache, patchQueueList, storeQueryKey } from '../../../renderer/src/api/query-cache';

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
    deadLetters: storeQueryKey('sync.deadLetters', { limit: 200 }),
    link: storeQueryKey('sync.status', {}),
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
  assert.deepEqual(staleAfter({ event: 'deadLetters.changed', payload: { ids: [7] } }), ['deadLetters']);
  assert.deepEqual(staleAfter({ event: 'device.scan', payload: { text: 'x', symbology: null, device: 'd' } }), []);
});

test("the HQ link's status is stored from its event, so no screen re-reads or polls it", () => {
  const { cache, stale } = filledCache();
  const status = { state: 'online', backlog: 3, deadLetters: 1 } as unknown as CoreEvents['sync.changed'];
  applyEvent(cache, { event: 'sync.changed', payload: status });
  assert.deepEqual(cache.getQueryData(storeQueryKey('sync.status', {})), status);
  assert.deepEqual(stale(), []);
});

test('a session change stores the new session and makes every other read stale', () => {
  const { cache, stale } = filledCache();
  const session = { store: 's', station: 't', staff: null };
  applyEvent(cache, { event: 'session.changed', payload: session });
  assert.deepEqual(cache.getQueryData(storeQueryKey('session.current', {})), session);
  assert.equal(stale().includes('session'), false);
  // Every other read is stale, or forgotten where it was the last member's to see.
  const kept = ['stock.levels', 'stock.incoming', 'pricing.schedule', 'stock.history', 'catalog.lookup', 'orders.detail', 'orders.queue', 'printing.printers', 'printing.jobs', 'devices.list', 'shelves.list', 'sync.deadLetters', 'sync.status']
    .flatMap((name) => cache.getQueryCache().findAll({ queryKey: [name] }))
    .filter((query) => !query.state.isInvalidated);
  assert.deepEqual(kept.map((query) => query.queryKey), [], 'no read stays fresh');
  assert.ok(stale().length >= 12);
});

test("another member's sign-in forgets what the last one read or was refused, so a read refused for good is asked again", async () => {
  const cache = createQueryCache();
  const sessionKey = storeQueryKey('session.current', {});
  const marta = { store: 's', station: 't', staff: { id: 'marta', name: 'Marta', role: 'manager' } };
  const ana = { store: 's', station: 't', staff: { id: 'ana', name: 'Ana', role: 'associate' } };
  const letters = storeQueryKey('sync.deadLetters', { limit: 200 });
  const roster = storeQueryKey('staff.roster', {});
  const link = storeQueryKey('sync.status', {});
  cache.setQueryData(sessionKey, marta);
  cache.setQueryData(link, { state: 'online' });
  cache.setQueryData(letters, [{ id: 1 }]);
  const refused = Object.assign(new Error('refused'), { code: 'FORBIDDEN' });
  await cache.fetchQuery({ queryKey: roster, queryFn: () => Promise.reject(refused) }).catch(() => {});

  // The same member again (a session refresh): kept, only stale.
  applyEvent(cache, { event: 'session.changed', payload: marta } as CoreEvent);
  assert.deepEqual(cache.getQueryData(letters), [{ id: 1 }]);
  assert.equal(cache.getQueryState(roster)?.status, 'error');

  applyEvent(cache, { event: 'session.changed', payload: ana } as CoreEvent);
  assert.equal(cache.getQueryData(letters), undefined, "the manager's dead letters are not the associate's to see");
  assert.equal(cache.getQueryState(roster)?.status, 'pending', 'no longer refused: a screen showing it reads it again');
  assert.deepEqual(cache.getQueryData(sessionKey), ana);
  assert.deepEqual(cache.getQueryData(link), { state: 'online' }, "the HQ link is the station's: kept while it is read again");
  assert.equal(cache.getQueryState(link)?.isInvalidated, true);
});

test('a queue patch puts changed and new orders where they sort, drops those gone from the queue, and keeps the rest as they were', () => {
  const order = (orderId: string, status: OrderInfo['status'] = 'received', promisedAt: string | null = null): OrderInfo => ({
    orderId,
    version: 1,
    status,
    customerName: null,
    customerPhone: null,
    promisedAt,
    receivedAt: '2026-11-30T10:00:00Z',
    updatedAt: '2026-11-30T10:00:00Z',
    lines: [],
  });
  const list = [order('W-1', 'received', '2026-11-30T10:00:00Z'), order('W-2', 'received', '2026-11-30T11:00:00Z'), order('W-3'), order('W-4')];
  const next = patchQueueList(list, ['W-2', 'W-3', 'W-0', 'W-5'], [order('W-2', 'accepted', '2026-11-30T11:00:00Z'), order('W-0', 'received', '2026-11-30T10:30:00+01:00'), order('W-5')]);
  assert.deepEqual(next.map((o) => [o.orderId, o.status]), [
    ['W-0', 'received'],
    ['W-1', 'received'],
    ['W-2', 'accepted'],
    ['W-4', 'received'],
    ['W-5', 'received'],
  ], 'in promised-time order (an offset is an instant; none last, then by number)');
  assert.equal(next[1], list[0], 'an unchanged row is the same object (React skips it)');
  assert.equal(list.length, 4, 'the cached list itself is not changed');
});

test('an ASN arriving or a transfer changing makes the product view read again what is incoming', () => {
  assert.ok(staleAfter({ event: 'receiving.changed', payload: { receiptIds: [], asnIds: ['ASN-1'] } }).includes('incomingOil'));
  assert.ok(staleAfter({ event: 'transfers.changed', payload: { transferIds: ['T-1'] } }).includes('incomingOil'));
});
