import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { startHq } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const child = join(import.meta.dirname, '../../helpers/sync-store-child.ts');

let broker: Mosquitto;
let hq: HqSimulator;
before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url);
});
after(async () => {
  await hq.stop();
  await broker.dispose();
});

function runStore(file: string, store: string, mode: string) {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', child, file, broker.url, store, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
    proc.on('exit', (code, signal) => done({ code, signal })),
  );
  return { proc, lines, exited };
}

function truth(file: string) {
  const db = openLedger(file);
  const seqs = db.prepare('SELECT seq FROM movements ORDER BY seq').pluck().all() as number[];
  const sums = new Map((db.prepare('SELECT sku, SUM(qty) AS t FROM movements GROUP BY sku').all() as { sku: string; t: number }[]).map((r) => [r.sku, r.t]));
  const orders = db.prepare('SELECT COUNT(*) FROM pickup_orders').pluck().get() as number;
  const inbox = db.prepare('SELECT COUNT(*) FROM inbox').pluck().get() as number;
  db.close();
  return { seqs, sums, orders, inbox };
}

test('store killed while publishing: after a restart HQ has exactly its movements, none lost or doubled', async () => {
  const file = join(tempDir(), 'killed.sqlite');
  const first = runStore(file, 'store-killed', 'publish-loop');
  await waitUntil(() => first.lines.filter((l) => l.startsWith('seq')).length, (n) => n > 200, { what: 'movements flowing' });
  await waitUntil(() => hq.store('store-killed')?.contiguous ?? 0, (n) => n > 0, { what: 'HQ receiving' });
  first.proc.kill('SIGKILL');
  assert.equal((await first.exited).signal, 'SIGKILL');

  const second = runStore(file, 'store-killed', 'drain');
  const { code } = await second.exited;
  assert.equal(code, 0, 'the restarted store drained its backlog');
  const { seqs, sums } = truth(file);
  const view = hq.store('store-killed')!;
  assert.ok(seqs.length > 1000, `a real backlog (${seqs.length} movements)`);
  assert.deepEqual(view.movementSeqs, seqs);
  assert.deepEqual(view.sumBySku, sums);
});

test('store killed after the broker handed it an order but before committing it: HQ sends it again and it is applied once', async () => {
  const file = join(tempDir(), 'crash-order.sqlite');
  const first = runStore(file, 'store-crash', 'crash-on-order');
  await waitUntil(() => first.lines, (l) => l.includes('ready'), { what: 'store up' });
  await waitUntil(() => hq.store('store-crash')?.online, (o) => o === true, { what: 'store online at HQ' });
  hq.routeOrder('store-crash', {
    orderId: 'W-77',
    version: 1,
    customer: { name: 'Jordi Puig' },
    verification: { code: '1234' },
    promisedAt: '2026-11-23T19:00:00Z',
    lines: [{ lineId: 'L1', sku: 'SKU-RICE', qty: 2 }],
  });
  assert.equal((await first.exited).signal, 'SIGKILL', 'died inside the inbox transaction');
  assert.equal(truth(file).orders, 0, 'nothing was committed');

  // The broker had its PUBACK (a burst commits after it): the order comes back from HQ's replay,
  // from the appliedDseq the restarted store names in its presence.
  const replayed = new Promise<number>((done) => {
    const onReplay = (store: string, from: number) => {
      if (store !== 'store-crash') return;
      hq.events.off('replayed', onReplay);
      done(from);
    };
    hq.events.on('replayed', onReplay);
  });
  const second = runStore(file, 'store-crash', 'drain');
  assert.equal(await replayed, 1, 'HQ replayed its stream from dseq 1');
  await waitUntil(() => truth(file).orders, (n) => n === 1, { what: 'the order applied after restart' });
  second.proc.kill('SIGTERM');
  await second.exited;
  const after = truth(file);
  assert.equal(after.orders, 1);
  assert.equal(after.inbox, 1, 'applied exactly once');
});
