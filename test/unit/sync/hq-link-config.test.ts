import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { clientIdFor, createHqLink, HqLinkConfigError } from '../../../main/sync/hq-link';
import { HqConfigError, resolveHqConfig } from '../../../main/sync/hq-config';
import { policySchema } from '../../../main/setup/policy-file';
import { fullJitterDelay } from '../../../main/sync/reconnect-backoff';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { tempDir } from '../../helpers/temp-dir';

test('a store or client id with +, #, / or NUL is refused, naming the field', () => {
  for (const bad of ['a+b', 'a#', 'chain/store', 'nul\u0000', '', 'x'.repeat(65)]) {
    assert.throws(() => clientIdFor({ chain: 'c', store: bad, station: 's' }), (e: unknown) => e instanceof HqLinkConfigError && /store/.test((e as Error).message));
  }
  assert.equal(clientIdFor({ chain: 'acme', store: 'madrid-01', station: 'counter_2' }), 'mostrador.acme.madrid-01.counter_2');
});

test('reconnect delays are full-jitter: spread over [0, min(cap, base·2^attempt))', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
      const delay = fullJitterDelay(attempt, 1000, 60_000, () => r);
      return delay >= 0 && delay < Math.min(60_000, 1000 * 2 ** attempt) + 1e-9;
    }),
  );
  // Two stores at the same attempt do not reconnect together.
  const delays = new Set(Array.from({ length: 50 }, () => fullJitterDelay(6, 1000, 60_000)));
  assert.ok(delays.size > 40);
});

test('only mqtt, mqtts, ws and wss brokers are accepted', () => {
  const db = openLedger(join(tempDir(), 'l.sqlite'));
  assert.throws(() => createHqLink(db, { url: 'http://hq.example', chain: 'c', store: 's', station: 't' }, () => 'x'), /mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//);
  db.close();
});

test('a password file readable by others is refused; its content never appears in errors or status', () => {
  const dir = tempDir();
  const file = join(dir, 'hq-password');
  writeFileSync(file, 's3cret-Pa55\n');
  chmodSync(file, 0o644);
  const env = { MOSTRADOR_HQ_URL: 'mqtts://hq.example:8883', MOSTRADOR_HQ_USERNAME: 'acme.s1', MOSTRADOR_HQ_PASSWORD_FILE: file };
  assert.throws(() => resolveHqConfig(env, 's1', 't1'), (e: unknown) => e instanceof HqConfigError && /chmod 600/.test((e as Error).message) && !(e as Error).message.includes('s3cret'));
  chmodSync(file, 0o600);
  const config = resolveHqConfig(env, 's1', 't1')!;
  assert.equal(config.password, 's3cret-Pa55');

  const db = openLedger(join(dir, 'l.sqlite'));
  const lines: string[] = [];
  const link = createHqLink(db, { ...config, url: 'mqtt://acme.s1:s3cret-Pa55@127.0.0.1:1' }, () => 'x', (e) => lines.push(JSON.stringify(e)));
  const status = link.status();
  assert.ok(!JSON.stringify(status).includes('s3cret'), 'the broker URL in the status is masked');
  assert.ok(!lines.join('\n').includes('s3cret'));
  db.close();
});

test("the policy file bounds the dead letters a store keeps, whichever way its HQ link was set up", () => {
  const policy = policySchema.parse({ deadLetters: { maxRows: 200 } });
  const fromEnv = resolveHqConfig({ MOSTRADOR_HQ_URL: 'mqtt://hq.example:1883' }, 'madrid-01', 'counter-1', policy);
  assert.deepEqual(fromEnv?.deadLetterLimits, { maxRows: 200, maxBytes: 5 * 1024 * 1024 }, 'the unset bound keeps its default');
  const fromWizard = resolveHqConfig({}, 'madrid-01', 'counter-1', policySchema.parse({ deadLetters: { maxBytes: 1024 * 1024 } }), { hq: { url: 'mqtt://hq.example:1883' } });
  assert.deepEqual(fromWizard?.deadLetterLimits, { maxRows: 1000, maxBytes: 1024 * 1024 });
  assert.equal(resolveHqConfig({ MOSTRADOR_HQ_URL: 'mqtt://hq.example:1883' }, 'madrid-01', 'counter-1', null)?.deadLetterLimits, undefined);
  // Bounds that would keep nothing useful, or fill the disk, are refused, naming the field.
  for (const bad of [{ maxRows: 0 }, { maxBytes: 10 }, { maxRows: 2.5 }, { keepForever: true }]) {
    const parsed = policySchema.safeParse({ deadLetters: bad });
    assert.equal(parsed.success, false, JSON.stringify(bad));
    assert.equal(parsed.error?.issues[0]?.path[0], 'deadLetters');
  }
});
