import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAppUrlCheck } from '../../../main/electron/app-url';
import { handleCall, registerIpcHandlers } from '../../../main/electron/ipc-handlers';
import { createRequestFilter, denyPermissionRequest, denyWindowOpen, guardNavigation, preventNavigation, secureWebPreferences } from '../../../main/electron/window-policy';
import type { BrowserWindow as StandInWindow } from './electron-stand-in';
import { useElectronStandIn } from './use-electron-stand-in';

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
  const guard = guardNavigation(createAppUrlCheck({ rendererIndexPath: '/app/out/renderer/index.html' }));
  const navigates = (url: string, legacy = false) => {
    let stopped = false;
    const event = { preventDefault: () => (stopped = true) };
    if (legacy) guard(event, url);
    else guard({ ...event, url });
    return !stopped;
  };
  assert.ok(navigates('file:///app/out/renderer/index.html'), 'the page may reload itself');
  assert.ok(navigates('file:///app/out/renderer/index.html#/orders'));
  assert.ok(!navigates('https://evil.example/'));
  assert.ok(!navigates('file:///home/staff/Downloads/dropped.html'));
  assert.ok(!navigates('https://evil.example/', true), 'the deprecated url argument is checked too');
  assert.ok(!navigates(''));
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

test('no remote content: network requests only to the dev server, files only from the renderer folder', () => {
  const built = createRequestFilter({ rendererIndexPath: '/app/out/renderer/index.html' });
  assert.ok(built('file:///app/out/renderer/index.html'));
  assert.ok(built('file:///app/out/renderer/assets/index-abc.js'));
  assert.ok(built('data:image/png;base64,AAAA'));
  assert.ok(!built('file:///app/out/renderer-evil/x.js'));
  assert.ok(!built('file:///etc/passwd'));
  assert.ok(!built('file:///app/out/main/index.js'));
  for (const url of ['https://cdn.example/react.js', 'http://127.0.0.1:4780/', 'ws://127.0.0.1:4780/', 'wss://hq.example/', 'ftp://x/', 'nonsense']) {
    assert.ok(!built(url), url);
  }
  const dev = createRequestFilter({ rendererIndexPath: '/app/out/renderer/index.html', devServerUrl: 'http://localhost:5173' });
  assert.ok(dev('http://localhost:5173/src/main.tsx'));
  assert.ok(dev('ws://localhost:5173/'), 'hot reload');
  assert.ok(!dev('http://localhost:5174/'));
});

// The security checklist over the real createSecureWindow, with Electron replaced at its import.
async function secureWindow(devTools: boolean) {
  useElectronStandIn();
  const { createSecureWindow } = await import('../../../main/electron/secure-window');
  const window = createSecureWindow({
    preloadPath: '/app/out/preload/index.cjs',
    rendererIndexPath: '/app/out/renderer/index.html',
    isAppUrl: createAppUrlCheck({ rendererIndexPath: '/app/out/renderer/index.html' }),
    devTools,
    window: { width: 800, height: 600 },
  }) as unknown as StandInWindow;
  return { window, contents: window.webContents, session: window.webContents.session };
}

test('the real window: isolated, sandboxed, no Node, web security on, no webview, devtools closed in a package', async () => {
  const { window, contents } = await secureWindow(false);
  const prefs = window.options.webPreferences as Record<string, unknown>;
  assert.equal(window.options.width, 800);
  assert.deepEqual(
    { contextIsolation: prefs.contextIsolation, sandbox: prefs.sandbox, nodeIntegration: prefs.nodeIntegration, webSecurity: prefs.webSecurity, webviewTag: prefs.webviewTag, devTools: prefs.devTools, allowRunningInsecureContent: prefs.allowRunningInsecureContent },
    { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false, allowRunningInsecureContent: false },
  );
  assert.equal(prefs.preload, '/app/out/preload/index.cjs');
  contents.emit('devtools-opened');
  assert.equal(contents.devToolsClosed, 1);
  const dev = await secureWindow(true);
  dev.contents.emit('devtools-opened');
  assert.equal(dev.contents.devToolsClosed, 0);
  assert.equal((dev.window.options.webPreferences as Record<string, unknown>).devTools, true);
});

test('the real window: navigation only to the app page, no pop-ups, no webview', async () => {
  const { contents } = await secureWindow(false);
  const prevented = (event: string, url: string) => {
    let stopped = false;
    contents.emit(event, { url, preventDefault: () => (stopped = true) }, url);
    return stopped;
  };
  for (const event of ['will-navigate', 'will-redirect']) {
    assert.equal(prevented(event, 'https://evil.example/'), true, event);
    assert.equal(prevented(event, 'file:///etc/passwd'), true, event);
    assert.equal(prevented(event, 'file:///app/out/renderer/index.html'), false, `${event}: the page reloading itself`);
  }
  assert.equal(prevented('will-attach-webview', 'file:///app/out/renderer/index.html'), true);
  const open = contents.windowOpenHandler as unknown as (d: { url: string }) => unknown;
  assert.deepEqual(open({ url: 'https://evil.example/' }), { action: 'deny' });
  assert.deepEqual(open({ url: 'file:///app/out/renderer/index.html' }), { action: 'deny' });
});

test('the real window: every permission, device chooser and remote request is denied', async () => {
  const { contents, session } = await secureWindow(false);
  const request = session.permissionRequestHandler as unknown as (c: unknown, p: string, cb: (g: boolean) => void, d?: unknown) => void;
  const check = session.permissionCheckHandler as unknown as (c: unknown, p: string) => boolean;
  const device = session.devicePermissionHandler as unknown as (d: unknown) => boolean;
  const permissions = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'storage-access', 'window-management', 'unknown'];
  for (const permission of permissions) {
    let granted: boolean | undefined;
    request(contents, permission, (g) => (granted = g));
    assert.equal(granted, false, permission);
    assert.equal(check(contents, permission), false, permission);
  }
  assert.equal(device({ deviceType: 'hid', origin: 'file://' }), false);
  for (const event of ['select-hid-device', 'select-usb-device']) {
    let chosen: string | undefined;
    let prevented = false;
    session.emit(event, { preventDefault: () => (prevented = true) }, { deviceList: [{ deviceId: 'scanner' }] }, (id: string) => (chosen = id));
    assert.deepEqual([prevented, chosen], [true, ''], event);
  }
  let port: string | undefined;
  session.emit('select-serial-port', { preventDefault: () => {} }, [{ portId: 'COM3' }], contents, (id: string) => (port = id));
  assert.equal(port, '');
  let bluetooth: string | undefined;
  contents.emit('select-bluetooth-device', { preventDefault: () => {} }, [{ deviceId: 'x' }], (id: string) => (bluetooth = id));
  assert.equal(bluetooth, '');
  const cancelled = (url: string) => {
    let answer: { cancel: boolean } | undefined;
    session.beforeRequest!({ url }, (r) => (answer = r));
    return answer!.cancel;
  };
  assert.equal(cancelled('https://fonts.example/font.woff2'), true);
  assert.equal(cancelled('file:///app/out/renderer/assets/index.js'), false);
});
