import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreEvent, ProcedureName } from '../../../main/api/contract';
import type { OrderInfo, SyncStatus } from '../../../main/api/types';
import { demoGtin13, demoSku } from '../../../main/demo/demo-catalog';
import { startStoreRuntime } from '../../../main/store-runtime';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// A code no timestamp, quantity or id of the demo could contain by chance.
const code = 'PHONE-7395-1864';

test('the demo customer’s handover code comes from the embedded HQ (the customer’s side); no orders.* reply or event carries it', async () => {
  const runtime = await startStoreRuntime({
    userDataDir: tempDir(),
    // HQ's own demo orders would race this one; one an hour never comes.
    env: { MOSTRADOR_STATION: 'codes', MOSTRADOR_DEMO_ORDER_EVERY_MS: '3600000', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' },
    log: () => {},
  });
  const events: CoreEvent[] = [];
  runtime.core.api.subscribe((e) => events.push(e));
  const replies: { name: ProcedureName; json: string }[] = [];
  const call = async (name: ProcedureName, input: unknown) => {
    const result = await runtime.core.api.call({ name, input });
    if (name.startsWith('orders.')) replies.push({ name, json: JSON.stringify(result) });
    return value<unknown>(result);
  };
  const codes = async () => value<{ orderId: string; code: string; status: string | null }[]>(await runtime.core.api.call({ name: 'dev.customerCodes', input: {} }));
  try {
    await call('session.signIn', { staffId: 'pablo', pin: '2222' });
    await waitUntil(async () => ((await call('sync.status', {})) as SyncStatus | null)?.state, (s) => s === 'online', { what: 'embedded HQ online' });
    const orderId = 'W-PHONE';
    runtime.demoHq!.routeOrder(runtime.core.config.store, {
      orderId,
      version: 1,
      customer: { name: 'Lucía Fernández', phone: '+34600111222' },
      verification: { code },
      promisedAt: new Date(Date.now() + 3_600_000).toISOString(),
      lines: [{ lineId: 'L1', sku: demoSku(1), qty: 1 }],
    });
    await waitUntil(async () => (await call('orders.queue', {})) as OrderInfo[], (q) => q.some((o) => o.orderId === orderId), { what: 'the order at the store' });

    const shown = (await codes()).find((o) => o.orderId === orderId);
    assert.equal(shown?.code, code, 'the customer’s phone shows the code HQ sent');

    // Every orders.* read and the whole counter flow, up to the handover with the code the phone shows.
    await call('orders.queue', { search: 'lucia' });
    await call('orders.queueRows', { ids: [orderId] });
    await call('orders.detail', { orderId });
    await call('orders.find', { code: orderId });
    await call('orders.accept', { orderId });
    await waitUntil(async () => (await codes()).find((o) => o.orderId === orderId)?.status, (s) => s === 'accepted', { what: 'HQ to hear the order accepted' });
    await call('orders.pick', { orderId, code: demoGtin13(1) });
    await call('orders.ready', { orderId });
    await call('orders.detail', { orderId });
    await call('orders.handover', { orderId, verificationCode: shown!.code });
    await call('orders.detail', { orderId });

    assert.ok(replies.length >= 11, `orders.* replies checked: ${replies.length}`);
    for (const reply of replies) assert.ok(!reply.json.includes(code) && !reply.json.includes('verification'), `${reply.name} carries no handover code`);
    for (const event of events) assert.ok(!JSON.stringify(event).includes(code), `${event.event} carries no handover code`);
    await waitUntil(codes, (open) => !open.some((o) => o.orderId === orderId), { what: 'the collected order to leave the customer’s phone' });
  } finally {
    await runtime.stop();
  }
});

test('a store that is not the demo has no customer’s phone to read', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
  const result = await call('dev.customerCodes', {});
  assert.equal(result.ok ? 'ok' : result.error.code, 'NOT_CONFIGURED');
  core.close();
});
