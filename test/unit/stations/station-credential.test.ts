import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { createDataKeyCipher } from '../../../main/secrets/data-key-cipher';
import { readStationCredential, stationCredentialFile, writeStationCredential, type StationCredential } from '../../../main/stations/station-credential';
import { tempDir } from '../../helpers/temp-dir';

const credential: StationCredential = {
  host: 'wss://192.168.1.10:4790',
  station: 'counter-2',
  secret: randomBytes(32).toString('base64url'),
  certPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  fingerprint256: Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':'),
};

test("with the OS keychain (the app) the station's secret is sealed in its 0600 file; without it, the sealed file is refused in words", () => {
  const dir = tempDir();
  const cipher = createDataKeyCipher(randomBytes(32));
  const file = writeStationCredential(dir, credential, cipher);
  assert.equal(file, stationCredentialFile(dir));
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok(!readFileSync(file, 'utf8').includes(credential.secret), 'the secret is not in the file in plain text');
  assert.deepEqual(readStationCredential(dir, cipher), credential);
  assert.throws(() => readStationCredential(dir, null), /sealed by this user's OS keychain/);
});

test('without a keychain (bridge mode) the credential is a 0600 file that reads back as written', () => {
  const dir = tempDir();
  const file = writeStationCredential(dir, credential);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readStationCredential(dir), credential);
  assert.equal(readStationCredential(tempDir()), null, 'no file: not paired');
});
