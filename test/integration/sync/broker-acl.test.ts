import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { createHqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { linkedSmallStore, makeMovements } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// A real Mosquitto with password authentication, the ACL rendered from docs/mosquitto/acl.template
// exactly as IT would render it, and use_username_as_clientid as docs/mosquitto/mosquitto.conf sets it. MQTT 3.1.1 has no way to tell a client that a publish was refused
// (Mosquitto acknowledges and drops it), so every "cannot" below is proved by non-delivery: a
// positive control on an allowed topic is sent after the attempt, and once it has arrived the
// test waits a further 500 ms before concluding that the forbidden message never will.

const renderAcl = join(import.meta.dirname, '../../../docs/mosquitto/render-acl.sh');
const accounts = {
  'hq-acme': 'hq-secret',
  'acme.store-a.counter-1': 'a-secret',
  'acme.store-a.counter-2': 'a2-secret',
  'acme.store-b.counter-1': 'b-secret',
  // Another chain on the same broker, with a store id that also exists in acme.
  'other.store-a.counter-1': 'other-secret',
};
const topic = (store: string, tail: string, chain = 'acme') => `mostrador/v1/${chain}/${store}/${tail}`;

let broker: Mosquitto;
const clients: MqttClient[] = [];

before(async () => {
  const dir = tempDir('mostrador-acl-');
  const passwd = join(dir, 'passwd');
  for (const [i, [user, password]] of Object.entries(accounts).entries()) {
    execFileSync('/usr/bin/mosquitto_passwd', ['-b', ...(i === 0 ? ['-c'] : []), passwd, user, password]);
  }
  const acl = join(dir, 'acl');
  const rendered = [
    execFileSync('bash', [renderAcl, 'acme', 'hq-acme', 'store-a:counter-1,counter-2', 'store-b:counter-1'], { encoding: 'utf8' }),
    execFileSync('bash', [renderAcl, 'other', 'hq-other', 'store-a:counter-1'], { encoding: 'utf8' }),
  ];
  writeFileSync(acl, rendered.join('\n'));
  // The security lines of the shipped docs/mosquitto/mosquitto.conf, with this test's files.
  const shipped = readFileSync(join(import.meta.dirname, '../../../docs/mosquitto/mosquitto.conf'), 'utf8');
  const shippedSecurity = shipped.split('\n').filter((line) => /^(allow_anonymous|use_username_as_clientid) /.test(line));
  assert.deepEqual(shippedSecurity, ['allow_anonymous false', 'use_username_as_clientid true']);
  broker = await startMosquitto({ allowAnonymous: false, extraConfig: [...shippedSecurity.slice(1), `password_file ${passwd}`, `acl_file ${acl}`] });
});

after(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await broker.dispose();
});

async function connect(username: keyof typeof accounts, options: IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(broker.url, {
    username,
    password: accounts[username],
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
    clientId: `acl-test-${username}-${Math.random().toString(36).slice(2)}`,
    ...options,
  });
  clients.push(client);
  return client;
}

/** Everything a client receives, as "topic payload". */
function received(client: MqttClient): string[] {
  const got: string[] = [];
  client.on('message', (t, payload) => got.push(`${t} ${payload.toString()}`));
  return got;
}

/**
 * Waits for the positive control. Each test publishes (and has acknowledged, QoS 1) everything
 * forbidden before it publishes its control, and Mosquitto queues messages to a subscriber in the
 * order it processed their publishes: had anything forbidden got through, it would have arrived
 * before the control. So the control's arrival ends the wait, with no sleep.
 */
async function afterControl(got: string[], control: string, what: string) {
  await waitUntil(() => got.includes(control), (arrived) => arrived, { what, timeoutMs: 5000 });
}

test('a wrong password, an unknown account and an anonymous client are refused at connect', async () => {
  const attempt = (options: IClientOptions) =>
    mqtt.connectAsync(broker.url, { protocolVersion: 4, clean: true, reconnectPeriod: 0, connectTimeout: 5000, ...options });
  await assert.rejects(attempt({ username: 'acme.store-a.counter-1', password: 'wrong' }), /Not authorized|Bad username or password/i);
  await assert.rejects(attempt({ username: 'acme.store-a.counter-1', password: accounts['acme.store-b.counter-1'] }), /Not authorized|Bad username or password/i);
  await assert.rejects(attempt({ username: 'acme.store-z', password: 'anything' }), /Not authorized|Bad username or password/i);
  await assert.rejects(attempt({}), /Not authorized|Bad username or password/i);
});

