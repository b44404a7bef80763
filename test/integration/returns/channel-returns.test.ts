import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ChannelReturnInfo } from '../../../main/api/types';
import type { Store } from '../../../main/compose-store';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { startVirtualTcpPrinter } from '../../../drivers/printer/virtual-printer';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { chain, fastLink, linkedSmallStore, startHq } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// Returns from any channel (issue 16): two real stores on one Mosquitto with the HQ simulator,
// which holds the orders it sold and counts their returned units for the whole chain.

let broker: Mosquitto;
let hq: HqSimulator;
let north: Store;
let south: Store;

before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url, { refundSettleMs: 300 });
  north = (await linkedSmallStore({ url: broker.url, chain, store: 'store-north', station: 'counter-1', ...fastLink }, {}, join(tempDir(), 'north.sqlite'))).core;
  south = (await linkedSmallStore({ url: broker.url, chain, store: 'store-south', station: 'counter-1', ...fastLink }, {}, join(tempDir(), 'south.sqlite'))).core;
  await waitUntil(() => [north.services.hq.status()?.state, south.services.hq.status()?.state], (s) => s.every((x) => x === 'online'), { what: 'both stores online' });
});
after(async () => {
  await north?.close();
  await south?.close();
  await hq?.stop();
  await broker?.dispose();
});

let orderSeq = 0;
function soldHome(lines: { sku: string; qty: number; unitPriceCents: number }[]) {
  const orderId = `WEB-${process.pid}-${++orderSeq}`;
  hq.addSoldOrder({
    orderId,
    channel: 'home-delivery',
    store: null,
    customer: { name: `Lucía Ferrer ${orderSeq}`, phone: `+34 600 000 ${String(orderSeq).padStart(3, '0')}` },
    deliveredAt: new Date().toISOString(),
    payment: 'card-online',
    lines: lines.map((l, i) => ({ lineId: `l${i + 1}`, name: l.sku, taxRateBp: 2100, ...l })),
  });
  return orderId;
}

async function signedIn(core: Store, staffId: keyof typeof staffPins) {
  const call = caller(core);
  value(await call('session.signIn', { staffId, pin: staffPins[staffId] }));
  return call;
}

test('an order delivered home is found through HQ by QR, number, name or phone; a second return of the same unit at another store is refused chain-wide', async () => {
  const orderId = soldHome([{ sku: 'SKU-OIL', qty: 1, unitPriceCents: 1013 }]);
  const atNorth = await signedIn(north, 'pablo');
  const atSouth = await signedIn(south, 'pablo');
  for (const query of [`MOSTRADOR-ORDER:${orderId}`, orderId, `Lucía Ferrer ${orderSeq}`, `600 000 ${String(orderSeq).padStart(3, '0')}`]) {
    const found = value<{ reachable: boolean; orders: { orderId: string; lines: { returned: number; unitPriceCents: number }[] }[] }>(await atNorth('returns.lookup', { query }));
    assert.ok(found.reachable);
    assert.deepEqual(found.orders.map((o) => o.orderId), [orderId], query);
    assert.deepEqual(found.orders[0]!.lines.map((l) => [l.returned, l.unitPriceCents]), [[0, 1013]]);
  }
  const looked = (north.services.audit.recent(20) as { command: string; staff: string }[]).filter((e) => e.command === 'returns.lookup');
  assert.ok(looked.length >= 4 && looked.every((e) => e.staff === 'pablo'), 'every view of HQ\'s customer data is audited with who looked');
  const returned = value<ChannelReturnInfo>(await atNorth('returns.record', { offline: false, orderId, refundMethod: 'store-credit', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }] }));
  assert.equal(returned.state, 'settled');
  assert.equal(returned.amountCents, 1013);
  assert.match(returned.voucherId ?? '', /^V-/);
  assert.equal(north.services.levels.at('SKU-OIL', 'returns'), 1, 'the unit waits in the returns location');
  assert.equal(hq.soldOrder(orderId)!.lines[0]!.returned, 1);

  // The other store sees what was returned, and HQ refuses the same unit again.
  const seen = value<{ orders: { lines: { returned: number }[] }[] }>(await atSouth('returns.lookup', { query: orderId }));
  assert.equal(seen.orders[0]!.lines[0]!.returned, 1);
  const again = await atSouth('returns.record', { offline: false, orderId, refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }] });
  assert.equal(!again.ok && again.error.code, 'OVER_RETURN');
  assert.equal(south.services.levels.at('SKU-OIL', 'returns'), 0, 'nothing moved at the refusing store');

  // Two stores claiming the last unit at once: HQ counts one.
  const twoUnits = soldHome([{ sku: 'SKU-RICE', qty: 1, unitPriceCents: 250 }]);
  const both = await Promise.all([atNorth, atSouth].map((call) => call('returns.record', { offline: false, orderId: twoUnits, refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 1, reason: 'defective' }] })));
  assert.deepEqual(both.map((r) => r.ok).sort(), [false, true]);
  assert.equal(hq.soldOrder(twoUnits)!.lines[0]!.returned, 1);
});

