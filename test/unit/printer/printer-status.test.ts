import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStatusReader, isAsbFirstByte, isDleEotReply, statusFromAsb, statusFromDleEot } from '../../../drivers/printer/printer-status';

const fine = { online: true, offline: false, paperNearEnd: false, paperOut: false, coverOpen: false, drawerOpen: false };

test('DLE EOT replies map to the status staff see', () => {
  assert.deepEqual(statusFromDleEot({ 1: 0x12, 2: 0x12, 4: 0x12 }), fine);
  // n=1 0x16: drawer pin 3 high. n=1 0x1e + n=2 0x32 + n=4 0x72: stopped by paper end.
  assert.deepEqual(statusFromDleEot({ 1: 0x16, 2: 0x12, 4: 0x12 }), { ...fine, drawerOpen: true });
  assert.deepEqual(statusFromDleEot({ 1: 0x1a, 2: 0x32, 4: 0x72 }), { ...fine, online: false, offline: true, paperOut: true });
  assert.deepEqual(statusFromDleEot({ 1: 0x1a, 2: 0x16, 4: 0x12 }), { ...fine, online: false, offline: true, coverOpen: true });
  assert.deepEqual(statusFromDleEot({ 1: 0x12, 2: 0x12, 4: 0x1e }), { ...fine, paperNearEnd: true });
});

test('ASB reports map to the same status', () => {
  assert.deepEqual(statusFromAsb([0x10, 0x00, 0x00, 0x00]), fine);
  assert.deepEqual(statusFromAsb([0x38, 0x00, 0x00, 0x00]), { ...fine, online: false, offline: true, coverOpen: true });
  assert.deepEqual(statusFromAsb([0x18, 0x00, 0x0f, 0x00]), { ...fine, online: false, offline: true, paperNearEnd: true, paperOut: true });
  assert.deepEqual(statusFromAsb([0x14, 0x00, 0x03, 0x00]), { ...fine, drawerOpen: true, paperNearEnd: true });
});

test('bit 1 tells a DLE EOT reply from the first byte of an ASB report', () => {
  for (let b = 0; b < 256; b++) assert.ok(!(isDleEotReply(b) && isAsbFirstByte(b)), `0x${b.toString(16)}`);
  assert.ok(isDleEotReply(0x12) && isDleEotReply(0x7e) && !isDleEotReply(0x10));
  assert.ok(isAsbFirstByte(0x10) && isAsbFirstByte(0x3c) && !isAsbFirstByte(0x12));
});

test('one reader takes interleaved DLE EOT replies and ASB reports from one stream, in any chunking', () => {
  const stream = [0x12, 0x38, 0x00, 0x00, 0x00, 0x32, 0x13 /* XOFF */, 0x72, 0x11 /* XON */, 0x10, 0x00, 0x0c, 0x00];
  for (const split of [1, 2, 3, 5, stream.length]) {
    const reader = createStatusReader();
    for (const n of [1, 2, 4] as const) reader.expect(n);
    const replies = [];
    for (let i = 0; i < stream.length; i += split) replies.push(...reader.push(Uint8Array.from(stream.slice(i, i + split))));
    assert.deepEqual(replies, [
      { kind: 'dle-eot', n: 1, byte: 0x12 },
      { kind: 'asb', bytes: [0x38, 0, 0, 0] },
      { kind: 'dle-eot', n: 2, byte: 0x32 },
      { kind: 'dle-eot', n: 4, byte: 0x72 },
      { kind: 'asb', bytes: [0x10, 0, 0x0c, 0] },
    ]);
  }
});

test('a DLE EOT reply nobody asked for is dropped, not matched to a later question', () => {
  const reader = createStatusReader();
  assert.deepEqual(reader.push(Uint8Array.of(0x16)), []);
  reader.expect(4);
  assert.deepEqual(reader.push(Uint8Array.of(0x72)), [{ kind: 'dle-eot', n: 4, byte: 0x72 }]);
});
