import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/contract';
import type { SessionInfo, SetupStatus, SyncStatus } from '../../../main/api/types';
import { createDataKeyCipher } from '../../../main/secrets/data-key-cipher';
import { startRuntimeHost } from '../../../main/runtime-host';
import { startMosquitto } from '../../helpers/mosquitto';
import { value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const env = { MOSTRADOR_POLICY_FILE: '/nonexistent/policy.json' };

async function passwordBroker(user: string, password: string) {
  const dir = tempDir();
  const passwd = join(dir, 'passwd');
  execFileSync('/usr/bin/mosquitto_passwd', ['-b', '-c', passwd, user, password]);
  return startMosquitto({ allowAnonymous: false, extraConfig: [`password_file ${passwd}`] });
}

test('first run: the wizard shows until the demo is chosen, and the choice is remembered', async () => {
  const userDataDir = tempDir();
  let host = await startRuntimeHost({ userDataDir, env: { ...env, MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000' }, log: () => {} });
  try {
    const status = value<SetupStatus>(await host.api.call({ name: 'setup.status', input: {} }));
    assert.equal(status.needsSetup, true);
    assert.equal(status.secretStorage, 'file', 'plain Node has no OS keychain');
    assert.equal(value<SetupStatus>(await host.api.call({ name: 'setup.chooseDemo', input: {} })).needsSetup, false);
  } finally {
    await host.stop();
  }
  host = await startRuntimeHost({ userDataDir, env: { ...env, MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000' }, log: () => {} });
  try {
    assert.equal(value<SetupStatus>(await host.api.call({ name: 'setup.status', input: {} })).needsSetup, false);
  } finally {
    await host.stop();
  }
});

for (const keychain of [false, true]) {
  test(`provisioning restarts the console as the store, linked to its broker with a password kept ${keychain ? 'under the keychain-wrapped data key' : 'in a 0600 file'}`, async () => {
    const password = `pw-${randomBytes(6).toString('hex')}`;
    const broker = await passwordBroker('acme.store-7', password);
    const userDataDir = tempDir();
    const cipher = keychain ? createDataKeyCipher(randomBytes(32)) : null;
    const host = await startRuntimeHost({ userDataDir, env: { ...env, MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000' }, log: () => {}, cipher });
    const events: CoreEvent[] = [];
    host.api.subscribe((e) => events.push(e));
    try {
      // Bad input is refused with the field named, and nothing is written.
      const refused = await host.api.call({ name: 'setup.provision', input: { store: 'store 7', station: 'counter-1', chain: 'acme', hq: null, admin: { id: 'lucia', name: 'Lucía', pin: '1357' } } });
      assert.equal(refused.ok, false);
      assert.equal(value<SetupStatus>(await host.api.call({ name: 'setup.status', input: {} })).provisioned, false);

      const answer = await host.api.call({
        name: 'setup.provision',
        input: {
          store: 'store-7',
          station: 'counter-1',
          chain: 'acme',
          hq: { url: broker.url, username: 'acme.store-7', password },
          admin: { id: 'lucia', name: 'Lucía Gómez', pin: '1357' },
          devices: [{ identity: 'serial::::/dev/ttyACM0', role: 'counter-scanner' }],
          legal: { name: 'Comercial Siete, S.L.', address: 'Calle Siete 7, Madrid', taxId: 'B07070707' },
        },
      });
      assert.deepEqual(value(answer), { restarting: true });
      await waitUntil(() => events.some((e) => e.event === 'setup.restarting'), Boolean, { what: 'screens told of the restart' });

      const session = value<SessionInfo>(await host.api.call({ name: 'session.current', input: {} }));
      assert.equal(session.store, 'store-7');
      const status = value<SetupStatus>(await host.api.call({ name: 'setup.status', input: {} }));
      assert.equal(status.provisioned, true);
      assert.equal(status.needsSetup, false);
      value(await host.api.call({ name: 'session.signIn', input: { staffId: 'lucia', pin: '1357' } }));
      await waitUntil(async () => value<SyncStatus | null>(await host.api.call({ name: 'sync.status', input: {} }))?.state, (s) => s === 'online', { what: 'linked to the password-protected broker' });

      const config = readFileSync(join(userDataDir, 'config.json'), 'utf8');
      assert.ok(!config.includes(password), 'the password never enters config.json');
      // The company the wizard named issues the store's documents (issue 16).
      assert.deepEqual((JSON.parse(config) as { legal: unknown }).legal, { name: 'Comercial Siete, S.L.', address: 'Calle Siete 7, Madrid', taxId: 'B07070707' });
      assert.deepEqual(host.current().core.config.legal, { name: 'Comercial Siete, S.L.', address: 'Calle Siete 7, Madrid', taxId: 'B07070707' });
      const ledger = readFileSync(join(userDataDir, 'ledger.sqlite'));
      assert.ok(!ledger.includes(Buffer.from(password)), 'nor the ledger in plain text');
      if (keychain) {
        assert.equal((JSON.parse(config) as { hq: { passwordInKeychain?: boolean } }).hq.passwordInKeychain, true);
      } else {
        assert.equal(statSync(join(userDataDir, 'hq-password')).mode & 0o777, 0o600);
      }
      const devices = host.current().core.services.db.prepare("SELECT value FROM settings WHERE key LIKE 'device:%'").pluck().all() as string[];
      assert.deepEqual(devices.map((d) => (JSON.parse(d) as { role: string }).role), ['counter-scanner']);

      // Set up now: only an admin may change it.
      value(await host.api.call({ name: 'session.signOut', input: {} }));
      const again = await host.api.call({ name: 'setup.chooseDemo', input: {} });
      assert.equal(again.ok ? null : again.error.code, 'NOT_SIGNED_IN', 'nobody signed in: refused until an admin signs in');
    } finally {
      await host.stop();
      await broker.dispose();
    }
  });
}

test('a field IT set in the policy file cannot be changed by the wizard', async () => {
  const dir = tempDir();
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ chain: 'acme' }));
  const host = await startRuntimeHost({ userDataDir: dir, env: { MOSTRADOR_POLICY_FILE: policyFile, MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000' }, log: () => {} });
  try {
    const status = value<SetupStatus>(await host.api.call({ name: 'setup.status', input: {} }));
    assert.deepEqual(status.locked, ['chain']);
    assert.equal(status.preset.chain, 'acme');
    const refused = await host.api.call({ name: 'setup.provision', input: { store: 's1', station: 'c1', chain: 'other', hq: null, admin: { id: 'a', name: 'A', pin: '1234' } } });
    assert.equal(refused.ok ? null : refused.error.code, 'VALIDATION');
    assert.match(refused.ok ? '' : refused.error.message, /chain is set by IT's policy file/);
  } finally {
    await host.stop();
  }
});
