import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { sanitizeConfig } from '../../../main/diagnostics/sanitize-config';
import { writeDiagnostics } from '../../../main/diagnostics/write-diagnostics';
import { createFileLog } from '../../../main/electron/file-log';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

const secrets = {
  password: 'broker-pass-9f2c',
  urlPassword: 'url-pass-77aa',
  key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n-----END PRIVATE KEY-----',
  token: 'bridge-token-5d1e',
};

/** What the host resolves at start: the store config, IT's policy and the HQ link with its secrets read in. */
function resolvedConfig() {
  return {
    store: { store: 'madrid-01', station: 'counter-1', dbPath: '/var/lib/mostrador/ledger.sqlite', demo: false },
    policy: { store: 'madrid-01', kiosk: true, hq: { url: 'mqtts://hq.acme.example:8883', passwordFile: '/etc/mostrador/hq-password', keyFile: '/etc/mostrador/station.key' } },
    hq: {
      url: `mqtts://acme.madrid-01:${secrets.urlPassword}@hq.acme.example:8883`,
      username: 'acme.madrid-01',
      password: secrets.password,
      key: Buffer.from(secrets.key),
      cert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    },
    bridge: { token: secrets.token },
  };
}

test('the diagnostics zip holds the logs, the configuration without secrets and a ledger check', async () => {
  const dir = tempDir();
  const core = await openSmallStore(join(dir, 'ledger.sqlite'));
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  value(await call('stock.receive', { sku: 'SKU-OIL', qty: 12 }));

  const logDir = join(dir, 'logs');
  const log = createFileLog(logDir, { maxBytes: 4_000, keep: 2 });
  for (let i = 0; i < 120; i++) log({ level: 'info', msg: `scan ${i}`, sku: 'SKU-OIL' });
  log({ level: 'warn', msg: 'hq refused', password: secrets.password });
  log.close();
  // A line from before redaction existed (or from another writer) carrying secrets verbatim.
  writeFileSync(join(logDir, 'old.log'), `connecting with ${secrets.password} to mqtts://u:${secrets.urlPassword}@hq\n`);

  const outFile = join(dir, 'out', 'diagnostics.zip');
  const result = await writeDiagnostics({ db: core.services.db, config: resolvedConfig(), logDir, outFile, now: new Date('2026-03-01T10:00:00Z') });
  core.close();

  assert.equal(result.file, outFile);
  assert.equal(result.bytes, statSync(outFile).size);
  const zip = readFileSync(outFile);
  const files = unzipSync(zip);
  assert.deepEqual(Object.keys(files).sort(), [
    'config.json',
    'ledger-check.json',
    'logs/main.1.log',
    'logs/main.2.log',
    'logs/main.log',
    'logs/old.log',
    'summary.json',
  ]);

  const check = JSON.parse(strFromU8(files['ledger-check.json']!)) as { ok: boolean; movements: number; integrity: string };
  assert.equal(check.ok, true);
  assert.equal(check.movements, 1);
  assert.equal(check.integrity, 'ok');
  assert.equal((JSON.parse(strFromU8(files['summary.json']!)) as { ledgerOk: boolean }).ledgerOk, true);

  const config = JSON.parse(strFromU8(files['config.json']!)) as ReturnType<typeof resolvedConfig> & { hq: Record<string, string> };
  assert.equal(config.policy.hq.passwordFile, '/etc/mostrador/hq-password', 'file names are kept');
  assert.equal(config.policy.hq.keyFile, '/etc/mostrador/station.key');
  assert.equal(config.hq.username, 'acme.madrid-01');
  assert.equal(config.hq.password, '[removed]');
  assert.equal(config.hq.url, 'mqtts://acme.madrid-01:[removed]@hq.acme.example:8883');
  assert.equal(config.hq.key, '[removed]');
  assert.match(config.hq.cert, /^\[\d+ characters \[removed\]\]$/, 'certificates: size only');
  assert.equal(config.store.dbPath, '/var/lib/mostrador/ledger.sqlite');
  assert.match(strFromU8(files['logs/main.log']!), /"msg":"hq refused"/);

  // No secret anywhere: in any entry, nor in the zip's own bytes (names, comments).
  const everything = [zip.toString('latin1'), ...Object.values(files).map((bytes) => strFromU8(bytes))].join('\n');
  for (const secret of [...Object.values(secrets), 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC', staffPins.ana]) {
    assert.ok(!everything.includes(secret), `secret leaked: ${secret.slice(0, 20)}`);
  }
});

test('a missing log folder still gives a zip with the configuration and the check', async () => {
  const dir = tempDir();
  const core = await openSmallStore(join(dir, 'ledger.sqlite'));
  const { file } = await writeDiagnostics({ db: core.services.db, config: { store: 'x' }, logDir: join(dir, 'nope'), outFile: join(dir, 'd.zip') });
  core.close();
  assert.deepEqual(Object.keys(unzipSync(readFileSync(file))).sort(), ['config.json', 'ledger-check.json', 'summary.json']);
});

test('sanitising keeps file names, drops secrets under any spelling and leaves other values alone', () => {
  assert.deepEqual(
    sanitizeConfig({ hqPassword: 'p', apiToken: 't', pin: '1234', passwordFile: '/f', keyFile: '/k', collectionDays: 7, list: [{ secret: 's' }], none: null }),
    { hqPassword: '[removed]', apiToken: '[removed]', pin: '[removed]', passwordFile: '/f', keyFile: '/k', collectionDays: 7, list: [{ secret: '[removed]' }], none: null },
  );
});
