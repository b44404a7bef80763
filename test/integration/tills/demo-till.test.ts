import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoTillId } from '../../../main/demo/demo-till';
import { startStoreRuntime } from '../../../main/store-runtime';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const quietHq = { MOSTRADOR_STATION: 'demo-till', MOSTRADOR_DEMO_ORDER_EVERY_MS: '3600000' };

test('the demo store has a till that sells through the till endpoint, as a real till would', async () => {
  const logs: Record<string, unknown>[] = [];
  const runtime = await startStoreRuntime({ userDataDir: tempDir(), env: { ...quietHq, MOSTRADOR_DEMO_TILL_EVERY_MS: '40' }, log: (e) => logs.push(e) });
  try {
    assert.ok(runtime.tills, 'the demo store runs the till endpoint');
    assert.match(runtime.tills.url, /^http:\/\/127\.0\.0\.1:\d+\/till\/v1\/receipts$/);
    const applied = runtime.core.services.db.prepare('SELECT COUNT(*) FROM till_receipts WHERE till = ?').pluck();
    await waitUntil(() => applied.get(demoTillId) as number, (n) => n >= 3, { what: 'three demo receipts' });
    const sold = runtime.core.services.db.prepare("SELECT COUNT(*) FROM movements WHERE reason = 'till-sale' AND staff = ?").pluck().get(`till:${demoTillId}`) as number;
    assert.ok(sold >= 2, `sold ${sold}`);
    // Each came in over HTTP: the endpoint logged it.
    assert.ok(logs.filter((l) => l.msg === 'till receipt applied' && l.till === demoTillId).length >= 3);
    assert.equal(logs.filter((l) => String(l.msg).startsWith('demo till:')).length, 0, JSON.stringify(logs.filter((l) => String(l.msg).startsWith('demo till:'))));
  } finally {
    await runtime.stop();
  }
});

test('MOSTRADOR_DEMO_TILL_EVERY_MS=0 turns the demo till off', async () => {
  const runtime = await startStoreRuntime({ userDataDir: tempDir(), env: { ...quietHq, MOSTRADOR_DEMO_TILL_EVERY_MS: '0' }, log: () => {} });
  try {
    assert.deepEqual(runtime.core.services.tills.credentials.list(), [], 'no demo till was given a token');
  } finally {
    await runtime.stop();
  }
});