test('refund methods: cash opens no drawer without a printer, store credit gets a voucher, the original payment is requested through HQ and shows refunded when HQ says so', async () => {
  const orderId = soldHome([
    { sku: 'SKU-OIL', qty: 2, unitPriceCents: 1013 },
    { sku: 'SKU-SOAP', qty: 1, unitPriceCents: 3449 },
  ]);
  const call = await signedIn(north, 'pablo');
  const cash = value<ChannelReturnInfo & { drawer: string | null }>(await call('returns.record', { offline: false, orderId, refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }] }));
  assert.equal(cash.drawer, 'not-opened', 'this store has no counter printer, so no drawer');
  assert.equal(cash.refundState, null);
  const online = value<ChannelReturnInfo>(await call('returns.record', { offline: false, orderId, refundMethod: 'original-payment', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }, { lineId: 'l2', qty: 1, reason: 'defective' }] }));
  assert.equal(online.amountCents, 1013 + 3449);
  assert.equal(online.refundState, 'requested');
  const shown = await waitUntil(
    async () => value<ChannelReturnInfo[]>(await call('returns.list', {})).find((r) => r.returnId === online.returnId)?.refundState,
    (state) => state === 'refunded',
    { what: 'the refund to show refunded' },
  );
  assert.equal(shown, 'refunded');
});

test('disposition: units in returns go to stock or to damaged with a reason, never more than came back', async () => {
  const orderId = soldHome([{ sku: 'SKU-RICE', qty: 3, unitPriceCents: 250 }]);
  const call = await signedIn(north, 'pablo');
  const before = { floor: north.services.levels.at('SKU-RICE', 'sales_floor'), damaged: north.services.levels.at('SKU-RICE', 'damaged') };
  const r = value<ChannelReturnInfo>(await call('returns.record', { offline: false, orderId, refundMethod: 'store-credit', lines: [{ lineId: 'l1', qty: 3, reason: 'defective' }] }));
  value(await call('returns.dispose', { returnId: r.returnId, lineId: 'l1', to: 'stock', qty: 2, reason: 'resellable' }));
  const after = value<ChannelReturnInfo>(await call('returns.dispose', { returnId: r.returnId, lineId: 'l1', to: 'damaged', qty: 1, reason: 'broken-seal' }));
  assert.deepEqual([after.lines[0]!.toStock, after.lines[0]!.toDamaged, after.lines[0]!.damageReason], [2, 1, 'broken-seal']);
  assert.equal(north.services.levels.at('SKU-RICE', 'sales_floor') - before.floor, 2);
  assert.equal(north.services.levels.at('SKU-RICE', 'damaged') - before.damaged, 1);
  const over = await call('returns.dispose', { returnId: r.returnId, lineId: 'l1', to: 'stock', qty: 1, reason: 'resellable' });
  assert.equal(!over.ok && over.error.code, 'INVALID_QUANTITY');
});

