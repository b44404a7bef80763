import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAppUrlCheck } from '../../../main/electron/app-url';
import { handleCall, registerIpcHandlers } from '../../../main/electron/ipc-handlers';
import { denyPermissionRequest, denyWindowOpen, preventNavigation, secureWebPreferences } from '../../../main/electron/window-policy';

test('every window is isolated, sandboxed and without Node; devtools only outside a package', () => {
  const prefs = secureWebPreferences({ preloadPath: '/app/out/preload/index.cjs', devTools: false });
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.devTools, false);
  assert.equal(secureWebPreferences({ preloadPath: 'x', devTools: true }).devTools, true);
});

test('navigation, pop-ups and permission requests are all refused', () => {
  let prevented = false;
  preventNavigation({ preventDefault: () => (prevented = true) });
  assert.ok(prevented);
  assert.deepEqual(denyWindowOpen(), { action: 'deny' });
  let granted: boolean | undefined;
  denyPermissionRequest(null, 'media', (g) => (granted = g));
  assert.equal(granted, false);
});

test('the app URL is the built index.html or the dev server origin, nothing else', () => {
  const built = createAppUrlCheck({ rendererIndexPath: '/app/out/renderer/index.html' });
  assert.ok(built('file:///app/out/renderer/index.html'));
  assert.ok(built('file:///app/out/renderer/index.html#/x'));
  assert.ok(!built('file:///app/out/renderer/other.html'));
  assert.ok(!built('file:///etc/passwd'));
  assert.ok(!built('https://evil.example/app/out/renderer/index.html'));
  assert.ok(!built('not a url'));
  const dev = createAppUrlCheck({ devServerUrl: 'http://localhost:5173', rendererIndexPath: '/x' });
  assert.ok(dev('http://localhost:5173/index.html'));
  assert.ok(!dev('http://localhost:5174/'));
});

const page = { url: 'file:///app/out/renderer/index.html', parent: null };
const contents = { tag: 'console window' };
const isAppUrl = createAppUrlCheck({ rendererIndexPath: '/app/out/renderer/index.html' });

test('a call from the console page reaches the core after validation', async () => {
  const seen: unknown[] = [];
  const api = { call: async (r: unknown) => (seen.push(r), { ok: true as const, value: 'pong' }) };
  const ok = await handleCall({ sender: contents, senderFrame: page }, { name: 'staff.list', input: {} }, { api, contents, isAppUrl });
  assert.deepEqual(ok, { ok: true, value: 'pong' });
  assert.deepEqual(seen, [{ name: 'staff.list', input: {} }]);
});

test('calls from another frame, window or page are refused; malformed requests fail validation', async () => {
  const api = { call: async () => assert.fail('must not reach the core') };
  const ask = (event: Parameters<typeof handleCall>[0], raw: unknown = { name: 'staff.list', input: {} }) => handleCall(event, raw, { api, contents, isAppUrl });
  const code = async (p: ReturnType<typeof ask>) => { const r = await p; return r.ok ? 'ok' : r.error.code; };
  assert.equal(await code(ask({ sender: contents, senderFrame: { url: page.url, parent: {} } })), 'FORBIDDEN');
  assert.equal(await code(ask({ sender: {}, senderFrame: page })), 'FORBIDDEN');
  assert.equal(await code(ask({ sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } })), 'FORBIDDEN');
  assert.equal(await code(ask({ sender: contents, senderFrame: null })), 'FORBIDDEN');
  assert.equal(await code(ask({ sender: contents, senderFrame: page }, { name: 'x', input: {}, extra: 1 })), 'VALIDATION');
  assert.equal(await code(ask({ sender: contents, senderFrame: page }, 'staff.list')), 'VALIDATION');
});

test('a core that throws answers INTERNAL; events go to the window until it is gone', async () => {
  const api = { call: async () => { throw new Error('boom'); } };
  const r = await handleCall({ sender: contents, senderFrame: page }, { name: 'staff.list', input: {} }, { api, contents, isAppUrl });
  assert.equal(r.ok ? 'ok' : r.error.code, 'INTERNAL');

  const handlers = new Map<string, unknown>();
  const ipcMain = { handle: (c: string, h: unknown) => void handlers.set(c, h), removeHandler: (c: string) => void handlers.delete(c) };
  let listener: ((e: never) => void) | null = null;
  const coreApi = { call: async () => ({ ok: true as const, value: 1 }), subscribe: (l: (e: never) => void) => ((listener = l), () => (listener = null)) };
  const sent: unknown[] = [];
  let destroyed = false;
  const win = { send: (c: string, e: unknown) => void sent.push([c, e]), isDestroyed: () => destroyed };
  const undo = registerIpcHandlers({ ipcMain: ipcMain as never, api: coreApi as never, contents: win as never, isAppUrl });
  assert.ok(handlers.has('mostrador:call'));
  listener!({ event: 'stock.changed', payload: { skus: ['A'] } } as never);
  destroyed = true;
  listener!({ event: 'stock.changed', payload: { skus: ['B'] } } as never);
  assert.deepEqual(sent, [['mostrador:event', { event: 'stock.changed', payload: { skus: ['A'] } }]]);
  undo();
  assert.ok(!handlers.has('mostrador:call'));
  assert.equal(listener, null);
});
