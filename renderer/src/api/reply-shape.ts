import type { CoreEvent } from '../../../main/api/contract';
import { parseDeviceEvent } from '../devices/device-shapes';
import type { ApiError, Result } from '../../../main/api/result';
import type { SessionInfo, StaffInfo, SyncStatus } from '../../../main/api/types';
import { isErrorCode } from './error-codes';

// Whatever arrives over a transport is untrusted until its shape is checked.

type Unknown = Record<string, unknown>;
const isObject = (value: unknown): value is Unknown => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Marks a failure that happened on the way, not in the core: the screen says "connection lost". */
export const transportFailure = 'transport';

export function transportError(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message, details: { [transportFailure]: true } } };
}

export function isTransportError(error: ApiError): boolean {
  return error.details?.[transportFailure] === true;
}

/** A Result envelope as the core sends it; anything else becomes an INTERNAL failure. */
export function parseResult(raw: unknown): Result<unknown> {
  if (!isObject(raw)) return malformed();
  if (raw.ok === true && 'value' in raw) return { ok: true, value: raw.value };
  if (raw.ok === false && isObject(raw.error)) {
    const { code, message, details } = raw.error;
    if (typeof message !== 'string') return malformed();
    const error: ApiError = isErrorCode(code)
      ? { code, message }
      : { code: 'INTERNAL', message: `${String(code)}: ${message}` };
    if (isObject(details)) error.details = details;
    return { ok: false, error };
  }
  return malformed();
}

function malformed(): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message: 'The reply did not have the shape of a result.' } };
}

function isStaff(value: unknown): value is StaffInfo {
  return isObject(value) && typeof value.id === 'string' && typeof value.name === 'string' && typeof value.role === 'string';
}

function isSession(value: unknown): value is SessionInfo {
  return (
    isObject(value) &&
    typeof value.store === 'string' &&
    typeof value.station === 'string' &&
    (value.staff === null || isStaff(value.staff))
  );
}

const linkStates: readonly string[] = ['connecting', 'online', 'offline', 'stopped'] satisfies SyncStatus['state'][];
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function isSyncStatus(value: unknown): value is SyncStatus {
  return (
    isObject(value) &&
    typeof value.state === 'string' &&
    linkStates.includes(value.state) &&
    typeof value.broker === 'string' &&
    isCount(value.backlog) &&
    isCount(value.lastAckedSeq) &&
    isCount(value.lastSeq) &&
    isCount(value.appliedDseq) &&
    isCount(value.deadLetters) &&
    isCount(value.deadLettersDropped) &&
    typeof value.downlinkStuck === 'boolean' &&
    (value.lastError === null || typeof value.lastError === 'string') &&
    (value.nextRetryInMs === null || (typeof value.nextRetryInMs === 'number' && value.nextRetryInMs >= 0))
  );
}

/** A pushed event the screens know; null for anything else (ignored, not fatal). */
export function parseCoreEvent(raw: unknown): CoreEvent | null {
  if (!isObject(raw)) return null;
  const { event, payload } = raw;
  switch (event) {
    case 'stock.changed':
      return isObject(payload) && Array.isArray(payload.skus) && payload.skus.every((s) => typeof s === 'string')
        ? { event, payload: { skus: payload.skus as string[] } }
        : null;
    case 'session.changed':
      return isSession(payload) ? { event, payload } : null;
    case 'sync.changed':
      return isSyncStatus(payload) ? { event, payload } : null;
    case 'orders.changed':
      return isObject(payload) && Array.isArray(payload.orderIds) && payload.orderIds.every((id) => typeof id === 'string')
        ? { event, payload: { orderIds: payload.orderIds as string[] } }
        : null;
    case 'device.scan':
      return isObject(payload) &&
        typeof payload.text === 'string' &&
        (payload.symbology === null || typeof payload.symbology === 'string') &&
        typeof payload.device === 'string'
        ? { event, payload: { text: payload.text, symbology: payload.symbology, device: payload.device } }
        : null;
    case 'devices.changed':
    case 'printing.changed':
    case 'shelves.changed':
      return parseDeviceEvent(event, payload);
    case 'setup.restarting':
      return isObject(payload) && typeof payload.store === 'string' ? { event, payload: { store: payload.store } } : null;
    case 'stations.link':
      return isObject(payload) &&
        (payload.role === 'standalone' || payload.role === 'host' || payload.role === 'paired') &&
        (payload.state === 'online' || payload.state === 'offline') &&
        (payload.host === null || typeof payload.host === 'string')
        ? { event, payload: { role: payload.role, state: payload.state, host: payload.host } }
        : null;
    case 'stations.changed':
      return isObject(payload) && Array.isArray(payload.stations) && payload.stations.every((id) => typeof id === 'string')
        ? { event, payload: { stations: payload.stations as string[] } }
        : null;
    default:
      return null;
  }
}

/** One frame from the WebSocket bridge: a reply to a call, or a pushed event. */
export type WireFrame = { kind: 'reply'; id: number; result: Result<unknown> } | { kind: 'event'; event: CoreEvent } | { kind: 'ignored' };

export function parseWireFrame(text: string): WireFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'ignored' };
  }
  if (!isObject(json)) return { kind: 'ignored' };
  if ('event' in json) {
    const event = parseCoreEvent(json);
    return event ? { kind: 'event', event } : { kind: 'ignored' };
  }
  if (typeof json.id === 'number' && 'result' in json) return { kind: 'reply', id: json.id, result: parseResult(json.result) };
  return { kind: 'ignored' };
}
