import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { checkLedger } from '../../../main/stock/stock-levels';
import { openSmallStore, smallCatalog } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

const child = join(import.meta.dirname, '../../helpers/append-child.ts');

async function appendUntilKilled(file: string, killAfterMs: number): Promise<number[]> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, file, ...smallCatalog.map((p) => p.sku)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const reported: number[] = [];
  let buffer = '';
  let timer: NodeJS.Timeout | undefined;
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) reported.push(Number(line));
    // Start the clock at the first commit, so start-up time does not eat the window.
    timer ??= setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
  });
  const [, signal] = (await new Promise((done) => proc.on('exit', (...args) => done(args)))) as [number | null, string | null];
  clearTimeout(timer);
  assert.equal(signal, 'SIGKILL', 'the child was killed, not finished');
  return reported;
}

test('a ledger killed mid-append reopens intact, with every reported movement and its event', async () => {
  const dir = tempDir();
  const file = join(dir, 'crash.sqlite');
  (await openSmallStore(file)).close();

  // Random kill times, reproducible: the seed is logged, and MOSTRADOR_CRASH_SEED=<seed> replays a run.
  const seed = process.env.MOSTRADOR_CRASH_SEED ? Number(process.env.MOSTRADOR_CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);
  assert.ok(Number.isSafeInteger(seed), `MOSTRADOR_CRASH_SEED must be an integer, not ${process.env.MOSTRADOR_CRASH_SEED}`);
  const killTimes = fc.sample(fc.integer({ min: 150, max: 749 }), { seed, numRuns: 3 });
  console.log(`crash test seed ${seed} (kill times ${killTimes.join(', ')} ms); re-run with MOSTRADOR_CRASH_SEED=${seed}`);

  for (const [index, killAfterMs] of killTimes.entries()) {
    const round = `round ${index + 1}, seed ${seed}, killed ${killAfterMs} ms after the first commit`;
    const reported = await appendUntilKilled(file, killAfterMs);
    assert.ok(reported.length > 0, `${round}: the child committed something before it died`);

    const db = openLedger(file);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', round);
    const seqs = new Set(db.prepare('SELECT seq FROM movements').pluck().all() as number[]);
    const missing = reported.filter((seq) => !seqs.has(seq));
    assert.deepEqual(missing, [], `${round}: every movement reported as committed is present`);

    const check = checkLedger(db);
    assert.deepEqual(check.mismatches, [], `${round}: levels equal a rebuild`);
    assert.equal(check.outboxGaps, 0, `${round}: no gap in the outbox sequence`);
    assert.equal(check.outboxEvents, check.movements, `${round}: one event per movement`);
    const announced = db
      .prepare("SELECT json_extract(payload, '$.seq') FROM outbox WHERE type = 'stock.movement' ORDER BY seq")
      .pluck()
      .all() as number[];
    assert.deepEqual(announced, [...seqs].sort((a, b) => a - b), `${round}: each movement has its own event, in order`);
    db.close();
  }
});
