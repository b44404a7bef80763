import type { ConsoleClient } from './console-client';
import { createIpcClient } from './ipc-client';
import { bridgeUrlFromPage, createWsClient, type OpenSocket } from './ws-client';

export type ClientChoice = { ok: true; client: ConsoleClient } | { ok: false; reason: 'missing-token' };

/** Electron's preload bridge when the page runs in the app window, else the WebSocket bridge. */
export function chooseClient(): ClientChoice {
  if (window.mostrador) return { ok: true, client: createIpcClient(window.mostrador) };
  const url = bridgeUrlFromPage(window.location);
  return url ? { ok: true, client: createWsClient(url, openBrowserSocket, pageServerAnswers) } : { ok: false, reason: 'missing-token' };
}

/** The page's own server (the bridge) answers a plain request: up, whatever its socket said. */
const pageServerAnswers = async (): Promise<boolean> => {
  try {
    const response = await fetch(new URL('/', window.location.href), { cache: 'no-store' });
    return response.ok;
  } catch {
    return false;
  }
};

const openBrowserSocket: OpenSocket = (url, events) => {
  const socket = new WebSocket(url);
  socket.addEventListener('open', events.onOpen);
  socket.addEventListener('message', (message) => events.onMessage(message.data));
  socket.addEventListener('close', events.onClose);
  return { send: (frame) => socket.send(frame) };
};
