import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { kioskWanted, readWindowState, restoreWindowState, trackWindowState, writeWindowState } from '../../../main/electron/window-state';
import { tempDir } from '../../helpers/temp-dir';

const laptop = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] };
const twoScreens = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }, { workArea: { x: 1920, y: 0, width: 1280, height: 1024 } }],
};
const saved = { x: 2000, y: 100, width: 1000, height: 700, maximized: false };

test('the window comes back where it was, maximised or not', () => {
  assert.deepEqual(restoreWindowState(saved, twoScreens), saved);
  assert.deepEqual(restoreWindowState({ ...saved, x: 10, maximized: true }, laptop), { ...saved, x: 10, maximized: true });
});

test('bounds on a monitor that is gone, or barely on screen, are ignored', () => {
  assert.equal(restoreWindowState(saved, laptop), null);
  assert.equal(restoreWindowState({ ...saved, x: 1900, y: 100 }, laptop), null, 'only 20 px of title bar visible');
  assert.equal(restoreWindowState({ ...saved, x: 100, y: -400 }, laptop), null, 'title bar above the screen');
  assert.equal(restoreWindowState({ ...saved, x: 100, y: 1030 }, laptop), null, 'title bar below the work area');
});

test('a corrupt, partial or tampered file is ignored', () => {
  const dir = tempDir();
  const file = join(dir, 'window-state.json');
  assert.equal(readWindowState(file, laptop), null, 'missing');
  writeFileSync(file, '{"x": 1, "y"');
  assert.equal(readWindowState(file, laptop), null, 'truncated JSON');
  for (const bad of [null, [], { ...saved, width: 'wide' }, { ...saved, height: 10 }, { ...saved, x: 1.5 }, { ...saved, extra: 1 }, { x: 0, y: 0 }]) {
    assert.equal(restoreWindowState(bad, twoScreens), null, JSON.stringify(bad));
  }
});

test('closing saves the normal bounds atomically; a full-screen close saves nothing', () => {
  const dir = tempDir();
  const file = join(dir, 'state', 'window-state.json');
  const listeners: (() => void)[] = [];
  let fullScreen = false;
  const window = {
    getNormalBounds: () => ({ x: 50, y: 60, width: 1280, height: 800 }),
    isMaximized: () => true,
    isFullScreen: () => fullScreen,
    on: (_: 'close', l: () => void) => listeners.push(l),
  };
  trackWindowState(window, file);
  listeners[0]!();
  assert.deepEqual(readWindowState(file, laptop), { x: 50, y: 60, width: 1280, height: 800, maximized: true });
  writeWindowState(file, saved);
  fullScreen = true;
  listeners[0]!();
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), saved);
});

test('kiosk when the policy says so or MOSTRADOR_KIOSK=1, never by default; the policy wins', () => {
  assert.equal(kioskWanted({ kiosk: true }, {}), true);
  assert.equal(kioskWanted(null, { MOSTRADOR_KIOSK: '1' }), true);
  assert.equal(kioskWanted({}, { MOSTRADOR_KIOSK: '1' }), true);
  assert.equal(kioskWanted({ kiosk: false }, { MOSTRADOR_KIOSK: '1' }), false);
  assert.equal(kioskWanted({ kiosk: true }, { MOSTRADOR_KIOSK: '0' }), true);
  assert.equal(kioskWanted(null, {}), false);
});
