import { useEffect } from 'react';
import type { SetupStatus } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useStoreQuery } from '../api/use-store-query';

export type SetupView = { kind: 'loading' } | { kind: 'ready'; status: SetupStatus } | { kind: 'unavailable' };

/**
 * Whether this station still needs its first-run set-up, through the cache (its
 * device list follows 'devices.changed'). A core that offers no set-up (a test
 * core, an older core) counts as set up, so the console goes on.
 */
export function useSetupStatus() {
  const { view: live, reload, set } = useStoreQuery('setup.status', {});
  const view: SetupView = live.kind === 'ready' ? { kind: 'ready', status: live.value } : live.kind === 'error' ? { kind: 'unavailable' } : { kind: 'loading' };
  return { view, set, reload };
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
