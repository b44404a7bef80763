import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { accessKeys, accessTable, accessTableMarkdown, seats, type AccessKey, type Seat } from '../../../main/api/access-table';
import type { ProcedureName } from '../../../main/api/contract';
import type { Result } from '../../../main/api/result';
import type { MovementInfo, Role, StaffInfo } from '../../../main/api/types';
import { grantLifetimeMs } from '../../../main/kernel/approval-grants';
import type { SetupStatus } from '../../../main/api/types';
import type { SetupPort } from '../../../main/setup/setup-port';
import { accessBlock } from '../../../main/cli/access-table-doc-cli';
import { handoverCodeAttempts } from '../../../main/orders/pickup-orders';
import { receiveOrder } from '../../helpers/order-fixtures';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';

const adjust = { sku: 'SKU-OIL', qty: 3, location: 'back_room', reason: 'found' as const };
const shelf = { sensorId: 's1', sku: 'SKU-OIL', location: 'sales_floor', unitWeightGrams: 100, tareGrams: 0, lowThreshold: 1, toleranceUnits: 1 };
const provision = { store: 's1', station: 'c1', chain: 'ch', hq: null, admin: { id: 'root', name: 'Root', pin: '5555' } };

/** One valid call per row of the table: the procedure and an input that falls under that row. */
const calls: Record<AccessKey, { name: ProcedureName; input: unknown }> = {
  'session.current': { name: 'session.current', input: {} },
  'setup.status': { name: 'setup.status', input: {} },
  'setup.chooseDemo': { name: 'setup.chooseDemo', input: {} },
  'setup.chooseDemo:first-run': { name: 'setup.chooseDemo', input: {} },
  'setup.provision': { name: 'setup.provision', input: provision },
  'setup.provision:first-run': { name: 'setup.provision', input: provision },
  'setup.joinStore': { name: 'setup.joinStore', input: { host: 'wss://127.0.0.1:4790', station: 'counter-9' } },
  'setup.joinStore:first-run': { name: 'setup.joinStore', input: { host: 'wss://127.0.0.1:4790', station: 'counter-9' } },
  'session.signIn': { name: 'session.signIn', input: { staffId: 'marta', pin: staffPins.marta } },
  'session.signOut': { name: 'session.signOut', input: {} },
  'staff.list': { name: 'staff.list', input: {} },
  'locations.list': { name: 'locations.list', input: {} },
  'approval.grant': { name: 'approval.grant', input: { staffId: 'marta', pin: staffPins.marta, procedure: 'stock.adjust', input: adjust } },
  'staff.unlock': { name: 'staff.unlock', input: { staffId: 'ana' } },
  'catalog.lookup': { name: 'catalog.lookup', input: { code: '8412345000010' } },
  'catalog.search': { name: 'catalog.search', input: { text: 'arroz' } },
  'stock.levels': { name: 'stock.levels', input: { sku: 'SKU-OIL' } },
  'stock.history': { name: 'stock.history', input: { sku: 'SKU-OIL' } },
  'stock.incoming': { name: 'stock.incoming', input: { sku: 'SKU-OIL' } },
  'pricing.schedule': { name: 'pricing.schedule', input: { sku: 'SKU-OIL' } },
  'labels.queue': { name: 'labels.queue', input: {} },
  'labels.print': { name: 'labels.print', input: { printer: 'label' } },
  'stock.receive': { name: 'stock.receive', input: { sku: 'SKU-OIL', qty: 2 } },
  'stock.transfer': { name: 'stock.transfer', input: { sku: 'SKU-OIL', qty: 1, from: 'back_room', to: 'sales_floor' } },
  'stock.transfer:external': { name: 'stock.transfer', input: { sku: 'SKU-OIL', qty: 1, from: 'adjustment', to: 'sales_floor' } },
  'stock.adjust': { name: 'stock.adjust', input: adjust },
  'ledger.check': { name: 'ledger.check', input: {} },
  'orders.queue': { name: 'orders.queue', input: {} },
  'orders.queueRows': { name: 'orders.queueRows', input: { ids: ['W-1'] } },
  'orders.detail': { name: 'orders.detail', input: { orderId: 'W-1' } },
  'orders.find': { name: 'orders.find', input: { code: 'W-1' } },
  'orders.accept': { name: 'orders.accept', input: { orderId: 'W-1' } },
  'orders.reject': { name: 'orders.reject', input: { orderId: 'W-1', reason: 'x' } },
  'orders.pick': { name: 'orders.pick', input: { orderId: 'W-1', code: '8412345000010' } },
  'orders.short': { name: 'orders.short', input: { orderId: 'W-1', lineId: 'l1', qty: 1, reason: 'x' } },
  'orders.ready': { name: 'orders.ready', input: { orderId: 'W-1' } },
  'orders.handover': { name: 'orders.handover', input: { orderId: 'W-1', verificationCode: '1234' } },
  'orders.handover:locked': { name: 'orders.handover', input: { orderId: 'W-LOCKED', verificationCode: '1234' } },
  'orders.cancel': { name: 'orders.cancel', input: { orderId: 'W-1', reason: 'x' } },
  'orders.return': { name: 'orders.return', input: { orderId: 'W-1', refundMethod: 'card', lines: [{ lineId: 'l1', qty: 1, reason: 'x', condition: 'damaged' }] } },
  'orders.exchange': {
    name: 'orders.exchange',
    input: { orderId: 'W-1', lines: [{ lineId: 'l1', qty: 1, reason: 'x', condition: 'damaged' }], newLines: [{ sku: 'SKU-OIL', qty: 1 }] },
  },
  // W-DEAR was paid 1 cent a unit: taking 100 at today's price is far over the 20 € threshold.
  'orders.exchange:over-threshold': {
    name: 'orders.exchange',
    input: { orderId: 'W-DEAR', lines: [{ lineId: 'l1', qty: 1, reason: 'x', condition: 'damaged' }], newLines: [{ sku: 'SKU-OIL', qty: 100 }] },
  },
  'orders.exchangeQuote': {
    name: 'orders.exchangeQuote',
    input: { orderId: 'W-1', lines: [{ lineId: 'l1', qty: 1, reason: 'x', condition: 'damaged' }], newLines: [{ sku: 'SKU-OIL', qty: 1 }] },
  },
  'cash.endOfDay': { name: 'cash.endOfDay', input: {} },
  'cash.confirmDay': { name: 'cash.confirmDay', input: { day: '2026-01-01', station: 'nowhere' } },
  'hq.customerLookup': { name: 'hq.customerLookup', input: { query: 'ana' } },
  'customers.open': { name: 'customers.open', input: { by: { kind: 'id', customerId: 'C1' }, via: 'search' } },
  'customers.search': { name: 'customers.search', input: { query: 'ana' } },
  'customers.arrivals': { name: 'customers.arrivals', input: {} },
  'customers.checkIn': { name: 'customers.checkIn', input: { code: 'MOSTRADOR:CUSTOMER:C1' } },
  'customers.dismissArrival': { name: 'customers.dismissArrival', input: { id: 1 } },
  'customers.orderElsewhere': { name: 'customers.orderElsewhere', input: { customerId: 'C1', sku: 'SKU-OIL', qty: 1, from: 'store-b', fulfilment: 'delivery' } },
  'customers.tasks': { name: 'customers.tasks', input: {} },
  'customers.addTask': { name: 'customers.addTask', input: { customerId: 'C1', dueAt: '2026-12-01T10:00:00Z', note: 'call' } },
  'customers.completeTask': { name: 'customers.completeTask', input: { id: 1 } },
  'customers.checkNote': { name: 'customers.checkNote', input: { text: 'hello' } },
  'customers.openings': { name: 'customers.openings', input: {} },
  'hq.stockLookup': { name: 'hq.stockLookup', input: { sku: 'SKU-OIL' } },
  'devices.list': { name: 'devices.list', input: {} },
  'devices.configure': { name: 'devices.configure', input: { identity: 'serial:x', role: 'ignored' } },
  'devices.addSerial': { name: 'devices.addSerial', input: { path: '/dev/ttyS9', role: 'counter-scanner', baudRate: 9600 } },
  'printing.printers': { name: 'printing.printers', input: {} },
  'printing.jobs': { name: 'printing.jobs', input: {} },
  'printing.reprint': { name: 'printing.reprint', input: { jobId: 1 } },
  'printing.dismiss': { name: 'printing.dismiss', input: { jobId: 1 } },
  'printing.testPage': { name: 'printing.testPage', input: { printer: 'counter' } },
  'printing.openDrawer': { name: 'printing.openDrawer', input: { printer: 'counter' } },
  'printing.configure': { name: 'printing.configure', input: { printer: 'counter', settings: null } },
  'shelves.list': { name: 'shelves.list', input: {} },
  'shelves.mapping': { name: 'shelves.mapping', input: {} },
  'shelves.configure': { name: 'shelves.configure', input: { shelves: [shelf] } },
  'diagnostics.save': { name: 'diagnostics.save', input: {} },
  'sync.status': { name: 'sync.status', input: {} },
  'sync.deadLetters': { name: 'sync.deadLetters', input: {} },
  'sync.retryDeadLetter': { name: 'sync.retryDeadLetter', input: { id: 1 } },
  'stations.linkStatus': { name: 'stations.linkStatus', input: {} },
  'stations.list': { name: 'stations.list', input: {} },
  'stations.approvePairing': { name: 'stations.approvePairing', input: { code: '000000' } },
  'stations.revoke': { name: 'stations.revoke', input: { station: 'counter-9' } },
  'dev.fireScan': { name: 'dev.fireScan', input: { text: '8412345000010' } },
  'dev.printerPreview': { name: 'dev.printerPreview', input: {} },
  'dev.customerCodes': { name: 'dev.customerCodes', input: {} },
  'dev.printerState': { name: 'dev.printerState', input: {} },
  'dev.setPrinter': { name: 'dev.setPrinter', input: { offline: true } },
  'dev.setShelfWeight': { name: 'dev.setShelfWeight', input: { sensorId: 's1', grams: 100 } },
  'tills.list': { name: 'tills.list', input: {} },
  'tills.issueToken': { name: 'tills.issueToken', input: { till: 'till-1' } },
  'tills.revokeToken': { name: 'tills.revokeToken', input: { till: 'till-1' } },
  // Staff administration and CSV import (issue 12).
  'staff.firstAdminOffered': { name: 'staff.firstAdminOffered', input: {} },
  'session.firstAdmin': { name: 'session.firstAdmin', input: { code: 'NOT-THE-CODE', staffId: 'root', name: 'Root', pin: '5555' } },
  'session.signInWithCode': { name: 'session.signInWithCode', input: { staffId: 'ana', code: 'NOT-A-CODE', pin: '5555' } },
  'staff.roster': { name: 'staff.roster', input: {} },
  'staff.add': { name: 'staff.add', input: { staffId: 'nuevo', name: 'Nuevo', role: 'associate', pin: '5555' } },
  'staff.rename': { name: 'staff.rename', input: { staffId: 'ana', name: 'Ana' } },
  'staff.setRole': { name: 'staff.setRole', input: { staffId: 'ana', role: 'associate' } },
  'staff.deactivate': { name: 'staff.deactivate', input: { staffId: 'nobody-here' } },
  'staff.resetPin': { name: 'staff.resetPin', input: { staffId: 'ana', pin: staffPins.ana } },
  'import.begin': { name: 'import.begin', input: { fileName: 'a.csv', totalBytes: 10, chunks: 1 } },
  'import.chunk': { name: 'import.chunk', input: { importId: 'no-such-import', chunk: 0, data: 'c2t1' } },
  'import.dryRun': { name: 'import.dryRun', input: { importId: 'no-such-import' } },
  'import.commit': { name: 'import.commit', input: { importId: 'no-such-import', skipBadLines: false } },
  'import.commit:skip-bad-lines': { name: 'import.commit', input: { importId: 'no-such-import', skipBadLines: true } },
  'transfers.list': { name: 'transfers.list', input: { direction: 'outgoing', limit: 50 } },
  'transfers.detail': { name: 'transfers.detail', input: { transferId: 'no-such-transfer' } },
  'transfers.create': { name: 'transfers.create', input: { to: 'store-b' } },
  'transfers.addLine': { name: 'transfers.addLine', input: { transferId: 'no-such-transfer', code: 'SKU-OIL' } },
  'transfers.removeLine': { name: 'transfers.removeLine', input: { transferId: 'no-such-transfer', sku: 'SKU-OIL' } },
  'transfers.ship': { name: 'transfers.ship', input: { transferId: 'no-such-transfer' } },
  'transfers.receive': { name: 'transfers.receive', input: { transferId: 'no-such-transfer', receiptId: 'receipt-1', lines: [{ sku: 'SKU-OIL', received: 1, damaged: 1, lost: 0 }] } },
  'transfers.receive:loss': { name: 'transfers.receive', input: { transferId: 'no-such-transfer', receiptId: 'receipt-2', lines: [{ sku: 'SKU-OIL', received: 0, damaged: 0, lost: 1 }] } },
  'receiving.list': { name: 'receiving.list', input: { limit: 50 } },
  'receiving.detail': { name: 'receiving.detail', input: { receiptId: 'R-none' } },
  'receiving.open': { name: 'receiving.open', input: { asnId: 'ASN-NONE' } },
  'receiving.open:without-asn': { name: 'receiving.open', input: { supplier: 'Acme' } },
  'receiving.scan': { name: 'receiving.scan', input: { receiptId: 'R-none', code: '8412345000010' } },
  'receiving.pause': { name: 'receiving.pause', input: { receiptId: 'R-none' } },
  'receiving.resume': { name: 'receiving.resume', input: { receiptId: 'R-none' } },
  'receiving.close': { name: 'receiving.close', input: { receiptId: 'R-none', packingSlip: 'PS-1' } },
  // Stock counts (issue 13).
  'counts.list': { name: 'counts.list', input: { limit: 50 } },
  'counts.detail': { name: 'counts.detail', input: { countId: 'CNT-NONE' } },
  'counts.create': { name: 'counts.create', input: { by: 'skus', location: 'sales_floor', skus: ['SKU-OIL'] } },
  'counts.scan': { name: 'counts.scan', input: { countId: 'CNT-NONE', code: '8412345000010' } },
  'counts.submit': { name: 'counts.submit', input: { countId: 'CNT-NONE' } },
  'counts.approve': { name: 'counts.approve', input: { countId: 'CNT-NONE', reasonCode: 'unexplained' } },
  'counts.cancel': { name: 'counts.cancel', input: { countId: 'CNT-NONE' } },
  'returns.lookup': { name: 'returns.lookup', input: { query: 'W-1001' } },
  'returns.record': { name: 'returns.record', input: { offline: false, orderId: 'W-1001', refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }] } },
  'returns.record:offline': { name: 'returns.record', input: { offline: true, orderId: 'MOSTRADOR-ORDER:W-1001', refundMethod: 'store-credit', lines: [{ sku: 'SKU-OIL', qty: 1, reason: 'changed-mind' }] } },
  'returns.list': { name: 'returns.list', input: { limit: 50 } },
  'returns.dispose': { name: 'returns.dispose', input: { returnId: 'RET-NONE-0000', lineId: 'l1', to: 'stock', qty: 1, reason: 'resellable' } },
  'kpis.report': { name: 'kpis.report', input: { from: '2026-01-01', to: '2026-01-07' } },
  // The shelf board and the audit log viewer (issue 15).
  'shelves.alerts': { name: 'shelves.alerts', input: {} },
  'shelves.acknowledge': { name: 'shelves.acknowledge', input: { alertId: 1 } },
  'audit.list': { name: 'audit.list', input: { limit: 10 } },
  'audit.entry': { name: 'audit.entry', input: { id: 1 } },
};

