import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/contract';
import type { MovementInfo, SessionInfo } from '../../../main/api/types';
import { caller, ledgerFootprint, openSmallStore, staffPins, value } from '../../helpers/small-store';

test('commands need a signed-in staff member, and carry them into the ledger and the audit log', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  const refused = await call('stock.receive', { sku: 'SKU-OIL', qty: 5 });
  assert.equal(refused.ok === false && refused.error.code, 'NOT_SIGNED_IN');

  const session = value<SessionInfo>(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  assert.equal(session.staff?.id, 'marta');
  const movement = value<MovementInfo>(await call('stock.receive', { sku: 'SKU-OIL', qty: 5, ref: 'ASN-9' }));
  assert.deepEqual([movement.staff, movement.station, movement.from, movement.to], ['marta', 'counter-1', 'supplier', 'back_room']);

  const entry = core.services.audit.recent(1)[0]!;
  assert.equal(entry.command, 'stock.receive');
  assert.equal(entry.staff, 'marta');
  assert.equal(entry.station, 'counter-1');
  assert.equal(entry.ok, 1);
  assert.deepEqual(JSON.parse(entry.input as string), { sku: 'SKU-OIL', qty: 5, ref: 'ASN-9' });
  core.close();
});

test('a refused command leaves no trace in the ledger, and the refusal itself is audited', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  await call('session.signIn', { staffId: 'marta', pin: staffPins.marta });
  value(await call('stock.receive', { sku: 'SKU-RICE', qty: 2, to: 'sales_floor' }));
  const before = ledgerFootprint(core);

  const attempts = [
    [call('stock.transfer', { sku: 'SKU-RICE', qty: 3, from: 'sales_floor', to: 'back_room' }), 'INSUFFICIENT_STOCK'],
    [call('stock.receive', { sku: 'NOPE', qty: 1 }), 'UNKNOWN_SKU'],
    [call('stock.receive', { sku: 'SKU-RICE', qty: 0 }), 'VALIDATION'],
    [call('stock.receive', { sku: 'SKU-RICE', qty: -2 }), 'VALIDATION'],
    [call('stock.transfer', { sku: 'SKU-RICE', qty: 1, from: 'sales_floor', to: 'attic' }), 'UNKNOWN_LOCATION'],
  ] as const;
  for (const [attempt, code] of attempts) {
    const result = await attempt;
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, code);
  }
  assert.deepEqual(ledgerFootprint(core), before);
  const refusal = core.services.audit.recent(10).find((e) => e.error_code === 'UNKNOWN_LOCATION');
  assert.ok(refusal, 'the refused transfer is in the audit log');
  assert.equal(refusal.ok, 0);
  core.close();
});

test('malformed calls are refused before any handler runs', async () => {
  const core = await openSmallStore();
  const call = core.api.call;
  const unknown = await call({ name: 'stock.teleport', input: {} });
  assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_PROCEDURE');
  const extra = await call({ name: 'catalog.lookup', input: { code: '1', sql: 'DROP TABLE products' } });
  assert.equal(!extra.ok && extra.error.code, 'VALIDATION');
  const wrongType = await call({ name: 'session.signIn', input: { staffId: 'ana', pin: 1111 } });
  assert.equal(!wrongType.ok && wrongType.error.code, 'VALIDATION');
  core.close();
});

test('an associate needs a manager to approve an adjustment, with the manager PIN, without signing out', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const adjust = { sku: 'SKU-SOAP', qty: 4, location: 'sales_floor', reason: 'found' as const };

  const forbidden = await call('stock.adjust', adjust);
  assert.equal(!forbidden.ok && forbidden.error.code, 'FORBIDDEN');
  const wrongPin = await call('stock.adjust', adjust, { staffId: 'marta', pin: '0000' });
  assert.equal(!wrongPin.ok && wrongPin.error.code, 'PIN_INVALID');
  const notManager = await call('stock.adjust', adjust, { staffId: 'pablo', pin: staffPins.pablo });
  assert.equal(!notManager.ok && notManager.error.code, 'FORBIDDEN');

  const approved = value<MovementInfo>(await call('stock.adjust', adjust, { staffId: 'marta', pin: staffPins.marta }));
  assert.deepEqual([approved.staff, approved.from, approved.to, approved.qty], ['ana', 'adjustment', 'sales_floor', 4]);
  const entry = core.services.audit.recent(1)[0]!;
  assert.deepEqual([entry.staff, entry.approved_by, entry.ok], ['ana', 'marta', 1]);
  assert.equal(value<SessionInfo>(await call('session.current', {})).staff?.id, 'ana', 'still signed in');
  assert.ok(!JSON.stringify(core.services.audit.recent(10)).includes(staffPins.marta), 'no PIN in the audit log');
  core.close();
});

test('PINs are stored as slow hashes, never as the PIN', async () => {
  const core = await openSmallStore();
  const stored = core.services.db.prepare("SELECT pin_hash FROM staff WHERE id = 'ana'").pluck().get() as string;
  assert.match(stored, /^scrypt\$\d+\$\d+\$\d+\$/);
  assert.ok(!stored.includes(staffPins.ana));
  core.close();
});

test('screens hear of stock changes only after they commit', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  const events: CoreEvent[] = [];
  core.api.subscribe((e) => events.push(e));
  await call('session.signIn', { staffId: 'marta', pin: staffPins.marta });
  await call('stock.receive', { sku: 'SKU-OIL', qty: 1 });
  await call('stock.transfer', { sku: 'SKU-OIL', qty: 5, from: 'back_room', to: 'sales_floor' });
  assert.deepEqual(
    events.map((e) => e.event),
    ['session.changed', 'stock.changed'],
  );
  core.close();
});
