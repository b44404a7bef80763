import { QueryClient, type Query } from '@tanstack/react-query';
import type { CoreEvent, ProcedureInput, ProcedureName, ProcedureOutput } from '../../../main/api/contract';
import type { OrderInfo } from '../../../main/api/types';
import { byPromisedTime } from '../orders/order-progress';
import type { ConsoleClient } from './console-client';

// One cache for what the screens read of the core, keyed by procedure and input.
// The core's change events name the ids that changed (main/api/events.ts); each
// invalidates the cached reads it can affect, and the mounted ones re-read. A
// reconnect re-reads everything, for the events missed while the link was down:
// no screen polls for what an event covers. The pickup queue, up to 10,000
// orders, is the one list patched instead: a shown queue asks for the changed
// orders only (orders.queueRows) and swaps them in.

export type StoreQueryKey = readonly [ProcedureName, unknown];

const procedureOf = (query: Query) => query.queryKey[0] as ProcedureName;
const inputOf = (query: Query) => query.queryKey[1] as Record<string, unknown>;
const oneOf = (names: readonly ProcedureName[]) => (query: Query) => names.includes(procedureOf(query));

/** The cached reads an event can have made stale; null: the event changes nothing a read shows. `patched`: queues patched instead. */
export function staleReadsAfter(event: CoreEvent, patched: ReadonlySet<Query> = new Set()): ((query: Query) => boolean) | null {
  switch (event.event) {
    case 'stock.changed': {
      const skus = new Set(event.payload.skus);
      return (query) => {
        const name = procedureOf(query);
        // A due price change is announced as stock.changed for its SKUs too (sync's price timer).
        if (name === 'stock.levels' || name === 'stock.history' || name === 'stock.incoming' || name === 'pricing.schedule') {
          return skus.has(String(inputOf(query).sku));
        }
        // A lookup is keyed by the code typed; what it found says which SKU it is.
        if (name === 'catalog.lookup') {
          const found = query.state.data as ProcedureOutput<'catalog.lookup'> | undefined;
          return found === undefined || skus.has(found.product.sku);
        }
        return name === 'ledger.check';
      };
    }
    case 'orders.changed': {
      const ids = new Set(event.payload.orderIds);
      return (query) => {
        const name = procedureOf(query);
        if (name === 'orders.queue') return !patched.has(query);
        // The demo customer's phone lists open orders: one arriving or ending changes it.
        if (name === 'dev.customerCodes') return true;
        if (name === 'orders.detail') return ids.has(String(inputOf(query).orderId));
        if (name === 'orders.find') {
          const found = query.state.data as ProcedureOutput<'orders.find'> | undefined;
          return found === undefined || ids.has(found.orderId);
        }
        return false;
      };
    }
    // The lists below are whole-station reads: any id they name makes them stale.
    case 'customers.changed':
      return oneOf(['customers.arrivals', 'customers.tasks', 'customers.openings']);
    case 'printing.changed':
      return oneOf(['printing.printers', 'printing.jobs', 'dev.printerPreview', 'dev.printerState']);
    // A label queued (HQ announced a price), sent to a printer or printed.
    case 'labels.changed':
      return oneOf(['labels.queue']);
    case 'devices.changed':
      return oneOf(['devices.list', 'setup.status']);
    case 'shelves.changed':
      return oneOf(['shelves.list', 'shelves.mapping', 'shelves.alerts']);
    // Signing in or out changes what may be read at all.
    case 'session.changed':
      return (query) => procedureOf(query) !== 'session.current';
    case 'stations.changed':
      return oneOf(['stations.list']);
    case 'cash.changed':
      return oneOf(['cash.endOfDay']);
    case 'transfers.changed': {
      const ids = new Set(event.payload.transferIds);
      return (query) => {
        const name = procedureOf(query);
        // What is in transit here is the product view's "incoming".
        return name === 'transfers.list' || name === 'stock.incoming' || (name === 'transfers.detail' && ids.has(String(inputOf(query).transferId)));
      };
    }
    case 'deadLetters.changed':
      return oneOf(['sync.deadLetters']);
    case 'receiving.changed': {
      const ids = new Set(event.payload.receiptIds);
      return (query) => {
        const name = procedureOf(query);
        // An ASN arriving or a receipt closing changes the product view's "incoming".
        if (name === 'receiving.list' || name === 'stock.incoming') return true;
        return name === 'receiving.detail' && ids.has(String(inputOf(query).receiptId));
      };
    }
    case 'returns.changed':
      return oneOf(['returns.list']);
    case 'counts.changed': {
      const ids = new Set(event.payload.countIds);
      return (query) => procedureOf(query) === 'counts.list' || (procedureOf(query) === 'counts.detail' && ids.has(String(inputOf(query).countId)));
    }
    // A paired station back on its host re-reads everything: the store went on without it.
    case 'stations.link':
      return event.payload.state === 'online' ? () => true : null;
    // HQ acknowledging the store's messages is HQ hearing an order's status: the demo customer's phone follows it.
    case 'sync.changed':
      return oneOf(['dev.customerCodes']);
    case 'device.scan':
    case 'setup.restarting':
    case 'setup.pairing':
    case 'printing.forStation':
      return null;
  }
}

const sameForEveryMember: ReadonlySet<ProcedureName> = new Set(['session.current', 'setup.status', 'sync.status']);

