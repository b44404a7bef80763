import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HandlerDetails, WebPreferences, WindowOpenHandlerResponse } from 'electron';

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

interface Preventable {
  preventDefault(): void;
}

/** For what may never happen at all (attaching a webview). */
export function preventNavigation(event: Preventable): void {
  event.preventDefault();
}

/**
 * The console is one page: a link, a redirect or a dropped file never takes the
 * window elsewhere. Only the page itself may load again (a reload, a hash route).
 */
export function guardNavigation(isAppUrl: (url: string) => boolean) {
  return (event: Preventable & { url?: string }, legacyUrl?: string): void => {
    const url = event.url ?? legacyUrl ?? '';
    if (!isAppUrl(url)) event.preventDefault();
  };
}

/** No pop-ups and no external windows. */
export function denyWindowOpen(_details?: HandlerDetails): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/**
 * Camera, microphone, notifications, geolocation, clipboard, HID, serial…: the
 * page uses none of them. Devices are main's business (main/devices/), never the page's.
 */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

export function denyDevicePermission(): boolean {
  return false;
}

/** A page's WebHID/WebSerial/WebUSB chooser gets no device, and Electron is told not to pick the first one itself. */
export function cancelDeviceSelection(event: Preventable, _details: unknown, callback: (deviceId: string) => void): void {
  event.preventDefault();
  callback('');
}

export interface RequestScope {
  /** The built renderer's index.html: files are served from its folder only. */
  rendererIndexPath: string;
  devServerUrl?: string | undefined;
}

const networkSchemes = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/**
 * No remote content, whatever the page asks for: network requests only to the dev
 * server (development), files only from the renderer's own folder.
 */
export function createRequestFilter({ rendererIndexPath, devServerUrl }: RequestScope): (url: string) => boolean {
  const rendererDir = dirname(rendererIndexPath);
  const devHost = devServerUrl ? new URL(devServerUrl).host : null;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (networkSchemes.has(parsed.protocol)) return devHost !== null && parsed.host === devHost;
    if (parsed.protocol === 'file:') {
      let path: string;
      try {
        path = fileURLToPath(parsed);
      } catch {
        return false;
      }
      return path === rendererDir || path.startsWith(`${rendererDir}/`) || path.startsWith(`${rendererDir}\\`);
    }
    // data:, blob: and devtools: stay within the page (CSP governs what the page may use).
    return true;
  };
}
