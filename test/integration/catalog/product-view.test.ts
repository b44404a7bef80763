import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MovementInfo, PriceSchedule } from '../../../main/api/types';
import type { Store } from '../../../main/compose-store';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';

let core: Store;
let call: ReturnType<typeof caller>;
before(async () => {
  core = await openSmallStore();
  call = caller(core);
  await core.api.call({ name: 'session.signIn', input: { staffId: 'marta', pin: staffPins.marta } });
});
after(() => core.close());

test('movement history pages by seq: each page starts below the last one shown, none repeated or skipped', async () => {
  for (let i = 0; i < 7; i++) value(await call('stock.receive', { sku: 'SKU-OIL', qty: 1 + i }));
  value(await call('stock.receive', { sku: 'SKU-RICE', qty: 1 }));
  const seen: number[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = value<MovementInfo[]>(await call('stock.history', { sku: 'SKU-OIL', limit: 3, ...(beforeSeq ? { beforeSeq } : {}) }));
    seen.push(...page.map((m) => m.qty));
    if (page.length < 3) break;
    beforeSeq = page.at(-1)!.seq;
  }
  assert.deepEqual(seen, [7, 6, 5, 4, 3, 2, 1], 'newest first, every movement once, the other SKU not at all');
});

test('the price schedule names the price in force and the next change with when it takes effect', async () => {
  const none = value<PriceSchedule>(await call('pricing.schedule', { sku: 'SKU-OIL' }));
  assert.deepEqual(none, { sku: 'SKU-OIL', currentCents: 499, promotion: null, next: null });
  const soon = new Date(Date.now() + 86_400_000).toISOString();
  const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
  core.services.pricing.queue(2, [{ sku: 'SKU-OIL', priceCents: 599 }], later);
  core.services.pricing.queue(3, [{ sku: 'SKU-OIL', priceCents: 549 }], soon);
  const next = value<PriceSchedule>(await call('pricing.schedule', { sku: 'SKU-OIL' }));
  assert.deepEqual(next, { sku: 'SKU-OIL', currentCents: 499, promotion: null, next: { priceCents: 549, effectiveAt: soon, promotion: null } }, 'the earliest pending change');
  const unknown = await call('pricing.schedule', { sku: 'NOPE' });
  assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_SKU');
});

test('incoming counts what open ASNs still bring and what other stores shipped here, until each is received', async () => {
  const incoming = async () => value<{ incoming: number }>(await call('stock.incoming', { sku: 'SKU-RICE' })).incoming;
  assert.equal(await incoming(), 0, 'nothing expected yet');
  const { receiving, transfers } = core.services;
  core.services.db.transaction(() => receiving.acceptAsn({ asnId: 'ASN-IN', supplier: 'Arroces', expectedAt: new Date().toISOString(), lines: [{ sku: 'SKU-RICE', qty: 10 }], cartons: [] }))();
  assert.equal(await incoming(), 10, "HQ's expected delivery");
  core.services.db.transaction(() =>
    transfers.incomingFromHq({ transferId: 'T-IN-1', from: 'store-2', to: 'test-store', shippedAt: new Date().toISOString(), shippedBy: 'eva', lines: [{ sku: 'SKU-RICE', qty: 4 }] }),
  )();
  assert.equal(await incoming(), 14, 'and a transfer shipped here');

  const receipt = value<{ id: string }>(await call('receiving.open', { asnId: 'ASN-IN' }));
  const rice = core.services.catalog.product('SKU-RICE')!;
  const code = rice.barcodes[0]!;
  for (let i = 0; i < 3; i++) value(await call('receiving.scan', { receiptId: receipt.id, code }));
  assert.equal(await incoming(), 11, 'three of the delivery scanned in');
  value(await call('receiving.close', { receiptId: receipt.id, packingSlip: 'PS-1' }));
  assert.equal(await incoming(), 4, 'a closed receipt brings nothing more, short or not');
  value(await call('transfers.receive', { transferId: 'T-IN-1', receiptId: 'RCPT-IN-0001', lines: [{ sku: 'SKU-RICE', received: 3, damaged: 1, lost: 0 }] }));
  assert.equal(await incoming(), 0, 'the transfer received');
});
