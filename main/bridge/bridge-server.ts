import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { approvalSchema } from '../api/contract';
import type { CoreApi } from '../core/store-core';

export interface BridgeOptions {
  api: CoreApi;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (entry: Record<string, unknown>) => void;
}
export interface RunningBridge {
  /** http://127.0.0.1:PORT/?token=TOKEN — opens the console. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
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
 * and the core's API over a WebSocket that needs this run's token.
 */
export async function startBridge({ api, staticDir, port = 0, log = () => {} }: BridgeOptions): Promise<RunningBridge> {
  const token = randomBytes(24).toString('base64url');
  const root = resolve(staticDir);

  const server = createServer((req, res) => serveStatic(root, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const host = req.headers.host;
    // A page from another site must not drive the store: same origin and the token, or nothing.
    const sameOrigin = origin === undefined || origin === `http://${host}`;
    if (url.pathname !== '/api' || !sameOrigin || !tokenMatches(url.searchParams.get('token'), token)) {
      log({ level: 'warn', msg: 'bridge refused a connection', origin, path: url.pathname });
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
    server.listen(port, '127.0.0.1', () => ready());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
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
