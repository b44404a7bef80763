import { useCallback, useEffect, useState } from 'react';
import type { SetupStatus } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';

export type SetupView = { kind: 'loading' } | { kind: 'ready'; status: SetupStatus } | { kind: 'unavailable' };

/**
 * Whether this station still needs its first-run set-up. A core that offers no
 * set-up (a test core, an older core) counts as set up, so the console goes on.
 */
export function useSetupStatus() {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [view, setView] = useState<SetupView>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!connected) return;
    let current = true;
    void client.call('setup.status', {}).then((result) => {
      if (current) setView(result.ok ? { kind: 'ready', status: result.value } : { kind: 'unavailable' });
    });
    return () => {
      current = false;
    };
  }, [client, connected, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { view, set: (status: SetupStatus) => setView({ kind: 'ready', status }), reload };
}

/** The console restarts on a new configuration: reload once the core is back, so every screen starts afresh. */
export function useRestartReload(onRestarting: () => void) {
  const client = useClient();
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event !== 'setup.restarting') return;
        onRestarting();
        // The host answers calls again once the new store is open; a status call waits for that.
        void client.call('setup.status', {}).finally(() => window.location.reload());
      }),
    [client, onRestarting],
  );
}