test('offline, a return is recorded against the scanned receipt with a manager\'s approval, and settles (or is refused) when HQ answers', async () => {
  const orderId = soldHome([{ sku: 'SKU-SOAP', qty: 1, unitPriceCents: 3449 }]);
  // Another store already took the unit back while this one is cut off.
  const atSouth = await signedIn(south, 'pablo');
  const doneElsewhere = soldHome([{ sku: 'SKU-OIL', qty: 1, unitPriceCents: 1013 }]);
  value(await atSouth('returns.record', { offline: false, orderId: doneElsewhere, refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }] }));

  await broker.stop();
  await waitUntil(() => north.services.hq.status()?.state, (s) => s !== 'online', { what: 'north offline' });
  const call = await signedIn(north, 'pablo');
  const refused = await call('returns.record', { offline: false, orderId, refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }] });
  assert.equal(!refused.ok && refused.error.code, 'HQ_UNREACHABLE');
  const input = { offline: true as const, orderId: `MOSTRADOR-ORDER:${orderId}`, refundMethod: 'cash' as const, lines: [{ sku: 'SKU-SOAP', qty: 1, reason: 'changed-mind' }] };
  const unapproved = await call('returns.record', input);
  assert.equal(!unapproved.ok && unapproved.error.details?.need, 'manager', 'offline needs a manager');
  const pending = value<ChannelReturnInfo>(await call('returns.record', input, { staffId: 'marta', pin: staffPins.marta }));
  assert.deepEqual([pending.state, pending.approvedBy, pending.orderId, pending.amountCents], ['pending-hq', 'marta', orderId, 0 + north.services.catalog.product('SKU-SOAP')!.priceCents]);
  const stale = value<ChannelReturnInfo>(
    await call('returns.record', { offline: true, orderId: doneElsewhere, refundMethod: 'store-credit', lines: [{ sku: 'SKU-OIL', qty: 1, reason: 'changed-mind' }] }, { staffId: 'marta', pin: staffPins.marta }),
  );
  assert.equal(north.services.levels.at('SKU-SOAP', 'returns') >= 1, true);

  await broker.start();
  const list = async () => value<ChannelReturnInfo[]>(await call('returns.list', {}));
  const settled = await waitUntil(list, (rs) => rs.every((r) => r.state !== 'pending-hq'), { what: 'the offline returns to settle', timeoutMs: 20_000 });
  assert.equal(settled.find((r) => r.returnId === pending.returnId)!.state, 'settled');
  assert.equal(settled.find((r) => r.returnId === pending.returnId)!.lines[0]!.lineId, 'l1', 'the scanned SKU took HQ\'s line');
  assert.equal(hq.soldOrder(orderId)!.lines[0]!.returned, 1);
  const over = settled.find((r) => r.returnId === stale.returnId)!;
  assert.equal(over.state, 'refused-by-hq', 'the unit another store took back is not counted twice');
  assert.match(over.hqReason ?? '', /over-return/);
  assert.equal(hq.soldOrder(doneElsewhere)!.lines[0]!.returned, 1);
});

test('a cash refund opens the counter printer\'s drawer once HQ counted the return', async () => {
  const printer = await startVirtualTcpPrinter();
  const east = await openSmallStore(join(tempDir(), 'east.sqlite'), { printing: true, hq: { link: { url: broker.url, chain, store: 'store-east', station: 'counter-1', ...fastLink } } });
  try {
    await waitUntil(() => east.services.hq.status()?.state, (s) => s === 'online', { what: 'east online' });
    const call = await signedIn(east, 'marta');
    value(await call('printing.configure', { printer: 'counter', settings: { connection: { type: 'tcp', host: printer.host, port: printer.port }, profile: 'epson-tm-t88vi' } }));
    const orderId = soldHome([{ sku: 'SKU-OIL', qty: 1, unitPriceCents: 1013 }]);
    const refused = await call('returns.record', { offline: false, orderId, refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 2, reason: 'changed-mind' }] });
    assert.equal(!refused.ok && refused.error.code, 'OVER_RETURN');
    // The refused return is the marker: it opened nothing, and the counted one opens the drawer once.
    const cash = value<ChannelReturnInfo & { drawer: string | null }>(await call('returns.record', { offline: false, orderId, refundMethod: 'cash', lines: [{ lineId: 'l1', qty: 1, reason: 'changed-mind' }] }));
    assert.equal(cash.drawer, 'opened');
    await waitUntil(() => printer.core.drawerKicks.length, (n) => n >= 1, { what: 'the drawer kick' });
    assert.equal(printer.core.drawerKicks.length, 1);
    // The cash paid out is on the station's end-of-day summary, once; the refused return paid nothing.
    const day = value<{ stations: { station: string; outCents: number; movements: { kind: string; amountCents: number; ref: string }[] }[] }>(await call('cash.endOfDay', {}));
    const counter = day.stations.find((s) => s.station === 'counter-1')!;
    assert.deepEqual(counter.movements.map((m) => [m.kind, m.amountCents, m.ref]), [['return-refunded', -1013, cash.returnId]]);
    assert.equal(counter.outCents, 1013);
  } finally {
    await east.close();
    await printer.close();
  }
});
