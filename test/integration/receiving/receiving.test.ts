import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReceiptDetail, ReceivingList, ReceivingScan } from '../../../main/api/types';
import { demoSscc } from '../../../main/demo/demo-catalog';
import { createReceivingService } from '../../../main/receiving/receiving-service';
import { createStreamApplier } from '../../../main/sync/stream-appliers';
import { createSyncState } from '../../../main/sync/sync-state';
import { downStreamMessage } from '../../../main/sync/protocol';
import { caller, ledgerFootprint, openSmallStore, staffPins, value } from '../../helpers/small-store';

const oil = { sku: 'SKU-OIL', code: '8412345000010', gtin14: '08412345000010' };
const rice = { sku: 'SKU-RICE', code: '8412345000027', gtin14: '08412345000027' };
const soap = { sku: 'SKU-SOAP', code: '8412345000034' };
const carton = demoSscc(4711);

/** A GS1 label's YYMMDD for a day `days` from today. */
function labelDay(days: number): { yymmdd: string; iso: string } {
  const at = new Date();
  at.setDate(at.getDate() + days);
  const iso = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return { yymmdd: iso.slice(2).replaceAll('-', ''), iso };
}

function asnMessage(dseq: number, lines = [
  { sku: oil.sku, qty: 10 },
  { sku: rice.sku, qty: 12 },
]) {
  return downStreamMessage.parse({
    v: 1,
    id: `asn-msg-${dseq}`,
    at: new Date().toISOString(),
    dseq,
    type: 'asn',
    asnId: 'ASN-1',
    supplier: 'Aceites del Sur',
    expectedAt: new Date().toISOString(),
    lines,
    cartons: [{ sscc: carton, contents: [{ sku: rice.sku, qty: 12 }] }],
  });
}

async function storeWithAsn() {
  const core = await openSmallStore();
  const applier = createStreamApplier(core.services.db, createSyncState(core.services.db), core.services);
  core.services.db.transaction(() => applier.apply(asnMessage(1)))();
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'ana', pin: staffPins.ana }));
  return { core, call, applier };
}

const lineOf = (receipt: ReceiptDetail, sku: string) => receipt.lines.find((l) => l.sku === sku)!;

test('an ASN from HQ is kept once, through the receiving room, however often it arrives', async () => {
  const { core, call, applier } = await storeWithAsn();
  // The same ASN again (a replay), and again under another message id: nothing is added twice.
  const again = core.services.db.transaction(() => applier.apply(asnMessage(2, [{ sku: soap.sku, qty: 99 }])))();
  assert.match(again, /already known/);
  const list = value<ReceivingList>(await call('receiving.list', {}));
  assert.deepEqual(list.expected.map((e) => [e.asnId, e.lines, e.units, e.cartons]), [['ASN-1', 2, 22, 1]]);
  const receipt = value<ReceiptDetail>(await call('receiving.open', { asnId: 'ASN-1' }));
  assert.deepEqual(receipt.lines.map((l) => [l.sku, l.expected, l.received]), [[oil.sku, 10, 0], [rice.sku, 12, 0]]);
  assert.equal(receipt.owner, 'ana');
  // Opening it again carries on with the same receipt; the ASN is no longer "expected".
  assert.equal(value<ReceiptDetail>(await call('receiving.open', { asnId: 'ASN-1' })).id, receipt.id);
  const after = value<ReceivingList>(await call('receiving.list', {}));
  assert.deepEqual([after.expected.length, after.receipts.map((r) => r.id)], [0, [receipt.id]]);
  core.close();
});

test('each scan adds 1, a GS1-128 count (AI 30, or 37 with 02) adds its quantity, and an SSCC receives its carton', async () => {
  const { core, call } = await storeWithAsn();
  const { id } = value<ReceiptDetail>(await call('receiving.open', { asnId: 'ASN-1' }));
  let scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: id, code: oil.code }));
  assert.equal(lineOf(scan.receipt, oil.sku).received, 1);
  scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: id, code: `(01)${oil.gtin14}(30)4` }));
  assert.deepEqual(scan.added.map((a) => a.qty), [4]);
  assert.equal(lineOf(scan.receipt, oil.sku).received, 5);
  scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: id, code: `(02)${oil.gtin14}(37)3` }));
  assert.equal(lineOf(scan.receipt, oil.sku).received, 8);

  scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: id, code: `(00)${carton}` }));
  assert.equal(scan.sscc, carton);
  assert.deepEqual(scan.added.map((a) => [a.sku, a.qty]), [[rice.sku, 12]]);
  assert.deepEqual(scan.receipt.cartons, [{ sscc: carton, received: true }]);
  const twice = await call('receiving.scan', { receiptId: id, code: `(00)${carton}` });
  assert.equal(!twice.ok && twice.error.code, 'CARTON_ALREADY_RECEIVED');
  assert.equal(lineOf(value<ReceiptDetail>(await call('receiving.detail', { receiptId: id })), rice.sku).received, 12);
  // Nothing moved in the ledger before closing.
  assert.equal(ledgerFootprint(core).movements, 0);
  core.close();
});

