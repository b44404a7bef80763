import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  checksumOf,
  createAsciiShelfDecoder,
  decodeCommandLine,
  decodeSensorLine,
  encodeCommand,
  encodeReading,
  type AsciiDecoderEvent,
} from '../../../drivers/shelf/ascii-protocol';
import type { ShelfReading } from '../../../drivers/shelf/shelf-reading';

const bytes = (s: string) => new TextEncoder().encode(s);
const readings = (events: AsciiDecoderEvent[]) => events.flatMap((e) => (e.kind === 'reading' ? [e.reading] : []));
const errors = (events: AsciiDecoderEvent[]) => events.flatMap((e) => (e.kind === 'error' ? [e.error.reason] : []));

test('weight, presence, heartbeat and ack lines decode to typed readings', () => {
  const d = createAsciiShelfDecoder();
  const out = readings(d.push(bytes('W,shelf-07,1520.5,S\r\nW,s2,-12,M\r\nW,s3,300\r\nP,s4,0\r\nH,s5\nA,s6,T\r\n'), 42));
  assert.deepEqual(out, [
    { kind: 'weight', sensorId: 'shelf-07', grams: 1520.5, stable: true, at: 42 },
    { kind: 'weight', sensorId: 's2', grams: -12, stable: false, at: 42 },
    { kind: 'weight', sensorId: 's3', grams: 300, stable: null, at: 42 },
    { kind: 'presence', sensorId: 's4', present: false, at: 42 },
    { kind: 'heartbeat', sensorId: 's5', at: 42 },
    { kind: 'ack', sensorId: 's6', command: 'tare', at: 42 },
  ]);
});

test('a line split across chunks is joined; a partial line waits for its end', () => {
  const d = createAsciiShelfDecoder();
  assert.deepEqual(d.push(bytes('W,a,10'), 1), []);
  assert.equal(d.pending(), 6);
  assert.deepEqual(readings(d.push(bytes('0,S\r'), 2)), []);
  assert.deepEqual(readings(d.push(bytes('\n'), 3)), [{ kind: 'weight', sensorId: 'a', grams: 100, stable: true, at: 3 }]);
});

test('a checksum, when present, must match; lower-case hex is accepted', () => {
  const body = 'W,shelf-07,1520.5,S';
  const sum = checksumOf(body);
  assert.ok(decodeSensorLine(`${body}*${sum}`, 0).ok);
  assert.ok(decodeSensorLine(`${body}*${sum.toLowerCase()}`, 0).ok);
  const wrong = decodeSensorLine(`${body}*${sum === '00' ? '01' : '00'}`, 0);
  assert.equal(!wrong.ok && wrong.error.reason, 'bad-checksum');
  const corrupted = decodeSensorLine(`W,shelf-07,1620.5,S*${sum}`, 0); // one digit flipped in transit
  assert.equal(!corrupted.ok && corrupted.error.reason, 'bad-checksum');
});

test('garbage, unknown records, bad fields and overlong lines are typed errors, and the next line still decodes', () => {
  const d = createAsciiShelfDecoder();
  const events = d.push(
    bytes(
      'W,a,12\u0007\r\n' + // control byte
        'X,a,1\r\n' + // unknown record
        'W,a,12kg,S\r\n' + // grams not a number
        'W,a,12,Q\r\n' + // unknown motion flag
        'W,bad id!,12,S\r\n' + // sensor id
        'P,a,2\r\n' +
        'W,a\r\n' + // missing field
        `W,a,${'9'.repeat(80)},S\r\n` + // overlong
        'W,a,250,S\r\n',
    ),
    5,
  );
  assert.deepEqual(errors(events), ['garbage', 'unknown-record', 'bad-field', 'bad-field', 'bad-field', 'bad-field', 'bad-field', 'overlong']);
  assert.deepEqual(readings(events), [{ kind: 'weight', sensorId: 'a', grams: 250, stable: true, at: 5 }]);
});

