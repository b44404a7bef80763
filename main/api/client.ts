import type { Result } from './result';
import type { CoreEvent, ProcedureInput, ProcedureName, ProcedureOutput } from './contract';
import type { z } from 'zod';
import type { approvalSchema } from './contract';

export type Approval = z.infer<typeof approvalSchema>;

/**
 * What a screen sees of the store core, whatever carries it: Electron IPC
 * (preload) or the WebSocket bridge. Both implement exactly this.
 */
export interface StoreClient {
  call<N extends ProcedureName>(
    name: N,
    input: ProcedureInput<N>,
    approval?: Approval,
  ): Promise<Result<ProcedureOutput<N>>>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
}

/** The raw surface preload exposes as `window.mostrador`. */
export interface PreloadBridge {
  call(request: { name: string; input: unknown; approval?: Approval }): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
  /** A desktop notification, shown by main only while the console window is not focused (main/electron/desktop-notices.ts). */
  notify(notice: DesktopNotice): void;
  /** A desktop notification was clicked: the window is in front again; `tag` says which. Returns the unsubscribe. */
  onNoticeClick(listener: (tag: string) => void): () => void;
}

/** What the console asks the OS to show; `tag` comes back on a click (e.g. "order:W-1001"). */
export interface DesktopNotice {
  title: string;
  body: string;
  tag: string;
}
export const preloadGlobalName = 'mostrador';
export const ipcChannels = { call: 'mostrador:call', event: 'mostrador:event', notify: 'mostrador:notify', noticeClick: 'mostrador:notice-click' } as const;
