import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { SessionInfo } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: SessionInfo }
  | { status: 'error'; error: ApiError };

/**
 * Who is signed in at this station, kept current by 'session.changed' events and
 * re-read after every reconnect (events sent while the link was down are lost).
 */
export function useStationSession(): { state: SessionState; reload(): void; set(session: SessionInfo): void } {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!connected) return;
    let current = true;
    void client.call('session.current', {}).then((result) => {
      if (!current) return;
      setState(result.ok ? { status: 'ready', session: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [client, connected, generation]);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event === 'session.changed') setState({ status: 'ready', session: event.payload });
      }),
    [client],
  );

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);
  const set = useCallback((session: SessionInfo) => setState({ status: 'ready', session }), []);
  return { state, reload, set };
}
