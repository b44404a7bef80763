// A recording stand-in for the parts of Electron the host uses. Tests read what
// the code under test did (`recorded`) and drive events (`emit`).
type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
    return (this.listeners.get(event) ?? []).length > 0;
  }
}

class FakeSession extends Emitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: FakeSession['beforeRequest']) => void (this.beforeRequest = listener),
  };
  setPermissionRequestHandler(handler: Listener) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener) {
    this.devicePermissionHandler = handler;
  }
}

class FakeWebContents extends Emitter {
  readonly session = new FakeSession();
  windowOpenHandler: Listener | null = null;
  devToolsClosed = 0;
  sent: unknown[] = [];
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  closeDevTools() {
    this.devToolsClosed++;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadFile(path: string) {
    this.loaded.push(`file:${path}`);
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  maximize() {
    this.maximized = true;
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {}
  restore() {}
  focus() {}
}

class FakeApp extends Emitter {
  isPackaged = true;
  singleInstance = true;
  quitCalls = 0;
  sandboxEnabled = false;
  userData = '/nonexistent';
  readonly ready = { resolve: () => {} };
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready.resolve = resolve));
  enableSandbox() {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    return this.singleInstance;
  }
  quit() {
    this.quitCalls++;
  }
  exit(code: number) {
    recorded.exits.push(code);
  }
  whenReady() {
    return this.readyPromise;
  }
  getPath() {
    return this.userData;
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  listeners: new Map<string, Listener[]>(),
  handle(channel: string, handler: Listener) {
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  on(channel: string, listener: Listener) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  },
  removeListener(channel: string, listener: Listener) {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
  },
};

/** The OS's notifications: none on this stand-in's platform. */
export class Notification {
  static isSupported(): boolean {
    return false;
  }
}

export const dialog = {
  showErrorBox: (title: string, message: string) => void recorded.errorBoxes.push(`${title}: ${message}`),
};

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

/** The core process: answers `ready` with whatever the test put in `utilityProcess.readyInfo`. */
class FakeUtilityProcess extends Emitter {
  readonly posted: unknown[] = [];
  constructor(
    readonly modulePath: string,
    readonly args: string[],
  ) {
    super();
    queueMicrotask(() => this.emit('message', { push: 'ready', payload: utilityProcess.readyInfo }));
  }
  postMessage(message: unknown) {
    this.posted.push(message);
    const request = message as { id: number; name: string };
    if (request.name === 'call') queueMicrotask(() => this.emit('message', { id: request.id, ok: true, value: { ok: true, value: 'answer' } }));
    if (request.name === 'activity') {
      queueMicrotask(() => this.emit('message', { id: request.id, ok: true, value: { ordersInProgress: 0, printJobsActive: 0, lastInteractionAt: 0 } }));
    }
    // Stops the way the real one does: answers, then exits.
    if ((message as { name?: string }).name === 'stop') {
      const { id } = message as { id: number };
      queueMicrotask(() => {
        this.emit('message', { id, ok: true, value: null });
        this.emit('exit', 0);
      });
    }
  }
  kill() {
    this.emit('exit', null);
    return true;
  }
}

export const utilityProcess = {
  readyInfo: { store: 'test-store', station: 'counter-1', demo: false, policy: null as { kiosk?: boolean } | null, session: { store: 'test-store', station: 'counter-1', staff: null } },
  fork(modulePath: string, args: string[]) {
    const child = new FakeUtilityProcess(modulePath, args);
    recorded.utilityProcesses.push(child);
    return child;
  },
};

/** No OS keychain in the stand-in: main then passes the core no data key (data-key.test.ts covers the wrapped key). */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: (plain: string) => Buffer.from(plain),
  decryptString: (sealed: Buffer) => sealed.toString(),
};

// Preload's side.
export const contextBridge = {
  exposeInMainWorld: (name: string, api: unknown) => void recorded.exposed.push({ name, api }),
};

export const ipcRenderer = {
  invoked: [] as unknown[][],
  listeners: new Map<string, Listener[]>(),
  sent: [] as unknown[][],
  invoke(channel: string, ...args: unknown[]) {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ ok: true, value: 'answer' });
  },
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  },
  on(channel: string, listener: Listener) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  },
  removeListener(channel: string, listener: Listener) {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
  },
};

export const recorded = {
  windows: [] as BrowserWindow[],
  utilityProcesses: [] as FakeUtilityProcess[],
  exposed: [] as { name: string; api: unknown }[],
  errorBoxes: [] as string[],
  exits: [] as number[],
};

export default { app, BrowserWindow, ipcMain, Notification, dialog, screen, utilityProcess, safeStorage, contextBridge, ipcRenderer };
