import { X509Certificate } from 'node:crypto';
import type { ConnectionOptions, PeerCertificate, TLSSocket } from 'node:tls';
import WebSocket, { type ClientOptions } from 'ws';
import { z } from 'zod';
import type { CallRequest, CoreEvent } from '../api/contract';
import { parseCoreEvent } from '../api/events';
import { errorCodes, fail, ok, type Result } from '../api/result';
import type { StationLinkStatus } from '../api/types';
import { maxFrameBytes } from '../bridge/bridge-server';
import type { CoreApi } from '../compose-store';
import { linkCloseCodes } from './station-link-server';
import type { StationCredential } from './station-credential';

const pairReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('code'), code: z.string().regex(/^\d{6}$/), expiresAt: z.string() }).strict(),
  z.object({ type: z.literal('paired'), station: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), secret: z.string().min(20).max(128) }).strict(),
  z.object({ type: z.literal('refused'), code: z.enum(errorCodes), message: z.string().max(1000) }).strict(),
]);
const linkReply = z.object({
  id: z.number().int().nonnegative().nullable(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
    z.object({ ok: z.literal(false), error: z.object({ code: z.enum(errorCodes), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).strict() }).strict(),
  ]),
});

export class PairingRefused extends Error {
  override name = 'PairingRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A new station asks the host to pair. Trust on first use: the host's
 * certificate is taken as it comes and pinned from then on; the manager who
 * types the code on the host is the one who vouches that this is the store's
 * host and this is the store's station. `onCode` shows the code to staff.
 */
export async function pairWithHost({
  hostUrl,
  station,
  onCode,
}: {
  hostUrl: string;
  station: string;
  onCode(code: string, fingerprint256: string, expiresAt: string): void;
}): Promise<StationCredential> {
  const ws = new WebSocket(new URL('/pair', hostUrl), { rejectUnauthorized: false, maxPayload: maxFrameBytes });
  let certPem: string | null = null;
  ws.on('upgrade', (res) => {
    const raw = (res.socket as TLSSocket).getPeerCertificate(false).raw;
    if (raw) certPem = new X509Certificate(raw).toString();
  });
  return new Promise<StationCredential>((resolve, reject) => {
    ws.on('error', (error) => reject(new PairingRefused('HOST_UNREACHABLE', `The host at ${hostUrl} cannot be reached: ${error.message}`)));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'pair', station })));
    ws.on('close', () => reject(new PairingRefused('HOST_UNREACHABLE', 'The host closed the pairing before approving it.')));
    ws.on('message', (data) => {
      const reply = pairReply.safeParse(safeJson(data));
      if (!reply.success || certPem === null) return reject(new PairingRefused('VALIDATION', 'The host answered something that is not a pairing reply.'));
      const fingerprint256 = new X509Certificate(certPem).fingerprint256;
      if (reply.data.type === 'code') return onCode(reply.data.code, fingerprint256, reply.data.expiresAt);
      if (reply.data.type === 'refused') return reject(new PairingRefused(reply.data.code, reply.data.message));
      resolve({ host: hostUrl, station: reply.data.station, secret: reply.data.secret, certPem, fingerprint256 });
    });
  });
}

export interface HostLink {
  /** The API as this station's screens see it: every call goes to the host. */
  api: CoreApi;
  status(): StationLinkStatus;
  /** Resolves once the link is open (for start-up and tests). */
  whenOnline(): Promise<void>;
  close(): Promise<void>;
}

export interface HostLinkOptions {
  credential: StationCredential;
  log?: (entry: Record<string, unknown>) => void;
  /** How long a call may wait for the host's answer before the link is taken for lost. */
  replyTimeoutMs?: number;
  /** Heartbeat: a host that answers no ping in this long is taken for lost. */
  heartbeatMs?: number;
  backoff?: { baseMs: number; capMs: number };
}

/**
 * A paired station's link to its host. It opens no ledger and no HQ link of
 * its own: the host holds the store's one stock truth and its one HQ stream.
 * While the host cannot be reached nothing is queued: each command is refused
 * with HOST_UNREACHABLE (nothing saved), or HOST_NO_REPLY when it was sent and
 * the link fell before the answer (it may have been saved: check before
 * repeating). The link reopens by itself.
 */
