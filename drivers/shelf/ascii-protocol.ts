// The Mostrador shelf-sensor ASCII protocol (also in drivers/shelf/README.md).
//
// One record per line, printable ASCII (0x20–0x7E), ended by CR LF (a bare LF is accepted).
// Fields are separated by commas. At most 64 bytes before the line end.
//
//   sensor → console
//     W,<id>,<grams>[,<S|M>]   net weight; S stable, M in motion, no flag: the sensor has none
//     P,<id>,<0|1>             presence: 1 something on the shelf, 0 empty
//     H,<id>                   heartbeat, at least once per silence timeout
//     A,<id>,<Z|T>             acknowledges a zero or tare command
//   console → sensor
//     Z,<id>                   zero: the empty platform reads 0 g from now on
//     T,<id>                   tare: what is on the platform now (tray, divider) reads 0 g
//
//   <id>     1–32 of A–Z a–z 0–9 _ -
//   <grams>  -?digits (at most 7) with an optional fraction of at most 3 digits: -12, 1500, 250.5
//   checksum optional on any record: `*HH` after the last field, HH the XOR of every byte
//            before the `*`, two hex digits. A record that carries one must match it.
//
// Example: `W,shelf-07,1520.5,S*6B\r\n`. Several sensors may share one line (RS-485).
//
// Everything here is pure: bytes and times in, typed readings or typed errors out. Nothing throws.
import { sensorIdPattern, type SensorCommand, type ShelfReading } from './shelf-reading';

export const maxLineBytes = 64;

export type AsciiError =
  | { reason: 'overlong'; length: number }
  | { reason: 'garbage'; byte: number; position: number; line: string }
  | { reason: 'bad-checksum'; expected: string; got: string; line: string }
  | { reason: 'unknown-record'; type: string; line: string }
  | { reason: 'bad-field'; field: string; value: string; line: string };

export type AsciiLineResult<T> = { ok: true; value: T } | { ok: false; error: AsciiError };

export type AsciiDecoderEvent = { kind: 'reading'; reading: ShelfReading } | { kind: 'error'; error: AsciiError; at: number };

const LF = 0x0a;
const CR = 0x0d;
const gramsPattern = /^-?\d{1,7}(\.\d{1,3})?$/;

/** XOR of the characters, as two upper-case hex digits. */
export function checksumOf(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return x.toString(16).toUpperCase().padStart(2, '0');
}

/** Splits a line into record type and fields, checking its bytes and its checksum if any. */
function parseRecord(line: string): AsciiLineResult<{ type: string; fields: string[] }> {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return { ok: false, error: { reason: 'garbage', byte: code, position: i, line: printable(line) } };
  }
  let body = line;
  const star = line.lastIndexOf('*');
  if (star >= 0) {
    body = line.slice(0, star);
    const got = line.slice(star + 1).toUpperCase();
    const expected = checksumOf(body);
    if (!/^[0-9A-F]{2}$/.test(got) || got !== expected) return { ok: false, error: { reason: 'bad-checksum', expected, got, line } };
  }
  const [type = '', ...fields] = body.split(',');
  return { ok: true, value: { type, fields } };
}

function badField(field: string, value: string | undefined, line: string): { ok: false; error: AsciiError } {
  return { ok: false, error: { reason: 'bad-field', field, value: value ?? '', line } };
}

function sensorId(fields: string[], line: string): AsciiLineResult<string> {
  const id = fields[0];
  return id !== undefined && sensorIdPattern.test(id) ? { ok: true, value: id } : badField('sensorId', id, line);
}

function arity(fields: string[], min: number, max: number, line: string): AsciiError | null {
  if (fields.length < min || fields.length > max) return { reason: 'bad-field', field: 'fields', value: String(fields.length), line };
  return null;
}

const commandLetters: Record<string, SensorCommand> = { Z: 'zero', T: 'tare' };

/** Decodes one line a sensor sent (without its line end). */
export function decodeSensorLine(line: string, at: number): AsciiLineResult<ShelfReading> {
  const record = parseRecord(line);
  if (!record.ok) return record;
  const { type, fields } = record.value;
  const id = sensorId(fields, line);
  switch (type) {
    case 'W': {
      const wrong = arity(fields, 2, 3, line);
      if (wrong) return { ok: false, error: wrong };
      if (!id.ok) return id;
      const grams = fields[1]!;
      if (!gramsPattern.test(grams)) return badField('grams', grams, line);
      const flag = fields[2];
      if (flag !== undefined && flag !== 'S' && flag !== 'M') return badField('motion', flag, line);
      return { ok: true, value: { kind: 'weight', sensorId: id.value, grams: Number(grams), stable: flag === undefined ? null : flag === 'S', at } };
    }
    case 'P': {
      const wrong = arity(fields, 2, 2, line);
      if (wrong) return { ok: false, error: wrong };
      if (!id.ok) return id;
      const flag = fields[1];
      if (flag !== '0' && flag !== '1') return badField('present', flag, line);
      return { ok: true, value: { kind: 'presence', sensorId: id.value, present: flag === '1', at } };
    }
    case 'H': {
      const wrong = arity(fields, 1, 1, line);
      if (wrong) return { ok: false, error: wrong };
      if (!id.ok) return id;
      return { ok: true, value: { kind: 'heartbeat', sensorId: id.value, at } };
    }
    case 'A': {
      const wrong = arity(fields, 2, 2, line);
      if (wrong) return { ok: false, error: wrong };
      if (!id.ok) return id;
      const command = commandLetters[fields[1] ?? ''];
      if (!command) return badField('command', fields[1], line);
      return { ok: true, value: { kind: 'ack', sensorId: id.value, command, at } };
    }
    default:
      return { ok: false, error: { reason: 'unknown-record', type: printable(type.slice(0, 8)), line } };
  }
}

