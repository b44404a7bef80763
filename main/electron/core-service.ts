import { callRequestSchema } from '../api/contract';
import type { CoreLog } from '../compose-store';
import type { Policy } from '../setup/policy-file';
import type { SecretCipher } from '../secrets/secret-store';
import { startRuntimeHost } from '../runtime-host';
import { startStoreRuntime, type StoreRuntime, type StoreRuntimeOptions } from '../store-runtime';
import type { RunningStationLink } from '../stations/station-link-server';
import { startStoreHostLink } from '../stations/store-host-link';
import { isCoreRequest, type CoreReply, type CoreRequest, type FromCore } from './core-protocol';

/** The core process's end of the channel: Electron's parentPort, or process.send under a plain fork. */
export interface ParentLink {
  onMessage(listener: (message: unknown) => void): void;
  post(message: FromCore): void;
  exit(code: number): void;
}

export interface ServeCoreOptions {
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  /** The keychain-backed cipher for saved secrets; null without an OS keychain. */
  cipher?: SecretCipher | null;
  /** Seam for tests that need a store runtime other than the real one. */
  startRuntime?: (options: StoreRuntimeOptions) => Promise<StoreRuntime>;
}

/**
 * Runs the store in this process and answers main: opens the runtime, pushes
 * its events and log entries, then serves requests until asked to stop.
 */
export async function serveCore(link: ParentLink, { userDataDir, env, cipher = null, startRuntime = startStoreRuntime }: ServeCoreOptions): Promise<void> {
  const log: CoreLog = (entry) => link.post({ push: 'log', payload: entry });
  let host: Awaited<ReturnType<typeof startRuntimeHost>>;
  try {
    host = await startRuntimeHost({ userDataDir, env, log, cipher }, startRuntime);
  } catch (error) {
    link.post({ push: 'fatal', payload: { message: error instanceof Error ? error.message : String(error) } });
    link.exit(1);
    return;
  }
  const open = host;
  open.api.subscribe((event) => link.post({ push: 'event', payload: event }));
  const { config } = open.current().core;
  const policy = (config as { policy?: Policy | null }).policy ?? null;
  // The app hosts the store as `npm run serve` does, when IT gave it the store's LAN port.
  let stationLink: RunningStationLink | null = null;
  try {
    stationLink = await startStoreHostLink({ api: open.api, stations: () => open.current().core.services.stations, userDataDir, env, policy, store: config.store, demo: config.demo, log });
  } catch (error) {
    // The store still works here; only other stations cannot reach it. The log says why, and the Stations page shows this station standalone.
    log({ level: 'error', msg: 'the station link did not start: other stations cannot pair or reach this host', err: error instanceof Error ? error.message : String(error) });
  }

  const answer = async (request: CoreRequest): Promise<unknown> => {
    switch (request.name) {
      case 'call':
        // main validated it already; the core process trusts no one either.
        return open.api.call(callRequestSchema.parse(request.args[0]));
      case 'diagnostics': {
        const { outFile } = request.args[0] as { outFile: unknown };
        if (typeof outFile !== 'string' || outFile === '') throw new Error('diagnostics needs an outFile');
        return open.current().core.services.diagnostics.save(outFile);
      }
      case 'activity':
        return open.current().core.activity();
      case 'stop':
        await stationLink?.close();
        await open.stop();
        return null;
    }
  };

  link.onMessage((raw) => {
    if (!isCoreRequest(raw)) {
      log({ level: 'warn', msg: 'core process ignored a malformed request' });
      return;
    }
    answer(raw).then(
      (value): void => {
        link.post({ id: raw.id, ok: true, value } satisfies CoreReply);
        if (raw.name === 'stop') link.exit(0);
      },
      (error: unknown): void => {
        log({ level: 'error', msg: 'core request failed', name: raw.name, error: String(error) });
        link.post({ id: raw.id, ok: false, error: { message: error instanceof Error ? error.message : String(error) } });
      },
    );
  });

  link.post({
    push: 'ready',
    payload: { store: config.store, station: config.station, demo: config.demo, policy, session: open.current().core.services.session.info() },
  });
}
