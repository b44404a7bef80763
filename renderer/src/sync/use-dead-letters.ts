import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../main/api/result';
import type { DeadLetterInfo } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';

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

/**
 * The messages from HQ set aside as dead letters, re-read when the link reports a
 * different count (a new one arrived, or one was resolved) and after each retry.
 */
export function useDeadLetters(deadLetterCount: number | null) {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [view, setView] = useState<DeadLetterView>({ kind: 'loading' });
  const [retries, setRetries] = useState<ReadonlyMap<number, RetryState>>(new Map());
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  const settle = useCallback((result: Result<DeadLetterInfo[]>) => {
    // The client parsed the reply with the contract's schema.
    if (result.ok) {
      setView({ kind: 'ready', letters: result.value, refreshing: false });
    } else if (result.error.code === 'FORBIDDEN') {
      setView({ kind: 'forbidden' });
    } else {
      setView({ kind: 'error', error: result.error });
    }
  }, []);

  /** Reads the list; only the newest read's answer is shown. */
  const load = useCallback(() => {
    const request = ++latest.current;
    return client.call('sync.deadLetters', { limit: shownLimit }).then((result) => {
      if (request === latest.current) settle(result);
    });
  }, [client, settle]);

  useEffect(() => {
    if (connected) void load();
  }, [connected, deadLetterCount, generation, load]);

  const reload = useCallback(() => {
    setView((current) => (current.kind === 'ready' ? { ...current, refreshing: true } : { kind: 'loading' }));
    setGeneration((g) => g + 1);
  }, []);

  const retry = useCallback(
    async (id: number) => {
      setRetries((current) => new Map(current).set(id, { kind: 'busy' }));
      const result = await client.call('sync.retryDeadLetter', { id });
      const state: RetryState = result.ok ? { kind: 'done', ok: result.value.ok, outcome: result.value.outcome } : { kind: 'error', error: result.error };
      setRetries((current) => new Map(current).set(id, state));
      if (!result.ok && result.error.code === 'FORBIDDEN') {
        setView({ kind: 'forbidden' });
        return;
      }
      setView((current) => (current.kind === 'ready' ? { ...current, refreshing: true } : current));
      await load();
    },
    [client, load],
  );

  return { view, retries, reload, retry };
}
