import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';
import { useElectronStandIn } from './use-electron-stand-in';

// main.ts itself, run against the Electron stand-in. Each import gets its own
// query so the module runs afresh; the stand-in's recordings are shared.
useElectronStandIn();
const electron = await import('./electron-stand-in');
const { app, ipcMain, recorded, utilityProcess } = electron;
let runs = 0;
const runMain = () => import(`../../../main/electron/main.ts?run=${++runs}`);

test('a second instance hands over to the first and quits without opening anything', async () => {
  app.singleInstance = false;
  app.userData = tempDir();
  const quits = app.quitCalls;
  await runMain();
  assert.equal(app.sandboxEnabled, true, 'sandbox for every renderer, before anything else');
  assert.equal(app.quitCalls, quits + 1);
  assert.equal(recorded.utilityProcesses.length, 0);
  assert.ok(!existsSync(join(app.userData, 'logs')), 'not even a log');
  app.singleInstance = true;
});

test('the packaged console: core in a utility process, kiosk from the policy, devtools off, IPC checked, crashes handled', async () => {
  app.isPackaged = true;
  app.userData = tempDir();
  utilityProcess.readyInfo.policy = { kiosk: true };
  await runMain();
  app.ready.resolve();
  const window = await waitUntil(() => recorded.windows.at(-1), (w) => w !== undefined && w.loaded.length > 0, { what: 'the window' });
  const core = recorded.utilityProcesses.at(-1)!;
  assert.match(core.modulePath, /core-process\.js$/);
  assert.deepEqual(core.args, [`--mostrador-data=${app.userData}`]);

  const prefs = window!.options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.devTools, false);
  assert.equal(prefs.sandbox, true);
  assert.equal(window!.options.kiosk, true);
  assert.match(window!.loaded[0]!, /^file:.*renderer[/\\]index\.html$/);
  const logFile = join(app.userData, 'logs', 'main.log');
  assert.match(readFileSync(logFile, 'utf8'), /"msg":"store opened"/);

  // The one IPC channel, through the real handler: a foreign frame and a malformed payload never reach the core.
  assert.deepEqual([...ipcMain.handlers.keys()], ['mostrador:call']);
  const handler = ipcMain.handlers.get('mostrador:call') as unknown as (event: unknown, raw: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
  const appPage = { url: window!.loaded[0]!.replace(/^file:/, 'file://'), parent: null };
  const posted = core.posted.length;
  const code = async (event: unknown, raw: unknown) => {
    const r = await handler(event, raw);
    return r.ok ? 'ok' : r.error!.code;
  };
  assert.equal(await code({ sender: window!.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, { name: 'session.current', input: {} }), 'FORBIDDEN');
  assert.equal(await code({ sender: window!.webContents, senderFrame: { ...appPage, parent: {} } }, { name: 'session.current', input: {} }), 'FORBIDDEN');
  assert.equal(await code({ sender: window!.webContents, senderFrame: appPage }, { name: 42 }), 'VALIDATION');
  assert.equal(core.posted.length, posted, 'refused calls never reach the core process');
  assert.equal(await code({ sender: window!.webContents, senderFrame: appPage }, { name: 'session.current', input: {} }), 'ok');
  const calls = core.posted.filter((m) => (m as { name: string }).name === 'call');
  assert.deepEqual(calls.at(-1), { id: (calls.at(-1) as { id: number }).id, name: 'call', args: [{ name: 'session.current', input: {} }] }, 'a good call from the console page does');
  assert.ok(core.posted.some((m) => (m as { name: string }).name === 'activity'), 'the packaged app asks the core what the counter is doing, for the update gate');

  // A crashed renderer is reloaded; a crash loop ends on the error page, not in a spin.
  const loads = window!.loaded.length;
  window!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  await waitUntil(() => window!.loaded.length, (n) => n === loads + 1, { what: 'the reload' });
  window!.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
  window!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  window!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  assert.match(window!.loaded.at(-1)!, /^data:text\/html/);
  assert.match(decodeURIComponent(window!.loaded.at(-1)!), /4 crashes within 60 s/);
  window!.webContents.emit('devtools-opened');
  assert.equal(window!.webContents.devToolsClosed, 1);

  app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
  const log = readFileSync(logFile, 'utf8');
  assert.match(log, /"msg":"console window crashed","reason":"oom"|"reason":"oom".*"msg":"console window crashed"/);
  assert.match(log, /"msg":"child process gone"/);

  // Quitting waits for the store to stop.
  let prevented = false;
  const quits = app.quitCalls;
  app.emit('will-quit', { preventDefault: () => (prevented = true) });
  assert.ok(prevented);
  await waitUntil(() => app.quitCalls, (n) => n === quits + 1, { what: 'quit after the core stopped' });
  assert.ok(core.posted.some((m) => (m as { name?: string }).name === 'stop'));
});

test('outside a package devtools stay available; without a kiosk policy the window is a normal one', async () => {
  app.isPackaged = false;
  app.userData = tempDir();
  utilityProcess.readyInfo.policy = null;
  const before = recorded.windows.length;
  await runMain();
  const window = await waitUntil(() => recorded.windows[before], (w) => w !== undefined && w.loaded.length > 0, { what: 'the window' });
  assert.equal((window!.options.webPreferences as Record<string, unknown>).devTools, true);
  assert.equal(window!.options.kiosk, false);
});
