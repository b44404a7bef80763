// Desktop notifications for the console window (issue 18: orders reach staff wherever they are).
// The page asks through preload; main shows one only while the window is not focused (a
// notification over the window staff are looking at is noise), and a click brings the window
// to the front and tells the page which notice it was, so it opens that order. The page's own
// Notification API stays denied (window-policy.ts): this is the one way to the OS's notices.
import type { IpcMain, IpcMainEvent } from 'electron';
import { z } from 'zod';
import { ipcChannels } from '../api/client';
import { isTrustedSender, type SenderInfo } from './ipc-handlers';

export const desktopNoticeSchema = z
  .object({
    title: z.string().min(1).max(120),
    body: z.string().max(300),
    tag: z.string().regex(/^[A-Za-z0-9:._-]{1,80}$/),
  })
  .strict();

/** The parts of Electron this needs, so a test can pass fakes. */
export interface NoticeWindow {
  isFocused(): boolean;
  isDestroyed(): boolean;
  show(): void;
  focus(): void;
  webContents: { send(channel: string, ...args: unknown[]): void };
}
export interface ShownNotice {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}
export interface NoticeWiring {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  window: NoticeWindow;
  isAppUrl(url: string): boolean;
  /** Electron's `new Notification({ title, body, silent })`, where the platform supports it (Notification.isSupported()). */
  createNotice: ((options: { title: string; body: string; silent: boolean }) => ShownNotice) | null;
  log?(entry: Record<string, unknown>): void;
}

/** Returns what a notice request did, for the log and tests: shown, or why not. */
export type NoticeOutcome = 'shown' | 'refused' | 'malformed' | 'window-focused' | 'unsupported';

export function handleNoticeRequest(event: SenderInfo, raw: unknown, { window, isAppUrl, createNotice, log = () => {} }: Omit<NoticeWiring, 'ipcMain'>): NoticeOutcome {
  if (window.isDestroyed() || !isTrustedSender(event, window.webContents, isAppUrl)) {
    log({ level: 'warn', msg: 'desktop notice refused: not the console page' });
    return 'refused';
  }
  const notice = desktopNoticeSchema.safeParse(raw);
  if (!notice.success) {
    log({ level: 'warn', msg: 'desktop notice refused: malformed' });
    return 'malformed';
  }
  if (window.isFocused()) return 'window-focused';
  if (!createNotice) return 'unsupported';
  // Silent: the console plays its own cue, which IT's policy can switch off; the OS's sound would not obey it.
  const shown = createNotice({ title: notice.data.title, body: notice.data.body, silent: true });
  shown.on('click', () => {
    if (window.isDestroyed()) return;
    window.show();
    window.focus();
    window.webContents.send(ipcChannels.noticeClick, notice.data.tag);
  });
  shown.show();
  return 'shown';
}

/** Listens for the page's notice requests; returns the undo (for window close). */
export function registerDesktopNotices(wiring: NoticeWiring): () => void {
  const listener = (event: IpcMainEvent, raw: unknown) => {
    handleNoticeRequest(event, raw, wiring);
  };
  wiring.ipcMain.on(ipcChannels.notify, listener);
  return () => wiring.ipcMain.removeListener(ipcChannels.notify, listener);
}
