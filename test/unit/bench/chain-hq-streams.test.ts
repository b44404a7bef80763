import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { UpEvent } from '../../../main/sync/protocol';
import { judgeChain, type StoreTruth } from '../../bench/chain/chain-verdict';
import { createHqStoreStreams, eventFingerprint, type HqStoreRecord } from '../../bench/chain/hq-store-streams';

const event = (seq: number): UpEvent => ({
  seq,
  type: 'stock.movement',
  data: { seq, id: `m-${seq}`, sku: 'SKU-CHAIN', qty: 1, from: 'supplier', to: 'back_room', reason: 'receipt', ref: null, staff: 'bench', station: 'counter-1', at: '2026-11-23T09:15:02.101Z' },
});
const storeDigest = (seqs: number[]) => {
  const hash = createHash('sha256');
  for (const seq of seqs) hash.update(eventFingerprint(seq, `m-${seq}`));
  return hash.digest('hex');
};

test('a message that overtakes the one before it (another consumer took that one) is parked, then stored in seq order', () => {
  const stored: number[] = [];
  const streams = createHqStoreStreams({ onStored: (_store, e) => stored.push(e.seq) });
  assert.equal(streams.receive('s1', [event(2)], 0), 0, 'nothing contiguous yet: the ack stays at 0');
  assert.equal(streams.receive('s1', [event(1)], 1), 2);
  assert.equal(streams.receive('s1', [event(3), event(4)], 2), 4);
  assert.deepEqual(stored, [1, 2, 3, 4]);
  const [record] = streams.report();
  assert.deepEqual({ ...record, digest: undefined }, { store: 's1', contiguous: 4, applied: 4, digest: undefined, duplicates: 0, parkedArrivals: 1, parked: 0, resendsAsked: 0 });
  assert.equal(record!.digest, storeDigest([1, 2, 3, 4]), 'the same digest the store computes over its outbox');
});

test('a redelivered event is counted and ignored, never stored twice', () => {
  const streams = createHqStoreStreams();
  streams.receive('s1', [event(1), event(2)], 0);
  streams.receive('s1', [event(4)], 0);
  assert.equal(streams.receive('s1', [event(2), event(4)], 0), 2);
  const [record] = streams.report();
  assert.equal(record!.duplicates, 2);
  assert.equal(record!.applied, 2);
});

test('a gap is given a grace period before HQ asks for a resend, then asked again at most once per grace period', () => {
  const streams = createHqStoreStreams({ gapGraceMs: 500 });
  streams.receive('s1', [event(1), event(3)], 1000);
  assert.deepEqual(streams.overdueGaps(1499), [], 'within the grace period the missing message may still be with another consumer');
  assert.deepEqual(streams.overdueGaps(1500), [{ store: 's1', fromSeq: 2 }]);
  assert.deepEqual(streams.overdueGaps(1700), []);
  assert.deepEqual(streams.overdueGaps(2000), [{ store: 's1', fromSeq: 2 }]);
  streams.receive('s1', [event(2)], 2100);
  assert.deepEqual(streams.overdueGaps(5000), [], 'a filled gap asks for nothing');
  assert.equal(streams.report()[0]!.resendsAsked, 2);
});

test("the verdict names every store whose HQ copy is short, doubled, out of order or unacknowledged", () => {
  const truth = (store: string, lastSeq: number, ackedSeq = lastSeq): StoreTruth => ({ store, lastSeq, ackedSeq, digest: storeDigest(Array.from({ length: lastSeq }, (_, i) => i + 1)) });
  const held = (store: string, contiguous: number, applied = contiguous, digest = storeDigest(Array.from({ length: contiguous }, (_, i) => i + 1))): HqStoreRecord => ({
    store, contiguous, applied, digest, duplicates: 0, parkedArrivals: 0, parked: 0, resendsAsked: 0,
  });
  const clean = judgeChain([truth('a', 3), truth('b', 2)], [held('a', 3), held('b', 2)]);
  assert.equal(clean.ok, true);
  assert.equal(clean.events, 5);

  const verdict = judgeChain(
    [truth('lost', 3), truth('doubled', 2), truth('beyond', 2), truth('reordered', 2), truth('unacked', 2, 1), truth('silent', 1)],
    [held('lost', 1), held('doubled', 2, 3), held('beyond', 3), held('reordered', 2, 2, storeDigest([2, 1])), held('unacked', 2), held('stranger', 1)],
  );
  assert.equal(verdict.ok, false);
  assert.deepEqual(verdict.lost, [{ store: 'lost', missing: 2 }, { store: 'silent', missing: 1 }]);
  assert.deepEqual(verdict.doubled, [{ store: 'doubled', extra: 1 }, { store: 'beyond', extra: 1 }]);
  assert.deepEqual(verdict.reordered, ['reordered']);
  assert.deepEqual(verdict.unacknowledged, [{ store: 'unacked', ackedSeq: 1, lastSeq: 2 }]);
  assert.deepEqual(verdict.unknownAtHq, ['stranger']);
});
