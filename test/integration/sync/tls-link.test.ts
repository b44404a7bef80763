import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { startMosquitto } from '../../helpers/mosquitto';
import { chain, fastLink, linkedSmallStore, makeMovements } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

/** A throwaway CA, a broker certificate for 127.0.0.1 and one client certificate per name. */
function makePki(dir: string, clients: string[]) {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Mostrador test CA', '-keyout', 'ca.key', '-out', 'ca.crt');
  const issue = (name: string, cn: string, ext?: string) => {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    if (ext) writeFileSync(join(dir, `${name}.ext`), ext);
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.crt`, ...(ext ? ['-extfile', `${name}.ext`] : []));
  };
  issue('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\n');
  for (const client of clients) issue(client, client);
  const read = (file: string) => readFileSync(join(dir, file));
  return { ca: read('ca.crt'), client: (name: string) => ({ cert: read(`${name}.crt`), key: read(`${name}.key`) }) };
}

test('the HQ link runs over mqtts with a CA and a client certificate, and a store without one is refused', async () => {
  const dir = tempDir();
  const pki = makePki(dir, ['hq', 'store-tls']);
  const broker = await startMosquitto({
    extraConfig: [`cafile ${join(dir, 'ca.crt')}`, `certfile ${join(dir, 'server.crt')}`, `keyfile ${join(dir, 'server.key')}`, 'require_certificate true', 'use_identity_as_username true'],
  });
  const url = `mqtts://127.0.0.1:${broker.port}`;
  const hq = createHqSimulator({ url, chain, connectOptions: { ca: pki.ca, ...pki.client('hq') } });
  const { core, sync } = await linkedSmallStore({ url, chain, store: 'store-tls', station: 'counter-1', ca: pki.ca, ...pki.client('store-tls'), ...fastLink });
  const { core: noCert, sync: refused } = await linkedSmallStore({ url, chain, store: 'store-nocert', station: 'counter-1', ca: pki.ca, ...fastLink });
  try {
    await hq.start();
    await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'TLS link online' });
    makeMovements(core, 20);
    sync.link.poke();
    await waitUntil(() => hq.store('store-tls')?.contiguous, (n) => n === 20, { what: 'HQ has the movements over TLS' });

    await waitUntil(() => refused.link.status().lastError, (e) => e !== null, { what: 'the certificate-less store to fail' });
    assert.notEqual(refused.link.status().state, 'online');
  } finally {
    await refused.stop();
    await sync.stop();
    await hq.stop();
    noCert.close();
    core.close();
    await broker.dispose();
  }
});
