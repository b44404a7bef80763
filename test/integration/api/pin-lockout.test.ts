import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionInfo } from '../../../main/api/types';
import {
  createStaffDirectory,
  failureWindowMs,
  maxPinFailures,
  pinLockMs,
  throttleBaseMs,
} from '../../../main/staff/staff-directory';
import type { Store } from '../../../main/compose-store';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';

/** PIN checks that reached the slow hash, counted before it ran (main/kernel/db/migrations.ts, version 5). */
const evaluated = (core: Store, purpose: string) =>
  core.services.db.prepare("SELECT count(*) FROM pin_attempts WHERE purpose = ? AND outcome <> 'pending'").pluck().get(purpose) as number;

/** Every 4-digit guess from 0000 up; the admin's PIN is number 150 of them. */
const burst = (n: number) => Array.from({ length: n }, (_, i) => String(i).padStart(4, '0'));
const adminPin = '0150';

test('200 parallel sign-in guesses through the dispatcher evaluate at most 10 PINs and sign nobody in', async () => {
  const core = await openSmallStore();
  await core.services.staff.upsert({ id: 'vera', name: 'Vera', role: 'admin' }, adminPin);
  const results = await Promise.all(burst(200).map((pin) => core.api.call({ name: 'session.signIn', input: { staffId: 'vera', pin } })));

  assert.equal(results.filter((r) => r.ok).length, 0, 'no guess signed in, not even the right PIN among them');
  const codes = new Set(results.map((r) => (r.ok ? 'ok' : r.error.code)));
  assert.deepEqual([...codes].filter((c) => !['PIN_INVALID', 'PIN_THROTTLED', 'PIN_LOCKED'].includes(c)), []);
  const hashed = evaluated(core, 'sign-in');
  assert.ok(hashed >= 1 && hashed <= 10, `${hashed} PINs were evaluated`);
  assert.equal(value<SessionInfo>(await core.api.call({ name: 'session.current', input: {} })).staff, null);
  core.close();
});

test('200 parallel approval guesses give no grant, and do not lock the manager out of their own sign-in', async () => {
  const core = await openSmallStore();
  await core.services.staff.upsert({ id: 'marta', name: 'Marta', role: 'manager' }, adminPin);
  const call = caller(core);
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const adjust = { sku: 'SKU-OIL', qty: 500, location: 'back_room', reason: 'found' };
  const results = await Promise.all(
    burst(200).map((pin) => core.api.call({ name: 'approval.grant', input: { staffId: 'marta', pin, procedure: 'stock.adjust', input: adjust } })),
  );
  assert.equal(results.filter((r) => r.ok).length, 0, 'no grant, not even for the right PIN among the guesses');
  const hashed = evaluated(core, 'approval');
  assert.ok(hashed >= 1 && hashed <= 10, `${hashed} PINs were evaluated`);
  assert.equal(core.services.db.prepare('SELECT count(*) FROM movements').pluck().get(), 0, 'no stock was made');

  await call('session.signOut', {});
  const manager = await call('session.signIn', { staffId: 'marta', pin: adminPin });
  assert.equal(manager.ok, true, 'the manager still signs in');
  core.close();
});

test('five wrong PINs within 15 minutes lock the member for 15 minutes, and a failure still in flight never clears the lock', async () => {
  const core = await openSmallStore();
  let now = Date.parse('2026-03-02T10:00:00Z');
  const staff = createStaffDirectory(core.services.db, { now: () => now });
  const tryPin = (pin: string, station = 'counter-1', purpose: 'sign-in' | 'approval' = 'sign-in') =>
    staff.authenticate('ana', pin, { station, purpose }).then(
      () => 'ok',
      (error: { code: string }) => error.code,
    );

  // Four wrong, spread so that the first has left the 15-minute window when the fifth comes.
  for (let i = 0; i < maxPinFailures - 1; i++) {
    assert.equal(await tryPin('9999', `station-${i}`), 'PIN_INVALID');
    now += 60_000;
  }
  now += failureWindowMs - 4 * 60_000 + 1;
  assert.equal(await tryPin('9999', 'station-x'), 'PIN_INVALID', 'only four fell within the last 15 minutes');

  // Five in parallel from five stations: every one is counted before any hash finishes.
  now += 2 * failureWindowMs;
  const parallel = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((s) => tryPin('9999', `counter-${s}`)));
  assert.equal(parallel.filter((c) => c === 'PIN_INVALID').length + parallel.filter((c) => c === 'PIN_LOCKED').length, maxPinFailures);
  assert.ok(parallel.includes('PIN_LOCKED'));
  assert.equal(await tryPin(staffPins.ana, 'counter-z'), 'PIN_LOCKED', 'the lock stands after every guess finished, even for the right PIN');
  assert.equal(await tryPin(staffPins.ana, 'counter-z', 'approval'), 'ok', 'approvals are counted apart from sign-ins');
  now += pinLockMs - 1;
  assert.equal(await tryPin(staffPins.ana, 'counter-z'), 'PIN_LOCKED');
  now += 2;
  assert.equal(await tryPin(staffPins.ana, 'counter-z'), 'ok', 'after 15 minutes the member signs in again');
  core.close();
});

test('a station is throttled from its third wrong PIN in a minute, with a delay that doubles', async () => {
  const core = await openSmallStore();
  let now = Date.parse('2026-03-02T10:00:00Z');
  const staff = createStaffDirectory(core.services.db, { now: () => now });
  const tryPin = (id: string, pin: string) =>
    staff.authenticate(id, pin, { station: 'counter-1', purpose: 'sign-in' }).then(
      () => ({ code: 'ok', retry: 0 }),
      (error: { code: string; details?: { retryAfterMs?: number } }) => ({ code: error.code, retry: error.details?.retryAfterMs ?? 0 }),
    );
  assert.equal((await tryPin('ana', '9999')).code, 'PIN_INVALID');
  assert.equal((await tryPin('pablo', '9999')).code, 'PIN_INVALID');
  assert.deepEqual(await tryPin('marta', '9999'), { code: 'PIN_THROTTLED', retry: throttleBaseMs });
  now += throttleBaseMs;
  assert.equal((await tryPin('marta', '9999')).code, 'PIN_INVALID');
  assert.deepEqual(await tryPin('marta', staffPins.marta), { code: 'PIN_THROTTLED', retry: 2 * throttleBaseMs }, 'doubled');
  now += 2 * throttleBaseMs;
  assert.equal((await tryPin('marta', '9999')).code, 'PIN_INVALID');
  assert.deepEqual(await tryPin('marta', staffPins.marta), { code: 'PIN_THROTTLED', retry: 4 * throttleBaseMs });
  now += 60_000;
  assert.equal((await tryPin('marta', staffPins.marta)).code, 'ok', 'a quiet minute later the station is free');
  core.close();
});

test('a manager unlocks a locked member with staff.unlock', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  const staff = core.services.staff;
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((s) => staff.authenticate('ana', '9999', { station: s, purpose: 'sign-in' }).catch(() => null)));
  const locked = await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  assert.equal(!locked.ok && locked.error.code, 'PIN_LOCKED');

  await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo });
  const notManager = await call('staff.unlock', { staffId: 'ana' });
  assert.equal(!notManager.ok && notManager.error.code, 'FORBIDDEN');
  await call('session.signIn', { staffId: 'marta', pin: staffPins.marta });
  value(await call('staff.unlock', { staffId: 'ana' }));
  assert.equal(value<SessionInfo>(await call('session.signIn', { staffId: 'ana', pin: staffPins.ana })).staff?.id, 'ana');
  core.close();
});
