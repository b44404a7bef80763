import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreEventName } from '../../../main/api/contract';
import type { ApiError, Result } from '../../../main/api/result';
import { useClient, useConnection } from '../api/client-context';

export type LiveView<T> =
  | { kind: 'loading' }
  | { kind: 'error'; error: ApiError }
  /** `error`: the last re-read failed; `value` is what was read before it. */
  | { kind: 'ready'; value: T; error: ApiError | null };

export interface LiveReadOptions<T> {
  /** One read of the core; keep it stable (useCallback) or the hook re-reads every render. */
  read: () => Promise<Result<unknown>>;
  check: (value: unknown) => value is T;
  /** Events after which the answer may have changed. */
  events: readonly CoreEventName[];
  /**
   * Also re-read this often while mounted: printer status is polled by the core,
   * and an event missed while the link was down would otherwise never come.
   */
  everyMs: number | null;
  enabled?: boolean;
  /** A failure that will not go away by asking again (e.g. FORBIDDEN): stop re-reading. */
  final?: (error: ApiError) => boolean;
}

/** A query kept current by events and a slow re-read; only the newest answer is shown. */
export function useLiveRead<T>({ read, check, events, everyMs, enabled = true, final }: LiveReadOptions<T>) {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [view, setView] = useState<LiveView<T>>({ kind: 'loading' });
  const [stopped, setStopped] = useState(false);
  const latest = useRef(0);

  const settle = useCallback(
    (result: Result<unknown>) => {
      if (result.ok && check(result.value)) {
        setView({ kind: 'ready', value: result.value, error: null });
        return;
      }
      const error: ApiError = result.ok ? { code: 'INTERNAL', message: 'The core answered an unexpected shape.' } : result.error;
      const forGood = final?.(error) ?? false;
      if (forGood) setStopped(true);
      setView((current) => (current.kind === 'ready' && !forGood ? { ...current, error } : { kind: 'error', error }));
    },
    [check, final],
  );

  /** Reads once; only the newest read's answer is shown. */
  const load = useCallback(() => {
    const request = ++latest.current;
    return read().then((result) => {
      if (request === latest.current) settle(result);
    });
  }, [read, settle]);

  const live = connected && enabled && !stopped;

  useEffect(() => {
    if (live) void load();
  }, [live, load]);

  useEffect(() => {
    if (!live) return;
    return client.subscribe((event) => {
      if (events.includes(event.event)) void load();
    });
  }, [client, live, events, load]);

  useEffect(() => {
    if (!live || everyMs === null) return;
    const timer = setInterval(() => void load(), everyMs);
    return () => clearInterval(timer);
  }, [live, everyMs, load]);

  const reload = useCallback(() => {
    setStopped(false);
    setView((current) => (current.kind === 'ready' ? current : { kind: 'loading' }));
    void load();
  }, [load]);

  return { view, reload };
}
