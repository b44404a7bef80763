// Electron's main process: one instance, the store core, one secure window.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { startStoreRuntime, type StoreRuntime } from '../store-runtime';
import { createAppUrlCheck } from './app-url';
import { createFileLog } from './file-log';
import { registerIpcHandlers } from './ipc-handlers';
import { createSecureWindow } from './secure-window';

const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererIndexPath = join(here, '../renderer/index.html');
// Set by `electron-vite dev` only; a packaged app always loads its own files.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

let runtime: StoreRuntime | null = null;
let consoleWindow: BrowserWindow | null = null;

// Every renderer sandboxed, whatever a window's own preferences say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two consoles on one ledger would fight over the station session: hand over to the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!consoleWindow) return;
    if (consoleWindow.isMinimized()) consoleWindow.restore();
    consoleWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void runtime?.stop();
    runtime = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  const log = createFileLog(join(app.getPath('userData'), 'logs'));
  try {
    runtime = await startStoreRuntime({ userDataDir: app.getPath('userData'), env: process.env, log });
    const { config } = runtime.core;
    log({ level: 'info', msg: 'store opened', store: config.store, station: config.station, demo: config.demo });
  } catch (error) {
    log({ level: 'error', msg: 'store failed to open', error: String(error) });
    return fatal(error);
  }

  consoleWindow = createSecureWindow({
    preloadPath,
    devTools: !app.isPackaged,
    window: { width: 1280, height: 800, minWidth: 800, minHeight: 600, show: false, title: 'Mostrador', backgroundColor: '#f3f5f8' },
  });
  const isAppUrl = createAppUrlCheck({ devServerUrl, rendererIndexPath });
  const unregister = registerIpcHandlers({ ipcMain, api: runtime.core.api, contents: consoleWindow.webContents, isAppUrl, log });
  consoleWindow.on('closed', () => {
    unregister();
    consoleWindow = null;
  });
  consoleWindow.once('ready-to-show', () => consoleWindow?.show());

  if (devServerUrl) await consoleWindow.loadURL(devServerUrl);
  else await consoleWindow.loadFile(rendererIndexPath);
}

function fatal(error: unknown): void {
  void runtime?.stop();
  runtime = null;
  dialog.showErrorBox('Mostrador', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