const members: Record<Role, StaffInfo> = {
  associate: { id: 'ana', name: 'Ana', role: 'associate' },
  pickup: { id: 'pablo', name: 'Pablo', role: 'pickup' },
  manager: { id: 'marta', name: 'Marta', role: 'manager' },
  admin: { id: 'vera', name: 'Vera', role: 'admin' },
};
const approverFor: Record<Role, { staffId: string; pin: string }> = {
  associate: { staffId: 'ana', pin: staffPins.ana },
  pickup: { staffId: 'pablo', pin: staffPins.pablo },
  manager: { staffId: 'marta', pin: staffPins.marta },
  admin: { staffId: 'vera', pin: '4444' },
};

/** The dispatcher's own refusals (authorise), as opposed to a handler's refusal of the call's content. */
function authorisation(result: Result<unknown>): 'passed' | 'not-signed-in' | 'refused' | 'approval' {
  if (result.ok) return 'passed';
  if (result.error.code === 'NOT_SIGNED_IN') return 'not-signed-in';
  if (result.error.code === 'FORBIDDEN' && result.error.details?.access === 'refuse') return 'refused';
  if (result.error.details?.access === 'approve') return 'approval';
  return 'passed';
}

test('the dispatcher enforces exactly what the access table says, for every procedure and every role', async () => {
  // The first-run rows are looked up while the wizard shows; the port says so for those rows only.
  let firstRun = false;
  const setup: SetupPort = {
    status: () => ({ needsSetup: firstRun }) as SetupStatus,
    needsSetup: () => firstRun,
    chooseDemo: () => ({ needsSetup: false }) as SetupStatus,
    provision: async () => ({ restarting: false }),
    joinStore: async () => ({ code: '123456', fingerprint256: 'AA', expiresAt: new Date().toISOString() }),
  };
  const core = await openSmallStore(undefined, { setup });
  await core.services.staff.upsert(members.admin, '4444');
  // An order whose handover code was guessed wrong too often: its handover is the manager's row.
  receiveOrder(core, 'W-LOCKED', [{ lineId: 'l1', sku: 'SKU-OIL', qty: 1 }]);
  core.services.db.prepare('UPDATE pickup_orders SET wrong_codes = ? WHERE order_id = ?').run(handoverCodeAttempts, 'W-LOCKED');
  // An order whose exchange is over HQ's threshold: the manager's row.
  receiveOrder(core, 'W-DEAR', [{ lineId: 'l1', sku: 'SKU-OIL', qty: 1, unitPriceCents: 1, vatRateBp: 2100 }]);
  assert.deepEqual(Object.keys(calls).sort(), [...accessKeys].sort(), 'a sample call for every row');
  const seatUp = (seat: Seat) => (seat === 'nobody' ? core.services.session.signOut() : core.services.session.signIn(members[seat]));
  const checked: string[] = [];
  for (const key of accessKeys) {
    const rule = accessTable[key];
    const { name, input } = calls[key];
    firstRun = key.endsWith(':first-run');
    for (const seat of seats) {
      seatUp(seat);
      const result = await core.api.call({ name, input });
      const got = authorisation(result);
      const cell = rule[seat];
      const where = `${key} as ${seat}: ${result.ok ? 'ok' : `${result.error.code} ${result.error.message}`}`;
      if (cell === 'allow') assert.equal(got, 'passed', where);
      else if (cell === 'refuse') assert.equal(got, seat === 'nobody' ? 'not-signed-in' : 'refused', where);
      else {
        assert.equal(got, 'approval', where);
        assert.equal(!result.ok && result.error.details?.need, rule.approver, where);
        seatUp(seat);
        const grant = await core.api.call({ name: 'approval.grant', input: { ...approverFor[rule.approver!], procedure: name, input } });
        const { grantId } = value<{ grantId: string }>(grant);
        seatUp(seat);
        const approved = await core.api.call({ name, input, approval: { grantId } });
        assert.equal(authorisation(approved), 'passed', `${where} (with a ${rule.approver}'s grant)`);
      }
      checked.push(`${key}/${seat}`);
    }
  }
  assert.equal(checked.length, accessKeys.length * seats.length);
  core.close();
});