test('store A cannot publish into store B’s uplink, even retained; its own uplink reaches HQ', async () => {
  const hq = await connect('hq-acme');
  const hqGot = received(hq);
  await hq.subscribeAsync('mostrador/v1/acme/+/up/#', { qos: 1 });
  const a = await connect('acme.store-a.counter-1');

  await a.publishAsync(topic('store-b', 'up/events'), 'events forged by A', { qos: 1 });
  await a.publishAsync(topic('store-b', 'up/presence'), 'presence forged by A', { qos: 1, retain: true });
  await a.publishAsync(topic('store-b', 'up/ack'), 'ack forged by A', { qos: 1 });
  await a.publishAsync(topic('store-a', 'up/presence'), 'A online', { qos: 1, retain: true });
  await a.publishAsync(topic('store-a', 'up/events'), 'A own events', { qos: 1 });
  await afterControl(hqGot, `${topic('store-a', 'up/events')} A own events`, 'A’s own events at HQ');

  assert.deepEqual(
    hqGot.filter((m) => m.includes('forged')),
    [],
    'HQ received nothing A published on B’s topics',
  );
  assert.ok(hqGot.includes(`${topic('store-a', 'up/presence')} A online`));

  // Retained messages: a newly subscribing HQ sees A's own presence and no forged one for B.
  const hqLater = await connect('hq-acme');
  const laterGot = received(hqLater);
  await hqLater.subscribeAsync('mostrador/v1/acme/+/up/presence', { qos: 1 });
  // Retained messages are queued to a subscriber while its SUBSCRIBE is handled; a live marker
  // published after the SUBACK therefore arrives after every retained one.
  await a.publishAsync(topic('store-a', 'up/presence'), 'marker', { qos: 1 });
  await afterControl(laterGot, `${topic('store-a', 'up/presence')} marker`, 'the marker after the retained presences');
  assert.deepEqual(
    laterGot,
    [`${topic('store-a', 'up/presence')} A online`, `${topic('store-a', 'up/presence')} marker`],
    'no retained presence was forged for B',
  );
  await a.publishAsync(topic('store-a', 'up/presence'), '', { qos: 1, retain: true }); // clears it for the tests below
});

test('store A cannot read store B’s orders, by B’s topic or by wildcards; it reads its own', async () => {
  const hq = await connect('hq-acme');
  const a = await connect('acme.store-a.counter-1');
  const b = await connect('acme.store-b.counter-1');
  const aGot = received(a);
  const bGot = received(b);
  await a.subscribeAsync(topic('store-a', 'down/#'), { qos: 1 });
  await b.subscribeAsync(topic('store-b', 'down/#'), { qos: 1 });
  // MQTT 3.1.1 SUBACKs cannot say why; Mosquitto may grant these and then deliver nothing, or answer 0x80.
  for (const filter of [topic('store-b', 'down/#'), 'mostrador/v1/acme/+/down/#', 'mostrador/v1/acme/+/up/#', '#']) {
    const granted = await a.subscribeAsync(filter, { qos: 1 }).catch(() => []);
    assert.ok(Array.isArray(granted));
  }

  await hq.publishAsync(topic('store-b', 'down/stream'), 'order for B', { qos: 1 });
  await hq.publishAsync(topic('store-b', 'down/reply'), 'reply for B', { qos: 1 });
  await hq.publishAsync(topic('store-a', 'down/stream'), 'order for A', { qos: 1 });
  await waitUntil(() => bGot.length, (n) => n === 2, { what: 'B’s own order and reply', timeoutMs: 5000 });
  await afterControl(aGot, `${topic('store-a', 'down/stream')} order for A`, 'A’s own order');

  assert.deepEqual(bGot, [`${topic('store-b', 'down/stream')} order for B`, `${topic('store-b', 'down/reply')} reply for B`]);
  assert.deepEqual(
    aGot.filter((m) => !m.startsWith(topic('store-a', 'down/'))),
    [],
    'A received nothing from B’s topics nor any uplink',
  );
});

