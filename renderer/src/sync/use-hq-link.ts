import type { ApiError } from '../../../main/api/result';
import type { SyncStatus } from '../../../main/api/types';
import { useStoreQuery } from '../api/use-store-query';

export type HqLinkView =
  | { kind: 'loading' }
  /** Nobody signed in yet and no status heard: the status bar shows nothing. */
  | { kind: 'unknown' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'not-configured' }
  /** `retryAt` is a Date.now() time, worked out from when the status arrived. */
  | { kind: 'linked'; status: SyncStatus; retryAt: number | null };

/**
 * The store's link with HQ, for the status bar, the Sync page and the counter: 'sync.status'
 * through the query cache, which every 'sync.changed' overwrites with the link's new status.
 * The core reports the link whenever its state, backlog, acknowledgements or dead letters
 * change (main/sync/hq-link.ts), so the cached answer is only re-read when the cache says so:
 * a sign-in, a reconnect.
 */
export function useHqLink(): { view: HqLinkView; reload(): void } {
  const { view, reload, updatedAt } = useStoreQuery('sync.status', {}, { untilInvalidated: true });
  if (view.kind === 'ready') {
    const status = view.value;
    if (status === null) return { view: { kind: 'not-configured' }, reload };
    const retryAt = status.nextRetryInMs === null ? null : updatedAt + status.nextRetryInMs;
    return { view: { kind: 'linked', status, retryAt }, reload };
  }
  if (view.kind === 'error') return { view: view.error.code === 'NOT_SIGNED_IN' ? { kind: 'unknown' } : view, reload };
  return { view, reload };
}
