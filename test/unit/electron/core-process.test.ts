import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { unzipSync } from 'fflate';
import type { CoreEvent } from '../../../main/api/contract';
import type { SessionInfo } from '../../../main/api/types';
import { createCoreClient, type CoreChild } from '../../../main/electron/core-client';
import { dataFlag } from '../../../main/electron/core-protocol';
import { createCrashPolicy } from '../../../main/electron/crash-policy';
import { loadOrCreateHostCertificate } from '../../../main/stations/host-certificate';
import { pairWithHost } from '../../../main/stations/host-link-client';
import { writeStationCredential } from '../../../main/stations/station-credential';
import { startStationLinkServer } from '../../../main/stations/station-link-server';
import { caller, openSmallStore, smallCatalog, staffPins, value } from '../../helpers/small-store';
import { openPtyPair } from '../../helpers/pty-pair';
import { tempDir } from '../../helpers/temp-dir';
import { openVirtualSerialScanner } from '../../../drivers/scanner/virtual-serial-scanner';
import { waitUntil } from '../../helpers/wait-until';

// The utility process's entry, run the way its stand-in runs it: child_process.fork
// with structured-clone messages, as utilityProcess.fork/parentPort carry them.
const entry = fileURLToPath(new URL('../../../main/electron/core-process.ts', import.meta.url));

function forkCore(dataDir: string, env: NodeJS.ProcessEnv, children: ChildProcess[]): CoreChild {
  const child = fork(entry, [`${dataFlag}${dataDir}`], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      MOSTRADOR_STORE: 'test-store',
      MOSTRADOR_STATION: 'counter-1',
      MOSTRADOR_POLICY_FILE: join(dataDir, 'policy.json'),
      MOSTRADOR_HQ_URL: '',
      ...env,
    },
  });
  children.push(child);
  return {
    // A message to a core that has just died is lost, as utilityProcess's would be: the client learns of
    // the death from 'exit', so the send's own error (ERR_IPC_CHANNEL_CLOSED) is not a second report.
    post: (message) => {
      if (child.connected) child.send(message as never, () => {});
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}

const fastRestarts = { maxCrashes: 2, windowMs: 60_000, backoffMs: [0] };

test('the core process opens the store, answers calls, pushes events, writes diagnostics and stops cleanly', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'policy.json'), JSON.stringify({ kiosk: true, locale: 'es' }));
  const children: ChildProcess[] = [];
  t.after(() => children.forEach((c) => c.kill('SIGKILL')));
  const logs: Record<string, unknown>[] = [];
  const client = createCoreClient({ spawn: () => forkCore(dir, {}, children), policy: createCrashPolicy(fastRestarts), log: (e) => logs.push(e) });
  const info = await client.ready;
  assert.deepEqual({ store: info.store, station: info.station, demo: info.demo, policy: info.policy }, { store: 'test-store', station: 'counter-1', demo: false, policy: { kiosk: true, locale: 'es' } });

  const events: CoreEvent[] = [];
  client.api.subscribe((e) => events.push(e));
  const session = await client.api.call({ name: 'session.current', input: {} });
  assert.deepEqual(session, { ok: true, value: { store: 'test-store', station: 'counter-1', staff: null } });
  const refused = await client.api.call({ name: 'session.signIn', input: { staffId: 'nobody', pin: '0000' } });
  assert.equal(refused.ok, false, 'core errors come back as Results, not exceptions');

  const outFile = join(dir, 'diagnostics.zip');
  const written = (await client.request('diagnostics', [{ outFile }])) as { file: string; bytes: number };
  assert.equal(written.file, outFile);
  assert.ok(Object.keys(unzipSync(readFileSync(outFile))).includes('ledger-check.json'));
  await assert.rejects(client.request('diagnostics', [{}]), /outFile/);
  assert.ok(logs.some((l) => l.msg === 'no HQ broker configured (MOSTRADOR_HQ_URL): the store works offline'), 'core log entries reach main');

  const exited = new Promise<number | null>((resolve) => children[0]!.once('exit', resolve));
  await client.stop(10_000);
  assert.equal(await exited, 0);
  const after = await client.api.call({ name: 'session.current', input: {} });
  assert.equal(after.ok ? 'ok' : after.error.code, 'INTERNAL');
});

