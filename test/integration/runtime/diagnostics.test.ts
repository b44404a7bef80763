import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { startStoreRuntime } from '../../../main/store-runtime';
import { value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

test('a manager saves diagnostics for IT: logs, configuration and a ledger check in one zip, with no secret in it', async () => {
  const secret = 'hunter2-do-not-leak';
  const runtime = await startStoreRuntime({
    userDataDir: tempDir(),
    env: { MOSTRADOR_STATION: 'diag', MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000', MOSTRADOR_HQ_PASSWORD: secret, MOSTRADOR_POLICY_FILE: '/nonexistent.json' },
    log: () => {},
  });
  const call = runtime.core.api.call;
  try {
    value(await call({ name: 'session.signIn', input: { staffId: 'ana', pin: '1111' } }));
    const refused = await call({ name: 'diagnostics.save', input: {} });
    assert.equal(refused.ok ? null : refused.error.code, 'FORBIDDEN');
    value(await call({ name: 'session.signIn', input: { staffId: 'marta', pin: '3333' } }));
    const { file, bytes } = value<{ file: string; bytes: number }>(await call({ name: 'diagnostics.save', input: {} }));
    assert.match(file, /mostrador-demo-store-diag-.*\.zip$/);
    const zip = readFileSync(file);
    assert.equal(zip.length, bytes);
    const entries = unzipSync(zip);
    assert.ok(entries['config.json'] && entries['summary.json'], `entries: ${Object.keys(entries).join(', ')}`);
    assert.equal((JSON.parse(strFromU8(entries['summary.json']!)) as { ledgerOk: boolean }).ledgerOk, true);
    for (const [name, content] of Object.entries(entries)) assert.ok(!strFromU8(content).includes(secret), `${name} carries the secret`);
  } finally {
    await runtime.stop();
  }
});
