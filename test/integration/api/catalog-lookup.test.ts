import assert from 'node:assert/strict';
import { before, after, test } from 'node:test';
import { join } from 'node:path';
import type { LookupResult, ProductHit } from '../../../main/api/types';
import { makeVariableMeasure } from '../../../drivers/barcode/variable-measure';
import { demoCaseGtin14, demoGtin13, demoSku } from '../../../main/demo/demo-catalog';
import { demoLayouts, freshSku } from '../../../main/demo/demo-variable-measure';
import { composeStore, type Store } from '../../../main/compose-store';
import { tempDir } from '../../helpers/temp-dir';
import { value } from '../../helpers/small-store';

let core: Store;
before(async () => {
  core = await composeStore({ dbPath: join(tempDir(), 'demo.sqlite'), store: 'demo-store', station: 'counter-1', demo: true });
  await core.api.call({ name: 'session.signIn', input: { staffId: 'ana', pin: '1111' } });
});
after(() => core.close());

const lookup = (code: string) => core.api.call({ name: 'catalog.lookup', input: { code } });

test('a product is found by any of its barcodes, by SKU, and with its stock', async () => {
  const byEan = value<LookupResult>(await lookup(demoGtin13(10)));
  assert.equal(byEan.product.sku, demoSku(10));
  assert.equal(byEan.matchedBy, 'gtin');
  const byCase = value<LookupResult>(await lookup(demoCaseGtin14(10)));
  assert.equal(byCase.product.sku, demoSku(10), 'the case GTIN-14 finds the same product');
  const bySku = value<LookupResult>(await lookup(demoSku(10)));
  assert.equal(bySku.matchedBy, 'sku');
  const byInternal = value<LookupResult>(await lookup('M50'));
  assert.deepEqual([byInternal.product.sku, byInternal.matchedBy], [demoSku(50), 'internal']);
  assert.equal(byEan.stock.sku, demoSku(10));
  assert.ok(byEan.stock.byLocation.some((l) => l.location === 'sales_floor'));
});

test('a variable-measure label finds its weighed product and carries the embedded weight or price', async () => {
  const weight = demoLayouts.find((l) => l.kind === 'weight')!;
  const price = demoLayouts.find((l) => l.kind === 'price')!;
  const byWeight = value<LookupResult>(await lookup(makeVariableMeasure(weight, '00100', 1234)));
  assert.deepEqual([byWeight.product.sku, byWeight.matchedBy], [freshSku(1), 'variable-measure']);
  assert.deepEqual(byWeight.embedded, { kind: 'weight', value: 1234 });
  const byPrice = value<LookupResult>(await lookup(makeVariableMeasure(price, '00101', 350)));
  assert.deepEqual([byPrice.product.sku, byPrice.embedded], [freshSku(2), { kind: 'price', value: 350 }]);
});

test('unknown and malformed codes are told apart, with the code in the message', async () => {
  const unknown = await lookup('4006381333931');
  assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_BARCODE');
  assert.match(!unknown.ok ? unknown.error.message : '', /4006381333931/);
  const badCheck = await lookup('8400000000018');
  assert.equal(!badCheck.ok && badCheck.error.code, 'MISREAD_BARCODE');
  const control = await lookup('84000\u001b00000017');
  assert.equal(!control.ok && control.error.code, 'MALFORMED_BARCODE');
  const empty = await lookup('   ');
  assert.equal(!empty.ok && empty.error.code, 'MALFORMED_BARCODE');
});

test('a GS1 string that fails its checks is refused as a misread, never looked up as a store code', async () => {
  // AI 01 with a wrong check digit, no AIM identifier, no GS; even a product keyed by those digits is not it.
  const misread = '0109501101530004';
  core.services.catalog.upsertProducts([], [{ code: misread, sku: demoSku(3), kind: 'internal' }]);
  const result = await lookup(misread);
  assert.equal(!result.ok && result.error.code, 'MISREAD_BARCODE');
  assert.match(!result.ok ? result.error.message : '', /scan it again/);
  assert.equal(!result.ok && result.error.details?.code, misread);
});

test('a GS1 DataMatrix with no GS in its data is found by its GTIN, with its expiry and batch kept', async () => {
  const gtin14 = `0${demoGtin13(12)}`;
  const text = `01${gtin14}17271231` + '10LOT-42';
  const found = value<LookupResult>(await core.api.call({ name: 'catalog.lookup', input: { code: text, symbology: 'GS1 DataMatrix' } }));
  assert.deepEqual([found.product.sku, found.matchedBy], [demoSku(12), 'gtin']);
  assert.deepEqual(
    found.gs1?.map((e) => [e.ai, e.value, e.date ?? null]),
    [
      ['01', gtin14, null],
      ['17', '271231', '2027-12-31'],
      ['10', 'LOT-42', null],
    ],
  );
  // Data without its key up front is GS1 only by its symbology: with it, never a store code.
  const keyless = await core.api.call({ name: 'catalog.lookup', input: { code: '1727123110LOT-42', symbology: 'GS1 DataMatrix' } });
  assert.equal(!keyless.ok && keyless.error.code, 'MALFORMED_BARCODE');
});

test('name search ignores accents and case, and treats search syntax as text', async () => {
  const hits = value<ProductHit[]>(await core.api.call({ name: 'catalog.search', input: { text: 'CHAMPU', limit: 5 } }));
  assert.ok(hits.length > 0);
  for (const hit of hits) assert.match(hit.name, /champú/i);
  const odd = await core.api.call({ name: 'catalog.search', input: { text: '" OR * NEAR(' } });
  assert.equal(odd.ok, true, 'search syntax in user input is just text');
});
