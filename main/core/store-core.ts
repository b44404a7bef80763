// PLACEHOLDER: signatures only; the implementation lands with the ledger.
import type { CallRequest, CoreEvent } from '../api/contract';
import type { Result } from '../api/result';

export interface StoreConfig {
  /** Path of the store's SQLite ledger file. */
  dbPath: string;
  store: string;
  station: string;
  /** Seed the demo catalog and demo staff into an empty ledger. */
  demo: boolean;
}

export interface CoreApi {
  call(request: CallRequest): Promise<Result<unknown>>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
}

export interface StoreCore {
  config: StoreConfig;
  api: CoreApi;
  close(): void;
}

export function openStoreCore(_config: StoreConfig): StoreCore {
  throw new Error('not implemented yet');
}
