import type { Event, HandlerDetails, WebPreferences, WindowOpenHandlerResponse } from 'electron';

// The security settings of every window, kept free of Electron's runtime so they
// can be checked under plain Node. secure-window.ts applies them.

export interface SecureWindowOptions {
  preloadPath: string;
  /** False in a packaged build: no devtools for whoever stands at the counter. */
  devTools: boolean;
}

export function secureWebPreferences({ preloadPath, devTools }: SecureWindowOptions): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools,
  };
}

/** The console is one page: nothing navigates it away, not a link, not a dropped file. */
export function preventNavigation(event: Pick<Event, 'preventDefault'>): void {
  event.preventDefault();
}

/** No pop-ups and no external windows. */
export function denyWindowOpen(_details?: HandlerDetails): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** Camera, microphone, notifications, geolocation, HID…: the page needs none of them. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}
