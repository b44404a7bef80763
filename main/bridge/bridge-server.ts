// PLACEHOLDER: signature only; implementation in progress.
import type { CoreApi } from '../core/store-core';

export interface BridgeOptions {
  api: CoreApi;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
}
export interface RunningBridge {
  /** http://127.0.0.1:PORT/?token=TOKEN — opens the console. */
  url: string;
  token: string;
  close(): Promise<void>;
}
export async function startBridge(_options: BridgeOptions): Promise<RunningBridge> {
  throw new Error('not implemented yet');
}
