import type { ApiError } from '../../../main/api/result';
import type { SessionInfo } from '../../../main/api/types';
import { useStoreQuery } from '../api/use-store-query';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: SessionInfo }
  | { status: 'error'; error: ApiError };

/**
 * Who is signed in at this station, through the cache: 'session.changed' carries
 * the new session into it, and a reconnect re-reads it (events sent while the
 * link was down are lost).
 */
export function useStationSession(): { state: SessionState; reload(): void; set(session: SessionInfo): void } {
  const { view, reload, set } = useStoreQuery('session.current', {});
  const state: SessionState =
    view.kind === 'ready' ? { status: 'ready', session: view.value } : view.kind === 'error' ? { status: 'error', error: view.error } : { status: 'loading' };
  return { state, reload, set };
}