test('store A cannot write B’s downlink nor forge B’s Last Will', async () => {
  const hq = await connect('hq-acme');
  const hqGot = received(hq);
  await hq.subscribeAsync('mostrador/v1/acme/+/up/#', { qos: 1 });
  const b = await connect('acme.store-b.counter-1');
  const bGot = received(b);
  await b.subscribeAsync(topic('store-b', 'down/#'), { qos: 1 });

  const a = await connect('acme.store-a.counter-1');
  await a.publishAsync(topic('store-b', 'down/stream'), 'order faked by A', { qos: 1 });
  await a.publishAsync(topic('store-b', 'down/control'), 'resync faked by A', { qos: 1 });
  // A Will is published by the broker on the client's behalf when the connection drops.
  const will = (store: string, payload: string) => ({ will: { topic: topic(store, 'up/presence'), payload: Buffer.from(payload), qos: 1 as const, retain: false } });
  const forger = await connect('acme.store-a.counter-1', will('store-b', 'offline will forged by A'));
  forger.stream.destroy();
  const own = await connect('acme.store-a.counter-1', will('store-a', 'A offline'));
  own.stream.destroy();

  await hq.publishAsync(topic('store-b', 'down/stream'), 'real order for B', { qos: 1 });
  await afterControl(bGot, `${topic('store-b', 'down/stream')} real order for B`, 'HQ’s order at B');
  await afterControl(hqGot, `${topic('store-a', 'up/presence')} A offline`, 'A’s own Will at HQ');

  assert.deepEqual(bGot, [`${topic('store-b', 'down/stream')} real order for B`], 'B received only what HQ sent');
  assert.deepEqual(hqGot.filter((m) => m.includes('forged')), [], 'the Will on B’s topic never fired');
});

test('store A taking over B’s client id does not receive B’s queued orders', async () => {
  // Mosquitto's acl_file does not tie client ids to accounts: a leaked store password can take a
  // session over (and so drop what was queued in it; HQ's stream replay recovers that), but not read it.
  const clientId = 'mostrador.acme.store-b.counter-1';
  const b = await connect('acme.store-b.counter-1', { clientId, clean: false });
  await b.subscribeAsync(topic('store-b', 'down/#'), { qos: 1 });
  await b.endAsync();
  const hq = await connect('hq-acme');
  await hq.publishAsync(topic('store-b', 'down/stream'), 'queued order for B', { qos: 1 });

  const thief = await connect('acme.store-a.counter-1', { clientId, clean: false });
  const thiefGot = received(thief);
  await thief.subscribeAsync(topic('store-a', 'down/#'), { qos: 1 });
  await hq.publishAsync(topic('store-a', 'down/stream'), 'order for A', { qos: 1 });
  await afterControl(thiefGot, `${topic('store-a', 'down/stream')} order for A`, 'A’s own order on the taken-over session');
  assert.deepEqual(thiefGot, [`${topic('store-a', 'down/stream')} order for A`], 'nothing queued for B reached A');
});

test('a store’s login can take neither HQ’s session nor another station’s: both stay connected and keep receiving', async () => {
  // Without use_username_as_clientid, connecting with a client id already in use disconnects its holder.
  const hq = await connect('hq-acme', { clientId: 'mostrador-hq.acme', clean: false });
  const hqGot = received(hq);
  let hqDropped = 0;
  hq.on('close', () => hqDropped++);
  await hq.subscribeAsync('mostrador/v1/acme/+/up/#', { qos: 1 });
  const station2 = await connect('acme.store-a.counter-2', { clientId: 'mostrador.acme.store-a.counter-2', clean: false });
  const station2Got = received(station2);
  let station2Dropped = 0;
  station2.on('close', () => station2Dropped++);
  await station2.subscribeAsync(topic('store-a', 'down/#'), { qos: 1 });

  // Station 1's login tries every client id it could guess: HQ's, the username-shaped ones, station 2's.
  for (const clientId of ['mostrador-hq.acme', 'hq-acme', 'mostrador.acme.store-a.counter-2', 'acme.store-a.counter-2']) {
    const thief = await connect('acme.store-a.counter-1', { clientId, clean: false });
    await thief.publishAsync(topic('store-a', 'up/events'), `marker after ${clientId}`, { qos: 1 });
    await thief.endAsync();
  }
  await hq.publishAsync(topic('store-a', 'down/stream'), 'order after the attempts', { qos: 1 });

  await afterControl(hqGot, `${topic('store-a', 'up/events')} marker after acme.store-a.counter-2`, 'the last marker at HQ');
  await afterControl(station2Got, `${topic('store-a', 'down/stream')} order after the attempts`, 'HQ’s order at station 2');
  assert.equal(hqDropped, 0, 'HQ was never disconnected');
  assert.equal(station2Dropped, 0, 'station 2 was never disconnected');
  assert.ok(hq.connected && station2.connected);
  assert.deepEqual(
    hqGot.filter((m) => m.includes('marker')),
    ['mostrador-hq.acme', 'hq-acme', 'mostrador.acme.store-a.counter-2', 'acme.store-a.counter-2'].map((id) => `${topic('store-a', 'up/events')} marker after ${id}`),
    'HQ’s session received every marker in order',
  );
});

