import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChain } from '../../bench/chain/run-chain';

// The chain bench's correctness, not its speed: 20 real stores on 2 worker threads, HQ on a shared
// subscription of 2 consumers, against a real Mosquitto.
test('20 stores for 3 s: HQ holds every store\'s movements once, in seq order, and every store saw them acknowledged', async () => {
  const lines: string[] = [];
  const result = await runChain({ stores: 20, rate: 5, durationS: 3, warmupS: 0.5, workers: 2, consumers: 2, ledger: 'file', log: (line) => lines.push(line) });
  const { verdict } = result;
  assert.deepEqual(
    { lost: verdict.lost, doubled: verdict.doubled, reordered: verdict.reordered, unacknowledged: verdict.unacknowledged, unknownAtHq: verdict.unknownAtHq },
    { lost: [], doubled: [], reordered: [], unacknowledged: [], unknownAtHq: [] },
    lines.join('\n'),
  );
  assert.equal(verdict.ok, true);
  assert.equal(verdict.stores, 20);
  // 20 stores × 5/s × 3.5 s, each commit on its schedule: about 350 movements.
  assert.ok(verdict.events >= 300, `only ${verdict.events} movements were committed`);
  assert.ok(result.perConsumer.every((taken) => taken > 0), `the broker shared the stream between both consumers: ${result.perConsumer.join(' / ')}`);
  assert.ok(result.e2e.length > 0 && result.ackRoundTrip.length > 0, 'latencies were sampled on both sides');
});