/** Decodes one line the console sent (the simulator's side). */
export function decodeCommandLine(line: string): AsciiLineResult<{ sensorId: string; command: SensorCommand }> {
  const record = parseRecord(line);
  if (!record.ok) return record;
  const { type, fields } = record.value;
  const command = commandLetters[type];
  if (!command) return { ok: false, error: { reason: 'unknown-record', type: printable(type.slice(0, 8)), line } };
  const wrong = arity(fields, 1, 1, line);
  if (wrong) return { ok: false, error: wrong };
  const id = sensorId(fields, line);
  return id.ok ? { ok: true, value: { sensorId: id.value, command } } : id;
}

function withChecksum(body: string, checksum: boolean): string {
  return `${checksum ? `${body}*${checksumOf(body)}` : body}\r\n`;
}

/** The line a sensor sends for a reading (the simulator's side). */
export function encodeReading(reading: ShelfReading, { checksum = false } = {}): string {
  switch (reading.kind) {
    case 'weight': {
      const grams = Number.isInteger(reading.grams) ? String(reading.grams) : reading.grams.toFixed(3).replace(/0+$/, '');
      const flag = reading.stable === null ? '' : reading.stable ? ',S' : ',M';
      return withChecksum(`W,${reading.sensorId},${grams}${flag}`, checksum);
    }
    case 'presence':
      return withChecksum(`P,${reading.sensorId},${reading.present ? 1 : 0}`, checksum);
    case 'heartbeat':
      return withChecksum(`H,${reading.sensorId}`, checksum);
    case 'ack':
      return withChecksum(`A,${reading.sensorId},${reading.command === 'zero' ? 'Z' : 'T'}`, checksum);
  }
}

/** The line the console sends to zero or tare a sensor. */
export function encodeCommand(sensorId: string, command: SensorCommand, { checksum = false } = {}): string {
  return withChecksum(`${command === 'zero' ? 'Z' : 'T'},${sensorId}`, checksum);
}

/** Splits a byte stream into lines: overlong lines are dropped whole, reported once. */
export function createLineSplitter(maxBytes = maxLineBytes) {
  let buffer: number[] = [];
  let overlongBy = 0;
  return {
    push(chunk: Uint8Array): ({ line: string } | { overlong: number })[] {
      const out: ({ line: string } | { overlong: number })[] = [];
      for (const byte of chunk) {
        if (byte === LF) {
          if (buffer.at(-1) === CR) buffer.pop();
          if (overlongBy > 0 || buffer.length > maxBytes) out.push({ overlong: overlongBy || buffer.length });
          else if (buffer.length > 0) out.push({ line: String.fromCharCode(...buffer) });
          buffer = [];
          overlongBy = 0;
          continue;
        }
        if (overlongBy > 0) {
          overlongBy++;
          continue;
        }
        // One byte of slack for the CR of a CR LF ending.
        if (buffer.length >= maxBytes + 1) {
          overlongBy = buffer.length + 1;
          buffer = [];
          continue;
        }
        buffer.push(byte);
      }
      return out;
    },
    pending: () => buffer.length + overlongBy,
  };
}

/** The console's decoder for one serial line: bytes in, readings and errors out. */
export function createAsciiShelfDecoder(maxBytes = maxLineBytes) {
  const splitter = createLineSplitter(maxBytes);
  return {
    push(chunk: Uint8Array, at: number): AsciiDecoderEvent[] {
      return splitter.push(chunk).map((part): AsciiDecoderEvent => {
        if ('overlong' in part) return { kind: 'error', error: { reason: 'overlong', length: part.overlong }, at };
        const result = decodeSensorLine(part.line, at);
        return result.ok ? { kind: 'reading', reading: result.value } : { kind: 'error', error: result.error, at };
      });
    },
    pending: splitter.pending,
  };
}
export type AsciiShelfDecoder = ReturnType<typeof createAsciiShelfDecoder>;

/** A line safe to log: control and non-ASCII bytes shown as \xNN. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
