import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError, Result } from '../../../main/api/result';
import type { SyncStatus } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';

export type HqLinkView =
  | { kind: 'loading' }
  /** Nobody signed in yet and no event heard: the status bar shows nothing. */
  | { kind: 'unknown' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'not-configured' }
  /** `retryAt` is a Date.now() time, worked out when the status arrived. */
  | { kind: 'linked'; status: SyncStatus; retryAt: number | null };

interface HqLink {
  view: HqLinkView;
  reload(): void;
}

const HqLinkContext = createContext<HqLink | null>(null);

// The core reports the link when its state changes or HQ acknowledges, but not
// when the outbox grows (a stock change) nor when an acknowledgement is recorded
// (batched ~100 ms after it arrives, so the last report can still count it as
// pending). Re-read shortly after either, at most one read in the wait.
const rereadAfterMs = 300;

const linked = (status: SyncStatus): HqLinkView => ({
  kind: 'linked',
  status,
  retryAt: status.nextRetryInMs === null ? null : Date.now() + status.nextRetryInMs,
});

/**
 * The store's link with HQ, shared by the status bar and the Sync page: read
 * with 'sync.status' on connect and sign-in, then kept live by 'sync.changed'.
 */
export function HqLinkProvider({ staffId, children }: { staffId: string | null; children: ReactNode }) {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [view, setView] = useState<HqLinkView>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  // Bumped by every pushed status: a read that started before one must not overwrite it.
  const heard = useRef(0);

  const settle = useCallback((result: Result<SyncStatus | null>) => {
    if (result.ok) {
      // The client parsed the reply with the contract's schema.
      setView(result.value === null ? { kind: 'not-configured' } : linked(result.value));
    } else if (result.error.code === 'NOT_SIGNED_IN') {
      setView((current) => (current.kind === 'linked' ? current : { kind: 'unknown' }));
    } else {
      setView((current) => (current.kind === 'linked' ? current : { kind: 'error', error: result.error }));
    }
  }, []);

  const read = useCallback(() => {
    const startedAt = heard.current;
    void client.call('sync.status', {}).then((result) => {
      if (heard.current === startedAt) settle(result);
    });
  }, [client, settle]);

  useEffect(() => {
    if (connected) read();
  }, [connected, staffId, generation, read]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const rereadSoon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        read();
      }, rereadAfterMs);
    };
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'sync.changed') {
        heard.current++;
        setView(linked(event.payload));
        if (event.payload.state === 'online' && event.payload.backlog > 0) rereadSoon();
      } else if (event.event === 'stock.changed') {
        rereadSoon();
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, read]);

  const reload = useCallback(() => {
    setView({ kind: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  return <HqLinkContext.Provider value={{ view, reload }}>{children}</HqLinkContext.Provider>;
}

export function useHqLink(): HqLink {
  const link = useContext(HqLinkContext);
  if (!link) throw new Error('useHqLink() outside <HqLinkProvider>');
  return link;
}
