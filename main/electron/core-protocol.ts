import type { CoreEvent } from '../api/contract';
import type { SessionInfo } from '../api/types';
import type { Policy } from '../setup/policy-file';

// Messages between Electron's main process and the store core's utility process.
// Requests are answered exactly once; pushes flow from the core at any time.

/** How main tells the core process its data folder: a named flag, as Electron and Node place arguments differently. */
export const dataFlag = '--mostrador-data=';

export type CoreRequestName = 'call' | 'diagnostics' | 'activity' | 'stop';

export interface CoreRequest {
  id: number;
  name: CoreRequestName;
  args: unknown[];
}

export type CoreReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string } };

/** What main needs to know once the store is open. */
export interface CoreInfo {
  store: string;
  station: string;
  demo: boolean;
  /** IT's policy as the core read it (kiosk, updates…); null when there is none. It names files, never secrets. */
  policy: Policy | null;
  session: SessionInfo;
}

export type CorePush =
  | { push: 'ready'; payload: CoreInfo }
  /** The store could not open (bad policy, unreadable ledger): restarting will not help. */
  | { push: 'fatal'; payload: { message: string } }
  | { push: 'event'; payload: CoreEvent }
  | { push: 'log'; payload: Record<string, unknown> };

export type FromCore = CoreReply | CorePush;

export function isCoreRequest(raw: unknown): raw is CoreRequest {
  if (!raw || typeof raw !== 'object') return false;
  const { id, name, args } = raw as Record<string, unknown>;
  return Number.isSafeInteger(id) && (name === 'call' || name === 'diagnostics' || name === 'activity' || name === 'stop') && Array.isArray(args);
}

export function isFromCore(raw: unknown): raw is FromCore {
  if (!raw || typeof raw !== 'object') return false;
  const message = raw as Record<string, unknown>;
  if ('push' in message) return ['ready', 'fatal', 'event', 'log'].includes(message.push as string) && typeof message.payload === 'object';
  return Number.isSafeInteger(message.id) && typeof message.ok === 'boolean';
}
