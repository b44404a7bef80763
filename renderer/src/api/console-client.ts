import type { StoreClient } from '../../../main/api/client';

export type ConnectionState =
  | { status: 'connected' }
  | { status: 'connecting' }
  /** `retryAt` is a Date.now() time; the client reconnects by itself. */
  | { status: 'disconnected'; retryAt: number };

/** A StoreClient that can also say whether its transport is up. */
export interface ConsoleClient extends StoreClient {
  readonly transport: 'ipc' | 'websocket';
  connection(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Skips the back-off wait after a drop. */
  retryNow(): void;
}
