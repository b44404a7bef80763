import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/contract';
import type { DeviceInfo, OrderInfo, SyncStatus } from '../../../main/api/types';
import { startStoreRuntime } from '../../../main/store-runtime';
import { value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

test('with nothing configured the console runs the demo store: embedded HQ sends orders, the virtual scanner scans', async () => {
  const runtime = await startStoreRuntime({
    userDataDir: tempDir(),
    env: { MOSTRADOR_STATION: 'demo-e2e', MOSTRADOR_DEMO_ORDER_EVERY_MS: '300', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' },
    log: () => {},
  });
  const events: CoreEvent[] = [];
  runtime.core.api.subscribe((e) => events.push(e));
  const call = runtime.core.api.call;
  try {
    assert.equal(runtime.core.config.demo, true);
    await call({ name: 'session.signIn', input: { staffId: 'pablo', pin: '2222' } });
    await waitUntil(async () => value<SyncStatus | null>(await call({ name: 'sync.status', input: {} }))?.state, (s) => s === 'online', { what: 'embedded HQ online' });
    const queue = await waitUntil(async () => value<OrderInfo[]>(await call({ name: 'orders.queue', input: {} })), (q) => q.length > 0, { what: 'a demo order' });
    assert.equal(queue[0]!.status === 'received' || queue[0]!.status === 'cancelled', true);
    assert.ok(events.some((e) => e.event === 'orders.changed'), 'screens heard of the new order');

    const devices = value<DeviceInfo[]>(await call({ name: 'devices.list', input: {} }));
    assert.ok(devices.some((d) => d.identity === 'virtual:demo-scanner' && d.status === 'online'));
    value(await call({ name: 'dev.fireScan', input: { text: ']E08400000000017' } }));
    const scan = events.find((e) => e.event === 'device.scan');
    assert.deepEqual(scan?.payload, { text: '8400000000017', symbology: 'EAN-13', device: 'virtual:demo-scanner' });
  } finally {
    await runtime.stop();
  }
});
