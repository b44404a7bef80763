import type { StoreClient } from '../../../main/api/client';

export type ConnectionState =
  | { status: 'connected' }
  | { status: 'connecting' }
  /**
   * `retryAt` is a Date.now() time; the client reconnects by itself. `refused`: the console
   * answers but turns this page's socket away (it restarted with another token): waiting will
   * not help, the person must open the console's new address.
   */
  | { status: 'disconnected'; retryAt: number; refused?: boolean };

/** A StoreClient that can also say whether its transport is up. */
export interface ConsoleClient extends StoreClient {
  readonly transport: 'ipc' | 'websocket';
  connection(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Skips the back-off wait after a drop. */
  retryNow(): void;
}