test('an associate can neither make nor write off stock through stock.transfer, nor receive from a supplier, without a manager', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const attempts = [
    call('stock.transfer', { sku: 'SKU-OIL', qty: 500, from: 'adjustment', to: 'back_room' }),
    call('stock.transfer', { sku: 'SKU-OIL', qty: 500, from: 'customer', to: 'back_room' }),
    call('stock.transfer', { sku: 'SKU-OIL', qty: 1, from: 'back_room', to: 'adjustment' }),
    call('stock.transfer', { sku: 'SKU-OIL', qty: 1, from: 'back_room', to: 'customer' }),
    call('stock.transfer', { sku: 'SKU-OIL', qty: 500, from: 'supplier', to: 'back_room' }),
    call('stock.receive', { sku: 'SKU-OIL', qty: 500 }),
  ];
  for (const result of await Promise.all(attempts)) assert.equal(!result.ok && result.error.code, 'FORBIDDEN');
  assert.equal(core.services.db.prepare('SELECT count(*) FROM movements').pluck().get(), 0);

  const received = value<MovementInfo>(await call('stock.receive', { sku: 'SKU-OIL', qty: 5 }, { staffId: 'marta', pin: staffPins.marta }));
  assert.equal(received.qty, 5);
  const entry = core.services.audit.recent(1)[0]!;
  assert.deepEqual([entry.command, entry.staff, entry.approved_by], ['stock.receive', 'ana', 'marta']);
  core.close();
});

