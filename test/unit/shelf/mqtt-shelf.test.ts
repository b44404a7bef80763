import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeShelfCommand, decodeShelfMessage } from '../../../drivers/shelf/mqtt-shelf';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const now = Date.parse('2026-05-01T10:00:30Z');

test('weight, presence, heartbeat and ack messages become readings stamped with the receive time', () => {
  assert.deepEqual(decodeShelfMessage('shelf/s1/weight', json({ grams: 1520.5, stable: true, at: '2026-05-01T10:00:29Z' }), now), {
    ok: true,
    reading: { kind: 'weight', sensorId: 's1', grams: 1520.5, stable: true, at: now },
  });
  const noFlag = decodeShelfMessage('shelf/s1/weight', json({ grams: 10 }), now);
  assert.equal(noFlag.ok && noFlag.reading.kind === 'weight' && noFlag.reading.stable, null);
  assert.deepEqual(decodeShelfMessage('shelf/s2/presence', json({ present: false }), now), {
    ok: true,
    reading: { kind: 'presence', sensorId: 's2', present: false, at: now },
  });
  assert.deepEqual(decodeShelfMessage('shelf/s3/heartbeat', new Uint8Array(), now), { ok: true, reading: { kind: 'heartbeat', sensorId: 's3', at: now } });
  const ack = decodeShelfMessage('shelf/s4/ack', json({ command: 'zero' }), now);
  assert.equal(ack.ok && ack.reading.kind === 'ack' && ack.reading.command, 'zero');
});

test('bad topics, bad JSON, bad payloads and stale messages are typed errors', () => {
  const reason = (topic: string, payload: Uint8Array) => {
    const r = decodeShelfMessage(topic, payload, now);
    return r.ok ? 'ok' : r.error.reason;
  };
  assert.equal(reason('shelf/s1/weight/extra', json({ grams: 1 })), 'bad-topic');
  assert.equal(reason('other/s1/weight', json({ grams: 1 })), 'bad-topic');
  assert.equal(reason('shelf/bad id/weight', json({ grams: 1 })), 'bad-topic');
  assert.equal(reason('shelf/s1/command', json({ command: 'zero' })), 'bad-topic', 'the console does not read its own commands');
  assert.equal(reason('shelf/s1/weight', new TextEncoder().encode('{"grams":')), 'bad-json');
  assert.equal(reason('shelf/s1/weight', json({ grams: '12' })), 'bad-payload');
  assert.equal(reason('shelf/s1/weight', json({ grams: 12, stable: 'yes' })), 'bad-payload');
  assert.equal(reason('shelf/s1/weight', json([1, 2])), 'bad-payload');
  assert.equal(reason('shelf/s1/weight', json({ grams: 12, at: 'yesterday' })), 'bad-payload');
  assert.equal(reason('shelf/s1/weight', json({ grams: 12, at: now - 3_600_000 })), 'stale');
  const issues = decodeShelfMessage('shelf/s1/weight', json({ grams: '12' }), now);
  assert.match(!issues.ok && issues.error.reason === 'bad-payload' ? issues.error.issues : '', /grams/);
});

test('no topic or payload crashes the decoder', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.constantFrom('shelf/s1/weight', 'shelf/s1/presence', 'shelf/s1/ack')), fc.oneof(fc.uint8Array(), fc.json().map((s) => new TextEncoder().encode(s))), (topic, payload) => {
      const r = decodeShelfMessage(topic, payload, now);
      if (r.ok && r.reading.kind === 'weight') assert.ok(Number.isFinite(r.reading.grams));
    }),
  );
});

test('the simulator side reads command messages and ignores anything else', () => {
  assert.equal(decodeShelfCommand(json({ command: 'tare' })), 'tare');
  assert.equal(decodeShelfCommand(json({ command: 'reboot' })), null);
  assert.equal(decodeShelfCommand(new TextEncoder().encode('not json')), null);
});
