import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { startBridge, type RunningBridge } from '../../../main/bridge/bridge-server';
import type { Store } from '../../../main/compose-store';
import { openSmallStore, staffPins } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

let core: Store;
let bridge: RunningBridge;
const logged: Record<string, unknown>[] = [];
before(async () => {
  core = await openSmallStore();
  bridge = await startBridge({ api: core.api, staticDir: tempDir(), log: (entry) => logged.push(entry) });
});
after(async () => {
  await bridge.close();
  core.close();
});

const wsUrl = (token: string) => `ws://127.0.0.1:${bridge.port}/api?token=${token}`;

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((done, failed) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => done(ws));
    ws.once('error', failed);
  });
}

function request(ws: WebSocket, frame: unknown): Promise<{ id: number | null; result: { ok: boolean; error?: { code: string }; value?: unknown } }> {
  return new Promise((done) => {
    // Pushed events share the socket; a reply is the frame with a result.
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(String(data));
      if (!('result' in parsed)) return;
      ws.off('message', onMessage);
      done(parsed);
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

test('the bridge listens on loopback only and refuses a connection without this run’s token', async () => {
  assert.match(bridge.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  await assert.rejects(open(wsUrl('wrong-token')), /403/);
  await assert.rejects(open(`ws://127.0.0.1:${bridge.port}/api`), /403/);
});

test('a page from another origin cannot drive the store even with the token', async () => {
  await assert.rejects(open(wsUrl(bridge.token), { Origin: 'http://evil.example' }), /403/);
});

test('calls cross the bridge as Results; malformed frames get a typed refusal and the socket stays usable', async () => {
  const ws = await open(wsUrl(bridge.token), { Origin: `http://127.0.0.1:${bridge.port}` });
  const events: { event?: string }[] = [];
  ws.on('message', (data) => events.push(JSON.parse(String(data))));
  const signIn = await request(ws, { id: 1, name: 'session.signIn', input: { staffId: 'ana', pin: staffPins.ana } });
  assert.equal(signIn.result.ok, true);
  assert.ok(events.some((e) => e.event === 'session.changed'), 'the sign-in was pushed to every screen');

  const garbage = await request(ws, 'not json at all');
  assert.deepEqual([garbage.id, garbage.result.error?.code], [null, 'VALIDATION']);
  const wrongShape = await request(ws, { id: 2, procedure: 'x' });
  assert.deepEqual([wrongShape.id, wrongShape.result.error?.code], [2, 'VALIDATION']);
  const lookup = await request(ws, { id: 3, name: 'catalog.lookup', input: { code: '8412345000010' } });
  assert.equal(lookup.result.ok, true);
  ws.close();
});

test('static files are served with a strict CSP and never from outside the renderer folder', async () => {
  const res = await fetch(`http://127.0.0.1:${bridge.port}/../../etc/passwd`);
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
});

/** The longest shelves.configure a well-behaved screen can send: every field at its bound, every character escaped. */
// Numbers whose shortest JSON form is as long as a double's gets (about 24 characters).
const longest = { tiny: Number('1.2345678901234567e-300'), fraction: 1 / 3 };

function largestShelvesConfigure(count: number, fieldBytes: { sku: number; location: number }) {
  const escaped = '\u0001'; // JSON.stringify writes it as 6 bytes
  const shelves = Array.from({ length: count }, (_, i) => ({
    sensorId: `s${i}`.padEnd(32, 'x'),
    sku: escaped.repeat(fieldBytes.sku),
    location: escaped.repeat(fieldBytes.location),
    unitWeightGrams: longest.tiny,
    tareGrams: -longest.tiny,
    lowThreshold: Number.MAX_SAFE_INTEGER,
    toleranceUnits: Number.MAX_SAFE_INTEGER,
    misplacedFraction: longest.fraction,
  }));
  return { id: 9, name: 'shelves.configure', input: { shelves } };
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((done) => ws.once('close', (code, reason) => done({ code, reason: String(reason) })));
}

test('an oversized frame closes only its own connection (1009) and the bridge keeps serving others', async () => {
  const origin = { Origin: `http://127.0.0.1:${bridge.port}` };
  const bystander = await open(wsUrl(bridge.token), origin);
  const attacker = await open(wsUrl(bridge.token), origin);
  attacker.on('error', () => {}); // the client may see the reset as an error as well as the close
  const closing = closed(attacker);
  attacker.send('x'.repeat(8 * 1024 * 1024));
  const { code } = await closing;
  assert.equal(code, 1009, 'message too big');
  assert.ok(
    logged.some((e) => e.level === 'warn' && e.code === 1009),
    `the bridge logged why it closed the connection: ${JSON.stringify(logged)}`,
  );

  const lookup = await request(bystander, { id: 1, name: 'catalog.lookup', input: { code: '8412345000010' } });
  assert.equal(lookup.result.ok, true, 'a connection opened before still works');
  bystander.close();
  const later = await open(wsUrl(bridge.token), origin);
  const again = await request(later, { id: 2, name: 'catalog.lookup', input: { code: '8412345000010' } });
  assert.equal(again.result.ok, true, 'a new connection is served');
  later.close();
});

test('the largest valid request fits in one frame; the contract bounds what it carries', async () => {
  const { contract } = await import('../../../main/api/contract');
  const schema = contract['shelves.configure'].input;
  const largest = largestShelvesConfigure(500, { sku: 64, location: 32 });
  assert.equal(schema.safeParse(largest.input).success, true, 'the frame under test is a valid request');
  assert.equal(schema.safeParse(largestShelvesConfigure(501, { sku: 1, location: 1 }).input).success, false, 'no more shelves than that');
  assert.equal(schema.safeParse(largestShelvesConfigure(1, { sku: 65, location: 1 }).input).success, false, 'no longer SKU');
  assert.equal(schema.safeParse(largestShelvesConfigure(1, { sku: 1, location: 33 }).input).success, false, 'no longer location');

  const ws = await open(wsUrl(bridge.token), { Origin: `http://127.0.0.1:${bridge.port}` });
  const reply = await request(ws, largest);
  // Nobody is signed in on this socket's station: a typed refusal proves the frame was read whole.
  assert.deepEqual([reply.id, reply.result.ok], [9, false]);
  assert.notEqual(reply.result.error?.code, 'VALIDATION');
  ws.close();
});

test('a request for another host name is refused (DNS rebinding), over HTTP and on the WebSocket, even with the token', async () => {
  const { request: httpRequest } = await import('node:http');
  const statusFor = (host: string) =>
    new Promise<number>((done, failed) => {
      const req = httpRequest({ host: '127.0.0.1', port: bridge.port, path: '/', headers: { Host: host } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.once('error', failed);
      req.end();
    });
  assert.equal(await statusFor(`evil.example:${bridge.port}`), 403);
  assert.equal(await statusFor('evil.example'), 403);
  for (const good of [`127.0.0.1:${bridge.port}`, `localhost:${bridge.port}`, `[::1]:${bridge.port}`]) {
    assert.notEqual(await statusFor(good), 403, good);
  }
  // The page's own origin matches the rebound Host, so only the Host check can refuse it.
  const rebound = `evil.example:${bridge.port}`;
  await assert.rejects(open(wsUrl(bridge.token), { Host: rebound, Origin: `http://${rebound}` }), /403/);
  const fine = await open(wsUrl(bridge.token), { Host: `localhost:${bridge.port}`, Origin: `http://localhost:${bridge.port}` });
  fine.close();
});
