import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RosterMember } from '../../../main/api/types';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';

// Staff administration through the API, on a real ledger file: admins add,
// edit, re-role, deactivate and reset PINs; a manager may only unlock.

test('an admin adds, renames, re-roles, resets the PIN of and deactivates a member; a manager only unlocks', async () => {
  const core = await openSmallStore();
  await core.services.staff.add({ id: 'vera', name: 'Vera', role: 'admin' }, '4444');
  const call = caller(core);
  const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

  // A manager: no adding, but unlocking a member locked by wrong PINs.
  await call('session.signIn', { staffId: 'marta', pin: staffPins.marta });
  assert.equal(code(await call('staff.add', { staffId: 'leo', name: 'Leo', role: 'associate', pin: '5678' })), 'FORBIDDEN');
  assert.equal(code(await call('staff.resetPin', { staffId: 'ana', pin: '5678' })), 'FORBIDDEN');
  for (let i = 0; i < 5; i++) await core.services.staff.authenticate('ana', '0000', { station: `s${i}`, purpose: 'sign-in' }).catch(() => {});
  const locked = value<RosterMember[]>(await call('staff.roster', {})).find((m) => m.id === 'ana');
  assert.equal(locked?.locked, true);
  assert.equal(code(await call('staff.unlock', { staffId: 'ana' })), 'ok');
  assert.equal(value<RosterMember[]>(await call('staff.roster', {})).find((m) => m.id === 'ana')?.locked, false);
  await call('session.signOut', {});

  // The admin.
  await call('session.signIn', { staffId: 'vera', pin: '4444' });
  assert.equal(code(await call('staff.add', { staffId: 'leo', name: 'Leo', role: 'associate', pin: '5678' })), 'ok');
  assert.equal(code(await call('staff.add', { staffId: 'leo', name: 'Otro Leo', role: 'associate', pin: '5678' })), 'STAFF_EXISTS');
  assert.equal(code(await call('staff.rename', { staffId: 'leo', name: 'Leo Martín' })), 'ok');
  assert.equal(code(await call('staff.setRole', { staffId: 'leo', role: 'pickup' })), 'ok');
  assert.equal(code(await call('staff.resetPin', { staffId: 'leo', pin: '8765' })), 'ok');
  // The store keeps an admin: the only one can be neither demoted nor deactivated.
  assert.equal(code(await call('staff.setRole', { staffId: 'vera', role: 'manager' })), 'LAST_ADMIN');
  assert.equal(code(await call('staff.deactivate', { staffId: 'vera' })), 'LAST_ADMIN');
  await call('session.signOut', {});

  assert.equal(code(await call('session.signIn', { staffId: 'leo', pin: '5678' })), 'PIN_INVALID', 'the old PIN no longer works');
  const leo = value<{ staff: { name: string; role: string } }>(await call('session.signIn', { staffId: 'leo', pin: '8765' })).staff;
  assert.deepEqual([leo.name, leo.role], ['Leo Martín', 'pickup']);
  await call('session.signOut', {});

  await call('session.signIn', { staffId: 'vera', pin: '4444' });
  assert.equal(code(await call('staff.deactivate', { staffId: 'leo' })), 'ok');
  await call('session.signOut', {});
  assert.equal(code(await call('session.signIn', { staffId: 'leo', pin: '8765' })), 'UNKNOWN_STAFF', 'a deactivated member cannot sign in');
  const audit = core.services.audit.recent(50).filter((e) => String(e.command).startsWith('staff.') && e.ok).map((e) => `${String(e.command)}:${String(e.staff)}`);
  assert.ok(audit.includes('staff.deactivate:vera') && audit.includes('staff.unlock:marta'), 'each change is audited with who made it');
  await core.close();
});
