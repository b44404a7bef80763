import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { startMosquitto } from '../../helpers/mosquitto';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const template = join(import.meta.dirname, '../../../docs/mosquitto/acl.template');
const topic = (store: string, tail: string) => `mostrador/v1/acme/${store}/${tail}`;

async function connect(port: number, username: string, password: string): Promise<MqttClient> {
  return mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username, password, protocolVersion: 4, clean: true, reconnectPeriod: 0, clientId: `acl-${username}-${Math.random()}` });
}

/** Collects what a client receives, by topic. */
function inbox(client: MqttClient) {
  const got: string[] = [];
  client.on('message', (t, payload) => got.push(`${t} ${payload.toString()}`));
  return got;
}

test('with the shipped ACL a store can use only its own topics: it cannot publish into another store nor read its orders', async () => {
  const dir = tempDir();
  const passwd = join(dir, 'passwd');
  const users = { 'hq-acme': 'hq-secret', 'store-a': 'a-secret', 'store-b': 'b-secret' };
  for (const [i, [user, password]] of Object.entries(users).entries()) {
    execFileSync('mosquitto_passwd', [...(i === 0 ? ['-c'] : []), '-b', passwd, user, password]);
  }
  const acl = join(dir, 'acl');
  writeFileSync(acl, readFileSync(template, 'utf8'));
  const broker = await startMosquitto({ allowAnonymous: false, extraConfig: [`password_file ${passwd}`, `acl_file ${acl}`] });
  const clients: MqttClient[] = [];
  try {
    await assert.rejects(connect(broker.port, 'store-a', 'wrong'), /Not authorized|Bad username or password/i, 'a wrong password is refused at connect');

    const hq = await connect(broker.port, 'hq-acme', users['hq-acme']);
    const a = await connect(broker.port, 'store-a', users['store-a']);
    const b = await connect(broker.port, 'store-b', users['store-b']);
    clients.push(hq, a, b);
    const hqGot = inbox(hq);
    const aGot = inbox(a);
    const bGot = inbox(b);
    await hq.subscribeAsync('mostrador/v1/acme/+/up/#', { qos: 1 });
    await a.subscribeAsync(topic('store-a', 'down/#'), { qos: 1 });
    await b.subscribeAsync(topic('store-b', 'down/#'), { qos: 1 });
    // Store A tries to listen to store B's orders (3.1.1: the broker may grant or refuse; either way nothing may arrive).
    await a.subscribeAsync(topic('store-b', 'down/#'), { qos: 1 }).catch(() => {});

    // Uplink: A forges an event for B, then sends its own (the control that proves delivery works).
    await a.publishAsync(topic('store-b', 'up/events'), 'forged by A', { qos: 1 });
    await a.publishAsync(topic('store-a', 'up/events'), 'A own', { qos: 1 });
    await waitUntil(() => hqGot, (g) => g.includes(`${topic('store-a', 'up/events')} A own`), { what: 'A’s own event at HQ' });

    // Downlink: HQ sends B an order, then A one.
    await hq.publishAsync(topic('store-b', 'down/stream'), 'order for B', { qos: 1 });
    await hq.publishAsync(topic('store-a', 'down/stream'), 'order for A', { qos: 1 });
    await waitUntil(
      () => aGot.includes(`${topic('store-a', 'down/stream')} order for A`) && bGot.includes(`${topic('store-b', 'down/stream')} order for B`),
      (both) => both,
      { what: 'each store’s own order' },
    );
    await new Promise((r) => setTimeout(r, 500)); // anything that was going to leak has had time to

    assert.ok(!hqGot.some((m) => m.includes('forged by A')), 'HQ never received A’s forgery on B’s topic');
    assert.ok(!aGot.some((m) => m.includes('order for B')), 'A never read B’s order');
    // Stores cannot write downlinks either: A impersonating HQ towards B.
    await a.publishAsync(topic('store-b', 'down/stream'), 'fake HQ order', { qos: 1 });
    await hq.publishAsync(topic('store-b', 'down/stream'), 'second order for B', { qos: 1 });
    await waitUntil(() => bGot, (g) => g.some((m) => m.endsWith('second order for B')), { what: 'B’s second order' });
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!bGot.some((m) => m.includes('fake HQ order')), 'B never received a downlink written by A');
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker.dispose();
  }
});
