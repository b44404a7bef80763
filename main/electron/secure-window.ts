import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  preventNavigation,
  secureWebPreferences,
  type SecureWindowOptions,
} from './window-policy';

export { denyPermissionCheck, denyPermissionRequest, denyWindowOpen, preventNavigation, secureWebPreferences };

/** Every window of the app is made here, so its security settings live in one place. */
export function createSecureWindow(
  options: SecureWindowOptions & { window?: Omit<BrowserWindowConstructorOptions, 'webPreferences'> },
): BrowserWindow {
  const window = new BrowserWindow({ ...options.window, webPreferences: secureWebPreferences(options) });
  const contents = window.webContents;

  contents.on('will-navigate', preventNavigation);
  contents.on('will-redirect', preventNavigation);
  contents.on('will-attach-webview', preventNavigation);
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.session.setPermissionRequestHandler(denyPermissionRequest);
  contents.session.setPermissionCheckHandler(denyPermissionCheck);
  if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  return window;
}
