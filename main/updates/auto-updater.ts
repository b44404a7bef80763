import type { CoreLog } from '../compose-store';
import type { Policy } from '../setup/policy-file';
import { decideInstall, inRollout, type StoreActivity } from './update-gate';

// Drives electron-updater by the store's rules: the feed and channel come from IT's policy, a
// version downloads only when this store is in its rollout, and it installs only while the
// console is idle. Plain Node: main/electron/ hands in electron-updater's `autoUpdater`.

interface UpdateInfoLike {
  version: string;
}

/**
 * The part of electron-updater's AppUpdater this module uses, so tests drive it with a fake.
 * test/unit/updates/ checks at compile time that AppUpdater still fits.
 */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'update-available', listener: (info: UpdateInfoLike) => void): unknown;
  removeListener(event: 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

export interface AutoUpdatesOptions {
  updater: Updater;
  /** The machine-wide policy (null when there is none): `updates.server`, `.channel`, `.rolloutPercent`. */
  policy: Pick<Policy, 'updates'> | null;
  /** This store's id: with the version, it places the store in or out of a staged rollout. */
  store: string;
  /** What the counter is doing now; read before every install decision. */
  activity: () => StoreActivity;
  log: CoreLog;
  now?: () => number;
  /** How often to ask the server (default 4 hours). */
  checkEveryMs?: number;
  /** How often a downloaded update looks for an idle moment (default 1 minute). */
  installPollMs?: number;
}

export interface AutoUpdates {
  /** The feed in use, or null when the policy names no update server. */
  readonly feedUrl: string | null;
  stop(): void;
}

/** `<server>/<channel>`: each channel is a folder holding latest.yml, latest-mac.yml, latest-linux.yml. */
export function feedUrl(server: string, channel: 'stable' | 'pilot'): string {
  return `${server.replace(/\/+$/, '')}/${channel}`;
}

export function startAutoUpdates({
  updater,
  policy,
  store,
  activity,
  log,
  now = Date.now,
  checkEveryMs = 4 * 60 * 60_000,
  installPollMs = 60_000,
}: AutoUpdatesOptions): AutoUpdates {
  const server = policy?.updates?.server;
  if (!server) {
    // No server, no traffic: demo stores, developers' machines, and fleets that IT updates with
    // its own tools (MSI, apt) never reach out.
    log({ level: 'info', msg: 'automatic updates off: the policy names no updates.server' });
    return { feedUrl: null, stop() {} };
  }
  const channel = policy.updates?.channel ?? 'stable';
  const rolloutPercent = policy.updates?.rolloutPercent ?? 100;
  const url = feedUrl(server, channel);

  // Downloads wait for the rollout gate, installs for an idle counter, and the channel is a folder
  // rather than updater.channel, whose setter would quietly turn allowDowngrade back on.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.setFeedURL({ provider: 'generic', url });
  log({ level: 'info', msg: 'automatic updates on', feed: url, channel, rolloutPercent });

  let downloading: string | null = null;
  let downloaded: string | null = null;
  let lastWait: string | null = null;
  let installTimer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => log({ level: 'warn', msg: 'update check failed', feed: url, error: String(error) }));
  };

  const onAvailable = (info: UpdateInfoLike) => {
    if (stopped || info.version === downloading || info.version === downloaded) return;
    if (!inRollout(store, info.version, rolloutPercent)) {
      log({ level: 'info', msg: 'update not downloaded: this store is not in its rollout yet', version: info.version, rolloutPercent });
      return;
    }
    downloading = info.version;
    log({ level: 'info', msg: 'downloading update', version: info.version });
    updater.downloadUpdate().catch((error: unknown) => {
      downloading = null;
      log({ level: 'warn', msg: 'update download failed', version: info.version, error: String(error) });
    });
  };

  const tryInstall = () => {
    if (stopped || !downloaded) return;
    const decision = decideInstall(activity(), now());
    // electron-updater installs on any quit while this is true; only an idle counter may quit into an installer.
    updater.autoInstallOnAppQuit = decision.install;
    if (!decision.install) {
      if (lastWait !== decision.reason) log({ level: 'info', msg: 'update waits for an idle counter', version: downloaded, reason: decision.reason });
      lastWait = decision.reason;
      return;
    }
    log({ level: 'info', msg: 'installing update', version: downloaded });
    // Listeners stay: electron-updater reports a failed install as an 'error' event.
    stopTimers();
    // Silent, and the console starts again by itself afterwards (Windows; macOS and Linux relaunch anyway).
    updater.quitAndInstall(true, true);
  };

  const onDownloaded = (info: UpdateInfoLike) => {
    if (stopped) return;
    downloading = null;
    downloaded = info.version;
    lastWait = null;
    log({ level: 'info', msg: 'update downloaded', version: info.version });
    installTimer ??= setInterval(tryInstall, installPollMs);
    tryInstall();
  };

  const onError = (error: Error) => {
    downloading = null;
    log({ level: 'warn', msg: 'updater error', error: String(error) });
  };

  updater.on('update-available', onAvailable);
  updater.on('update-downloaded', onDownloaded);
  // Without a listener, an 'error' event would throw in the main process.
  updater.on('error', onError);
  const checkTimer = setInterval(check, checkEveryMs);
  check();

  function stopTimers(): void {
    stopped = true;
    clearInterval(checkTimer);
    if (installTimer) clearInterval(installTimer);
  }

  function stop(): void {
    stopTimers();
    updater.removeListener('update-available', onAvailable);
    updater.removeListener('update-downloaded', onDownloaded);
    updater.removeListener('error', onError);
  }

  return { feedUrl: url, stop };
}
