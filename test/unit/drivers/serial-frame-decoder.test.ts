import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSerialFrameDecoder, type FrameEvent } from '../../../drivers/scanner/serial-frame-decoder';

const bytes = (s: string) => new TextEncoder().encode(s);
const frames = (events: FrameEvent[]) =>
  events.flatMap((e) => (e.kind === 'frame' ? [new TextDecoder().decode(e.bytes)] : []));
const drops = (events: FrameEvent[]) => events.flatMap((e) => (e.kind === 'drop' ? [e.drop.reason] : []));

test('CR, LF and CRLF suffixes end frames; a split frame is joined', () => {
  const cr = createSerialFrameDecoder({ suffix: 'CR', interByteTimeoutMs: 50, maxLength: 64 });
  assert.deepEqual(frames([...cr.push(bytes('84000000'), 0), ...cr.push(bytes('00017\r]E0123\r'), 1)]), ['8400000000017', ']E0123']);
  const crlf = createSerialFrameDecoder({ suffix: 'CRLF', interByteTimeoutMs: 50, maxLength: 64 });
  assert.deepEqual(frames(crlf.push(bytes('A1\r\nB2\r\n'), 0)), ['A1', 'B2']);
  const lf = createSerialFrameDecoder({ suffix: 'LF', interByteTimeoutMs: 50, maxLength: 64 });
  assert.deepEqual(frames(lf.push(bytes('X\nY\n'), 0)), ['X', 'Y']);
});

test('with no suffix, an inter-byte gap ends the frame', () => {
  const d = createSerialFrameDecoder({ suffix: 'none', interByteTimeoutMs: 30, maxLength: 64 });
  assert.deepEqual(frames(d.push(bytes('12345'), 0)), []);
  assert.deepEqual(frames(d.tick(10)), []);
  assert.deepEqual(frames(d.tick(40)), ['12345']);
});

test('GS (FNC1) survives; other control bytes, overlong and partial frames are dropped with a reason', () => {
  const d = createSerialFrameDecoder({ suffix: 'CR', interByteTimeoutMs: 50, maxLength: 16 });
  assert.deepEqual(frames(d.push(bytes('0109501101530003\u001d10AB\r'.slice(0, 16) + '\r'), 0)), ['0109501101530003']);
  const gs = createSerialFrameDecoder({ suffix: 'CR', interByteTimeoutMs: 50, maxLength: 64 });
  assert.deepEqual(frames(gs.push(bytes('0109501101530003\u001d10AB-123\r'), 0)), ['0109501101530003\u001d10AB-123']);
  assert.deepEqual(drops(d.push(bytes('12\u001b34\r'), 0)), ['garbage']);
  assert.deepEqual(drops(d.push(bytes('x'.repeat(40) + '\r'), 0)), ['overlong']);
  assert.deepEqual(frames(d.push(bytes('OK\r'), 0)), ['OK'], 'the next frame after a drop is fine');
  d.push(bytes('half'), 100);
  assert.deepEqual(drops(d.tick(200)), ['partial']);
});

test('no byte stream crashes the decoder, and every frame it yields is clean and bounded', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 20 }), (chunks) => {
      const d = createSerialFrameDecoder({ suffix: 'CR', interByteTimeoutMs: 50, maxLength: 32 });
      let at = 0;
      for (const chunk of chunks) {
        for (const e of d.push(chunk, (at += 7))) {
          if (e.kind !== 'frame') continue;
          assert.ok(e.bytes.length > 0 && e.bytes.length <= 32);
          assert.ok(e.bytes.every((b) => b === 0x1d || (b >= 0x20 && b !== 0x7f)));
        }
      }
    }),
  );
});
