// Electron's main process: one instance, one secure window, and the store core
// in its own utility process so a slow scan, print or query never freezes the window.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Notification, safeStorage, screen, utilityProcess, type BrowserWindow } from 'electron';
import { dataKeyVariable } from '../secrets/data-key-cipher';
import { createAppUrlCheck } from './app-url';
import { createCoreClient, type CoreChild, type CoreClient } from './core-client';
import { dataFlag, type CoreInfo } from './core-protocol';
import { startAutoUpdates } from '../updates/auto-updater';
import type { StoreActivity } from '../updates/update-gate';
import { loadOrCreateDataKey } from './data-key';
import { coreCrashPolicy, createCrashPolicy, rendererCrashPolicy } from './crash-policy';
import { crashLoopText, errorPageUrl } from './error-page';
import { createFileLog } from './file-log';
import { registerIpcHandlers } from './ipc-handlers';
import { registerDesktopNotices } from './desktop-notices';
import { createSecureWindow } from './secure-window';
import { kioskWanted, readWindowState, trackWindowState } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererIndexPath = join(here, '../renderer/index.html');
const coreEntryPath = join(here, 'core-process.js');
// Set by `electron-vite dev` only; a packaged app always loads its own files.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const stopTimeoutMs = 5_000;

let core: CoreClient | null = null;
let consoleWindow: BrowserWindow | null = null;

// Every renderer sandboxed, whatever a window's own preferences say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two consoles on one ledger would fight over the station session: hand over to the first.
  app.quit();
} else {
  const log = createFileLog(join(app.getPath('userData'), 'logs'));
  app.on('second-instance', () => {
    if (!consoleWindow) return;
    if (consoleWindow.isMinimized()) consoleWindow.restore();
    consoleWindow.focus();
  });
  app.on('child-process-gone', (_event, details) => {
    log({ level: 'error', msg: 'child process gone', type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name ?? null });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const running = core;
    if (!running) return;
    // Let the store close its ledger and HQ link before the app goes.
    event.preventDefault();
    core = null;
    void running.stop(stopTimeoutMs).finally(() => app.quit());
  });
  app
    .whenReady()
    .then(() => start(log))
    .catch((error: unknown) => fatal(error, log));
}

function forkCore(log: (entry: Record<string, unknown>) => void): CoreChild {
  // The keychain-wrapped data key reaches the core in its environment, which it deletes on start.
  const key = loadOrCreateDataKey(app.getPath('userData'), safeStorage, log);
  const env = { ...process.env, ...(key ? { [dataKeyVariable]: key.toString('base64') } : {}) };
  const child = utilityProcess.fork(coreEntryPath, [`${dataFlag}${app.getPath('userData')}`], { serviceName: 'Mostrador store', stdio: 'pipe', env });
  child.stdout?.on('data', (chunk: Buffer) => log({ level: 'info', msg: 'core stdout', text: chunk.toString('utf8').trimEnd() }));
  child.stderr?.on('data', (chunk: Buffer) => log({ level: 'warn', msg: 'core stderr', text: chunk.toString('utf8').trimEnd() }));
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', listener),
    kill: () => void child.kill(),
  };
}

