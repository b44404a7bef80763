import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCoreEvent } from '../../../main/api/events';
import { isTransportError, parseReply, parseWireFrame } from '../../../renderer/src/api/reply';

const parseResult = (raw: unknown) => parseReply('stock.levels', raw);
const summary = { sku: 'MS-1', byLocation: [{ location: 'sales_floor', qty: 3, sellable: true }], onHand: 3, held: 0, safetyStock: 0, atp: 3 };

test('a well-formed success or failure from the core passes through unchanged', () => {
  assert.deepEqual(parseResult({ ok: true, value: summary }), { ok: true, value: summary });
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

test("a success whose value does not have the procedure's reply shape becomes an INTERNAL failure", () => {
  for (const value of [{ sku: 'MS-1' }, { ...summary, atp: 'lots' }, [summary], null]) {
    const result = parseResult({ ok: true, value });
    assert.equal(result.ok, false, JSON.stringify(value));
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
  assert.equal(parseCoreEvent({ event: 'stock.changed', payload: { skus: [] } }), null, 'a stock change names its SKUs');
  assert.deepEqual(parseCoreEvent({ event: 'printing.changed', payload: { printers: ['counter'], jobIds: [] } }), {
    event: 'printing.changed',
    payload: { printers: ['counter'], jobIds: [] },
  });
  assert.equal(parseCoreEvent({ event: 'printing.changed', payload: { printers: [], jobIds: [] } }), null);
  assert.equal(parseCoreEvent({ event: 'devices.changed', payload: { devices: [] } }), null, 'the old whole-list payload');
  assert.equal(parseCoreEvent({ event: 'session.changed', payload: { store: 's', station: 't', staff: { id: 1 } } }), null);
  assert.equal(parseCoreEvent({ event: 'something.else', payload: {} }), null);
});

test('bridge frames are told apart: reply by id, pushed event, or ignored', () => {
  assert.deepEqual(parseWireFrame('{"id":3,"result":{"ok":true,"value":1}}'), { kind: 'reply', id: 3, result: { ok: true, value: 1 } });
  assert.deepEqual(parseReply('setup.chooseDemo', { ok: true, value: 1 }).ok, false, "a reply's value is parsed with its procedure's schema");
  assert.deepEqual(parseWireFrame('{"event":"stock.changed","payload":{"skus":["X"]}}'), {
    kind: 'event',
    event: { event: 'stock.changed', payload: { skus: ['X'] } },
  });
  for (const frame of ['not json', '[]', '{"id":null,"result":{}}', '{"id":"1","result":{}}', '{"event":"nope"}']) {
    assert.equal(parseWireFrame(frame).kind, 'ignored', frame);
  }
});