test('an unexpected item is refused but reported; over-receipt is checked against the tolerance', async () => {
  const { core, call } = await storeWithAsn();
  const { id } = value<ReceiptDetail>(await call('receiving.open', { asnId: 'ASN-1' }));
  const unexpected = await call('receiving.scan', { receiptId: id, code: soap.code });
  assert.equal(!unexpected.ok && unexpected.error.code, 'UNEXPECTED_ITEM');
  const unknown = await call('receiving.scan', { receiptId: id, code: '8412345999994' });
  assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_BARCODE');
  const receipt = value<ReceiptDetail>(await call('receiving.detail', { receiptId: id }));
  assert.deepEqual(receipt.unexpected.map((u) => [u.code, u.sku, u.qty]), [['8412345999994', null, 1], [soap.sku, soap.sku, 1]]);
  assert.equal(receipt.lines.find((l) => l.sku === soap.sku), undefined);

  // The default tolerance is 0 %: the 11th oil of 10 is refused, and adds nothing.
  value(await call('receiving.scan', { receiptId: id, code: `(01)${oil.gtin14}(30)10` }));
  const over = await call('receiving.scan', { receiptId: id, code: oil.code });
  assert.equal(!over.ok && over.error.code, 'OVER_RECEIPT');
  assert.equal(lineOf(value<ReceiptDetail>(await call('receiving.detail', { receiptId: id })), oil.sku).received, 10);

  // HQ's 10 % override (read when checking, not when the receipt opened) lets one more in.
  const { db, catalog, movements, locations } = core.services;
  const tolerant = createReceivingService({ db, catalog, movements, locations, tolerances: { current: () => ({ overReceiptPct: 10, countVarianceUnits: 2, countVariancePct: 5 }) } });
  assert.equal(lineOf(tolerant.scan(id, oil.code, null).receipt, oil.sku).received, 11);
  assert.throws(() => tolerant.scan(id, oil.code, null), /more than the 11/);
  core.close();
});

test('a paused receipt takes no scans and cannot close until resumed', async () => {
  const { core, call } = await storeWithAsn();
  const { id } = value<ReceiptDetail>(await call('receiving.open', { asnId: 'ASN-1' }));
  value(await call('receiving.scan', { receiptId: id, code: oil.code }));
  assert.equal(value<ReceiptDetail>(await call('receiving.pause', { receiptId: id })).state, 'paused');
  const scan = await call('receiving.scan', { receiptId: id, code: oil.code });
  assert.equal(!scan.ok && scan.error.code, 'TRANSITION_REFUSED');
  const close = await call('receiving.close', { receiptId: id, packingSlip: 'PS-1' });
  assert.equal(!close.ok && close.error.code, 'TRANSITION_REFUSED');
  assert.deepEqual(value<ReceivingList>(await call('receiving.list', {})).receipts.map((r) => [r.state, r.received]), [['paused', 1]]);
  // Another member carries on where Ana paused.
  value(await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo }));
  const resumed = value<ReceiptDetail>(await call('receiving.resume', { receiptId: id }));
  assert.deepEqual([resumed.state, resumed.owner, lineOf(resumed, oil.sku).received], ['open', 'ana', 1]);
  value(await call('receiving.scan', { receiptId: id, code: oil.code }));
  assert.equal(lineOf(value<ReceiptDetail>(await call('receiving.detail', { receiptId: id })), oil.sku).received, 2);
  core.close();
});