test('a line with non-ASCII bytes is refused, and the error shows them escaped for the log', () => {
  const d = createAsciiShelfDecoder();
  const [event] = d.push(Uint8Array.from([...bytes('W,a,1'), 0xff, 0x0d, 0x0a]), 0);
  assert.equal(event?.kind, 'error');
  assert.ok(event?.kind === 'error' && event.error.reason === 'garbage' && event.error.line === 'W,a,1\\xff');
});

const sensorId = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
const reading: fc.Arbitrary<ShelfReading> = fc.oneof(
  fc.record({
    kind: fc.constant('weight' as const),
    sensorId,
    grams: fc.integer({ min: -9_999_999, max: 9_999_999 }).map((milli) => milli / 1000),
    stable: fc.option(fc.boolean(), { nil: null }),
    at: fc.constant(7),
  }),
  fc.record({ kind: fc.constant('presence' as const), sensorId, present: fc.boolean(), at: fc.constant(7) }),
  fc.record({ kind: fc.constant('heartbeat' as const), sensorId, at: fc.constant(7) }),
  fc.record({ kind: fc.constant('ack' as const), sensorId, command: fc.constantFrom('zero' as const, 'tare' as const), at: fc.constant(7) }),
);

test('every reading the simulator encodes decodes back to itself, with or without a checksum', () => {
  fc.assert(
    fc.property(fc.array(reading, { maxLength: 10 }), fc.boolean(), (list, checksum) => {
      const d = createAsciiShelfDecoder();
      const stream = bytes(list.map((r) => encodeReading(r, { checksum })).join(''));
      assert.deepEqual(readings(d.push(stream, 7)), list.map((r) => ({ ...r })));
    }),
  );
});

test('zero and tare commands round-trip through the sensor side', () => {
  assert.equal(encodeCommand('shelf-07', 'zero'), 'Z,shelf-07\r\n');
  assert.deepEqual(decodeCommandLine('T,shelf-07'), { ok: true, value: { sensorId: 'shelf-07', command: 'tare' } });
  const withSum = encodeCommand('s1', 'tare', { checksum: true }).trimEnd();
  assert.deepEqual(decodeCommandLine(withSum), { ok: true, value: { sensorId: 's1', command: 'tare' } });
  assert.equal(decodeCommandLine('W,s1,100').ok, false);
});

test('no byte stream crashes the decoder; what it yields is either a valid reading or a typed error', () => {
  const noisy = fc.oneof(
    fc.uint8Array({ maxLength: 100 }),
    fc.constantFrom('W,a,100,S\r\n', 'P,b,1\n', 'H,c\r\n', '\r\n', ',,,\n', '*ZZ\n', 'W,a,1*\n').map(bytes),
    fc.string({ maxLength: 90 }).map(bytes),
  );
  fc.assert(
    fc.property(fc.array(noisy, { maxLength: 30 }), (chunks) => {
      const d = createAsciiShelfDecoder(64);
      for (const chunk of chunks) {
        for (const e of d.push(chunk, 1)) {
          if (e.kind === 'reading') assert.match(e.reading.sensorId, /^[A-Za-z0-9_-]{1,32}$/);
          if (e.kind === 'reading' && e.reading.kind === 'weight') assert.ok(Number.isFinite(e.reading.grams));
          if (e.kind === 'error') assert.ok(['overlong', 'garbage', 'bad-checksum', 'unknown-record', 'bad-field'].includes(e.error.reason));
        }
      }
    }),
    { numRuns: 500 },
  );
});

test('the decoder holds at most one line of bytes, however long the stream runs without a line end', () => {
  const d = createAsciiShelfDecoder(64);
  for (let i = 0; i < 100; i++) d.push(bytes('x'.repeat(1000)), i);
  const [event] = d.push(bytes('\n'), 100);
  assert.deepEqual(event?.kind === 'error' && event.error, { reason: 'overlong', length: 100_000 });
  assert.equal(d.pending(), 0);
});
