import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PolicyError, policyPath, readPolicy } from '../../main/setup/policy-file';
import { decideInstall, inRollout } from '../../main/updates/update-gate';
import { tempDir } from '../helpers/temp-dir';

test('the policy file lives where each platform keeps machine-wide settings', () => {
  assert.equal(policyPath('linux', {}), '/etc/mostrador/policy.json');
  assert.equal(policyPath('darwin', {}), '/Library/Application Support/Mostrador/policy.json');
  assert.equal(policyPath('win32', { ProgramData: 'C:\\ProgramData' }), join('C:\\ProgramData', 'Mostrador', 'policy.json'));
});

test('a valid policy is applied and every field it sets is reported locked', () => {
  const file = join(tempDir(), 'policy.json');
  writeFileSync(file, JSON.stringify({ store: 'madrid-01', chain: 'acme', hq: { url: 'mqtts://hq.acme.example:8883', username: 'acme.madrid-01', passwordFile: '/etc/mostrador/hq-password' }, updates: { channel: 'pilot', rolloutPercent: 20 } }));
  const read = readPolicy(file)!;
  assert.equal(read.policy.store, 'madrid-01');
  assert.deepEqual(read.locked, ['chain', 'hq.passwordFile', 'hq.url', 'hq.username', 'store', 'updates.channel', 'updates.rolloutPercent']);
  assert.equal(readPolicy(join(tempDir(), 'absent.json')), null, 'no file: no policy');
});

test('a malformed policy is refused whole, naming the file and the field', () => {
  const dir = tempDir();
  const cases: [unknown, string][] = [
    [{ store: 'madrid/01' }, 'store'],
    [{ hq: { url: 'http://hq.example' } }, 'hq.url'],
    [{ hq: { url: 'mqtt://x', password: 'plain' } }, 'hq.password'],
    [{ updates: { rolloutPercent: 140 } }, 'updates.rolloutPercent'],
  ];
  for (const [content, field] of cases) {
    const file = join(dir, `${field}.json`);
    writeFileSync(file, JSON.stringify(content));
    assert.throws(() => readPolicy(file), (e: unknown) => e instanceof PolicyError && e.field === field && e.message.includes(file) && e.message.includes('Nothing from it was applied'));
  }
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"store": ');
  assert.throws(() => readPolicy(broken), /not valid JSON/);
});

test('an update never installs during a pickup or a print job, only when the console is idle', () => {
  const now = 1_000_000_000;
  const idle = { ordersInProgress: 0, printJobsActive: 0, lastInteractionAt: now - 30 * 60_000 };
  assert.deepEqual(decideInstall(idle, now), { install: true, reason: 'idle' });
  assert.equal(decideInstall({ ...idle, ordersInProgress: 1 }, now).install, false);
  assert.equal(decideInstall({ ...idle, printJobsActive: 2 }, now).install, false);
  assert.equal(decideInstall({ ...idle, lastInteractionAt: now - 60_000 }, now).install, false);
});

test('staged rollout is stable per store and version, and raising the percentage only adds stores', () => {
  const stores = Array.from({ length: 1000 }, (_, i) => `store-${i}`);
  const at = (p: number) => new Set(stores.filter((s) => inRollout(s, '1.4.0', p)));
  const ten = at(10);
  const fifty = at(50);
  assert.ok(ten.size > 60 && ten.size < 140, `about 10% (${ten.size})`);
  for (const s of ten) assert.ok(fifty.has(s));
  assert.equal(at(0).size, 0);
  assert.equal(at(100).size, 1000);
});

test('the policy wins over the environment and config.json, and a bad one stops start-up', async () => {
  const { resolveConfig } = await import('../../main/setup/store-config');
  const dir = tempDir();
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ store: 'bcn-02', station: 'counter-9' }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ store: 'local-store' }));
  const config = resolveConfig({ userDataDir: dir, env: { MOSTRADOR_STORE: 'env-store' }, policyFile });
  assert.deepEqual([config.store, config.station, config.demo, config.locked], ['bcn-02', 'counter-9', false, ['station', 'store']]);
  writeFileSync(policyFile, JSON.stringify({ store: 'bcn 02' }));
  assert.throws(() => resolveConfig({ userDataDir: dir, env: {}, policyFile }), PolicyError);
});
