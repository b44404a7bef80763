import { timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { approvalSchema } from '../api/contract';
import type { CoreApi } from '../compose-store';
import { newBridgeToken } from './bridge-token';

export interface BridgeOptions {
  api: CoreApi;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** The token pages must present; by default a new one for this run (serve-cli keeps one per data folder: bridge-token.ts). */
  token?: string;
  log?: (entry: Record<string, unknown>) => void;
}
export interface RunningBridge {
  /** http://127.0.0.1:PORT/?token=TOKEN — opens the console. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Above the largest request the contract allows (shelves.configure at its bounds is about
 * 0.5 MiB with every character escaped); a bigger frame closes only its own connection.
 */
export const maxFrameBytes = 1024 * 1024;
/** Close code for a frame over the limit (RFC 6455: message too big). */
const messageTooBig = 1009;

const bindAddress = '127.0.0.1';
/**
 * Host names this bridge answers to. A page on another site whose name was made to
 * resolve to 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused,
 * whatever token it holds.
 */
const allowedHostNames = new Set(['127.0.0.1', 'localhost', '[::1]', bindAddress]);

function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  return match !== null && allowedHostNames.has(match[1]!) && Number(match[2] ?? 80) === port;
}

const wireRequest = z
  .object({ id: z.number().int().nonnegative(), name: z.string().min(1).max(64), input: z.unknown(), approval: approvalSchema.optional() })
  .strict();

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Serves the console to a browser on 127.0.0.1: the built renderer over HTTP
 * and the core's API over a WebSocket that needs the bridge's token.
 */
export async function startBridge({ api, staticDir, port = 0, token = newBridgeToken(), log = () => {} }: BridgeOptions): Promise<RunningBridge> {
  const root = resolve(staticDir);

  let listeningPort = port;
  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, listeningPort)) {
      log({ level: 'warn', msg: 'bridge refused a request for another host name', host: req.headers.host });
      res.writeHead(403, { ...securityHeaders, 'Content-Type': 'text/plain' }).end('Forbidden');
      return;
    }
    serveStatic(root, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const host = req.headers.host;
    // A page from another site must not drive the store: our own host name, same origin and the token, or nothing.
    const sameOrigin = origin === undefined || origin === `http://${host}`;
    if (
      url.pathname !== '/api' ||
      !hostAllowed(host, listeningPort) ||
      !sameOrigin ||
      !tokenMatches(url.searchParams.get('token'), token)
    ) {
      log({ level: 'warn', msg: 'bridge refused a connection', origin, host, path: url.pathname });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const clients = new Set<WebSocket>();
  const unsubscribe = api.subscribe((event) => {
    const frame = JSON.stringify(event);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // ws closes the socket itself (1009 for a frame over maxPayload); unheard, the error would end the process.
    ws.on('error', (error: Error & { code?: string }) => {
      const tooBig = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      log({
        level: 'warn',
        msg: tooBig ? `bridge closed a connection: frame over ${maxFrameBytes} bytes` : 'bridge closed a connection on a socket error',
        code: tooBig ? messageTooBig : null,
        err: error.message,
      });
    });
    ws.on('message', async (data) => {
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        log({ level: 'warn', msg: 'bridge got a frame that is not JSON' });
        return ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'VALIDATION', message: 'Frame is not JSON.' } } }));
      }
      const request = wireRequest.safeParse(json);
      if (!request.success) {
        log({ level: 'warn', msg: 'bridge got a malformed request' });
        const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
        return ws.send(JSON.stringify({ id, result: { ok: false, error: { code: 'VALIDATION', message: 'Malformed request.' } } }));
      }
      const { id, ...call } = request.data;
      const result = await api.call(call);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    });
  });

  await new Promise<void>((ready, failed) => {
    server.once('error', failed);
    server.listen(port, bindAddress, () => ready());
  });
  const actualPort = (server.address() as AddressInfo).port;
  listeningPort = actualPort;
  return {
    url: `http://${bindAddress}:${actualPort}/?token=${token}`,
    token,
    port: actualPort,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, securityHeaders).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  const relative = normalize(pathname === '/' ? '/index.html' : pathname);
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) {
    res.writeHead(404, securityHeaders).end();
    return;
  }
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
