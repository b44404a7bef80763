import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { StaffInfo } from '../../../main/api/types';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import type { Store } from '../../../main/compose-store';
import type { StoreSync } from '../../../main/sync/store-sync';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { caller, value } from '../../helpers/small-store';
import { startHq, syncedSmallStore } from '../../helpers/synced-store';
import { waitUntil } from '../../helpers/wait-until';

// HQ's staff records reach a real store over a real Mosquitto: applied once
// however often they arrive, and a member HQ sent sets their PIN at first
// sign-in with a one-time code that works once.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const inADay = () => new Date(Date.now() + 24 * 3_600_000).toISOString();

let broker: Mosquitto;
let hq: HqSimulator;
let store: { core: Store; sync: StoreSync };

before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url);
  store = await syncedSmallStore(broker.url, 'store-staff');
  await waitUntil(() => store.sync.link.status().state, (s) => s === 'online', { what: 'store online' });
});

after(async () => {
  await store.core.close();
  await hq.stop();
  await broker.dispose();
});

const applied = (n: number) => waitUntil(() => store.sync.link.status().appliedDseq, (d) => d >= n, { what: `dseq ${n} applied` });
const member = (id: string) => store.core.services.staff.roster().find((m) => m.id === id);

test('HQ staff records apply idempotently: a repeat or an older version changes nothing, a newer one wins', async () => {
  const first = hq.sendStaff('store-staff', { id: 'nuria', name: 'Nuria Vidal', role: 'associate', version: 1, setupCode: { sha256: sha256('K7Q2-MX9P-4TZB'), expiresAt: inADay() } });
  await applied(first.dseq);
  assert.deepEqual(member('nuria'), { id: 'nuria', name: 'Nuria Vidal', role: 'associate', active: true, locked: false, awaitingCode: true });

  // The same record again (HQ replays), then an older one: nothing moves.
  hq.sendStaff('store-staff', { id: 'nuria', name: 'Nuria Vidal', role: 'associate', version: 1 });
  const stale = hq.sendStaff('store-staff', { id: 'nuria', name: 'Old name', role: 'manager', version: 0 });
  await applied(stale.dseq);
  assert.equal(store.core.services.staff.roster().filter((m) => m.id === 'nuria').length, 1);
  assert.deepEqual(member('nuria'), { id: 'nuria', name: 'Nuria Vidal', role: 'associate', active: true, locked: false, awaitingCode: true });

  const newer = hq.sendStaff('store-staff', { id: 'nuria', name: 'Nuria Vidal Sanz', role: 'pickup', version: 2 });
  await applied(newer.dseq);
  assert.equal(member('nuria')?.name, 'Nuria Vidal Sanz');
  assert.equal(member('nuria')?.role, 'pickup');
  // The code from version 1 still stands: version 2 sent none.
  assert.equal(member('nuria')?.awaitingCode, true);
});

test('a member sent by HQ signs in first with their one-time code, which works once', async () => {
  const call = caller(store.core);
  const sent = hq.sendStaff('store-staff', { id: 'iker', name: 'Iker Sola', role: 'associate', version: 1, setupCode: { sha256: sha256('R4ND-0M7C-0DE1'), expiresAt: inADay() } });
  await applied(sent.dseq);

  const byPin = await call('session.signIn', { staffId: 'iker', pin: '1234' });
  assert.equal(!byPin.ok && byPin.error.code, 'SETUP_CODE_REQUIRED');
  const listed = value<StaffInfo[]>(await call('staff.list', {})).find((m) => m.id === 'iker');
  assert.equal(listed?.awaitingCode, true);

  const wrong = await call('session.signInWithCode', { staffId: 'iker', code: 'WRONG-CODE-000', pin: '4321' });
  assert.equal(!wrong.ok && wrong.error.code, 'SETUP_CODE_INVALID');
  assert.equal(!wrong.ok && wrong.error.details?.reason, 'wrong');

  const signedIn = await call('session.signInWithCode', { staffId: 'iker', code: 'R4ND-0M7C-0DE1', pin: '4321' });
  assert.equal(value<{ staff: StaffInfo }>(signedIn).staff.id, 'iker');
  await call('session.signOut', {});

  const again = await call('session.signInWithCode', { staffId: 'iker', code: 'R4ND-0M7C-0DE1', pin: '9999' });
  assert.equal(!again.ok && again.error.details?.reason, 'used');
  // The PIN chosen with the code is the member's PIN now.
  assert.equal(value<{ staff: StaffInfo }>(await call('session.signIn', { staffId: 'iker', pin: '4321' })).staff.id, 'iker');
  await call('session.signOut', {});
});

test('five wrong one-time codes void it, and an expired code does not work', async () => {
  const call = caller(store.core);
  const a = hq.sendStaff('store-staff', { id: 'lola', name: 'Lola Ruiz', role: 'associate', version: 1, setupCode: { sha256: sha256('LOLA-CODE-0001'), expiresAt: inADay() } });
  const b = hq.sendStaff('store-staff', { id: 'teo', name: 'Teo Gil', role: 'associate', version: 1, setupCode: { sha256: sha256('TEO-CODE-00001'), expiresAt: new Date(Date.now() - 1000).toISOString() } });
  await applied(Math.max(a.dseq, b.dseq));
  for (let i = 0; i < 5; i++) {
    const r = await call('session.signInWithCode', { staffId: 'lola', code: `WRONG-${i}-CODE`, pin: '1357' });
    assert.equal(!r.ok && r.error.details?.reason, 'wrong');
  }
  const right = await call('session.signInWithCode', { staffId: 'lola', code: 'LOLA-CODE-0001', pin: '1357' });
  assert.equal(!right.ok && right.error.details?.reason, 'too-many-tries');
  const expired = await call('session.signInWithCode', { staffId: 'teo', code: 'TEO-CODE-00001', pin: '1357' });
  assert.equal(!expired.ok && expired.error.details?.reason, 'expired');
});

test('HQ deactivates a member: they leave the sign-in list, and a repeat changes nothing', async () => {
  const call = caller(store.core);
  const gone = hq.deactivateStaff('store-staff', 'nuria', 3);
  hq.deactivateStaff('store-staff', 'nuria', 3);
  const marker = hq.sendStaff('store-staff', { id: 'marker', name: 'Marker', role: 'associate', version: 1 });
  await applied(Math.max(gone.dseq, marker.dseq));
  const ids = value<StaffInfo[]>(await call('staff.list', {})).map((m) => m.id);
  assert.equal(ids.includes('nuria'), false);
  assert.equal(ids.includes('marker'), true);
  assert.equal(member('nuria')?.active, false);
});
