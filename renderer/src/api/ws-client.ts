import type { CoreEvent, ProcedureName, ProcedureOutput } from '../../../main/api/contract';
import type { Result } from '../../../main/api/result';
import type { ConnectionState, ConsoleClient } from './console-client';
import { reconnectDelay } from './reconnect-delay';
import { parseReply, parseWireFrame, transportError } from './reply';

/** The bridge's API address for this page, or null when the page was opened without its token. */
export function bridgeUrlFromPage(page: { protocol: string; host: string; search: string }): string | null {
  const token = new URLSearchParams(page.search).get('token');
  if (!token) return null;
  const scheme = page.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${page.host}/api?token=${encodeURIComponent(token)}`;
}

interface Waiting {
  name: ProcedureName;
  resolve(result: Result<unknown>): void;
  frame: string;
  sent: boolean;
}

/** The socket as the client needs it; choose-client.ts adapts the browser's WebSocket. */
export interface SocketEvents {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(): void;
}
export type OpenSocket = (url: string, events: SocketEvents) => { send(frame: string): void };

/** Whether the bridge's web server answers at all (its socket may still refuse this page's token). */
export type ServerAnswers = () => Promise<boolean>;

/**
 * The store over the WebSocket bridge. A call waits while the socket is opening,
 * fails at once while it is down (nothing is sent late), and a call in flight
 * when the socket drops answers "connection lost". Reconnects with back-off.
 * A socket that never opens while the server answers (`serverAnswers`) was
 * refused: the console restarted with another token, and the state says so.
 */
export function createWsClient(url: string, openSocket: OpenSocket, serverAnswers?: ServerAnswers): ConsoleClient {
  let socket: { send(frame: string): void } | null = null;
  let state: ConnectionState = { status: 'connecting' };
  let attempt = 0;
  /** The last socket was turned away by a server that answers (see serverAnswers). */
  let refused = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();
  const eventListeners = new Set<(event: CoreEvent) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const connect = () => {
    clearTimeout(retryTimer);
    setState({ status: 'connecting' });
    // Each socket's handlers check they still belong to the current socket: a late
    // event from an old one must not touch the new connection's calls.
    let opened = false;
    const ws = openSocket(url, {
      onOpen() {
        if (socket !== ws) return;
        opened = true;
        refused = false;
        attempt = 0;
        setState({ status: 'connected' });
        for (const call of waiting.values()) {
          ws.send(call.frame);
          call.sent = true;
        }
      },
      onMessage(data) {
        if (socket !== ws || typeof data !== 'string') return;
        const frame = parseWireFrame(data);
        if (frame.kind === 'reply') {
          const call = waiting.get(frame.id);
          waiting.delete(frame.id);
          call?.resolve(parseReply(call.name, frame.result));
        } else if (frame.kind === 'event') {
          for (const listener of eventListeners) listener(frame.event);
        }
      },
      onClose() {
        if (socket !== ws) return;
        socket = null;
        for (const [id, call] of waiting) {
          waiting.delete(id);
          call.resolve(transportError(call.sent ? 'Connection lost before the store answered.' : 'Could not connect to the store.'));
        }
        const delay = reconnectDelay(attempt++);
        // A refusal stays said while the next try's answer is awaited: no flicker between tries.
        const down: ConnectionState = { status: 'disconnected', retryAt: Date.now() + delay, ...(refused ? { refused: true } : {}) };
        setState(down);
        retryTimer = setTimeout(connect, delay);
        if (!opened && serverAnswers) {
          void serverAnswers().then((answers) => {
            if (state !== down || answers === refused) return;
            refused = answers;
            setState({ status: 'disconnected', retryAt: down.retryAt, ...(answers ? { refused: true } : {}) });
          });
        }
      },
    });
    socket = ws;
  };

  connect();

  return {
    transport: 'websocket',
    call(name, input, approval) {
      if (state.status === 'disconnected') return Promise.resolve(transportError('Not connected to the store.'));
      const id = nextId++;
      const frame = JSON.stringify(approval ? { id, name, input, approval } : { id, name, input });
      return new Promise<Result<ProcedureOutput<typeof name>>>((resolve) => {
        const call: Waiting = { name, resolve: resolve as Waiting['resolve'], frame, sent: false };
        waiting.set(id, call);
        if (state.status === 'connected' && socket) {
          socket.send(frame);
          call.sent = true;
        }
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    connection: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    retryNow() {
      if (state.status === 'disconnected') connect();
    },
  };
}
