import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callRequestSchema } from '../api/contract';
import { ipcChannels } from '../api/client';
import { fail, type Result } from '../api/result';
import type { CoreApi } from '../compose-store';

/** What the check needs of an invoke event (a subset, so tests can pass a plain object). */
export interface SenderInfo {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/** Only the console's own top-level page, in the console's window, may call the store. */
export function isTrustedSender(event: SenderInfo, contents: unknown, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return event.sender === contents && frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export interface CallDeps {
  api: Pick<CoreApi, 'call'>;
  contents: unknown;
  isAppUrl(url: string): boolean;
  log?(entry: Record<string, unknown>): void;
}

/** One `mostrador:call`: check who asks, check the request's shape, then let the core answer. */
export async function handleCall(event: SenderInfo, raw: unknown, { api, contents, isAppUrl, log = () => {} }: CallDeps): Promise<Result<unknown>> {
  if (!isTrustedSender(event, contents, isAppUrl)) {
    log({ level: 'warn', msg: 'ipc call refused: not the console page', url: event.senderFrame?.url ?? null });
    return fail('FORBIDDEN', 'Calls are accepted only from the console page.');
  }
  const request = callRequestSchema.safeParse(raw);
  if (!request.success) {
    log({ level: 'warn', msg: 'ipc call refused: malformed request' });
    return fail('VALIDATION', 'Malformed request.', { issues: request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  }
  try {
    return await api.call(request.data);
  } catch (error) {
    log({ level: 'error', msg: 'core call threw', name: request.data.name, error: String(error) });
    return fail('INTERNAL', 'The store failed to answer.');
  }
}

export interface IpcWiring {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  api: CoreApi;
  contents: Pick<WebContents, 'send' | 'isDestroyed'>;
  isAppUrl(url: string): boolean;
  log?(entry: Record<string, unknown>): void;
}

/** Connects the console window to the core; returns the undo (for window close). */
export function registerIpcHandlers({ ipcMain, api, contents, isAppUrl, log }: IpcWiring): () => void {
  ipcMain.handle(ipcChannels.call, (event: IpcMainInvokeEvent, raw: unknown) =>
    handleCall(event, raw, { api, contents, isAppUrl, ...(log ? { log } : {}) }),
  );
  const unsubscribe = api.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(ipcChannels.event, event);
  });
  return () => {
    ipcMain.removeHandler(ipcChannels.call);
    unsubscribe();
  };
}