test('a store in another chain with the same store id reaches nothing of this chain', async () => {
  const hq = await connect('hq-acme');
  const hqGot = received(hq);
  await hq.subscribeAsync('mostrador/v1/acme/+/up/#', { qos: 1 });
  const a = await connect('acme.store-a.counter-1');
  const aGot = received(a);
  await a.subscribeAsync(topic('store-a', 'down/#'), { qos: 1 });
  const otherA = await connect('other.store-a.counter-1');
  const otherGot = received(otherA);
  await otherA.subscribeAsync(topic('store-a', 'down/#'), { qos: 1 }).catch(() => []);
  await otherA.subscribeAsync(topic('store-a', 'down/#', 'other'), { qos: 1 });

  await otherA.publishAsync(topic('store-a', 'up/events'), 'events from the other chain', { qos: 1 });
  await hq.publishAsync(topic('store-a', 'down/stream'), 'acme order for store-a', { qos: 1 });
  await a.publishAsync(topic('store-a', 'up/events'), 'acme store-a events', { qos: 1 });
  await afterControl(aGot, `${topic('store-a', 'down/stream')} acme order for store-a`, 'acme’s store-a order');
  await afterControl(hqGot, `${topic('store-a', 'up/events')} acme store-a events`, 'acme’s store-a events');

  assert.deepEqual(otherGot, [], 'the other chain’s store-a read nothing of acme’s store-a');
  assert.deepEqual(hqGot.filter((m) => m.includes('other chain')), [], 'acme’s HQ got nothing from the other chain');
});

test('the real store link and the HQ simulator sync through the shipped ACL', async () => {
  const hq = createHqSimulator({ url: broker.url, chain: 'acme', username: 'hq-acme', password: accounts['hq-acme'], replayAfterMs: 500 });
  await hq.start();
  const { core, sync } = await linkedSmallStore({
    url: broker.url,
    chain: 'acme',
    store: 'store-a',
    station: 'counter-1',
    username: 'acme.store-a.counter-1',
    password: accounts['acme.store-a.counter-1'],
    backoffBaseMs: 50,
    backoffCapMs: 500,
    ackTimeoutMs: 1500,
  });
  try {
    await waitUntil(() => hq.store('store-a')?.online, (online) => online === true, { what: 'HQ sees store-a online' });
    makeMovements(core, 30);
    sync.link.poke();
    await waitUntil(() => sync.link.status().backlog, (backlog) => backlog === 0, { what: 'every event acknowledged by HQ' });
    assert.equal(hq.store('store-a')!.contiguous, 30);

    hq.routeOrder('store-a', {
      orderId: 'W-ACL-1',
      version: 1,
      customer: { name: 'Lucía Fernández' },
      verification: { code: '4821' },
      promisedAt: '2026-11-23T18:00:00Z',
      lines: [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }],
    });
    await waitUntil(() => hq.store('store-a')!.appliedDseq, (applied) => applied === 1, { what: 'the store applied and acknowledged the order' });
    // The digest goes up, and HQ's stock built from the events matches it.
    await waitUntil(() => sync.link.status().backlog, (backlog) => backlog === 0, { what: 'nothing left to send' });
    const matched = new Promise<string>((done) => hq.events.once('digest-match', done));
    assert.equal(sync.publishDigest(), true);
    assert.equal(await matched, 'store-a');
  } finally {
    await sync.stop();
    await hq.stop();
    core.close();
  }
});

test('render-acl.sh refuses ids that would widen a grant', () => {
  for (const bad of ['b/#', '+', '#', 'a.b', 'a b', '']) {
    assert.throws(() => execFileSync('bash', [renderAcl, 'acme', 'hq-acme', `${bad}:counter-1`], { stdio: 'pipe' }), `store id ${JSON.stringify(bad)}`);
    assert.throws(() => execFileSync('bash', [renderAcl, 'acme', 'hq-acme', `store-a:${bad}`], { stdio: 'pipe' }), `station id ${JSON.stringify(bad)}`);
    assert.throws(() => execFileSync('bash', [renderAcl, bad, 'hq-acme', 'store-a:counter-1'], { stdio: 'pipe' }), `chain id ${JSON.stringify(bad)}`);
  }
  assert.throws(() => execFileSync('bash', [renderAcl, 'acme', 'hq-acme', 'store-a'], { stdio: 'pipe' }), 'a store without its stations');
});
