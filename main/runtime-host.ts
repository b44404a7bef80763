// Keeps one store runtime running behind an API that outlives it: when the
// first-run wizard provisions the station, the runtime is stopped and started
// on the new configuration, and transports (IPC, the bridge) keep their
// connections. Screens hear 'setup.restarting' and reload.
import type { CoreEvent } from './api/contract';
import { fail } from './api/result';
import { eventReachesStation } from './stations/station-events';
import type { CoreApi } from './compose-store';
import { startStoreRuntime, type StoreRuntime, type StoreRuntimeOptions } from './store-runtime';

export interface RuntimeHost {
  api: CoreApi;
  /** The runtime serving now (it changes after a restart). */
  current(): StoreRuntime;
  stop(): Promise<void>;
}

export async function startRuntimeHost(
  options: Omit<StoreRuntimeOptions, 'requestRestart'>,
  startRuntime: (options: StoreRuntimeOptions) => Promise<StoreRuntime> = startStoreRuntime,
): Promise<RuntimeHost> {
  const listeners = new Map<(event: CoreEvent) => void, string | undefined>();
  const relay = (event: CoreEvent) => {
    for (const [listener, station] of [...listeners]) {
      if (eventReachesStation(event, station ?? null, runtime.core.config.station)) listener(event);
    }
  };
  let swapping: Promise<void> | null = null;
  let broken: string | null = null;

  const start = () => startRuntime({ ...options, requestRestart });
  let runtime = await start();
  let unsubscribe = runtime.core.events.subscribe(relay);

  function requestRestart(store: string) {
    if (swapping) return;
    relay({ event: 'setup.restarting', payload: { store } });
    swapping = (async () => {
      unsubscribe();
      await runtime.stop();
      try {
        runtime = await start();
        unsubscribe = runtime.core.events.subscribe(relay);
        options.log({ level: 'info', msg: 'store restarted on its new configuration', store: runtime.core.config.store });
      } catch (error) {
        broken = error instanceof Error ? error.message : String(error);
        options.log({ level: 'fatal', msg: 'store did not start on its new configuration', err: broken });
      }
    })().finally(() => (swapping = null));
  }

  return {
    api: {
      async call(request, station) {
        if (swapping) await swapping;
        if (broken) return fail('INTERNAL', `The store did not start on its new configuration: ${broken}`);
        return runtime.core.api.call(request, station);
      },
      subscribe(listener, station) {
        listeners.set(listener, station);
        return () => listeners.delete(listener);
      },
    },
    current: () => runtime,
    async stop() {
      if (swapping) await swapping;
      unsubscribe();
      if (!broken) await runtime.stop();
    },
  };
}
