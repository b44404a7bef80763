import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTransportError } from '../../../renderer/src/api/reply';
import { bridgeUrlFromPage, createWsClient, type SocketEvents } from '../../../renderer/src/api/ws-client';

function fakeBridge() {
  const sockets: { events: SocketEvents; sent: string[] }[] = [];
  const open = (url: string, events: SocketEvents) => {
    assert.equal(url, 'ws://h/api?token=t');
    const socket = { events, sent: [] as string[] };
    sockets.push(socket);
    return { send: (frame: string) => socket.sent.push(frame) };
  };
  return { sockets, open, last: () => sockets.at(-1)! };
}

test('the API address carries the token from the page URL; no token, no address', () => {
  assert.equal(bridgeUrlFromPage({ protocol: 'http:', host: '127.0.0.1:4780', search: '?token=a+b/c' }), 'ws://127.0.0.1:4780/api?token=a%20b%2Fc');
  assert.equal(bridgeUrlFromPage({ protocol: 'http:', host: '127.0.0.1:4780', search: '' }), null);
});

test('a call waits for the socket to open, is sent once, and resolves with its own reply', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const bridge = fakeBridge();
  const client = createWsClient('ws://h/api?token=t', bridge.open);
  assert.equal(client.connection().status, 'connecting');
  const first = client.call('staff.list', {});
  const second = client.call('session.current', {});
  assert.deepEqual(bridge.last().sent, []);
  bridge.last().events.onOpen();
  assert.equal(client.connection().status, 'connected');
  const frames = bridge.last().sent.map((f) => JSON.parse(f) as { id: number; name: string; input: unknown });
  assert.deepEqual(
    frames.map((f) => [f.name, f.input]),
    [
      ['staff.list', {}],
      ['session.current', {}],
    ],
  );
  // Replies may come in any order; each goes to its own call.
  // Replies are parsed with each procedure's own reply schema, so each carries a value of its shape.
  const staff = [{ id: 'ana', name: 'Ana', role: 'associate' }];
  const session = { store: 's', station: 't', staff: null };
  bridge.last().events.onMessage(JSON.stringify({ id: frames[1]!.id, result: { ok: true, value: session } }));
  bridge.last().events.onMessage(JSON.stringify({ id: frames[0]!.id, result: { ok: true, value: staff } }));
  assert.deepEqual(await first, { ok: true, value: staff });
  assert.deepEqual(await second, { ok: true, value: session });
});

test('a drop fails the calls in flight, refuses new ones, and reconnects after a back-off', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const bridge = fakeBridge();
  const client = createWsClient('ws://h/api?token=t', bridge.open);
  const states: string[] = [];
  client.onConnectionChange((s) => states.push(s.status));
  bridge.last().events.onOpen();
  const inFlight = client.call('staff.list', {});
  bridge.last().events.onClose();

  const lost = await inFlight;
  assert.equal(lost.ok, false);
  if (!lost.ok) assert.ok(isTransportError(lost.error));
  assert.equal(client.connection().status, 'disconnected');
  const refused = await client.call('staff.list', {});
  assert.ok(!refused.ok && isTransportError(refused.error));
  assert.equal(bridge.sockets.length, 1, 'nothing is queued to be sent late');

  t.mock.timers.tick(10_000);
  assert.equal(bridge.sockets.length, 2);
  bridge.last().events.onOpen();
  assert.deepEqual(states, ['connected', 'disconnected', 'connecting', 'connected']);
});

test('pushed events reach subscribers until they unsubscribe; a stale socket is ignored', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const bridge = fakeBridge();
  const client = createWsClient('ws://h/api?token=t', bridge.open);
  const seen: unknown[] = [];
  const unsubscribe = client.subscribe((e) => seen.push(e));
  const old = bridge.last();
  old.events.onOpen();
  old.events.onMessage('{"event":"stock.changed","payload":{"skus":["A"]}}');
  old.events.onClose();
  t.mock.timers.tick(10_000);
  old.events.onMessage('{"event":"stock.changed","payload":{"skus":["STALE"]}}');
  unsubscribe();
  bridge.last().events.onOpen();
  bridge.last().events.onMessage('{"event":"stock.changed","payload":{"skus":["B"]}}');
  assert.deepEqual(seen, [{ event: 'stock.changed', payload: { skus: ['A'] } }]);
});

test('a socket that never opens while the console’s server answers was refused (a restart with another token): the state says so until a socket opens', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const bridge = fakeBridge();
  let serverUp = true;
  const client = createWsClient('ws://h/api?token=t', bridge.open, () => Promise.resolve(serverUp));
  const refusedStates: (boolean | undefined)[] = [];
  client.onConnectionChange((s) => refusedStates.push(s.status === 'disconnected' ? (s.refused ?? false) : undefined));
  bridge.last().events.onOpen();
  bridge.last().events.onClose(); // dropped after it was open: a restart or a stop, not (yet) a refusal
  await Promise.resolve();
  assert.equal(client.connection().status, 'disconnected');
  assert.equal((client.connection() as { refused?: boolean }).refused, undefined, 'a socket that had opened is not asked about');

  t.mock.timers.tick(10_000);
  bridge.last().events.onClose(); // the next try never opens, and the server answers: refused
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal((client.connection() as { refused?: boolean }).refused, true);

  serverUp = false; // the server went away too: no longer a refusal, plain "down"
  t.mock.timers.tick(60_000);
  bridge.last().events.onClose();
  assert.equal((client.connection() as { refused?: boolean }).refused, true, 'said until the next answer: no flicker');
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal((client.connection() as { refused?: boolean }).refused, undefined);

  t.mock.timers.tick(60_000);
  bridge.last().events.onOpen();
  assert.equal(client.connection().status, 'connected');
  assert.equal(refusedStates.filter((r) => r === true).length, 2, 'refused said once, and kept through the next try');
});
