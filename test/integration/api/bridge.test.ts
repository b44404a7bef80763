import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { startBridge, type RunningBridge } from '../../../main/bridge/bridge-server';
import type { StoreCore } from '../../../main/core/store-core';
import { openSmallStore, staffPins } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

let core: StoreCore;
let bridge: RunningBridge;
before(async () => {
  core = await openSmallStore();
  bridge = await startBridge({ api: core.api, staticDir: tempDir() });
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
