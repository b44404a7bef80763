import { contract, type ProcedureName, type ProcedureOutput } from '../../../main/api/contract';
import { parseCoreEvent, type CoreEvent } from '../../../main/api/events';
import { errorCodeSchema, resultEnvelopeSchema, type ApiError, type Result } from '../../../main/api/result';

// Whatever arrives over a transport is untrusted until it parses with the contract's schemas.

/** Marks a failure that happened on the way, not in the core: the screen says "connection lost". */
export const transportFailure = 'transport';

export function transportError(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message, details: { [transportFailure]: true } } };
}

export function isTransportError(error: ApiError): boolean {
  return error.details?.[transportFailure] === true;
}

/** A Result envelope as the core sends it, its value parsed with the procedure's reply schema; anything else becomes an INTERNAL failure. */
export function parseReply<N extends ProcedureName>(name: N, raw: unknown): Result<ProcedureOutput<N>> {
  const envelope = resultEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: { code: 'INTERNAL', message: 'The reply did not have the shape of a result.' } };
  const result = envelope.data;
  if (!result.ok) {
    const { code, message, details } = result.error;
    const known = errorCodeSchema.safeParse(code);
    const error: ApiError = known.success ? { code: known.data, message } : { code: 'INTERNAL', message: `${String(code)}: ${message}` };
    if (details) error.details = details;
    return { ok: false, error };
  }
  const value = contract[name].output.safeParse(result.value);
  if (!value.success) {
    return { ok: false, error: { code: 'INTERNAL', message: `The core answered ${name} in an unexpected shape.`, details: { issues: value.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) } } };
  }
  return { ok: true, value: value.data as ProcedureOutput<N> };
}

/** One frame from the WebSocket bridge: a reply to a call (its value still to parse), or a pushed event. */
export type WireFrame = { kind: 'reply'; id: number; result: unknown } | { kind: 'event'; event: CoreEvent } | { kind: 'ignored' };

export function parseWireFrame(text: string): WireFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'ignored' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'ignored' };
  const frame = json as Record<string, unknown>;
  if ('event' in frame) {
    const event = parseCoreEvent(frame);
    return event ? { kind: 'event', event } : { kind: 'ignored' };
  }
  if (typeof frame.id === 'number' && 'result' in frame) return { kind: 'reply', id: frame.id, result: frame.result };
  return { kind: 'ignored' };
}