test('a killed core process is restarted: the call in flight fails, screens are told to sign in again', async (t) => {
  const dir = tempDir();
  const children: ChildProcess[] = [];
  t.after(() => children.forEach((c) => c.kill('SIGKILL')));
  const logs: Record<string, unknown>[] = [];
  const client = createCoreClient({ spawn: () => forkCore(dir, {}, children), policy: createCrashPolicy(fastRestarts), log: (e) => logs.push(e) });
  await client.ready;
  const events: CoreEvent[] = [];
  client.api.subscribe((e) => events.push(e));

  const inFlight = client.api.call({ name: 'session.current', input: {} });
  children[0]!.kill('SIGKILL');
  const lost = await inFlight;
  // Either it answered before the kill landed, or it reports the loss; it never hangs.
  if (!lost.ok) assert.match(lost.error.message, /stopped while answering|restarting/);
  const whileDown = await client.api.call({ name: 'session.current', input: {} });
  assert.equal(whileDown.ok ? 'ok' : whileDown.error.code, 'INTERNAL');

  const restarted = await waitUntil(async () => events.find((e) => e.event === 'session.changed'), (e) => e !== undefined, { what: 'restart' });
  assert.equal((restarted!.payload as SessionInfo).staff, null);
  assert.equal(children.length, 2);
  assert.deepEqual(await client.api.call({ name: 'session.current', input: {} }), { ok: true, value: { store: 'test-store', station: 'counter-1', staff: null } });
  assert.ok(logs.some((l) => l.msg === 'restarting the store core'));
  await client.stop(10_000);
});

test('a store that cannot open is reported with its reason and not restarted', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'policy.json'), JSON.stringify({ store: 'madrid 01' }));
  const children: ChildProcess[] = [];
  t.after(() => children.forEach((c) => c.kill('SIGKILL')));
  let gaveUp = '';
  const client = createCoreClient({ spawn: () => forkCore(dir, {}, children), policy: createCrashPolicy(fastRestarts), log: () => {} });
  client.onGiveUp((reason) => (gaveUp = reason));
  await assert.rejects(client.ready, /Policy file .*policy\.json: field "store"/);
  assert.match(gaveUp, /field "store"/);
  assert.equal(children.length, 1);
});

/** An in-memory stand-in for the core process, for what a real process cannot be made to do on cue. */
function fakeChild(behaviour: { ready: boolean }) {
  const messageListeners: ((m: unknown) => void)[] = [];
  const exitListeners: ((code: number | null) => void)[] = [];
  const posted: unknown[] = [];
  const child: CoreChild & { posted: unknown[]; crash(code: number | null): void } = {
    posted,
    post: (m) => void posted.push(m),
    onMessage: (l) => void messageListeners.push(l),
    onExit: (l) => void exitListeners.push(l),
    kill: () => child.crash(null),
    crash: (code) => exitListeners.forEach((l) => l(code)),
  };
  if (behaviour.ready) {
    queueMicrotask(() =>
      messageListeners.forEach((l) => l({ push: 'ready', payload: { store: 's', station: 't', demo: false, policy: { kiosk: true }, session: { store: 's', station: 't', staff: null } } })),
    );
  }
  return child;
}

test('a crash loop stops restarting, tells main why, and restarts are paced by the policy', async () => {
  const spawned: ReturnType<typeof fakeChild>[] = [];
  const delays: number[] = [];
  let clock = 0;
  let gaveUp = '';
  const client = createCoreClient({
    spawn: () => (spawned.push(fakeChild({ ready: true })), spawned.at(-1)!),
    policy: createCrashPolicy({ maxCrashes: 2, windowMs: 60_000, backoffMs: [100, 1_000] }),
    log: () => {},
    now: () => clock,
    schedule: (run, ms) => (delays.push(ms), run()),
  });
  client.onGiveUp((reason) => (gaveUp = reason));
  assert.deepEqual((await client.ready).policy, { kiosk: true });
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    clock += 1_000;
    spawned.at(-1)!.crash(134);
  }
  assert.deepEqual(delays, [100, 1_000]);
  assert.equal(spawned.length, 3);
  assert.match(gaveUp, /3 crashes within 60 s/);
});