async function start(log: ReturnType<typeof createFileLog>): Promise<void> {
  const running = createCoreClient({ spawn: () => forkCore(log), policy: createCrashPolicy(coreCrashPolicy), log });
  core = running;
  const info = await running.ready;
  log({ level: 'info', msg: 'store opened', store: info.store, station: info.station, demo: info.demo });

  const kiosk = kioskWanted(info.policy, process.env);
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const saved = kiosk ? null : readWindowState(stateFile, screen);
  const isAppUrl = createAppUrlCheck({ devServerUrl, rendererIndexPath });
  const window = createSecureWindow({
    preloadPath,
    rendererIndexPath,
    devServerUrl,
    isAppUrl,
    devTools: !app.isPackaged,
    window: {
      width: 1280,
      height: 800,
      ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : {}),
      minWidth: 800,
      minHeight: 600,
      show: false,
      kiosk,
      title: 'Mostrador',
      backgroundColor: '#f3f5f8',
    },
  });
  consoleWindow = window;
  if (saved?.maximized) window.maximize();
  if (!kiosk) trackWindowState(window, stateFile, (error) => log({ level: 'warn', msg: 'window state not saved', error: String(error) }));

  const unregisterCalls = registerIpcHandlers({ ipcMain, api: running.api, contents: window.webContents, isAppUrl, log });
  const unregisterNotices = registerDesktopNotices({
    ipcMain,
    window,
    isAppUrl,
    createNotice: Notification.isSupported() ? (options) => new Notification(options) : null,
    log,
  });
  const unregister = () => {
    unregisterCalls();
    unregisterNotices();
  };
  const load = () => (devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererIndexPath));
  const showError = (what: 'window' | 'store', reason: string) => {
    if (!window.isDestroyed()) void window.loadURL(errorPageUrl(crashLoopText(what, reason)));
  };

  const rendererCrashes = createCrashPolicy(rendererCrashPolicy);
  let reload: NodeJS.Timeout | undefined;
  window.webContents.on('render-process-gone', (_event, details) => {
    log({ level: 'error', msg: 'console window crashed', reason: details.reason, exitCode: details.exitCode });
    clearTimeout(reload);
    if (window.isDestroyed()) return;
    const decision = rendererCrashes.onCrash(details.reason, Date.now());
    if (decision.action === 'give-up') return showError('window', decision.reason);
    log({ level: 'warn', msg: 'reloading the console window', attempt: decision.attempt, delayMs: decision.delayMs });
    reload = setTimeout(() => {
      if (!window.isDestroyed()) void load();
    }, decision.delayMs);
  });
  window.webContents.on('unresponsive', () => log({ level: 'warn', msg: 'console window unresponsive' }));
  running.onGiveUp((reason) => showError('store', reason));

  window.on('closed', () => {
    unregister();
    consoleWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  await load();
  watchForUpdates(running, info, log);
}

/**
 * Updates as IT's policy says (none without `updates.server`). The install gate
 * reads the counter's activity, which lives in the core process: main keeps a
 * copy fresh, and counts the counter as busy whenever it cannot ask.
 */
function watchForUpdates(running: CoreClient, info: CoreInfo, log: (entry: Record<string, unknown>) => void): void {
  if (!app.isPackaged) return;
  let activity: StoreActivity = { ordersInProgress: 1, printJobsActive: 0, lastInteractionAt: Date.now() };
  const refresh = () =>
    void running.request('activity', []).then(
      (value) => (activity = value as StoreActivity),
      () => (activity = { ordersInProgress: 1, printJobsActive: 0, lastInteractionAt: Date.now() }),
    );
  refresh();
  const timer = setInterval(refresh, 30_000);
  timer.unref();
  // Loaded only in a packaged app: electron-updater reads the app's update settings at import.
  import('electron-updater')
    .then((module) => {
      // CommonJS seen from ESM: autoUpdater is a named export or a property of the default one.
      const updater = (module as { autoUpdater?: typeof module.autoUpdater }).autoUpdater ?? module.default?.autoUpdater;
      if (!updater) throw new Error('electron-updater has no autoUpdater');
      const updates = startAutoUpdates({ updater, policy: info.policy, store: info.store, activity: () => activity, log });
      app.once('will-quit', () => {
        clearInterval(timer);
        updates.stop();
      });
    })
    .catch((error: unknown) => log({ level: 'error', msg: 'automatic updates unavailable', error: String(error) }));
}

function fatal(error: unknown, log?: (entry: Record<string, unknown>) => void): void {
  log?.({ level: 'fatal', msg: 'console failed to start', error: String(error) });
  const running = core;
  core = null;
  void running?.stop(stopTimeoutMs);
  dialog.showErrorBox('Mostrador', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
