// build/check-package.mjs is the release gate on the packaged app. Here it runs on a fake
// linux-unpacked app (a real ASAR and a fuse wire in a stand-in binary) to prove it passes a
// good package and names what is wrong with a bad one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { createPackageWithOptions } from '@electron/asar';
import { tempDir } from '../../helpers/temp-dir';

const checker = resolve(import.meta.dirname, '../../../build/check-package.mjs');
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const good = { runAsNode: false, cookies: true, nodeOptions: false, inspect: false, integrity: true, asarOnly: true };

async function fakeDist({ unpackNative = true, fuses = good } = {}): Promise<string> {
  const dist = tempDir();
  const app = join(dist, 'app-src');
  const files = {
    'package.json': '{"name":"mostrador"}',
    'out/main/index.js': '',
    'out/preload/index.cjs': '',
    'out/renderer/index.html': '',
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node': 'ELF',
    'node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/node.napi.glibc.node': 'ELF',
    'node_modules/node-hid/prebuilds/HID_hidraw-linux-x64/node-napi-v3.node': 'ELF',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), content);
  }
  const resources = join(dist, 'linux-unpacked', 'resources');
  mkdirSync(resources, { recursive: true });
  await createPackageWithOptions(app, join(resources, 'app.asar'), unpackNative ? { unpack: '**/*.node' } : {});
  writeFileSync(join(resources, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.invalid/mostrador/stable\n');
  writeFileSync(join(dist, 'latest-linux.yml'), 'version: 0.1.0\n');
  const state = (on: boolean) => (on ? 0x31 : 0x30); // ASCII '1' and '0', as Electron stores them
  const wire = [fuses.runAsNode, fuses.cookies, fuses.nodeOptions, fuses.inspect, fuses.integrity, fuses.asarOnly, false, true].map(state);
  writeFileSync(join(dist, 'linux-unpacked', 'mostrador'), Buffer.concat([Buffer.from('\x7fELF...'), Buffer.from(sentinel), Buffer.from([1, wire.length, ...wire])]));
  return dist;
}

const check = (dist: string) => spawnSync(process.execPath, [checker, '--dist', dist], { encoding: 'utf8' });

test('the package check passes an app that loads from app.asar with native modules unpacked and fuses set', async () => {
  const result = check(await fakeDist());
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /✓ 1 packaged app/);
});

test('the package check fails a packed .node file and a fuse left open, naming each', async () => {
  const packed = check(await fakeDist({ unpackNative: false }));
  assert.equal(packed.status, 1);
  assert.match(packed.stderr, /better_sqlite3\.node is inside app\.asar/);
  const open = check(await fakeDist({ fuses: { ...good, runAsNode: true, asarOnly: false } }));
  assert.equal(open.status, 1);
  assert.match(open.stderr, /fuse RunAsNode is enabled, expected disabled/);
  assert.match(open.stderr, /fuse OnlyLoadAppFromAsar is disabled, expected enabled/);
  assert.equal(check(tempDir()).status, 1, 'an empty dist/ is a failure, not a pass');
});
