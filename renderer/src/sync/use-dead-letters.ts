import { useCallback, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { DeadLetterInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useStoreQuery } from '../api/use-store-query';

export type DeadLetterView =
  | { kind: 'loading' }
  /** The signed-in member's role may not see them (a manager's job). */
  | { kind: 'forbidden' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'ready'; letters: DeadLetterInfo[]; refreshing: boolean };

export type RetryState =
  | { kind: 'busy' }
  | { kind: 'done'; ok: boolean; outcome: string }
  | { kind: 'error'; error: ApiError };

const shownLimit = 200;
const forbidden = (error: ApiError) => error.code === 'FORBIDDEN';

/**
 * The messages from HQ set aside as dead letters, through the query cache: 'deadLetters.changed'
 * (a message set aside, retried or resolved, here or by anyone) makes the list stale, and it is read again.
 */
export function useDeadLetters() {
  const client = useClient();
  const list = useStoreQuery('sync.deadLetters', { limit: shownLimit }, { final: forbidden, untilInvalidated: true });
  const [retries, setRetries] = useState<ReadonlyMap<number, RetryState>>(new Map());
  const [retryForbidden, setRetryForbidden] = useState(false);

  const view: DeadLetterView =
    retryForbidden || (list.view.kind === 'error' && forbidden(list.view.error))
      ? { kind: 'forbidden' }
      : list.view.kind === 'ready'
        ? { kind: 'ready', letters: list.view.value, refreshing: list.fetching }
        : list.view;

  const retry = useCallback(
    async (id: number) => {
      setRetries((current) => new Map(current).set(id, { kind: 'busy' }));
      const result = await client.call('sync.retryDeadLetter', { id });
      const state: RetryState = result.ok ? { kind: 'done', ok: result.value.ok, outcome: result.value.outcome } : { kind: 'error', error: result.error };
      setRetries((current) => new Map(current).set(id, state));
      if (!result.ok && forbidden(result.error)) setRetryForbidden(true);
    },
    [client],
  );

  return { view, retries, reload: list.reload, retry };
}