test('closing posts supplier movements dated now, with batch and expiry, and one receipt.closed outbox event with the differences', async () => {
  const { core, call } = await storeWithAsn();
  const { id } = value<ReceiptDetail>(await call('receiving.open', { asnId: 'ASN-1' }));
  const expiry = labelDay(200);
  value(await call('receiving.scan', { receiptId: id, code: `(01)${oil.gtin14}(17)${expiry.yymmdd}(10)LOT42(30)7` }));
  value(await call('receiving.scan', { receiptId: id, code: oil.code }));
  const refused = await call('receiving.scan', { receiptId: id, code: soap.code });
  assert.equal(!refused.ok && refused.error.code, 'UNEXPECTED_ITEM');
  const before = Date.now();
  const closed = value<ReceiptDetail>(await call('receiving.close', { receiptId: id, packingSlip: 'ALB-2231' }));
  assert.deepEqual([closed.state, closed.packingSlip, closed.location], ['closed', 'ALB-2231', 'back_room']);

  const moved = core.services.db.prepare("SELECT sku, qty, from_loc, to_loc, reason, ref, batch, expiry, at FROM movements ORDER BY seq").all() as Record<string, unknown>[];
  assert.deepEqual(
    moved.map((m) => [m.sku, m.qty, m.from_loc, m.to_loc, m.reason, m.ref, m.batch, m.expiry]),
    [
      [oil.sku, 1, 'supplier', 'back_room', 'receipt', id, null, null],
      [oil.sku, 7, 'supplier', 'back_room', 'receipt', id, 'LOT42', expiry.iso],
    ],
  );
  for (const m of moved) assert.ok(Date.parse(String(m.at)) >= before - 1000, 'dated now, not when the receipt opened');
  // A recall finds the batch on the movement.
  assert.equal(core.services.db.prepare("SELECT COUNT(*) FROM movements WHERE batch = 'LOT42'").pluck().get(), 1);

  const outbox = core.services.db.prepare('SELECT type, payload FROM outbox ORDER BY seq').all() as { type: string; payload: string }[];
  assert.deepEqual(outbox.map((o) => o.type), ['stock.movement', 'stock.movement', 'receipt.closed']);
  const difference = JSON.parse(outbox[2]!.payload);
  assert.deepEqual(
    { asnId: difference.asnId, packingSlip: difference.packingSlip, lines: difference.lines, unexpected: difference.unexpected },
    {
      asnId: 'ASN-1',
      packingSlip: 'ALB-2231',
      lines: [
        { sku: oil.sku, expected: 10, received: 8 },
        { sku: rice.sku, expected: 12, received: 0 },
      ],
      unexpected: [{ code: soap.sku, sku: soap.sku, qty: 1 }],
    },
  );
  // Exactly once: a closed receipt cannot close again, and its ASN cannot be received again.
  const again = await call('receiving.close', { receiptId: id, packingSlip: 'ALB-2231' });
  assert.equal(!again.ok && again.error.code, 'TRANSITION_REFUSED');
  const reopen = await call('receiving.open', { asnId: 'ASN-1' });
  assert.equal(!reopen.ok && reopen.error.code, 'ASN_ALREADY_RECEIVED');
  assert.equal(ledgerFootprint(core).outbox, 3);
  assert.deepEqual(core.services.levels.summary(oil.sku).byLocation.find((l) => l.location === 'back_room')?.qty, 8);
  core.close();
});

test('receiving without an ASN needs a manager: an associate is refused until a manager approves that one call', async () => {
  const { core, call } = await storeWithAsn();
  const refused = await call('receiving.open', { supplier: 'Mercado local' });
  assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');
  assert.equal(!refused.ok && refused.error.details?.need, 'manager');
  const receipt = value<ReceiptDetail>(await call('receiving.open', { supplier: 'Mercado local' }, { staffId: 'marta', pin: staffPins.marta }));
  assert.deepEqual([receipt.asnId, receipt.owner, receipt.approvedBy, receipt.lines.length], [null, 'ana', 'marta', 0]);
  // Without an ASN, any product of the catalog is taken: the line appears with nothing expected.
  const scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: receipt.id, code: soap.code }));
  assert.deepEqual(scan.receipt.lines.map((l) => [l.sku, l.expected, l.received]), [[soap.sku, 0, 1]]);
  value(await call('receiving.close', { receiptId: receipt.id, packingSlip: 'T-9', location: 'sales_floor' }));
  const difference = JSON.parse(core.services.db.prepare("SELECT payload FROM outbox WHERE type = 'receipt.closed'").pluck().get() as string);
  assert.deepEqual([difference.asnId, difference.location, difference.lines], [null, 'sales_floor', [{ sku: soap.sku, expected: 0, received: 1 }]]);
  core.close();
});

test('a short-dated label warns at receiving by its category\'s days (3 unless HQ set the category)', async () => {
  const { core, call } = await storeWithAsn();
  const { id } = value<ReceiptDetail>(await call('receiving.open', { asnId: 'ASN-1' }));
  const inTwo = labelDay(2);
  const inSeven = labelDay(7);
  let scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: id, code: `(01)${oil.gtin14}(17)${inTwo.yymmdd}(10)A1` }));
  assert.deepEqual(scan.shortDated, { expiry: inTwo.iso, daysLeft: 2, ai: '17' });
  scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: id, code: `(01)${oil.gtin14}(17)${inSeven.yymmdd}(10)A2` }));
  assert.equal(scan.shortDated, undefined);
  // HQ sets the category (catalog messages carry it): 7 days out is now short-dated.
  const applier = createStreamApplier(core.services.db, createSyncState(core.services.db), core.services);
  core.services.db.transaction(() =>
    applier.apply(downStreamMessage.parse({ v: 1, id: 'cat-1', at: new Date().toISOString(), dseq: 2, type: 'catalog.delta', version: 1, products: [], categories: [{ category: 'Test', shortDatedDays: 10 }] })),
  )();
  scan = value<ReceivingScan>(await call('receiving.scan', { receiptId: id, code: `(01)${oil.gtin14}(17)${inSeven.yymmdd}(10)A3` }));
  assert.deepEqual(scan.shortDated, { expiry: inSeven.iso, daysLeft: 7, ai: '17' });
  assert.deepEqual(lineOf(scan.receipt, oil.sku).lots.map((l) => [l.batch, l.expiry, l.qty]), [
    ['A1', inTwo.iso, 1],
    ['A2', inSeven.iso, 1],
    ['A3', inSeven.iso, 1],
  ]);
  core.close();
});
