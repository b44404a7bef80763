import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTransportError, parseCoreEvent, parseResult, parseWireFrame } from '../../../renderer/src/api/reply-shape';

test('a well-formed success or failure from the core passes through unchanged', () => {
  assert.deepEqual(parseResult({ ok: true, value: { sku: 'MS-1' } }), { ok: true, value: { sku: 'MS-1' } });
  assert.deepEqual(parseResult({ ok: false, error: { code: 'PIN_INVALID', message: 'Wrong PIN.', details: { attemptsLeft: 3 } } }), {
    ok: false,
    error: { code: 'PIN_INVALID', message: 'Wrong PIN.', details: { attemptsLeft: 3 } },
  });
});

test('a reply that is not a Result becomes an INTERNAL failure, never a crash', () => {
  for (const junk of [null, 42, 'ok', [], { ok: true }, { ok: false }, { ok: false, error: { code: 'PIN_INVALID' } }, { ok: 'yes', value: 1 }]) {
    const result = parseResult(junk);
    assert.equal(result.ok, false, JSON.stringify(junk));
    if (!result.ok) assert.equal(result.error.code, 'INTERNAL');
  }
});

test('an error code the renderer does not know is shown as INTERNAL, keeping the message', () => {
  const result = parseResult({ ok: false, error: { code: 'FROM_THE_FUTURE', message: 'new thing' } });
  assert.deepEqual(result, { ok: false, error: { code: 'INTERNAL', message: 'FROM_THE_FUTURE: new thing' } });
  assert.equal(isTransportError(result.ok ? assert.fail() : result.error), false);
});

test('pushed events are accepted only with the payload the screens expect', () => {
  assert.deepEqual(parseCoreEvent({ event: 'stock.changed', payload: { skus: ['A', 'B'] } }), {
    event: 'stock.changed',
    payload: { skus: ['A', 'B'] },
  });
  const session = { store: 's', station: 't', staff: { id: 'ana', name: 'Ana', role: 'associate' } };
  assert.deepEqual(parseCoreEvent({ event: 'session.changed', payload: session }), { event: 'session.changed', payload: session });
  assert.equal(parseCoreEvent({ event: 'stock.changed', payload: { skus: [1] } }), null);
  assert.equal(parseCoreEvent({ event: 'session.changed', payload: { store: 's', station: 't', staff: { id: 1 } } }), null);
  assert.equal(parseCoreEvent({ event: 'something.else', payload: {} }), null);
});

test('bridge frames are told apart: reply by id, pushed event, or ignored', () => {
  assert.deepEqual(parseWireFrame('{"id":3,"result":{"ok":true,"value":1}}'), { kind: 'reply', id: 3, result: { ok: true, value: 1 } });
  assert.deepEqual(parseWireFrame('{"event":"stock.changed","payload":{"skus":["X"]}}'), {
    kind: 'event',
    event: { event: 'stock.changed', payload: { skus: ['X'] } },
  });
  for (const frame of ['not json', '[]', '{"id":null,"result":{}}', '{"id":"1","result":{}}', '{"event":"nope"}']) {
    assert.equal(parseWireFrame(frame).kind, 'ignored', frame);
  }
});
