import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/contract';
import { startRuntimeHost } from '../../../main/runtime-host';
import { loadOrCreateHostCertificate } from '../../../main/stations/host-certificate';
import { readStationCredential } from '../../../main/stations/station-credential';
import { startStationLinkServer } from '../../../main/stations/station-link-server';
import { openSmallStore } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

/** A fresh install at its first-run wizard, as `npm run serve` starts it. */
async function freshStation() {
  const dir = tempDir();
  const host = await startRuntimeHost({
    userDataDir: dir,
    env: { MOSTRADOR_STATION: 'counter-3', MOSTRADOR_POLICY_FILE: join(dir, 'no-policy.json'), MOSTRADOR_DEMO_ORDER_EVERY_MS: '3600000', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' },
    log: () => {},
  });
  const events: CoreEvent[] = [];
  host.api.subscribe((e) => events.push(e));
  return { dir, host, events };
}

test('joining a store from the wizard: a name the host refuses is refused at once; a host that goes away after showing the code is reported, and nothing is saved', async (t) => {
  const hostDir = tempDir();
  const storeHost = await openSmallStore(join(hostDir, 'ledger.sqlite'));
  t.after(() => storeHost.close());
  const link = await startStationLinkServer({ api: storeHost.api, stations: () => storeHost.services.stations, certificate: await loadOrCreateHostCertificate(join(hostDir, 'data'), 'test-store'), port: 0, bindAddress: '127.0.0.1' });
  const url = `wss://127.0.0.1:${link.port}`;
  const station = await freshStation();
  t.after(() => station.host.stop());
  assert.equal((await station.host.api.call({ name: 'setup.status', input: {} })).ok, true);

  // The host's own name is taken: refused before any code, in the call's own answer.
  const taken = await station.host.api.call({ name: 'setup.joinStore', input: { host: url, station: 'counter-1' } });
  assert.equal(!taken.ok && taken.error.code, 'PAIRING_REFUSED');

  // A code is shown, then the host stops before anyone approves it: the wizard hears why.
  const shown = await station.host.api.call({ name: 'setup.joinStore', input: { host: url, station: 'counter-3' } });
  assert.ok(shown.ok);
  assert.match((shown.value as { code: string }).code, /^\d{6}$/);
  await link.close();
  const ended = await waitUntil(() => station.events.find((e) => e.event === 'setup.pairing'), (e) => e !== undefined, { what: 'the pairing reported as ended' });
  assert.equal((ended!.payload as { code: string }).code, 'HOST_UNREACHABLE');
  assert.equal(readStationCredential(station.dir), null, 'no credential was saved');
  assert.equal(station.events.filter((e) => e.event === 'setup.restarting').length, 0, 'the console did not restart');
});
