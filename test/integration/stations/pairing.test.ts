import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { loadOrCreateHostCertificate } from '../../../main/stations/host-certificate';
import { connectToHost, pairWithHost, PairingRefused } from '../../../main/stations/host-link-client';
import type { StationCredential } from '../../../main/stations/station-credential';
import { startStationLinkServer, type RunningStationLink } from '../../../main/stations/station-link-server';
import { createStationRegistry, pairingCodeTtlMs } from '../../../main/stations/station-registry';
import { composeStore, type Store } from '../../../main/compose-store';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

/** A host whose sign-ins end after 1 s idle on the clock `now`, which the test moves. */
async function idleHost(file: string, now: () => number): Promise<Store> {
  const core = await composeStore({ dbPath: file, store: 'test-store', station: 'counter-1', demo: false, idleSignOutMs: 1_000 }, { now });
  if (core.services.staff.isEmpty()) {
    await core.services.staff.upsert({ id: 'ana', name: 'Ana', role: 'associate' }, staffPins.ana);
    await core.services.staff.upsert({ id: 'pablo', name: 'Pablo', role: 'pickup' }, staffPins.pablo);
    await core.services.staff.upsert({ id: 'marta', name: 'Marta', role: 'manager' }, staffPins.marta);
  }
  return core;
}

async function openHost(dir = tempDir(), port = 0, now?: () => number): Promise<{ core: Store; link: RunningStationLink; url: string; fingerprint256: string }> {
  const file = join(dir, 'ledger.sqlite');
  const core = now ? await idleHost(file, now) : await openSmallStore(file);
  const certificate = await loadOrCreateHostCertificate(join(dir, 'data'), 'test-store');
  const link = await startStationLinkServer({ api: core.api, stations: () => core.services.stations, certificate, port, bindAddress: '127.0.0.1' });
  return { core, link, url: `wss://127.0.0.1:${link.port}`, fingerprint256: certificate.fingerprint256 };
}

/** Asks to pair and hands back the code the new station shows, with the pairing's outcome. */
async function askToPair(url: string, station: string) {
  let shown!: (code: string) => void;
  const code = new Promise<string>((resolve) => (shown = resolve));
  const outcome = pairWithHost({ hostUrl: url, station, onCode: (c) => shown(c) });
  outcome.catch(() => {});
  return { code: await code, outcome };
}

