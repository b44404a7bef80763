import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MovementInfo, SessionInfo } from '../../../main/api/types';
import { upEvent } from '../../../main/sync/protocol';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';

test('a receipt with the batch and expiry from its GS1 label records them on the movement and in the event to HQ, for recalls', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  value<SessionInfo>(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  const withBatch = value<MovementInfo>(await call('stock.receive', { sku: 'SKU-OIL', qty: 6, ref: 'ASN-1', batch: 'LOT-42', expiry: '2027-06-30' }));
  const without = value<MovementInfo>(await call('stock.receive', { sku: 'SKU-OIL', qty: 1 }));
  assert.deepEqual([withBatch.batch, withBatch.expiry], ['LOT-42', '2027-06-30']);
  assert.equal('batch' in without || 'expiry' in without, false, 'older movements keep their shape');

  // A recall: where did batch LOT-42 go?
  const { db } = core.services;
  assert.deepEqual(db.prepare("SELECT sku, qty, to_loc, expiry FROM movements WHERE batch = 'LOT-42'").all(), [
    { sku: 'SKU-OIL', qty: 6, to_loc: 'back_room', expiry: '2027-06-30' },
  ]);
  assert.deepEqual(value<MovementInfo[]>(await call('stock.history', { sku: 'SKU-OIL' })).map((m) => m.batch ?? null), [null, 'LOT-42']);

  // The events to HQ carry them, and pass the protocol's own schema.
  const rows = db.prepare("SELECT seq, type, payload FROM outbox WHERE type = 'stock.movement' ORDER BY seq").all() as { seq: number; type: string; payload: string }[];
  const events = rows.map((r) => upEvent.parse({ seq: r.seq, type: r.type, data: JSON.parse(r.payload) as unknown }));
  assert.deepEqual(
    events.map((e) => (e.type === 'stock.movement' ? [e.data.batch ?? null, e.data.expiry ?? null] : null)),
    [
      ['LOT-42', '2027-06-30'],
      [null, null],
    ],
  );

  // Not a GS1 batch, not a day: refused at the boundary with nothing written.
  for (const input of [{ batch: 'LOT 42' }, { batch: 'X'.repeat(21) }, { expiry: '2027-02-30' }, { expiry: '27-06-30' }]) {
    const refused = await call('stock.receive', { sku: 'SKU-OIL', qty: 1, ...input });
    assert.equal(refused.ok === false && refused.error.code, 'VALIDATION', JSON.stringify(input));
  }
  assert.equal(db.prepare('SELECT count(*) FROM movements').pluck().get(), 2);
  core.close();
});
