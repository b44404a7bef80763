import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Gs1DataRead } from '../../../main/api/types';
import { defaultShortDatedDays, shortDated } from '../../../main/catalog/shelf-life';
import { openSmallStore, smallCatalog } from '../../helpers/small-store';
import { clerk, receiveOrder, stockUp } from '../../helpers/order-fixtures';

const gtin14 = (sku: string) => `0${smallCatalog.find((p) => p.sku === sku)!.gtin13}`;
const yymmdd = (at: Date) => [at.getFullYear() % 100, at.getMonth() + 1, at.getDate()].map((n) => String(n).padStart(2, '0')).join('');
const inDays = (days: number) => {
  const at = new Date();
  at.setDate(at.getDate() + days);
  return at;
};

test('shelf life: within 3 days of the use-by (or best-before) day is short-dated, expired counts negative', () => {
  const today = new Date(2026, 10, 29, 18, 0); // local time, as the store's clock
  const label = (ai: string, date: string): Gs1DataRead[] => [{ ai, title: '', value: '', date }];
  assert.equal(defaultShortDatedDays, 3);
  assert.deepEqual(shortDated(label('17', '2026-12-02'), today), { expiry: '2026-12-02', daysLeft: 3, ai: '17' });
  assert.equal(shortDated(label('17', '2026-12-03'), today), null);
  assert.deepEqual(shortDated(label('15', '2026-11-29'), today), { expiry: '2026-11-29', daysLeft: 0, ai: '15' });
  assert.deepEqual(shortDated(label('17', '2026-11-28'), today), { expiry: '2026-11-28', daysLeft: -1, ai: '17' });
  assert.equal(shortDated([{ ai: '10', title: '', value: 'LOT' }], today), null);
  assert.equal(shortDated(undefined, today), null);
});

test('picking a short-dated pack from its GS1 DataMatrix picks it and warns; a fresh one does not', async () => {
  const core = await openSmallStore();
  const { orders } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-7', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 2 }]);
  orders.accept('W-7', clerk);

  const soon = orders.pick('W-7', { text: `01${gtin14('SKU-OIL')}17${yymmdd(inDays(1))}10LOT-A`, symbology: 'GS1 DataMatrix' }, clerk);
  assert.equal(soon.shortDated?.ai, '17');
  assert.ok(soon.shortDated.daysLeft >= 0 && soon.shortDated.daysLeft <= 2, JSON.stringify(soon.shortDated));
  assert.equal(soon.order.lines[0]!.picked, 1, 'warned, not refused');

  const fresh = orders.pick('W-7', { text: `01${gtin14('SKU-OIL')}17${yymmdd(inDays(30))}10LOT-B`, symbology: 'GS1 DataMatrix' }, clerk);
  assert.equal('shortDated' in fresh, false);
  assert.equal(fresh.order.lines[0]!.picked, 2);
  core.close();
});

test('picking reads the same per-category short-date days as receiving: a category HQ set to 10 days warns at 7', async () => {
  const core = await openSmallStore();
  const { orders, catalog } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-8', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 2 }]);
  orders.accept('W-8', clerk);
  const week = { text: `01${gtin14('SKU-OIL')}17${yymmdd(inDays(7))}10LOT-C`, symbology: 'GS1 DataMatrix' };
  assert.equal('shortDated' in orders.pick('W-8', week, clerk), false, '3 days by default');
  catalog.setCategorySettings([{ category: 'Test', shortDatedDays: 10 }]);
  assert.equal(catalog.shortDatedDays('Test'), 10);
  assert.equal(orders.pick('W-8', week, clerk).shortDated?.daysLeft, 7);
  core.close();
});

test('the batch and expiry of each picked pack go on the handover movement, so a recall finds who took which batch', async () => {
  const core = await openSmallStore();
  const { orders, db } = core.services;
  stockUp(core);
  receiveOrder(core, 'W-9', [{ lineId: 'L1', sku: 'SKU-OIL', qty: 3 }]);
  orders.accept('W-9', clerk);
  const expiry = inDays(40);
  const iso = `${expiry.getFullYear()}-${String(expiry.getMonth() + 1).padStart(2, '0')}-${String(expiry.getDate()).padStart(2, '0')}`;
  for (let i = 0; i < 2; i++) orders.pick('W-9', { text: `01${gtin14('SKU-OIL')}17${yymmdd(expiry)}10LOT-R`, symbology: 'GS1 DataMatrix' }, clerk);
  orders.pick('W-9', smallCatalog.find((p) => p.sku === 'SKU-OIL')!.gtin13, clerk);
  orders.ready('W-9', clerk);
  orders.handover('W-9', { verificationCode: '4821' }, clerk);
  const handed = db.prepare("SELECT qty, batch, expiry FROM movements WHERE reason = 'pickup-handover' ORDER BY seq").all();
  assert.deepEqual(handed, [
    { qty: 2, batch: 'LOT-R', expiry: iso },
    { qty: 1, batch: null, expiry: null },
  ]);
  core.close();
});
