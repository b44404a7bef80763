import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/result';
import { useClient, useConnection } from './client-context';
import { createQueryCache, followEvents, readThrough, storeQueryKey, type StoreQueryKey } from './query-cache';

export function QueryCacheProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [cache] = useState(createQueryCache);
  useEffect(() => followEvents(client, cache), [client, cache]);
  return <QueryClientProvider client={cache}>{children}</QueryClientProvider>;
}

export type LiveView<T> =
  | { kind: 'loading' }
  | { kind: 'error'; error: ApiError }
  /** `error`: the last re-read failed; `value` is what was read before it. */
  | { kind: 'ready'; value: T; error: ApiError | null };

export interface StoreQueryOptions {
  enabled?: boolean;
  /** A failure that will not go away by asking again (e.g. FORBIDDEN): events stop re-reading it; reload() still does. */
  final?: (error: ApiError) => boolean;
  /** The cache was seeded with a fresh answer: re-read only when an event or a reconnect says so, not on mount. */
  untilInvalidated?: boolean;
}

/** One procedure's answer for one input, through the cache: kept current by the core's events. */
export function useStoreQuery<N extends ProcedureName>(name: N, input: ProcedureInput<N>, { enabled = true, final, untilInvalidated = false }: StoreQueryOptions = {}) {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const query = useQuery<ProcedureOutput<N>, ApiError>({
    queryKey: storeQueryKey(name, input),
    queryFn: readThrough(client, name, input),
    enabled: (query) => connected && enabled && !(query.state.status === 'error' && query.state.error && final?.(query.state.error)),
    ...(untilInvalidated ? { staleTime: Infinity } : {}),
  });
  const cache = useQueryClient();
  const { data, error, refetch, isFetching, dataUpdatedAt } = query;
  const view: LiveView<ProcedureOutput<N>> =
    data !== undefined ? { kind: 'ready', value: data, error: error ?? null } : error ? { kind: 'error', error } : { kind: 'loading' };
  const hasValue = data !== undefined;
  const key = JSON.stringify(storeQueryKey(name, input));
  /** Asks again; with nothing shown yet the screen goes back to loading meanwhile. */
  const reload = useCallback(() => {
    if (hasValue) void refetch();
    else void cache.resetQueries({ queryKey: JSON.parse(key) as StoreQueryKey, exact: true });
  }, [cache, hasValue, key, refetch]);
  /** Shows a value the screen already has (a command's reply) without asking again. */
  const set = useCallback((value: ProcedureOutput<N>) => cache.setQueryData(JSON.parse(key) as StoreQueryKey, value), [cache, key]);
  /** When the shown value arrived (Date.now() time): an answer's relative times count from it. */
  return { view, reload, set, fetching: isFetching, updatedAt: dataUpdatedAt };
}
