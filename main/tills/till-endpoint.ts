import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TillCredentials } from './till-credentials';
import { maxReceiptBytes, TillError, tillReceiptSchema, type TillReply } from './till-receipt';
import type { TillSales } from './till-sales';

export const receiptsPath = '/till/v1/receipts';

export interface TillEndpointOptions {
  sales: Pick<TillSales, 'apply'>;
  credentials: Pick<TillCredentials, 'authenticate'>;
  /** The LAN address to listen on ('0.0.0.0' for every interface). */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** PEM certificate and key: HTTPS instead of HTTP. */
  tls?: { cert: Buffer; key: Buffer } | null;
  log: (entry: Record<string, unknown>) => void;
}

export interface TillEndpoint {
  url: string;
  close(): Promise<void>;
}

/**
 * The tills' door into the store: a small HTTP server, apart from the bridge,
 * that takes one kind of request. It authenticates before it reads a body,
 * reads at most maxReceiptBytes, and answers every refusal with a typed error
 * and a log line.
 */
export async function startTillEndpoint({ sales, credentials, host, port, tls = null, log }: TillEndpointOptions): Promise<TillEndpoint> {
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    void handle(request).then(
      ({ status, reply }) => {
        // A refusal before the body was read: drain it, so the connection can answer.
        request.resume();
        send(response, status, reply);
      },
      (error: unknown) => {
        log({ level: 'error', msg: 'till receipt failed', err: error instanceof Error ? error.message : String(error) });
        send(response, 503, { ok: false, error: { code: 'UNAVAILABLE', message: 'The store could not apply the receipt; nothing was applied. Post it again later.' } });
      },
    );
  };
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;

  async function handle(request: IncomingMessage): Promise<{ status: number; reply: TillReply }> {
    const remote = request.socket.remoteAddress ?? null;
    let till: string | null = null;
    let receiptId: string | null = null;
    try {
      const path = (request.url ?? '').split('?')[0];
      if (path !== receiptsPath) throw new TillError('NOT_FOUND', `Post receipts to ${receiptsPath}.`);
      if (request.method !== 'POST') throw new TillError('METHOD_NOT_ALLOWED', `${receiptsPath} takes POST only.`);
      const token = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(request.headers.authorization ?? '')?.[1];
      till = token ? credentials.authenticate(token) : null;
      if (!till) throw new TillError('UNAUTHORIZED', 'No valid till token: an admin issues one on the Devices page.');
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        throw new TillError('UNSUPPORTED_MEDIA_TYPE', 'Send the receipt as application/json.');
      }
      const text = await readBody(request);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new TillError('MALFORMED', `The body is not JSON: ${(error as Error).message}`);
      }
      const parsed = tillReceiptSchema.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
        throw new TillError('MALFORMED', `The body is not a receipt: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
      }
      receiptId = parsed.data.receiptId;
      const applied = sales.apply(till, parsed.data);
      log({ level: 'info', msg: applied.alreadyApplied ? 'till receipt already applied' : 'till receipt applied', till, receiptId, movements: applied.movements.length });
      return { status: 200, reply: applied };
    } catch (error) {
      if (!(error instanceof TillError)) throw error;
      log({ level: 'warn', msg: 'till receipt refused', code: error.code, reason: error.message, till, receiptId, remote });
      return { status: error.status, reply: { ok: false, error: { code: error.code, message: error.message, ...error.details } } };
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${tls ? 'https' : 'http'}://${shownHost}:${address.port}${receiptsPath}`;
  log({ level: 'info', msg: 'till endpoint listening', url });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxReceiptBytes) {
      request.resume();
      reject(new TillError('TOO_LARGE', `A receipt is at most ${maxReceiptBytes} bytes; this one is ${declared}.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxReceiptBytes) {
        request.removeAllListeners('data');
        request.resume();
        reject(new TillError('TOO_LARGE', `A receipt is at most ${maxReceiptBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, reply: TillReply): void {
  if (response.headersSent) return;
  const body = JSON.stringify(reply);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(status === 401 ? { 'www-authenticate': 'Bearer realm="mostrador-till"' } : {}),
  });
  response.end(body);
}
