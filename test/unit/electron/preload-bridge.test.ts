import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useElectronStandIn } from './use-electron-stand-in';

test('preload exposes exactly the typed bridge (call, onEvent, notify, onNoticeClick) as window.mostrador, never ipcRenderer', async () => {
  useElectronStandIn();
  const electron = await import('./electron-stand-in');
  await import('../../../preload/index');
  assert.equal(electron.recorded.exposed.length, 1, 'one exposeInMainWorld call');
  const [{ name, api }] = electron.recorded.exposed as [{ name: string; api: Record<string, unknown> }];
  assert.equal(name, 'mostrador');
  assert.deepEqual(Object.keys(api).sort(), ['call', 'notify', 'onEvent', 'onNoticeClick']);
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

  // Desktop notices (issue 18): the request goes out on its own channel; a click comes back as its tag only.
  const notices = api as { notify(n: unknown): void; onNoticeClick(l: (tag: string) => void): () => void };
  notices.notify({ title: 'Pedido nuevo W-1', body: 'Lucía', tag: 'order:W-1' });
  assert.deepEqual(electron.ipcRenderer.sent, [['mostrador:notify', { title: 'Pedido nuevo W-1', body: 'Lucía', tag: 'order:W-1' }]]);
  const clicked: string[] = [];
  const stopClicks = notices.onNoticeClick((tag) => clicked.push(tag));
  const [click] = electron.ipcRenderer.listeners.get('mostrador:notice-click') as [(event: unknown, tag: unknown) => void];
  click({ sender: electron.ipcRenderer }, 'order:W-1');
  click({ sender: electron.ipcRenderer }, { not: 'a tag' });
  assert.deepEqual(clicked, ['order:W-1']);
  stopClicks();
  assert.equal(electron.ipcRenderer.listeners.get('mostrador:notice-click')!.length, 0);
});