test('a core that does not stop in time is killed', async () => {
  const child = fakeChild({ ready: true });
  let killed = false;
  const client = createCoreClient({ spawn: () => child, policy: createCrashPolicy(fastRestarts), log: () => {} });
  await client.ready;
  child.kill = () => {
    killed = true;
    child.crash(null);
  };
  await client.stop(20);
  assert.ok(killed);
  assert.deepEqual(child.posted, [{ id: 1, name: 'stop', args: [] }]);
});

test('a configured store whose ledger is lost stops at start with one clear sentence, and is not restarted', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ store: 'test-store', ledgerId: '0b6f3c2e-8a1d-4c5e-9f7a-2d3b4c5d6e7f' }));
  const children: ChildProcess[] = [];
  t.after(() => children.forEach((c) => c.kill('SIGKILL')));
  const client = createCoreClient({ spawn: () => forkCore(dir, {}, children), policy: createCrashPolicy(fastRestarts), log: () => {} });
  await assert.rejects(client.ready, (error: Error) => {
    assert.match(error.message, /^The ledger .*ledger\.sqlite is missing.*docs\/deploy\.md, "Restoring a damaged or lost ledger"/);
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
    return true;
  });
  assert.equal(children.length, 1, 'a lost ledger is not retried');
});

test('a paired station: the core process forwards the store to its host and keeps its devices local', async (t) => {
  const hostDir = tempDir();
  const host = await openSmallStore(join(hostDir, 'ledger.sqlite'));
  const certificate = await loadOrCreateHostCertificate(join(hostDir, 'data'), 'test-store');
  const link = await startStationLinkServer({ api: host.api, stations: () => host.services.stations, certificate, port: 0, bindAddress: '127.0.0.1' });
  const children: ChildProcess[] = [];
  t.after(async () => {
    children.forEach((c) => c.kill('SIGKILL'));
    await link.close();
    await host.close();
  });
  const manager = caller(host);
  value(await manager('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  let shown!: (code: string) => void;
  const code = new Promise<string>((resolve) => (shown = resolve));
  const pairing = pairWithHost({ hostUrl: `wss://127.0.0.1:${link.port}`, station: 'counter-2', onCode: (c) => shown(c) });
  value(await manager('stations.approvePairing', { code: await code }));
  const stationDir = tempDir();
  writeStationCredential(stationDir, await pairing);
  // The counter's own scanner, on a serial port IT named in its policy file.
  const pty = await openPtyPair();
  t.after(() => pty.dispose());
  writeFileSync(join(stationDir, 'policy.json'), JSON.stringify({ devices: { serialScanners: [{ path: pty.a, suffix: 'LF' }] } }));

  // Nothing else says "paired": the core process finds the credential, as the Electron app's would.
  const client = createCoreClient({ spawn: () => forkCore(stationDir, { MOSTRADOR_STORE: '' }, children), policy: createCrashPolicy(fastRestarts), log: () => {} });
  t.after(() => client.stop(10_000));
  const info = await client.ready;
  assert.deepEqual({ store: info.store, station: info.station }, { store: 'test-store', station: 'counter-2' });
  assert.deepEqual(value(await client.api.call({ name: 'stations.linkStatus', input: {} })), { role: 'paired', state: 'online', host: `wss://127.0.0.1:${link.port}` });

  // The store is the host's: the sign-in is the host's seat for counter-2, the catalog is the host's.
  const signedIn = value<{ station: string; staff: { id: string } }>(await client.api.call({ name: 'session.signIn', input: { staffId: 'pablo', pin: staffPins.pablo } }));
  assert.deepEqual([signedIn.station, signedIn.staff.id], ['counter-2', 'pablo']);
  const audited = host.services.db.prepare("SELECT count(*) FROM audit_log WHERE command = 'session.signIn' AND station = 'counter-2'").pluck().get();
  assert.equal(audited, 1, "the sign-in is in the host's audit log, at counter-2");
  const found = value<{ product: { sku: string } }>(await client.api.call({ name: 'catalog.lookup', input: { code: smallCatalog[0]!.gtin13 } }));
  assert.equal(found.product.sku, smallCatalog[0]!.sku);

  // Devices are the station's own: its scanner is listed at the station and not on the host, and its scans reach the station's screens.
  const scanner = await waitUntil(
    async () => value<{ identity: string; status: string }[]>(await client.api.call({ name: 'devices.list', input: {} })).find((d) => d.identity.endsWith(pty.a)),
    (d) => d?.status === 'online',
    { what: "the counter's serial scanner online" },
  );
  assert.ok(scanner);
  assert.deepEqual(value(await caller(host)('devices.list', {})), []);
  const hostEvents: CoreEvent[] = [];
  host.events.subscribe((e) => hostEvents.push(e));
  const stationEvents: CoreEvent[] = [];
  client.api.subscribe((e) => stationEvents.push(e));
  const simulator = await openVirtualSerialScanner(pty.b, { suffix: 'LF' });
  t.after(() => simulator.close());
  await simulator.scan(smallCatalog[1]!.gtin13, ']E0');
  const scan = await waitUntil(() => stationEvents.find((e) => e.event === 'device.scan'), (e) => e !== undefined, { what: "the scan on the counter's screens" });
  assert.equal((scan!.payload as { text: string }).text, smallCatalog[1]!.gtin13);
  // A marker after the scan: the host hears the station's sign-out, and never heard its scan.
  value(await client.api.call({ name: 'session.signOut', input: {} }));
  await waitUntil(() => hostEvents.some((e) => e.event === 'session.changed'), (seen) => seen, { what: 'the sign-out on the host' });
  assert.equal(hostEvents.filter((e) => e.event === 'device.scan').length, 0, "the counter's scan is not the host's");
});

test("the app's core process hosts the store when IT gives it the LAN port: a station pairs with it", async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'policy.json'), JSON.stringify({ adminCode: 'first-admin-2026' }));
  const children: ChildProcess[] = [];
  t.after(() => children.forEach((c) => c.kill('SIGKILL')));
  const logs: Record<string, unknown>[] = [];
  const client = createCoreClient({
    spawn: () => forkCore(dir, { MOSTRADOR_STATION_LINK_PORT: '0', MOSTRADOR_STATION_LINK_ADDRESS: '127.0.0.1' }, children),
    policy: createCrashPolicy(fastRestarts),
    log: (e) => logs.push(e),
  });
  t.after(() => client.stop(10_000));
  await client.ready;
  const listening = await waitUntil(() => logs.find((l) => l.msg === 'station link listening'), (l) => l !== undefined, { what: 'the station link listening' });
  const port = listening!.port as number;
  assert.deepEqual(value(await client.api.call({ name: 'stations.linkStatus', input: {} })), { role: 'host', state: 'online', host: null });

  value(await client.api.call({ name: 'session.firstAdmin', input: { code: 'first-admin-2026', staffId: 'ines', name: 'Inés', pin: '5731' } }));
  let shown!: (code: string) => void;
  const code = new Promise<string>((resolve) => (shown = resolve));
  const pairing = pairWithHost({ hostUrl: `wss://127.0.0.1:${port}`, station: 'counter-2', onCode: (c) => shown(c) });
  value(await client.api.call({ name: 'stations.approvePairing', input: { code: await code } }));
  const credential = await pairing;
  assert.equal(credential.station, 'counter-2');
  const listed = value<{ id: string }[]>(await client.api.call({ name: 'stations.list', input: {} }));
  assert.deepEqual(listed.map((s) => s.id), ['counter-2']);

  const exited = new Promise<number | null>((resolve) => children[0]!.once('exit', resolve));
  await client.stop(10_000);
  assert.equal(await exited, 0, 'the link closed and the core stopped cleanly');
});