test('a grant approves one call: that procedure, that input, once, within 2 minutes, for whoever asked', async () => {
  let now = Date.now();
  const core = await openSmallStore(undefined, { now: () => now });
  const call = caller(core);
  await call('session.signIn', { staffId: 'ana', pin: staffPins.ana });
  const grantFor = async (procedure: string, input: unknown) =>
    value<{ grantId: string; expiresAt: string }>(await core.api.call({ name: 'approval.grant', input: { staffId: 'marta', pin: staffPins.marta, procedure, input } }));
  const code = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

  const first = await grantFor('stock.adjust', adjust);
  assert.equal(Date.parse(first.expiresAt) - now, grantLifetimeMs);
  assert.equal(code(await call('stock.adjust', { ...adjust, qty: 300 }, first)), 'APPROVAL_INVALID', 'other input');
  const second = await grantFor('stock.adjust', adjust);
  assert.equal(code(await call('stock.receive', { sku: 'SKU-OIL', qty: 3 }, second)), 'APPROVAL_INVALID', 'other procedure');
  const third = await grantFor('stock.adjust', adjust);
  // Same input, keys in another order: the same call.
  assert.equal(code(await call('stock.adjust', { reason: 'found', location: 'back_room', qty: 3, sku: 'SKU-OIL' }, third)), 'ok');
  assert.equal(code(await call('stock.adjust', adjust, third)), 'APPROVAL_INVALID', 'used once');
  const late = await grantFor('stock.adjust', adjust);
  now += grantLifetimeMs;
  assert.equal(code(await call('stock.adjust', adjust, late)), 'APPROVAL_INVALID', 'expired');
  const forAna = await grantFor('stock.adjust', adjust);
  await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo });
  assert.equal(code(await call('stock.adjust', adjust, forAna)), 'APPROVAL_INVALID', 'another member');
  assert.equal(code(await call('stock.adjust', adjust, { grantId: 'made-up-grant-id-0000' })), 'APPROVAL_INVALID');
  assert.equal(core.services.db.prepare('SELECT count(*) FROM movements').pluck().get(), 1, 'only the one approved call moved stock');
  core.close();
});

test('docs/security.md publishes the access table as it is', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../../docs/security.md'), 'utf8');
  assert.ok(doc.startsWith('# '), 'a title first');
  assert.ok(doc.includes(accessBlock(accessTableMarkdown())), 'run `npx tsx main/cli/access-table-doc-cli.ts` after changing main/api/access-table.ts');
});
