import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract, procedureNames, type ProcedureInput, type ProcedureName } from '../../../main/api/contract';
import { eventSchemas, type CoreEvent } from '../../../main/api/events';
import type { Result } from '../../../main/api/result';
import type { StockSummary } from '../../../main/api/types';
import { demoGtin13, demoSku } from '../../../main/demo/demo-catalog';
import { startStoreRuntime } from '../../../main/store-runtime';
import { receiveOrder } from '../../helpers/order-fixtures';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

/** Not called here, and why. */
const notCalled: Partial<Record<ProcedureName, string>> = {
  'setup.provision': 'restarts the console on a new identity (test/integration/setup/first-run.test.ts)',
};

test('every procedure answers the demo store with a reply its schema parses, and every event the flow pushes parses with its schema', async () => {
  const runtime = await startStoreRuntime({
    userDataDir: tempDir(),
    // HQ's demo orders would race the flow's own; one an hour never comes.
    env: { MOSTRADOR_STATION: 'schemas', MOSTRADOR_DEMO_ORDER_EVERY_MS: '3600000', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' },
    log: () => {},
  });
  const events: CoreEvent[] = [];
  runtime.core.api.subscribe((e) => events.push(e));
  const answered = new Map<ProcedureName, string>();
  const call = async <N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<Result<unknown>> => {
    const result = await runtime.core.api.call({ name, input });
    if (!result.ok) {
      answered.set(name, `${result.error.code}: ${result.error.message}`);
      return result;
    }
    const parsed = contract[name].output.safeParse(result.value);
    assert.ok(parsed.success, `${name}: ${parsed.success ? '' : parsed.error.message}`);
    // Nothing the core sends is unknown to the schema (a field the schema lacks would be dropped by the screens).
    assert.deepEqual(parsed.data, result.value, `${name}: the reply has fields its schema does not name`);
    answered.set(name, 'ok');
    return result;
  };
  const ok = async <N extends ProcedureName>(name: N, input: ProcedureInput<N>) => {
    const result = await call(name, input);
    assert.ok(result.ok, `${name}: ${answered.get(name)}`);
    return result.value as never;
  };
  const sku = demoSku(1);
  const code = demoGtin13(1);
  try {
    await ok('session.current', {});
    await ok('setup.status', {});
    await ok('session.signIn', { staffId: 'ana', pin: '1111' });
    await ok('approval.grant', { staffId: 'marta', pin: '3333', procedure: 'stock.adjust', input: { sku, qty: -1, location: 'sales_floor', reason: 'damaged' } });
    await ok('session.signIn', { staffId: 'ivan', pin: '4444' });
    await ok('setup.chooseDemo', {});
    await ok('staff.list', {});
    await ok('staff.unlock', { staffId: 'ana' });
    await ok('locations.list', {});
    // Staff administration and CSV import (issue 12), as the demo's admin.
    await ok('staff.firstAdminOffered', {});
    await call('session.firstAdmin', { code: 'NOT-THE-CODE', staffId: 'x1', name: 'X', pin: '5678' });
    await call('session.signInWithCode', { staffId: 'ana', code: 'NOT-A-CODE', pin: '5678' });
    await ok('staff.add', { staffId: 'schema-member', name: 'Schema Member', role: 'associate', pin: '5678' });
    await ok('staff.rename', { staffId: 'schema-member', name: 'Schema M.' });
    await ok('staff.setRole', { staffId: 'schema-member', role: 'pickup' });
    await ok('staff.resetPin', { staffId: 'schema-member', pin: '8765' });
    await ok('staff.deactivate', { staffId: 'schema-member' });
    await ok('staff.roster', {});
    const csv = Buffer.from('sku,name,unit,price,location,qty\nSCHEMA-1,Schema product,each,1.00,back_room,2\n');
    const { importId } = (await ok('import.begin', { fileName: 'schema.csv', totalBytes: csv.length, chunks: 1 })) as { importId: string };
    await ok('import.chunk', { importId, chunk: 0, data: csv.toString('base64') });
    await ok('import.dryRun', { importId });
    await ok('import.commit', { importId, skipBadLines: false });

    await ok('catalog.lookup', { code });
    await ok('catalog.search', { text: 'a' });
    await ok('stock.receive', { sku, qty: 5, to: 'back_room' });
    await ok('stock.transfer', { sku, qty: 1, from: 'back_room', to: 'sales_floor' });
    await ok('stock.adjust', { sku, qty: -1, location: 'sales_floor', reason: 'damaged' });
    await ok('stock.levels', { sku });
    await ok('stock.history', { sku });
    await ok('stock.history', { sku, limit: 1, beforeSeq: 1 });
    await ok('stock.incoming', { sku });
    await ok('pricing.schedule', { sku });
    // A label as HQ's price announcement would queue it; the demo prints it on its virtual ZPL printer.
    const labelId = runtime.core.services.labels.queue({ sku, priceCents: 99, previousCents: 199, effectiveAt: new Date().toISOString(), endsAt: null, promotionId: null, reference: { lowest30dCents: null, source: 'unknown' } });
    await ok('labels.queue', {});
    await ok('labels.print', { printer: 'label', ids: [labelId] });
    await ok('ledger.check', {});
    // Transfers between stores (issue 13): one out, and one in as HQ would relay it.
    const transfer = (await ok('transfers.create', { to: 'store-elsewhere' })) as { transferId: string };
    await ok('transfers.addLine', { transferId: transfer.transferId, code, qty: 2 });
    await ok('transfers.removeLine', { transferId: transfer.transferId, sku });
    await ok('transfers.addLine', { transferId: transfer.transferId, code: sku, qty: 1 });
    await ok('transfers.ship', { transferId: transfer.transferId });
    runtime.core.services.transfers.incomingFromHq({
      transferId: 'incoming-schema-1',
      from: 'store-elsewhere',
      to: runtime.core.config.store,
      shippedAt: new Date().toISOString(),
      shippedBy: 'someone',
      lines: [{ sku, qty: 2 }],
    });
    await ok('transfers.receive', { transferId: 'incoming-schema-1', receiptId: 'schema-receipt-1', lines: [{ sku, received: 1, damaged: 1, lost: 0 }] });
    await ok('transfers.detail', { transferId: 'incoming-schema-1' });
    await ok('transfers.list', {});
    await ok('transfers.list', { direction: 'incoming', limit: 1, before: { at: new Date().toISOString(), id: 'zzz' } });
    // Stock counts (issue 13), as the demo's admin: created, scanned, submitted, approved; another cancelled.
    const counted = (await ok('counts.create', { by: 'skus', location: 'back_room', skus: [sku] })) as { countId: string };
    await ok('counts.list', {});
    await ok('counts.list', { limit: 5, before: { at: new Date(Date.now() + 60_000).toISOString(), id: 'zzz' } });
    const inBackRoom = ((await ok('stock.levels', { sku })) as StockSummary).byLocation.find((l) => l.location === 'back_room')?.qty ?? 0;
    // Counted exactly what the ledger holds, so no recount is asked for and the count goes to review.
    await ok('counts.scan', { countId: counted.countId, code, qty: (inBackRoom ?? 0) + 1 });
    await ok('counts.detail', { countId: counted.countId });
    await ok('counts.submit', { countId: counted.countId });
    await ok('counts.approve', { countId: counted.countId, reasonCode: 'found' });
    const dropped = (await ok('counts.create', { by: 'location', location: 'sales_floor' })) as { countId: string };
    await ok('counts.cancel', { countId: dropped.countId });
    // After an approved count, so accuracy and write-offs have something in them.
    const today = new Date().toISOString().slice(0, 10);
    await ok('kpis.report', { from: today, to: today });

    // W-R2 was paid 50 cents below today's price: its exchange collects the difference in cash.
    const paid = runtime.core.services.catalog.product(sku)!.priceCents - 50;
    for (const orderId of ['W-R1', 'W-R2', 'W-R3', 'W-R4']) receiveOrder(runtime.core, orderId, [{ lineId: 'L1', sku, qty: 2, ...(orderId === 'W-R2' ? { unitPriceCents: paid, vatRateBp: 2100 } : {}) }]);
    await ok('orders.queue', {});
    await ok('orders.queueRows', { ids: ['W-R1', 'W-R3', 'W-UNKNOWN'], status: 'received' });
    await ok('orders.detail', { orderId: 'W-R1' });
    await ok('orders.find', { code: 'W-R1' });
    for (const orderId of ['W-R1', 'W-R2']) {
      await ok('orders.accept', { orderId });
      await ok('orders.pick', { orderId, code });
      await ok('orders.short', { orderId, lineId: 'L1', qty: 1, reason: 'not-found' });
      await ok('orders.ready', { orderId });
      await ok('orders.handover', { orderId, verificationCode: '4821' });
    }
    await ok('orders.return', { orderId: 'W-R1', refundMethod: 'cash', lines: [{ lineId: 'L1', qty: 1, reason: 'faulty', condition: 'damaged' }] });
    const exchange = { orderId: 'W-R2', lines: [{ lineId: 'L1', qty: 1, reason: 'wrong size', condition: 'resellable' as const }], newLines: [{ sku, qty: 1 }] };
    await ok('orders.exchangeQuote', exchange);
    await ok('orders.exchange', { ...exchange, settlement: 'cash' });
    const cashDay = await ok('cash.endOfDay', {});
    await ok('cash.confirmDay', { day: (cashDay as { day: string }).day, station: 'schemas' });
    await ok('orders.reject', { orderId: 'W-R3', reason: 'damaged' });
    await ok('orders.accept', { orderId: 'W-R4' });
    await ok('orders.cancel', { orderId: 'W-R4', reason: 'customer' });

    await ok('devices.list', {});
    await ok('devices.configure', { identity: 'virtual:demo-scanner', role: 'counter-scanner' });
    await ok('devices.addSerial', { path: '/dev/ttyS-schemas-test' });
    await ok('dev.fireScan', { text: code });

    await ok('printing.printers', {});
    const { jobId } = await ok('printing.testPage', { printer: 'counter' });
    await ok('printing.reprint', { jobId });
    await ok('printing.dismiss', { jobId });
    await ok('printing.jobs', {});
    await ok('printing.openDrawer', { printer: 'counter' });
    await ok('printing.configure', { printer: 'backoffice', settings: null });
    await ok('dev.printerPreview', {});
    await ok('dev.customerCodes', {});
    await ok('dev.printerState', {});
    await ok('dev.setPrinter', { paperOut: false });

    const [shelf] = (await ok('shelves.list', {})) as { sensorId: string }[];
    assert.ok(shelf, 'the demo store watches shelves');
    await ok('shelves.mapping', {});
    await ok('dev.setShelfWeight', { sensorId: shelf.sensorId, grams: 1000 });
    // An empty shelf raises an out-of-stock alert (issue 15), which a person acknowledges.
    await ok('dev.setShelfWeight', { sensorId: shelf.sensorId, grams: 0 });
    const [alert] = await waitUntil(
      () => runtime.core.services.shelves.alerts(true),
      (open) => open.some((a) => a.sensorId === shelf.sensorId),
      { what: 'the empty demo shelf to raise an alert' },
    );
    await ok('shelves.alerts', {});
    await ok('shelves.acknowledge', { alertId: alert!.alertId });
    await ok('shelves.alerts', { open: false });
    await ok('shelves.configure', { shelves: [] });
    // The audit log viewer (issue 15), as the demo's admin: a page, then one entry opened.
    const [logged] = (await ok('audit.list', { limit: 5 })) as { id: number }[];
    await ok('audit.list', { before: logged!.id, command: 'shelves.acknowledge', from: new Date(Date.now() - 3_600_000).toISOString() });
    await ok('audit.entry', { id: logged!.id });

    await ok('hq.stockLookup', { sku });
    await ok('hq.customerLookup', { query: 'Lu' });
    // Customer data is for those who serve customers, not IT's admin.
    await ok('session.signIn', { staffId: 'ana', pin: '1111' });
    await ok('customers.open', { by: { kind: 'id', customerId: 'C1' }, via: 'search' });
    await ok('customers.search', { query: 'Lu' });
    await ok('customers.arrivals', {});
    const arrival = (await ok('customers.checkIn', { code: 'MOSTRADOR:CUSTOMER:C1' })) as { id: number };
    await ok('customers.dismissArrival', { id: arrival.id });
    await ok('customers.tasks', {});
    await ok('customers.checkNote', { text: 'tiene asma' });
    await ok('customers.completeTask', { id: 999_999 });
    // The demo has no HQ: nothing can be ordered, and no card was opened to decide a follow-up.
    await call('customers.orderElsewhere', { customerId: 'C1', sku, qty: 1, from: 'store-b', fulfilment: 'delivery' });
    await call('customers.addTask', { customerId: 'C1', dueAt: '2026-12-01T10:00:00Z', note: 'call' });
    await ok('session.signIn', { staffId: 'marta', pin: '3333' });
    await ok('customers.openings', {});
    await ok('session.signIn', { staffId: 'ivan', pin: '4444' });
    await ok('diagnostics.save', {});
    await ok('sync.status', {});
    await ok('sync.deadLetters', {});
    await ok('sync.retryDeadLetter', { id: 999_999 });
    await ok('tills.issueToken', { till: 'till-schemas' });
    await ok('tills.list', {});
    await ok('tills.revokeToken', { till: 'till-schemas' });
    await ok('stations.linkStatus', {});
    await ok('stations.list', {});
    // No station waits to pair, none is paired: refusals, whose shape is the error's.
    const pairing = await call('stations.approvePairing', { code: '000000' });
    assert.equal(!pairing.ok && pairing.error.code, 'PAIRING_CODE_INVALID');
    const revoking = await call('stations.revoke', { station: 'counter-9' });
    assert.equal(!revoking.ok && revoking.error.code, 'UNKNOWN_STATION');
    // Receiving (issue 13): an ASN as HQ would send it, received in full.
    runtime.core.services.receiving.acceptAsn({ asnId: 'ASN-SCHEMAS', supplier: 'Acme', expectedAt: new Date().toISOString(), lines: [{ sku, qty: 1 }], cartons: [] });
    await ok('receiving.list', {});
    await ok('receiving.list', { limit: 5 });
    // Returns from any channel (issue 16): the demo's HQ sold nothing for returns; one recorded offline (a manager here) waits in `returns`.
    await ok('returns.lookup', { query: 'W-NONE' });
    const recorded = (await ok('returns.record', { offline: true, orderId: 'MOSTRADOR-ORDER:W-NONE', refundMethod: 'store-credit', lines: [{ sku, qty: 1, reason: 'changed-mind' }] })) as { returnId: string; lines: { lineId: string }[] };
    await ok('returns.dispose', { returnId: recorded.returnId, lineId: recorded.lines[0]!.lineId, to: 'stock', qty: 1, reason: 'resellable' });
    await ok('returns.list', {});
    await ok('returns.list', { limit: 5 });
    const receipt = await ok('receiving.open', { asnId: 'ASN-SCHEMAS' }) as { id: string };
    await ok('receiving.scan', { receiptId: receipt.id, code });
    await ok('receiving.pause', { receiptId: receipt.id });
    await ok('receiving.resume', { receiptId: receipt.id });
    await ok('receiving.detail', { receiptId: receipt.id });
    await ok('receiving.close', { receiptId: receipt.id, packingSlip: 'PS-SCHEMAS' });
    // A runtime that cannot restart itself cannot turn into a paired station (its reply is test/e2e/join-store-wizard.test.ts's).
    const joining = await call('setup.joinStore', { host: 'wss://127.0.0.1:9', station: 'counter-9' });
    assert.equal(!joining.ok && joining.error.code, 'NOT_CONFIGURED');
    await ok('session.signOut', {});

    const missing = procedureNames.filter((name) => !answered.has(name) && !(name in notCalled));
    assert.deepEqual(missing, [], 'every procedure is called');

    assert.ok(events.length > 0);
    for (const event of events) {
      const parsed = eventSchemas[event.event].safeParse(event.payload);
      assert.ok(parsed.success, `${event.event} ${JSON.stringify(event.payload)}: ${parsed.success ? '' : parsed.error.message}`);
    }
    const kinds = new Set(events.map((e) => e.event));
    for (const kind of ['stock.changed', 'orders.changed', 'session.changed', 'devices.changed', 'printing.changed', 'shelves.changed', 'device.scan'] as const) {
      assert.ok(kinds.has(kind), `the flow pushed ${kind}`);
    }
  } finally {
    await runtime.stop();
  }
});
