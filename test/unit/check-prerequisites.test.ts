// `npm test` checks the system's programs first and names the one command that installs them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { debianInstallCommand, missingPrerequisites, prerequisitesMessage } from '../check-prerequisites.mjs';

const debian = ['/usr/bin/chromium', '/usr/bin/socat', '/usr/sbin/mosquitto'];
const system = (files: string[], env: Record<string, string> = {}, platform = 'linux') => ({
  env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...env },
  platform,
  exists: (file: string) => files.includes(file),
});
const names = (files: string[], env?: Record<string, string>, platform?: string) => missingPrerequisites(system(files, env, platform)).map((m) => m.name);

test('a Debian machine with the packages installed misses nothing', () => {
  assert.deepEqual(names(debian), []);
  assert.equal(prerequisitesMessage([], 'linux'), null);
});

test('each missing program is named, found where the test helpers look for it', () => {
  assert.deepEqual(names([]), ['Chromium', 'socat', 'Mosquitto']);
  assert.deepEqual(names(['/usr/bin/chromium', '/usr/bin/mosquitto']), ['socat']);
  // socat and mosquitto anywhere on PATH; Chromium where CHROMIUM_PATH says.
  const mac = '/Applications/Chromium.app/Contents/MacOS/Chromium';
  assert.deepEqual(names(['/opt/homebrew/bin/socat', '/opt/homebrew/sbin/mosquitto', mac], { PATH: '/opt/homebrew/bin:/opt/homebrew/sbin', CHROMIUM_PATH: mac }, 'darwin'), []);
  assert.deepEqual(names(['/usr/bin/socat', '/usr/sbin/mosquitto'], { CHROMIUM_PATH: '/opt/chromium/chrome' }), ['Chromium']);
  assert.deepEqual(names(debian, { PATH: '' }), ['socat']);
});

test('the message names the one command that installs what is missing, on Debian and on macOS', () => {
  const missing = missingPrerequisites(system(['/usr/bin/chromium']));
  const linux = prerequisitesMessage(missing, 'linux')!;
  assert.match(linux, /socat \(serial pty pairs\)/);
  assert.match(linux, /Mosquitto/);
  assert.ok(linux.includes(debianInstallCommand));
  const mac = prerequisitesMessage(missing, 'darwin')!;
  assert.ok(mac.includes('brew install socat mosquitto && brew install --cask chromium'));
  assert.ok(mac.includes('CHROMIUM_PATH='));
});

test('npm test and .ci/run run the check before anything else, and README gives the same command', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  assert.match(manifest.scripts.test!, /^node test\/check-prerequisites\.mjs && /);
  const ci = readFileSync('.ci/run', 'utf8').split('\n');
  const step = (line: string) => ci.findIndex((l) => l.startsWith(line));
  assert.ok(step('apt-get install') < step('node test/check-prerequisites.mjs'), 'after the packages are installed');
  assert.ok(step('node test/check-prerequisites.mjs') < step('npm ci'), 'before the install');
  assert.ok(readFileSync('README.md', 'utf8').includes(debianInstallCommand));
});

test('run on a machine without the programs, the check fails at once with the message', () => {
  const run = spawnSync(process.execPath, ['test/check-prerequisites.mjs'], { encoding: 'utf8', env: { PATH: '/nonexistent', CHROMIUM_PATH: '/nonexistent/chromium' } });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /Chromium[\s\S]*socat/);
  assert.ok(run.stderr.includes(debianInstallCommand));
});
