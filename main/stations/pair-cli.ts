// `npm run pair -- wss://HOST:PORT [station-name]`: pairs this computer with the store's host station.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { makePrivateFolder } from '../kernel/db/open-ledger';
import { policyPath, readPolicy } from '../setup/policy-file';
import { pairWithHost, PairingRefused } from './host-link-client';
import { writeStationCredential } from './station-credential';

const userDataDir = process.env.MOSTRADOR_DATA_DIR ?? join(process.cwd(), '.data');
makePrivateFolder(userDataDir);
const policy = readPolicy(policyPath(process.platform, process.env))?.policy ?? null;
const hostUrl = process.argv[2] ?? process.env.MOSTRADOR_HOST ?? policy?.stationLink?.host;
const station = process.argv[3] ?? process.env.MOSTRADOR_STATION ?? policy?.station ?? hostname().replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
if (!hostUrl) {
  console.error('Usage: npm run pair -- wss://HOST:PORT [station-name] (or MOSTRADOR_HOST, or stationLink.host in the policy file)');
  process.exit(2);
}
try {
  const credential = await pairWithHost({
    hostUrl,
    station,
    onCode(code, fingerprint256, expiresAt) {
      console.log(`Pairing code: ${code}`);
      console.log(`A manager types it on the host station (Devices → Stations of this store) before ${expiresAt}.`);
      console.log(`Host certificate: ${fingerprint256}`);
    },
  });
  const file = writeStationCredential(userDataDir, credential);
  console.log(`Paired as ${credential.station}. Credential saved to ${file}. Start the console with npm run serve.`);
} catch (error) {
  console.error(`Not paired: ${error instanceof PairingRefused ? `${error.code}: ${error.message}` : String(error)}`);
  process.exit(1);
}
