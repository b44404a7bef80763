import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

// Where the console window was last time. A corrupt file, or bounds on a
// monitor that is no longer attached, must never put the window out of reach.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the check needs of Electron's `screen`. */
export interface ScreenLike {
  getAllDisplays(): { workArea: Rect }[];
}

const int = z.number().int().min(-100_000).max(100_000);
export const windowStateSchema = z
  .object({
    x: int,
    y: int,
    width: z.number().int().min(200).max(100_000),
    height: z.number().int().min(200).max(100_000),
    maximized: z.boolean(),
  })
  .strict();
export type WindowState = z.infer<typeof windowStateSchema>;

/** At least this much of the title bar's area must be on one display to count as reachable. */
const minVisible = { width: 200, height: 50 };

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.min(a.x + a.width, b.x + b.width) - x, height: Math.min(a.y + a.height, b.y + b.height) - y };
}

/** Whether the window's top strip (where it is grabbed to move it) is on some display. */
export function isReachable(bounds: Rect, screen: ScreenLike): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, minVisible.height) };
  return screen.getAllDisplays().some(({ workArea }) => {
    const o = overlap(titleBar, workArea);
    return o.width >= Math.min(minVisible.width, bounds.width) && o.height >= titleBar.height;
  });
}

/** The saved state if it parses and is on screen; otherwise null (the window opens at its defaults). */
export function restoreWindowState(raw: unknown, screen: ScreenLike): WindowState | null {
  const parsed = windowStateSchema.safeParse(raw);
  if (!parsed.success) return null;
  return isReachable(parsed.data, screen) ? parsed.data : null;
}

export function readWindowState(file: string, screen: ScreenLike): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  return restoreWindowState(raw, screen);
}

/** Written whole to a temporary file and renamed, so a power cut leaves the old state or the new. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/** What tracking needs of a BrowserWindow. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  on(event: 'close', listener: () => void): unknown;
}

/** Saves the window's normal (un-maximised) bounds and maximised flag when it closes. */
export function trackWindowState(window: TrackedWindow, file: string, onError: (error: unknown) => void = () => {}): void {
  window.on('close', () => {
    if (window.isFullScreen()) return;
    const { x, y, width, height } = window.getNormalBounds();
    try {
      writeWindowState(file, { x, y, width, height, maximized: window.isMaximized() });
    } catch (error) {
      onError(error);
    }
  });
}

/** IT's policy decides when it sets `kiosk`; otherwise MOSTRADOR_KIOSK=1 (for trying it out on a desk). */
export function kioskWanted(policy: { kiosk?: boolean | undefined } | null, env: NodeJS.ProcessEnv): boolean {
  return policy?.kiosk ?? env.MOSTRADOR_KIOSK === '1';
}
