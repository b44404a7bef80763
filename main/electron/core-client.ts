import type { CallRequest, CoreEvent } from '../api/contract';
import { fail, type Result } from '../api/result';
import type { CoreApi } from '../compose-store';
import type { CrashPolicy } from './crash-policy';
import { isFromCore, type CoreInfo, type CoreReply, type CoreRequestName } from './core-protocol';

/** What main needs of the core's process: Electron's UtilityProcess, or a ChildProcess in tests. */
export interface CoreChild {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface CoreClientOptions {
  spawn(): CoreChild;
  policy: CrashPolicy;
  log(entry: Record<string, unknown>): void;
  now?: () => number;
  schedule?: (run: () => void, ms: number) => void;
}

export interface CoreClient {
  /** The first start: resolves when the store is open, rejects with the core's reason if it cannot open. */
  ready: Promise<CoreInfo>;
  /** The same surface as an in-process core, so the IPC handlers do not know the difference. */
  api: CoreApi;
  request(name: CoreRequestName, args: unknown[]): Promise<unknown>;
  /** Called once the crash policy stops restarting the core. */
  onGiveUp(listener: (reason: string) => void): void;
  /** Stops the store cleanly; kills its process if that takes longer than `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
}

const restarting = 'The store is restarting; try again in a moment.';
const lostMidCall = 'The store stopped while answering. Check whether the change was saved before trying again.';

/**
 * Main's end of the core process: numbered requests, answered once each; pushed
 * events to subscribers; and a restart, paced by the crash policy, when the
 * process dies. Calls made while it is down fail at once rather than hang.
 */
export function createCoreClient({ spawn, policy, log, now = Date.now, schedule = (run, ms) => void setTimeout(run, ms) }: CoreClientOptions): CoreClient {
  type Pending = { resolve(reply: CoreReply): void };
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: CoreEvent) => void>();
  const giveUpListeners: ((reason: string) => void)[] = [];
  let nextId = 1;
  let child: CoreChild | null = null;
  let up = false;
  let everReady = false;
  let stopping: (() => void) | null = null;
  let settleFirst: { resolve(info: CoreInfo): void; reject(error: Error): void };
  const ready = new Promise<CoreInfo>((resolve, reject) => (settleFirst = { resolve, reject }));
  // A failed first start is the caller's to report; never an unhandled rejection here.
  ready.catch(() => {});

  const giveUp = (reason: string) => {
    log({ level: 'error', msg: 'store core not restarted', reason });
    if (!everReady) settleFirst.reject(new Error(reason));
    for (const listener of giveUpListeners) listener(reason);
  };

  const start = () => {
    const current = spawn();
    child = current;
    let fatal: string | null = null;
    current.onMessage((raw) => {
      if (!isFromCore(raw)) return log({ level: 'warn', msg: 'malformed message from the core process' });
      if ('push' in raw) {
        switch (raw.push) {
          case 'log':
            return log(raw.payload);
          case 'event':
            for (const listener of listeners) listener(raw.payload);
            return;
          case 'fatal':
            fatal = raw.payload.message;
            return;
          case 'ready':
            up = true;
            if (!everReady) {
              everReady = true;
              settleFirst.resolve(raw.payload);
            } else {
              log({ level: 'warn', msg: 'store core restarted', store: raw.payload.store });
              // In-memory state (the signed-in member) did not survive: screens go back to sign-in.
              for (const listener of listeners) listener({ event: 'session.changed', payload: raw.payload.session });
            }
            return;
        }
      }
      const waiting = pending.get(raw.id);
      pending.delete(raw.id);
      waiting?.resolve(raw);
    });
    current.onExit((code) => {
      if (child !== current) return;
      child = null;
      up = false;
      for (const [id, waiting] of pending) waiting.resolve({ id, ok: false, error: { message: lostMidCall } });
      pending.clear();
      if (stopping) return stopping();
      log({ level: 'error', msg: 'store core process exited', code, fatal });
      // A store that cannot open (bad policy, unreadable ledger) will not open on a second try either.
      if (fatal !== null) return giveUp(fatal);
      const decision = policy.onCrash(code === null ? 'killed' : 'crashed', now());
      if (decision.action === 'give-up') return giveUp(decision.reason);
      log({ level: 'warn', msg: 'restarting the store core', attempt: decision.attempt, delayMs: decision.delayMs });
      schedule(() => {
        if (!stopping) start();
      }, decision.delayMs);
    });
  };

  const request = (name: CoreRequestName, args: unknown[]): Promise<unknown> => {
    if (!child || !up) return Promise.reject(new Error(restarting));
    const id = nextId++;
    const answer = new Promise<CoreReply>((resolve) => pending.set(id, { resolve }));
    child.post({ id, name, args });
    return answer.then((reply) => {
      if (reply.ok) return reply.value;
      throw new Error(reply.error.message);
    });
  };

  start();
  return {
    ready,
    request,
    api: {
      async call(call: CallRequest): Promise<Result<unknown>> {
        try {
          return (await request('call', [call])) as Result<unknown>;
        } catch (error) {
          return fail('INTERNAL', (error as Error).message);
        }
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    onGiveUp(listener) {
      giveUpListeners.push(listener);
    },
    stop(timeoutMs) {
      const current = child;
      if (!current) {
        stopping = () => {};
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log({ level: 'warn', msg: 'store core did not stop in time; killing it', timeoutMs });
          current.kill();
        }, timeoutMs);
        stopping = () => {
          clearTimeout(timer);
          resolve();
        };
        if (up) request('stop', []).catch(() => {});
        else current.kill();
      });
    },
  };
}
