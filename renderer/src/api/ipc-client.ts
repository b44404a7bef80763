import type { PreloadBridge } from '../../../main/api/client';
import { parseCoreEvent } from '../../../main/api/events';
import type { ConsoleClient } from './console-client';
import { parseReply, transportError } from './reply';

declare global {
  interface Window {
    /** Present only inside the Electron window (see preload/index.ts). */
    mostrador?: PreloadBridge;
  }
}

/** The store over Electron IPC; the process boundary cannot drop, so it is always connected. */
export function createIpcClient(bridge: PreloadBridge): ConsoleClient {
  return {
    transport: 'ipc',
    async call(name, input, approval) {
      let raw: unknown;
      try {
        raw = await bridge.call(approval ? { name, input, approval } : { name, input });
      } catch (error) {
        return transportError(error instanceof Error ? error.message : String(error));
      }
      return parseReply(name, raw);
    },
    subscribe(listener) {
      return bridge.onEvent((raw) => {
        const event = parseCoreEvent(raw);
        if (event) listener(event);
      });
    },
    connection: () => ({ status: 'connected' }),
    onConnectionChange: () => () => {},
    retryNow: () => {},
  };
}
