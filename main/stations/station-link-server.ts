import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { approvalSchema } from '../api/contract';
import { StoreError } from '../kernel/errors';
import type { StationsPort } from './stations-port';
import type { CoreApi } from '../compose-store';
import { maxFrameBytes } from '../bridge/bridge-server';
import type { HostCertificate } from './host-certificate';

export interface StationLinkServerOptions {
  /** The host's API; every call from a paired station runs in that station's name. */
  api: CoreApi;
  /** The host's registry of paired stations (it changes when the runtime restarts). */
  stations: () => StationsPort;
  certificate: HostCertificate;
  port: number;
  /** The store's LAN: 0.0.0.0 by default, IT may name one interface. */
  bindAddress?: string;
  log?: (entry: Record<string, unknown>) => void;
}
export interface RunningStationLink {
  port: number;
  close(): Promise<void>;
}

/** At most this many new stations wait for a manager at once; more are refused, not queued. */
const maxPendingPairings = 8;
/** Close codes a paired station acts on. */
export const linkCloseCodes = { revoked: 4401, hostStopping: 4503 } as const;

const pairRequest = z.object({ type: z.literal('pair'), station: z.string().min(1).max(64) }).strict();
const linkRequest = z
  .object({ id: z.number().int().nonnegative(), name: z.string().min(1).max(64), input: z.unknown(), approval: approvalSchema.optional() })
  .strict();

/** `Station <id>:<secret>`, the credential the host issued at pairing. */
export function parseStationCredential(header: string | undefined): { station: string; secret: string } | null {
  const match = /^Station ([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{20,128})$/.exec(header ?? '');
  return match ? { station: match[1]!, secret: match[2]! } : null;
}

/**
 * The host's listener on the store's LAN: TLS with the host's own certificate,
 * `/pair` for a new station waiting for a manager's approval, `/link` for a
 * paired station with its credential. A link carries the bridge's API: the
 * same requests, validated the same way, and the events of the store's shared
 * truth pushed as they commit.
 */
export async function startStationLinkServer({
  api,
  stations,
  certificate,
  port,
  bindAddress = '0.0.0.0',
  log = () => {},
}: StationLinkServerOptions): Promise<RunningStationLink> {
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  const links = new Map<WebSocket, { station: string; secret: string }>();
  const pairing = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'https://host').pathname;
    const refuse = (status: string, why: string) => {
      log({ level: 'warn', msg: `station link refused a connection: ${why}`, path, from: req.socket.remoteAddress });
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    // Stations are programs, not pages: a browser on the LAN must not reach the pairing door.
    if (req.headers.origin !== undefined) return refuse('403 Forbidden', 'a browser page');
    if (path === '/pair') {
      if (stations().registry.pendingCount() >= maxPendingPairings) return refuse('429 Too Many Requests', 'too many pairings waiting');
      return wss.handleUpgrade(req, socket, head, (ws) => acceptPairing(ws));
    }
    if (path !== '/link') return refuse('404 Not Found', 'unknown path');
    const credential = parseStationCredential(req.headers.authorization);
    const station = credential ? stations().registry.authenticate(credential.station, credential.secret) : null;
    if (!credential || !station) return refuse('401 Unauthorized', credential ? `no valid credential for ${credential.station}` : 'no credential');
    wss.handleUpgrade(req, socket, head, (ws) => acceptLink(ws, station, credential.secret));
  });

  function acceptPairing(ws: WebSocket) {
    pairing.add(ws);
    ws.on('close', () => pairing.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.once('message', (data) => {
      const parsed = pairRequest.safeParse(safeJson(data));
      if (!parsed.success) return ws.close(1008, 'malformed pairing request');
      try {
        const { request, approved } = stations().registry.request(parsed.data.station);
        log({ level: 'info', msg: 'a station asks to pair: a manager approves its code on this station', station: request.station });
        ws.send(JSON.stringify({ type: 'code', code: request.code, expiresAt: new Date(request.expiresAt).toISOString() }));
        approved.then(
          (credential) => {
            log({ level: 'info', msg: 'station paired', station: credential.station });
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'paired', station: credential.station, secret: credential.secret }));
            ws.close(1000);
          },
          (error: Error) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'refused', code: 'PAIRING_CODE_INVALID', message: error.message }));
            ws.close(1000);
          },
        );
      } catch (error) {
        const refusal = error instanceof StoreError ? error : new StoreError('INTERNAL', 'The host could not start pairing.');
        ws.send(JSON.stringify({ type: 'refused', code: refusal.code, message: refusal.message }));
        ws.close(1000);
      }
    });
  }

  function acceptLink(ws: WebSocket, station: string, secret: string) {
    links.set(ws, { station, secret });
    stations().linkOpened(station);
    log({ level: 'info', msg: 'station linked', station });
    const unsubscribe = api.subscribe((event) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
    }, station);
    ws.on('close', () => {
      unsubscribe();
      links.delete(ws);
      stations().linkClosed(station);
      log({ level: 'info', msg: 'station unlinked', station });
    });
    ws.on('error', (error) => log({ level: 'warn', msg: 'station link socket error', station, err: error.message }));
    ws.on('message', async (data) => {
      const request = linkRequest.safeParse(safeJson(data));
      if (!request.success) {
        log({ level: 'warn', msg: 'station link got a malformed request', station });
        return ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'VALIDATION', message: 'Malformed request.' } } }));
      }
      // A credential revoked since the link opened stops at the next call.
      if (stations().registry.authenticate(station, secret) === null) return ws.close(linkCloseCodes.revoked, 'credential revoked');
      const { id, ...call } = request.data;
      const result = await api.call(call, station);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    });
  }

  // A revoked station is cut off at once, not at its next call.
  const unsubscribeRevocations = api.subscribe((event) => {
    if (event.event !== 'stations.changed') return;
    for (const [ws, link] of links) {
      if (stations().registry.authenticate(link.station, link.secret) === null) ws.close(linkCloseCodes.revoked, 'credential revoked');
    }
  });

  await new Promise<void>((ready, failed) => {
    server.once('error', failed);
    server.listen(port, bindAddress, () => ready());
  });
  const actualPort = (server.address() as AddressInfo).port;
  stations().linkListening();
  log({ level: 'info', msg: 'station link listening', address: bindAddress, port: actualPort, fingerprint256: certificate.fingerprint256 });
  return {
    port: actualPort,
    async close() {
      unsubscribeRevocations();
      for (const ws of [...links.keys(), ...pairing]) ws.close(linkCloseCodes.hostStopping, 'host stopping');
      for (const ws of [...links.keys(), ...pairing]) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
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
