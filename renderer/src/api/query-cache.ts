import { QueryClient, type Query } from '@tanstack/react-query';
import type { CoreEvent, ProcedureInput, ProcedureName, ProcedureOutput } from '../../../main/api/contract';
import type { ConsoleClient } from './console-client';

// One cache for what the screens read of the core, keyed by procedure and input.
// The core's change events name the ids that changed (main/api/events.ts); each
// invalidates the cached reads it can affect, and the mounted ones re-read. A
// reconnect re-reads everything, for the events missed while the link was down:
// no screen polls for what an event covers.

export type StoreQueryKey = readonly [ProcedureName, unknown];

const procedureOf = (query: Query) => query.queryKey[0] as ProcedureName;
const inputOf = (query: Query) => query.queryKey[1] as Record<string, unknown>;
const oneOf = (names: readonly ProcedureName[]) => (query: Query) => names.includes(procedureOf(query));

/** The cached reads an event can have made stale; null: the event changes nothing a read shows. */
export function staleReadsAfter(event: CoreEvent): ((query: Query) => boolean) | null {
  switch (event.event) {
    case 'stock.changed': {
      const skus = new Set(event.payload.skus);
      return (query) => {
        const name = procedureOf(query);
        if (name === 'stock.levels' || name === 'stock.history') return skus.has(String(inputOf(query).sku));
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
        if (name === 'orders.queue') return true;
        if (name === 'orders.detail') return ids.has(String(inputOf(query).orderId));
        if (name === 'orders.find') {
          const found = query.state.data as ProcedureOutput<'orders.find'> | undefined;
          return found === undefined || ids.has(found.orderId);
        }
        return false;
      };
    }
    // The lists below are whole-station reads: any id they name makes them stale.
    case 'printing.changed':
      return oneOf(['printing.printers', 'printing.jobs', 'dev.printerPreview', 'dev.printerState']);
    case 'devices.changed':
      return oneOf(['devices.list', 'setup.status']);
    case 'shelves.changed':
      return oneOf(['shelves.list', 'shelves.mapping']);
    // Signing in or out changes what may be read at all.
    case 'session.changed':
      return (query) => procedureOf(query) !== 'session.current';
    case 'stations.changed':
      return oneOf(['stations.list']);
    // A paired station back on its host re-reads everything: the store went on without it.
    case 'stations.link':
      return event.payload.state === 'online' ? () => true : null;
    case 'sync.changed':
    case 'device.scan':
    case 'setup.restarting':
    case 'setup.pairing':
    case 'printing.forStation':
      return null;
  }
}

/** Applies one event to the cache: values it carries are stored, reads it makes stale are re-read. */
export function applyEvent(cache: QueryClient, event: CoreEvent): void {
  if (event.event === 'session.changed') cache.setQueryData(storeQueryKey('session.current', {}), event.payload);
  if (event.event === 'sync.changed') cache.setQueryData(storeQueryKey('sync.status', {}), event.payload);
  if (event.event === 'stations.link') cache.setQueryData(storeQueryKey('stations.linkStatus', {}), event.payload);
  const stale = staleReadsAfter(event);
  if (stale) void cache.invalidateQueries({ predicate: stale });
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
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A failed read is shown, and asked again by the next event or by the person; never retried blindly.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** Keeps the cache current: every event applied, every reconnect re-reads all. */
export function followEvents(client: ConsoleClient, cache: QueryClient): () => void {
  const unsubscribe = client.subscribe((event) => applyEvent(cache, event));
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

