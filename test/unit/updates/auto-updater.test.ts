import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { AppUpdater } from 'electron-updater';
import { feedUrl, startAutoUpdates, type Updater } from '../../../main/updates/auto-updater';
import { inRollout, type StoreActivity } from '../../../main/updates/update-gate';

// Compile-time: electron-updater's real autoUpdater fits the seam main/electron/ will pass in.
export const realUpdaterFits = (updater: AppUpdater): Updater => updater;

class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  feeds: string[] = [];
  checks = 0;
  downloads = 0;
  installs: [boolean | undefined, boolean | undefined][] = [];
  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options.url);
  }
  async checkForUpdates(): Promise<null> {
    this.checks += 1;
    return null;
  }
  async downloadUpdate(): Promise<string[]> {
    this.downloads += 1;
    return [];
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

const now = 1_800_000_000_000;
const idle: StoreActivity = { ordersInProgress: 0, printJobsActive: 0, lastInteractionAt: now - 30 * 60_000 };
const policy = { updates: { server: 'https://updates.acme.example/mostrador/', channel: 'pilot' as const, rolloutPercent: 100 } };
const quiet = () => {};

/** A store id inside (or outside) the rollout of `version` at `percent`. */
function storeFor(version: string, percent: number, inside: boolean): string {
  for (let i = 0; ; i++) if (inRollout(`store-${i}`, version, percent) === inside) return `store-${i}`;
}

test('the feed is the policy server and channel, with downloads, quit-installs and downgrades off', () => {
  const updater = new FakeUpdater();
  const updates = startAutoUpdates({ updater, policy, store: 'madrid-01', activity: () => idle, log: quiet, now: () => now });
  try {
    assert.deepEqual(updater.feeds, ['https://updates.acme.example/mostrador/pilot']);
    assert.equal(updates.feedUrl, 'https://updates.acme.example/mostrador/pilot');
    assert.deepEqual([updater.autoDownload, updater.autoInstallOnAppQuit, updater.allowDowngrade], [false, false, false]);
    assert.equal(updater.checks, 1, 'checks once at start');
    assert.equal(feedUrl('https://u.example', 'stable'), 'https://u.example/stable');
  } finally {
    updates.stop();
  }
});

test('with no update server in the policy the console never checks', () => {
  const updater = new FakeUpdater();
  for (const p of [null, {}, { updates: { channel: 'pilot' as const } }]) {
    const updates = startAutoUpdates({ updater, policy: p, store: 'madrid-01', activity: () => idle, log: quiet });
    assert.equal(updates.feedUrl, null);
    updates.stop();
  }
  assert.deepEqual([updater.feeds.length, updater.checks, updater.listenerCount('update-available')], [0, 0, 0]);
});

test('it checks again on its period', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const updater = new FakeUpdater();
  const updates = startAutoUpdates({ updater, policy, store: 'madrid-01', activity: () => idle, log: quiet, checkEveryMs: 60_000 });
  t.mock.timers.tick(3 * 60_000);
  assert.equal(updater.checks, 4);
  updates.stop();
  t.mock.timers.tick(3 * 60_000);
  assert.equal(updater.checks, 4, 'stop() ends the checks');
});

test('a version downloads only where the store is in its staged rollout, and only once', () => {
  const version = '1.4.0';
  const rollout = { updates: { ...policy.updates, rolloutPercent: 20 } };
  const outside = new FakeUpdater();
  const a = startAutoUpdates({ updater: outside, policy: rollout, store: storeFor(version, 20, false), activity: () => idle, log: quiet });
  outside.emit('update-available', { version });
  assert.equal(outside.downloads, 0);
  a.stop();

  const inside = new FakeUpdater();
  const b = startAutoUpdates({ updater: inside, policy: rollout, store: storeFor(version, 20, true), activity: () => idle, log: quiet });
  inside.emit('update-available', { version });
  inside.emit('update-available', { version });
  assert.equal(inside.downloads, 1, 'a second check during the download does not start another');
  b.stop();

  const none = new FakeUpdater();
  const c = startAutoUpdates({ updater: none, policy: { updates: { ...policy.updates, rolloutPercent: 0 } }, store: 'any', activity: () => idle, log: quiet });
  none.emit('update-available', { version });
  assert.equal(none.downloads, 0, 'rolloutPercent 0 holds every store');
  c.stop();
});

test('a downloaded update installs at once when the counter is idle, silently and restarting the console', () => {
  const updater = new FakeUpdater();
  const updates = startAutoUpdates({ updater, policy, store: 'madrid-01', activity: () => idle, log: quiet, now: () => now });
  updater.emit('update-available', { version: '1.4.0' });
  updater.emit('update-downloaded', { version: '1.4.0' });
  assert.deepEqual(updater.installs, [[true, true]]);
  assert.equal(updater.autoInstallOnAppQuit, true);
  assert.equal(updater.listenerCount('error'), 1, 'an install failure is still heard');
  updates.stop();
});

test('an update never installs during a pickup or a print job, and installs at the first idle poll after', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let activity: StoreActivity = { ...idle, ordersInProgress: 1 };
  const updater = new FakeUpdater();
  const updates = startAutoUpdates({ updater, policy, store: 'madrid-01', activity: () => activity, log: quiet, now: () => now, installPollMs: 60_000 });
  updater.emit('update-downloaded', { version: '1.4.0' });
  assert.deepEqual(updater.installs, []);
  assert.equal(updater.autoInstallOnAppQuit, false, 'quitting mid-pickup does not run the installer');

  activity = { ...idle, printJobsActive: 2 };
  t.mock.timers.tick(10 * 60_000);
  assert.deepEqual(updater.installs, []);
  assert.equal(updater.autoInstallOnAppQuit, false);

  activity = { ...idle, lastInteractionAt: now - 60_000 };
  t.mock.timers.tick(60_000);
  assert.deepEqual(updater.installs, [], 'staff touched the console a minute ago');

  activity = idle;
  t.mock.timers.tick(60_000);
  assert.deepEqual(updater.installs, [[true, true]]);
  t.mock.timers.tick(10 * 60_000);
  assert.equal(updater.installs.length, 1, 'installs once');
  updates.stop();
});

test('updater errors are logged, never thrown, and a failed download can be retried', async () => {
  const entries: Record<string, unknown>[] = [];
  const updater = new FakeUpdater();
  let fail = true;
  updater.downloadUpdate = async () => {
    updater.downloads += 1;
    if (fail) throw new Error('socket hang up');
    return [];
  };
  const updates = startAutoUpdates({ updater, policy, store: 'madrid-01', activity: () => idle, log: (e) => entries.push(e) });
  updater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
  updater.emit('update-available', { version: '1.4.0' });
  await new Promise((resolve) => setImmediate(resolve));
  fail = false;
  updater.emit('update-available', { version: '1.4.0' });
  assert.equal(updater.downloads, 2);
  assert.ok(entries.some((e) => e.msg === 'updater error'));
  assert.ok(entries.some((e) => e.msg === 'update download failed'));
  updates.stop();
});
