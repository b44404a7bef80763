import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/contract';
import type { SessionInfo } from '../../../main/api/types';
import { resolveConfig } from '../../../main/setup/store-config';
import { createStationSession, defaultIdleSignOutMs } from '../../../main/staff/station-session';
import { composeStore } from '../../../main/compose-store';
import { caller, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

test('a member left idle is signed out, and every screen hears it so it shows the sign-in screen', async () => {
  const core = await composeStore({ dbPath: join(tempDir(), 'ledger.sqlite'), store: 's', station: 'counter-1', demo: false, idleSignOutMs: 150 });
  await core.services.staff.upsert({ id: 'ana', name: 'Ana', role: 'associate' }, staffPins.ana);
  // The core's idle check does not hold the process open; this deadline does, and fails the test if nothing comes.
  let deadline: NodeJS.Timeout | undefined;
  const signedOut = new Promise<CoreEvent>((resolve, reject) => {
    deadline = setTimeout(() => reject(new Error('no sign-out within 10 s')), 10_000);
    core.api.subscribe((event) => {
      if (event.event === 'session.changed' && event.payload.staff === null) resolve(event);
    });
  }).finally(() => clearTimeout(deadline));
  value(await core.api.call({ name: 'session.signIn', input: { staffId: 'ana', pin: staffPins.ana } }));
  const event = await signedOut;
  assert.deepEqual(event.payload, { store: 's', station: 'counter-1', staff: null });
  assert.equal(value<SessionInfo>(await core.api.call({ name: 'session.current', input: {} })).staff, null);
  const after = await core.api.call({ name: 'stock.levels', input: { sku: 'X' } });
  assert.equal(!after.ok && after.error.code, 'NOT_SIGNED_IN');
  core.close();
});

test('using the console keeps the session; 15 minutes without it ends it', () => {
  let now = 0;
  const session = createStationSession('s', 'c', { now: () => now });
  session.signIn({ id: 'ana', name: 'Ana', role: 'associate' });
  now += defaultIdleSignOutMs - 1;
  session.touch();
  now += defaultIdleSignOutMs - 1;
  assert.equal(session.expireIfIdle(), false);
  assert.equal(session.staff()?.id, 'ana');
  now += 1;
  assert.equal(session.expireIfIdle(), true);
  assert.equal(session.staff(), null);
});

test("IT's policy file sets the idle sign-out; 15 minutes when it does not", () => {
  const dir = tempDir();
  const policyFile = join(dir, 'policy.json');
  assert.equal(resolveConfig({ userDataDir: dir, env: {}, policyFile }).idleSignOutMs, 15 * 60_000);
  writeFileSync(policyFile, JSON.stringify({ idleSignOutMinutes: 5 }));
  assert.equal(resolveConfig({ userDataDir: dir, env: {}, policyFile }).idleSignOutMs, 5 * 60_000);
  writeFileSync(policyFile, JSON.stringify({ idleSignOutMinutes: 0 }));
  assert.throws(() => resolveConfig({ userDataDir: dir, env: {}, policyFile }), /idleSignOutMinutes/);
});

test("once the demo store was chosen, only the demo's admin can provision the station", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ demoChosen: true }));
  const config = resolveConfig({ userDataDir: dir, env: { MOSTRADOR_STATION: 'counter-1' }, policyFile: join(dir, 'no-policy.json') });
  assert.equal(config.demo, true);
  const core = await composeStore(config, { setup: { userDataDir: dir, env: {}, config, cipher: null, requestRestart: undefined } });
  const call = caller(core);
  const input = { store: 'taken', station: 'counter-1', chain: 'c', hq: null, admin: { id: 'eve', name: 'Eve', pin: '5555' } };

  const anonymous = await call('setup.provision', input);
  assert.equal(!anonymous.ok && anonymous.error.code, 'NOT_SIGNED_IN');
  assert.equal(!(await call('setup.chooseDemo', {})).ok, true);
  await call('session.signIn', { staffId: 'marta', pin: '3333' });
  const manager = await call('setup.provision', input);
  assert.equal(!manager.ok && manager.error.code, 'FORBIDDEN');
  await call('session.signIn', { staffId: 'ivan', pin: '4444' });
  assert.deepEqual(value(await call('setup.provision', input)), { restarting: false });
  core.close();
});
