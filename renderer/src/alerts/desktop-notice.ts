// A desktop notification for an alert, in Electron only (main/electron/desktop-notices.ts
// shows it through preload). The bridge's browser tab has none: its badge and toast are it.
// No DOM here, so the decision is tested under plain Node (test/unit/renderer/order-alerts.test.ts).
import type { DesktopNotice, PreloadBridge } from '../../../main/api/client';

/** What the page knows of where the staff member's eyes are. */
export interface Attention {
  /** The page is hidden (minimised, another tab). */
  hidden: boolean;
  /** The page's window has the focus. */
  focused: boolean;
}

/** A notice is for a console in the background: a hidden page, or a window without the focus. Main checks again. */
export const wantsDesktopNotice = (attention: Attention): boolean => attention.hidden || !attention.focused;

/** Asks for a notice if the console is in the background and can show one (`bridge`: Electron's preload, null in a browser); true if asked. */
export function notifyDesktop(notice: DesktopNotice, bridge: Pick<PreloadBridge, 'notify'> | null, attention: Attention): boolean {
  if (!bridge || typeof bridge.notify !== 'function' || !wantsDesktopNotice(attention)) return false;
  bridge.notify(notice);
  return true;
}

/** Clicks on the console's notices, by tag; nothing outside Electron. Returns the unsubscribe. */
export function onDesktopNoticeClick(listener: (tag: string) => void, bridge: Pick<PreloadBridge, 'onNoticeClick'> | null): () => void {
  if (!bridge || typeof bridge.onNoticeClick !== 'function') return () => {};
  return bridge.onNoticeClick(listener);
}
