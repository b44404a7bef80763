import { callRequestSchema } from '../api/contract';
import type { CoreLog } from '../compose-store';
import type { Policy } from '../setup/policy-file';
import type { SecretCipher } from '../secrets/secret-store';
import { startRuntimeHost } from '../runtime-host';
import { startStoreRuntime, type StoreRuntime, type StoreRuntimeOptions } from '../store-runtime';
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

  const { config } = open.current().core;
  const policy = (config as { policy?: Policy | null }).policy ?? null;
  link.post({
    push: 'ready',
    payload: { store: config.store, station: config.station, demo: config.demo, policy, session: open.current().core.services.session.info() },
  });
}
