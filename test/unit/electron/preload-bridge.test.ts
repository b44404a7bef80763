import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useElectronStandIn } from './use-electron-stand-in';

test('preload exposes exactly the typed bridge (call, onEvent) as window.mostrador, never ipcRenderer', async () => {
  useElectronStandIn();
  const electron = await import('./electron-stand-in');
  await import('../../../preload/index');
  assert.equal(electron.recorded.exposed.length, 1, 'one exposeInMainWorld call');
  const [{ name, api }] = electron.recorded.exposed as [{ name: string; api: Record<string, unknown> }];
  assert.equal(name, 'mostrador');
  assert.deepEqual(Object.keys(api).sort(), ['call', 'onEvent']);
  for (const value of Object.values(api)) {
    assert.equal(typeof value, 'function');
    assert.notEqual(value, electron.ipcRenderer.invoke);
    assert.notEqual(value, electron.ipcRenderer.on);
  }
  assert.ok(!Object.values(api).includes(electron.ipcRenderer), 'ipcRenderer itself is not exposed');

  const bridge = api as { call(r: unknown): Promise<unknown>; onEvent(l: (e: unknown) => void): () => void };
  assert.deepEqual(await bridge.call({ name: 'staff.list', input: {} }), { ok: true, value: 'answer' });
  assert.deepEqual(electron.ipcRenderer.invoked, [['mostrador:call', { name: 'staff.list', input: {} }]], 'only the call channel');

  const seen: unknown[] = [];
  const stop = bridge.onEvent((payload) => seen.push(payload));
  const [forward] = electron.ipcRenderer.listeners.get('mostrador:event') as [(event: unknown, payload: unknown) => void];
  forward({ sender: electron.ipcRenderer }, { event: 'stock.changed', payload: { skus: ['A'] } });
  assert.deepEqual(seen, [{ event: 'stock.changed', payload: { skus: ['A'] } }], 'the page gets the payload, never the IPC event (whose sender is ipcRenderer)');
  stop();
  assert.equal(electron.ipcRenderer.listeners.get('mostrador:event')!.length, 0);
});