/** Applies one event to the cache: values it carries are stored, reads it makes stale are re-read, shown queues patched. */
export function applyEvent(cache: QueryClient, event: CoreEvent, patcher?: QueuePatcher): void {
  if (event.event === 'session.changed') {
    const sessionKey = storeQueryKey('session.current', {});
    const before = cache.getQueryData<ProcedureOutput<'session.current'>>(sessionKey);
    cache.setQueryData(sessionKey, event.payload);
    // What one member read (or was refused, even for good) is not shown to the next: forgotten, and read again.
    // The station's own state reads the same for everyone, and the console's frame stands on it: only re-read.
    if (before?.staff?.id !== event.payload.staff?.id) {
      void cache.resetQueries({ predicate: (query) => query.state.status === 'error' || !sameForEveryMember.has(procedureOf(query)) });
    }
  }
  if (event.event === 'sync.changed') cache.setQueryData(storeQueryKey('sync.status', {}), event.payload);
  if (event.event === 'stations.link') cache.setQueryData(storeQueryKey('stations.linkStatus', {}), event.payload);
  if (event.event === 'orders.changed' && patcher) {
    const queues = cache.getQueryCache().findAll({ predicate: isPatchableQueue });
    patcher.patch(queues.map((q) => q.queryKey as StoreQueryKey), event.payload.orderIds);
    const stale = staleReadsAfter(event, new Set(queues));
    if (stale) void cache.invalidateQueries({ predicate: stale });
    return;
  }
  const stale = staleReadsAfter(event);
  if (stale) void cache.invalidateQueries({ predicate: stale });
}

/**
 * A queue list an 'orders.changed' patches in place: on a screen, holding a
 * list, and not being read right now (a read under way may predate the change:
 * that one is read again instead).
 */
function isPatchableQueue(query: Query): boolean {
  return (
    procedureOf(query) === 'orders.queue' &&
    query.getObserversCount() > 0 &&
    query.state.data !== undefined &&
    query.state.fetchStatus === 'idle' &&
    !query.state.isInvalidated
  );
}

export interface QueuePatcher {
  /** Asks for these orders as each of these queues shows them, and swaps them into each list. */
  patch(queues: StoreQueryKey[], orderIds: string[]): void;
}

/**
 * The changed orders swapped into a queue list kept in promised-time order (as
 * the core answers it): each changed one taken out, and put back where it sorts
 * if it is still in this queue. Rows that did not change keep their identity, so
 * React skips them, and nothing is sorted again.
 */
export function patchQueueList(list: readonly OrderInfo[], orderIds: readonly string[], rows: readonly OrderInfo[]): OrderInfo[] {
  const changed = new Set(orderIds);
  const next = list.filter((order) => !changed.has(order.orderId));
  for (const row of rows) next.splice(sortedIndex(next, row), 0, row);
  return next;
}

/** Where `row` goes in a list sorted by promised time: after its equals. */
function sortedIndex(list: readonly OrderInfo[], row: OrderInfo): number {
  let [low, high] = [0, list.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byPromisedTime(list[middle]!, row) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Patches queues one event after another, so a later change never lands under
 * an earlier one. A queue that is being read meanwhile is left to that read; a
 * failed patch falls back to reading the whole list again.
 */
export function createQueuePatcher(client: ConsoleClient, cache: QueryClient): QueuePatcher {
  let previous: Promise<void> = Promise.resolve();
  async function patchOne(key: StoreQueryKey, orderIds: string[]): Promise<void> {
    const filter = key[1] as ProcedureInput<'orders.queue'>;
    const result = await client.call('orders.queueRows', { ...filter, ids: orderIds });
    const query = cache.getQueryCache().find({ queryKey: key, exact: true });
    if (!query || query.state.data === undefined || query.state.fetchStatus !== 'idle') return;
    if (!result.ok) return void cache.invalidateQueries({ queryKey: key, exact: true });
    cache.setQueryData(key, patchQueueList(query.state.data as OrderInfo[], orderIds, result.value));
  }
  return {
    patch(queues, orderIds) {
      if (queues.length === 0) return;
      previous = previous.then(() => Promise.all(queues.map((key) => patchOne(key, orderIds)))).then(() => undefined);
    },
  };
}

export function storeQueryKey<N extends ProcedureName>(name: N, input: ProcedureInput<N>): StoreQueryKey {
  return [name, input];
}

/** Reads one procedure for the cache: a refusal becomes the query's error. */
export function readThrough<N extends ProcedureName>(client: ConsoleClient, name: N, input: ProcedureInput<N>) {
  return async (): Promise<ProcedureOutput<N>> => {
    const result = await client.call(name, input);
    if (!result.ok) throw result.error;
    return result.value;
  };
}

export function createQueryCache(): QueryClient {
  const cache = new QueryClient({
    defaultOptions: {
      queries: {
        // A failed read is shown, and asked again by the next event or by the person; never retried blindly.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
  // A queue of 10,000 compared deeply with the last one on every patch costs more than
  // the patch: patchQueueList already keeps every unchanged row the same object.
  cache.setQueryDefaults(storeQueryKey('orders.queue', {}).slice(0, 1), { structuralSharing: false });
  return cache;
}

/** Keeps the cache current: every event applied, every reconnect re-reads all. */
export function followEvents(client: ConsoleClient, cache: QueryClient): () => void {
  const patcher = createQueuePatcher(client, cache);
  const unsubscribe = client.subscribe((event) => applyEvent(cache, event, patcher));
  let wasConnected = client.connection().status === 'connected';
  const unwatch = client.onConnectionChange((state) => {
    const connected = state.status === 'connected';
    if (connected && !wasConnected) void cache.invalidateQueries();
    wasConnected = connected;
  });
  return () => {
    unsubscribe();
    unwatch();
  };
}