export function connectToHost({ credential, log = () => {}, replyTimeoutMs = 10_000, heartbeatMs = 1_000, backoff = { baseMs: 200, capMs: 3_000 } }: HostLinkOptions): HostLink {
  const listeners = new Set<(event: CoreEvent) => void>();
  const pending = new Map<number, { settle(result: Result<unknown>): void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let ws: WebSocket | null = null;
  let online = false;
  let closed = false;
  let attempts = 0;
  let retry: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let onlineWaiters: (() => void)[] = [];
  const emit = (event: CoreEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const status = (): StationLinkStatus => ({ role: 'paired', state: online ? 'online' : 'offline', host: credential.host });

  function open() {
    if (closed) return;
    const tlsOptions: ConnectionOptions = {
      // The host's own certificate is the only one trusted, and its fingerprint must be the one pinned at pairing.
      ca: [credential.certPem],
      checkServerIdentity: (_host: string, cert: PeerCertificate) =>
        cert.fingerprint256 === credential.fingerprint256 ? undefined : new Error('The host certificate is not the one paired with.'),
    };
    const socket = new WebSocket(new URL('/link', credential.host), {
      ...(tlsOptions as ClientOptions),
      headers: { authorization: `Station ${credential.station}:${credential.secret}` },
      maxPayload: maxFrameBytes,
      handshakeTimeout: 3_000,
    });
    ws = socket;
    let alive = true;
    socket.on('open', () => {
      attempts = 0;
      online = true;
      log({ level: 'info', msg: 'linked to the host station', host: credential.host });
      emit({ event: 'stations.link', payload: status() });
      for (const waiter of onlineWaiters) waiter();
      onlineWaiters = [];
      heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, heartbeatMs);
      // The host may have restarted meanwhile: it keeps this station's sign-in, but one may have expired, so screens ask again.
      void call({ name: 'session.current', input: {} }).then((result) => {
        if (result.ok) emit({ event: 'session.changed', payload: result.value as never });
      });
    });
    socket.on('pong', () => (alive = true));
    socket.on('message', (data) => {
      const json = safeJson(data);
      const reply = linkReply.safeParse(json);
      if (reply.success) {
        const waiting = reply.data.id === null ? undefined : pending.get(reply.data.id);
        if (waiting) waiting.settle(reply.data.result as Result<unknown>);
        return;
      }
      const event = parseCoreEvent(json);
      if (event) emit(event);
      else log({ level: 'warn', msg: 'the host sent a frame that is neither a reply nor an event this station knows' });
    });
    socket.on('unexpected-response', (_req, res) => {
      log({ level: 'error', msg: 'the host refused this station', status: res.statusCode, hint: res.statusCode === 401 ? 'the credential was revoked: pair again' : undefined });
      socket.terminate();
    });
    socket.on('error', (error) => log({ level: 'warn', msg: 'host link error', err: error.message }));
    socket.on('close', (code) => {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      const wasOnline = online;
      online = false;
      ws = null;
      for (const [, waiting] of pending) {
        waiting.settle(fail('HOST_NO_REPLY', 'The host station stopped answering before confirming: check whether it was saved before repeating.'));
      }
      if (wasOnline) {
        log({ level: 'warn', msg: 'lost the host station', host: credential.host, code });
        emit({ event: 'stations.link', payload: status() });
      }
      if (code === linkCloseCodes.revoked) log({ level: 'error', msg: 'the host revoked this station: pair again' });
      if (closed) return;
      const delay = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempts++, 8));
      retry = setTimeout(open, delay);
    });
  }

  function call(request: CallRequest): Promise<Result<unknown>> {
    if (request.name === 'stations.linkStatus') return Promise.resolve(ok(status()));
    const socket = ws;
    if (!online || socket === null || socket.readyState !== WebSocket.OPEN) {
      return Promise.resolve(fail('HOST_UNREACHABLE', 'The host station cannot be reached: nothing was saved. Try again once it is back.', { host: credential.host }));
    }
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(fail('HOST_NO_REPLY', 'The host station did not answer in time: check whether it was saved before repeating.'));
        socket.terminate();
      }, replyTimeoutMs);
      pending.set(id, {
        timer,
        settle(result) {
          clearTimeout(timer);
          pending.delete(id);
          resolve(result);
        },
      });
      socket.send(JSON.stringify({ id, ...request }));
    });
  }

  open();
  return {
    api: {
      call: (request) => call(request),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    status,
    whenOnline: () => (online ? Promise.resolve() : new Promise<void>((resolve) => onlineWaiters.push(resolve))),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (ws) {
        const socket = ws;
        await new Promise<void>((done) => {
          socket.once('close', () => done());
          socket.terminate();
        });
      }
    },
  };
}

function safeJson(data: unknown): unknown {
  try {
    return JSON.parse(String(data));
  } catch {
    return null;
  }
}