/** Opens /link with a credential and says what the host answered: 'open' or the HTTP status. */
function tryLink(url: string, credential: StationCredential): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}/link`, { headers: { authorization: `Station ${credential.station}:${credential.secret}` }, rejectUnauthorized: false });
    ws.on('open', () => {
      resolve('open');
      ws.terminate();
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(String(res.statusCode));
      ws.terminate();
    });
    ws.on('error', () => {});
  });
}

test("pairing needs a manager: an associate's approval is refused, the station gets nothing until the manager approves its code", async () => {
  const { core, link, url, fingerprint256 } = await openHost();
  try {
    const call = caller(core);
    const { code, outcome } = await askToPair(url, 'counter-2');
    let settled = false;
    void outcome.then(() => (settled = true), () => (settled = true));

    value(await call('session.signIn', { staffId: 'ana', pin: staffPins.ana }));
    const byAssociate = await call('stations.approvePairing', { code });
    assert.equal(byAssociate.ok, false);
    assert.equal(!byAssociate.ok && byAssociate.error.code, 'FORBIDDEN');
    // Without a credential the door to the store stays shut.
    assert.equal(await tryLink(url, { host: url, station: 'counter-2', secret: 'x'.repeat(43), certPem: '', fingerprint256 }), '401');
    assert.equal(settled, false, 'no credential went out on a refused approval');

    value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
    assert.deepEqual(value(await call('stations.approvePairing', { code })), { station: 'counter-2' });
    const credential = await outcome;
    assert.equal(credential.station, 'counter-2');
    assert.equal(credential.fingerprint256, fingerprint256, 'the station pinned the host certificate it was paired through');
    const stored = core.services.db.prepare('SELECT secret_hash AS hash, approved_by AS by FROM paired_stations WHERE id = ?').get('counter-2') as { hash: string; by: string };
    assert.equal(stored.by, 'marta');
    assert.notEqual(stored.hash, credential.secret, 'the host keeps only a hash of the secret');
    assert.equal(await tryLink(url, credential), 'open');
  } finally {
    await link.close();
    await core.close();
  }
});

test('a wrong pairing code and an expired one are refused, and the waiting station is told', async () => {
  const { core, link, url } = await openHost();
  try {
    let clock = Date.now();
    core.services.stations.registry = createStationRegistry(core.services.db, core.config.station, { now: () => clock });
    const call = caller(core);
    value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
    const { code, outcome } = await askToPair(url, 'counter-3');
    const wrong = code === '000000' ? '000001' : '000000';
    const refusedWrong = await call('stations.approvePairing', { code: wrong });
    assert.equal(!refusedWrong.ok && refusedWrong.error.code, 'PAIRING_CODE_INVALID');

    clock += pairingCodeTtlMs + 1;
    const refusedLate = await call('stations.approvePairing', { code });
    assert.equal(!refusedLate.ok && refusedLate.error.code, 'PAIRING_CODE_INVALID');
    await assert.rejects(outcome, (error: unknown) => error instanceof PairingRefused && error.code === 'PAIRING_CODE_INVALID');
    assert.equal(core.services.db.prepare('SELECT count(*) FROM paired_stations').pluck().get(), 0);
  } finally {
    await link.close();
    await core.close();
  }
});

test('a revoked station is cut off at once, refused when it comes back, and its screens get HOST_UNREACHABLE', async () => {
  const { core, link, url } = await openHost();
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  const { code, outcome } = await askToPair(url, 'counter-4');
  value(await call('stations.approvePairing', { code }));
  const credential = await outcome;
  const station = connectToHost({ credential, backoff: { baseMs: 50, capMs: 200 } });
  try {
    await station.whenOnline();
    // The paired station calls in its own name, with its own sign-in.
    const session = await station.api.call({ name: 'session.current', input: {} });
    assert.deepEqual(value(session), { store: 'test-store', station: 'counter-4', staff: null });
    assert.deepEqual(value(await station.api.call({ name: 'stations.linkStatus', input: {} })), { role: 'paired', state: 'online', host: url });
    // The host's list shows it connected while its link is open.
    const connected = async () => value<{ id: string; connected: boolean }[]>(await call('stations.list', {})).find((s) => s.id === 'counter-4')?.connected;
    assert.equal(await connected(), true);
    assert.equal(value<{ role: string }>(await call('stations.linkStatus', {})).role, 'host');

    value(await call('stations.revoke', { station: 'counter-4' }));
    await waitUntil(() => station.status().state, (state) => state === 'offline', { what: 'the revoked station cut off' });
    await waitUntil(connected, (c) => c === false, { what: 'the host no longer lists it as connected' });
    const refused = await station.api.call({ name: 'session.signIn', input: { staffId: 'pablo', pin: staffPins.pablo } });
    assert.equal(!refused.ok && refused.error.code, 'HOST_UNREACHABLE');
    assert.equal(await tryLink(url, credential), '401');
    assert.equal(station.status().state, 'offline');
  } finally {
    await station.close();
    await link.close();
    await core.close();
  }
});

test("a paired station's sign-in survives a restart of the host, with its idle clock; a member deactivated meanwhile is not restored", async () => {
  const dir = tempDir();
  let clock = Date.now();
  const now = () => clock;
  let host = await openHost(dir, 0, now);
  const port = host.link.port;
  const call = caller(host.core);
  value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  const { code, outcome } = await askToPair(host.url, 'counter-5');
  value(await call('stations.approvePairing', { code }));
  const credential = await outcome;
  const { code: code6, outcome: outcome6 } = await askToPair(host.url, 'counter-6');
  value(await call('stations.approvePairing', { code: code6 }));
  const credential6 = await outcome6;
  const station = connectToHost({ credential, backoff: { baseMs: 50, capMs: 200 } });
  const station6 = connectToHost({ credential: credential6, backoff: { baseMs: 50, capMs: 200 } });
  try {
    await Promise.all([station.whenOnline(), station6.whenOnline()]);
    value(await station.api.call({ name: 'session.signIn', input: { staffId: 'pablo', pin: staffPins.pablo } }));
    value(await station6.api.call({ name: 'session.signIn', input: { staffId: 'ana', pin: staffPins.ana } }));

    // The host's process goes away and comes back on the same ledger and port.
    await host.link.close();
    await host.core.close();
    await waitUntil(() => station.status().state, (state) => state === 'offline', { what: 'the station to see the host gone' });
    const reopened = await idleHost(join(dir, 'ledger.sqlite'), now);
    // Ana was deactivated while the host was down (by HQ, say): her seat is not restored.
    reopened.services.staff.deactivate('ana');
    await reopened.close();
    host = await openHost(dir, port, now);
    await Promise.all([station.whenOnline(), station6.whenOnline()]);

    const session = value<{ staff: { id: string } | null }>(await station.api.call({ name: 'session.current', input: {} }));
    assert.equal(session.staff?.id, 'pablo', 'Pablo is still signed in at counter-5');
    // Still signed in means allowed to work: a pickup-only query answers.
    assert.equal((await station.api.call({ name: 'orders.queue', input: {} })).ok, true);
    const session6 = value<{ staff: { id: string } | null }>(await station6.api.call({ name: 'session.current', input: {} }));
    assert.equal(session6.staff, null, 'a deactivated member is not signed back in');
    // The host's own seat is not kept.
    assert.equal(value<{ staff: unknown }>(await caller(host.core)('session.current', {})).staff, null);

    // The idle sign-out still runs on the restored seat, from its last activity before the restart.
    clock += 1_001;
    await waitUntil(
      async () => value<{ staff: unknown }>(await station.api.call({ name: 'session.current', input: {} })).staff,
      (staff) => staff === null,
      { what: 'the idle sign-out of the restored seat' },
    );
    const kept = host.core.services.db.prepare('SELECT count(*) FROM station_sessions').pluck().get();
    assert.equal(kept, 0, 'an expired seat is forgotten in the ledger too');
  } finally {
    await station.close();
    await station6.close();
    await host.link.close();
    await host.core.close();
  }
});
