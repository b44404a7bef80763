// Splits a serial scanner's byte stream into frames. Pure: bytes and times in,
// frames and typed drops out, so every rule is tested on bytes.

export type FrameSuffix = 'CR' | 'LF' | 'CRLF' | 'none';

export interface SerialFraming {
  /** What ends a frame; 'none' relies on the inter-byte timeout alone. */
  suffix: FrameSuffix;
  /** A gap this long ends a frame ('none'), or abandons a partial one (other suffixes). */
  interByteTimeoutMs: number;
  /** Longer frames are dropped: no barcode a store uses is this long. */
  maxLength: number;
}

export const defaultFraming: SerialFraming = { suffix: 'CR', interByteTimeoutMs: 50, maxLength: 256 };

export type FrameDrop =
  | { reason: 'overlong'; length: number }
  | { reason: 'garbage'; byte: number; position: number }
  | { reason: 'partial'; length: number }
  | { reason: 'empty' };

export type FrameEvent = { kind: 'frame'; bytes: Uint8Array; at: number } | { kind: 'drop'; drop: FrameDrop; at: number };

const CR = 0x0d;
const LF = 0x0a;
const GS = 0x1d; // FNC1 in GS1 data: the only control byte a scan may carry

/** The first byte no scan may contain, or -1. */
function firstGarbage(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== GS) || b === 0x7f) return i;
  }
  return -1;
}

export function createSerialFrameDecoder(framing: SerialFraming = defaultFraming) {
  let buffer: number[] = [];
  let lastByteAt = -Infinity;
  let overlong = false;

  function finish(at: number, out: FrameEvent[]) {
    const bytes = Uint8Array.from(buffer);
    const wasOverlong = overlong;
    buffer = [];
    overlong = false;
    if (wasOverlong) return out.push({ kind: 'drop', drop: { reason: 'overlong', length: bytes.length }, at });
    if (bytes.length === 0) return out.push({ kind: 'drop', drop: { reason: 'empty' }, at });
    const bad = firstGarbage(bytes);
    if (bad >= 0) return out.push({ kind: 'drop', drop: { reason: 'garbage', byte: bytes[bad]!, position: bad }, at });
    out.push({ kind: 'frame', bytes, at });
  }

  /** Frames or drops due because time passed with no byte (call from a timer). */
  function tick(now: number): FrameEvent[] {
    const out: FrameEvent[] = [];
    if ((buffer.length > 0 || overlong) && now - lastByteAt >= framing.interByteTimeoutMs) {
      if (framing.suffix === 'none') finish(now, out);
      else {
        out.push({ kind: 'drop', drop: { reason: 'partial', length: buffer.length }, at: now });
        buffer = [];
        overlong = false;
      }
    }
    return out;
  }

  function push(chunk: Uint8Array, at: number): FrameEvent[] {
    const out = tick(at);
    for (const byte of chunk) {
      lastByteAt = at;
      const endsFrame =
        (framing.suffix === 'CR' && byte === CR) ||
        (framing.suffix === 'LF' && byte === LF) ||
        (framing.suffix === 'CRLF' && byte === LF && buffer.at(-1) === CR);
      if (endsFrame) {
        if (framing.suffix === 'CRLF') buffer.pop();
        finish(at, out);
        continue;
      }
      // A stray LF after CR (CR-framed scanner sending CRLF) is not a frame of its own.
      if (framing.suffix === 'CR' && byte === LF && buffer.length === 0) continue;
      if (buffer.length >= framing.maxLength) {
        overlong = true;
        continue;
      }
      buffer.push(byte);
    }
    return out;
  }

  return { push, tick, pending: () => buffer.length };
}
export type SerialFrameDecoder = ReturnType<typeof createSerialFrameDecoder>;
