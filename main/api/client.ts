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
}
export const preloadGlobalName = 'mostrador';
export const ipcChannels = { call: 'mostrador:call', event: 'mostrador:event' } as const;
