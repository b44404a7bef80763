import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import {
  cancelDeviceSelection,
  createRequestFilter,
  denyDevicePermission,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  guardNavigation,
  preventNavigation,
  secureWebPreferences,
  type RequestScope,
  type SecureWindowOptions,
} from './window-policy';

export interface CreateSecureWindowOptions extends SecureWindowOptions, RequestScope {
  /** The app's own page: the one URL the window may (re)load. */
  isAppUrl(url: string): boolean;
  window?: Omit<BrowserWindowConstructorOptions, 'webPreferences'>;
}

/** Every window of the app is made here, so its security settings live in one place. */
export function createSecureWindow(options: CreateSecureWindowOptions): BrowserWindow {
  const window = new BrowserWindow({ ...options.window, webPreferences: secureWebPreferences(options) });
  const contents = window.webContents;
  const { session } = contents;

  const navigation = guardNavigation(options.isAppUrl);
  contents.on('will-navigate', navigation);
  contents.on('will-redirect', navigation);
  contents.on('will-attach-webview', preventNavigation);
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });

  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
  session.on('select-hid-device', cancelDeviceSelection);
  session.on('select-serial-port', (event, _ports, _contents, callback) => cancelDeviceSelection(event, null, callback));
  session.on('select-usb-device', cancelDeviceSelection);

  const allowed = createRequestFilter(options);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowed(details.url) }));

  if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  return window;
}
