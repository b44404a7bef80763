import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallRequest } from '../../../main/api/contract';
import { openSmallStore } from '../../helpers/small-store';

// A console set up without a capability (printers, a device manager, shelves, the demo's
// simulators, the first-run wizard, a data folder for diagnostics) answers what staff ask
// of it one way, whichever room it is: NOT_CONFIGURED, naming the capability.

const askedOfMissingRooms: CallRequest[] = [
  { name: 'printing.testPage', input: { printer: 'counter' } },
  { name: 'printing.reprint', input: { jobId: 1 } },
  { name: 'printing.dismiss', input: { jobId: 1 } },
  { name: 'printing.openDrawer', input: { printer: 'counter' } },
  { name: 'printing.configure', input: { printer: 'counter', settings: null } },
  { name: 'devices.configure', input: { identity: 'serial:x', role: 'ignored' } },
  { name: 'devices.addSerial', input: { path: '/dev/ttyS9', role: 'counter-scanner', baudRate: 9600 } },
  { name: 'shelves.configure', input: { shelves: [] } },
  { name: 'dev.fireScan', input: { text: '8412345000010' } },
  { name: 'dev.setPrinter', input: { offline: true } },
  { name: 'setup.status', input: {} },
  { name: 'diagnostics.save', input: {} },
];

test('a missing capability is refused NOT_CONFIGURED whichever room is asked', async () => {
  const core = await openSmallStore();
  try {
    await core.services.staff.upsert({ id: 'ines', name: 'Inés', role: 'admin' }, '4444');
    assert.ok((await core.api.call({ name: 'session.signIn', input: { staffId: 'ines', pin: '4444' } })).ok);
    for (const request of askedOfMissingRooms) {
      // An admin may call each of them: what is left is the room's own answer.
      const result = await core.api.call(request);
      assert.equal(result.ok ? 'ok' : result.error.code, 'NOT_CONFIGURED', request.name);
    }
  } finally {
    await core.close();
  }
});
