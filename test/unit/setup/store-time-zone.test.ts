// The store's time zone: set at provisioning (wizard, IT's policy file, MOSTRADOR_TIME_ZONE),
// checked against Intl's IANA zones, Europe/Madrid when none is given; "per day" is its day.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isIanaTimeZone, timeZoneSchema } from '../../../main/api/input-schemas';
import { createStoreDays } from '../../../main/kernel/store-days';
import { PolicyError } from '../../../main/setup/policy-file';
import { ProvisionError, provisionStore } from '../../../main/setup/provision-store';
import { ConfigError, resolveConfig } from '../../../main/setup/store-config';
import { tempDir } from '../../helpers/temp-dir';

test('a time zone is valid only if Intl knows it as an IANA zone', () => {
  for (const zone of ['Europe/Madrid', 'Atlantic/Canary', 'America/Argentina/Buenos_Aires', 'UTC']) assert.ok(isIanaTimeZone(zone), zone);
  for (const zone of ['Europe/Madird', 'Mars/Olympus_Mons', '', '../etc/passwd', 'Europe/Madrid; DROP', '+01:00']) assert.ok(!isIanaTimeZone(zone), zone);
  const refused = timeZoneSchema.safeParse('Europe/Madird');
  assert.equal(refused.success, false);
  assert.match(refused.error!.issues[0]!.message, /not an IANA time zone \(such as Europe\/Madrid\)/);
});

test('the time zone comes from the policy, then MOSTRADOR_TIME_ZONE, then config.json, else Europe/Madrid; a bad one stops start-up naming it', () => {
  const dir = tempDir();
  const noPolicy = join(dir, 'no-policy.json');
  assert.equal(resolveConfig({ userDataDir: dir, env: { MOSTRADOR_STORE: 's1' }, policyFile: noPolicy }).timeZone, 'Europe/Madrid');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ store: 's1', timeZone: 'Atlantic/Canary' }));
  assert.equal(resolveConfig({ userDataDir: dir, env: {}, policyFile: noPolicy }).timeZone, 'Atlantic/Canary');
  assert.equal(resolveConfig({ userDataDir: dir, env: { MOSTRADOR_TIME_ZONE: 'Europe/Lisbon' }, policyFile: noPolicy }).timeZone, 'Europe/Lisbon');
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ timeZone: 'Europe/Paris' }));
  assert.equal(resolveConfig({ userDataDir: dir, env: { MOSTRADOR_TIME_ZONE: 'Europe/Lisbon' }, policyFile }).timeZone, 'Europe/Paris');

  assert.throws(
    () => resolveConfig({ userDataDir: dir, env: { MOSTRADOR_TIME_ZONE: 'Europe/Madird' }, policyFile: noPolicy }),
    (error: unknown) => error instanceof ConfigError && /MOSTRADOR_TIME_ZONE="Europe\/Madird" is not an IANA time zone/.test(error.message),
  );
  writeFileSync(policyFile, JSON.stringify({ timeZone: 'Madrid' }));
  assert.throws(() => resolveConfig({ userDataDir: dir, env: {}, policyFile }), (error: unknown) => error instanceof PolicyError && error.field === 'timeZone');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ store: 's1', timeZone: 'Nowhere/Town' }));
  assert.throws(() => resolveConfig({ userDataDir: dir, env: {}, policyFile: noPolicy }), (error: unknown) => error instanceof ConfigError && /field "timeZone"/.test(error.message));
});

test('the wizard saves the store time zone it was given, and refuses one Intl does not know, naming the field', async () => {
  const dir = tempDir();
  const input = {
    store: 'store-tz',
    station: 'counter-1',
    chain: 'chain',
    hq: null,
    admin: { id: 'admin', name: 'Admin', pin: '482913' },
    devices: [],
  };
  await assert.rejects(
    provisionStore({ userDataDir: dir, input: { ...input, timeZone: 'Europe/Madird' }, policy: null, cipher: null }),
    (error: unknown) => error instanceof ProvisionError && error.field === 'timeZone',
  );
  await provisionStore({ userDataDir: dir, input: { ...input, timeZone: 'Atlantic/Canary' }, policy: null, cipher: null });
  assert.equal((JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { timeZone: string }).timeZone, 'Atlantic/Canary');
  assert.equal(resolveConfig({ userDataDir: dir, env: {}, policyFile: join(dir, 'none.json') }).timeZone, 'Atlantic/Canary');
  // IT's zone is not the wizard's to change.
  await assert.rejects(
    provisionStore({ userDataDir: tempDir(), input: { ...input, timeZone: 'Europe/Lisbon' }, policy: { timeZone: 'Europe/Madrid' }, cipher: null }),
    (error: unknown) => error instanceof ProvisionError && error.field === 'timeZone',
  );
});

test("a store day runs from the store's midnight to the next, across daylight-saving changes", () => {
  const madrid = createStoreDays('Europe/Madrid');
  assert.equal(madrid.dayOf('2026-01-09T23:30:00.000Z'), '2026-01-10', '00:30 in Madrid');
  assert.equal(madrid.dayOf('2026-01-09T22:59:59.999Z'), '2026-01-09', '23:59:59 in Madrid');
  assert.equal(madrid.startOf('2026-01-10').toISOString(), '2026-01-09T23:00:00.000Z');
  // The clocks go forward at 02:00 on 29 March 2026 and back at 03:00 on 25 October.
  assert.equal(madrid.startOf('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(madrid.startOf('2026-03-30').toISOString(), '2026-03-29T22:00:00.000Z', 'a 23-hour day');
  assert.equal(madrid.startOf('2026-10-26').toISOString(), '2026-10-25T23:00:00.000Z', 'after a 25-hour day');
  assert.equal(madrid.nextDay('2026-12-31'), '2027-01-01');
  const canary = createStoreDays('Atlantic/Canary');
  assert.equal(canary.startOf('2026-01-10').toISOString(), '2026-01-10T00:00:00.000Z');
  assert.equal(createStoreDays('America/New_York').dayOf('2026-01-10T03:00:00.000Z'), '2026-01-09');
});
