import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ProductHit } from '../../../main/api/types';
import { createCatalogStore } from '../../../main/catalog/catalog-store';
import type { Store } from '../../../main/compose-store';
import { migrations } from '../../../main/kernel/db/migrations';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { tempDir } from '../../helpers/temp-dir';
import { openSmallStore, smallCatalog, value } from '../../helpers/small-store';

let core: Store;
before(async () => {
  core = await openSmallStore();
  await core.api.call({ name: 'session.signIn', input: { staffId: 'ana', pin: '1111' } });
});
after(() => core.close());

const skus = async (text: string): Promise<string[]> =>
  value<ProductHit[]>(await core.api.call({ name: 'catalog.search', input: { text, limit: 20 } })).map((hit) => hit.sku);

test('a partial name finds its product whatever the case and accents', async () => {
  assert.deepEqual(await skus('jabon'), ['SKU-SOAP'], 'no accent typed, "Jabón" found');
  assert.deepEqual(await skus('JAB'), ['SKU-SOAP'], 'upper-case prefix');
  assert.deepEqual(await skus('j'), ['SKU-SOAP'], 'a one-letter prefix');
  assert.deepEqual(await skus('ace vir'), ['SKU-OIL'], 'every word is a prefix of some word');
  assert.deepEqual(await skus('anil'), ['SKU-SOAP'], 'the brand too ("Añil")');
  assert.deepEqual(await skus('jabon arroz'), [], 'words are ANDed');
});

test('a partial SKU finds its product', async () => {
  assert.deepEqual(await skus('sku-ri'), ['SKU-RICE']);
  assert.deepEqual((await skus('SKU')).sort(), ['SKU-OIL', 'SKU-RICE', 'SKU-SOAP']);
});

test('a partial barcode finds its product, as printed (EAN-13) or as stored (GTIN-14)', async () => {
  const rice = smallCatalog[1].gtin13;
  assert.deepEqual(await skus(rice.slice(0, 12)), ['SKU-RICE'], 'the first 12 digits of the EAN-13');
  assert.deepEqual(await skus(rice), ['SKU-RICE'], 'the whole EAN-13');
  assert.deepEqual(await skus(`0${rice}`), ['SKU-RICE'], 'the GTIN-14');
  assert.deepEqual((await skus('8412345')).sort(), ['SKU-OIL', 'SKU-RICE', 'SKU-SOAP'], 'a shared prefix finds each');
  const [hit] = value<ProductHit[]>(await core.api.call({ name: 'catalog.search', input: { text: rice.slice(0, 12) } }));
  assert.equal(hit!.primaryBarcode, `0${rice}`, 'the hit names the code that matched');
});

test('search syntax in the input is only text', async () => {
  for (const text of ['" OR * NEAR(', 'AND', '-', '^jab', 'sku:oil', '%', '_']) {
    const result = await core.api.call({ name: 'catalog.search', input: { text } });
    assert.equal(result.ok, true, `${JSON.stringify(text)}: ${result.ok ? '' : result.error.message}`);
  }
});

test('the index follows the catalog: a renamed product is found by its new name only, an inactive one not at all', async () => {
  const { catalog } = core.services;
  catalog.upsertProducts([
    { sku: 'SKU-RICE', name: 'Arroz redondo 1 kg', brand: 'La Huerta', category: 'Test', unit: 'each', priceCents: 499, taxRateBp: 1000, active: true },
    { sku: 'SKU-NEW', name: 'Café en grano 500 g', brand: 'Nórdica', category: 'Test', unit: 'each', priceCents: 799, taxRateBp: 1000, active: true },
  ], [{ code: '08412345000041', sku: 'SKU-NEW', kind: 'gtin' }]);
  assert.deepEqual(await skus('bomba'), [], 'the old name is gone from the index');
  assert.deepEqual(await skus('redon'), ['SKU-RICE']);
  assert.deepEqual(await skus('cafe gra'), ['SKU-NEW'], 'a product added later');
  assert.deepEqual(await skus('841234500004'), ['SKU-NEW'], 'with its barcode');
  catalog.deactivate('SKU-NEW');
  assert.deepEqual(await skus('cafe'), [], 'inactive products are not offered');
  assert.deepEqual(await skus('841234500004'), []);
});

test('a store upgraded to the search-as-you-type index finds the products it already had, by partial SKU too', () => {
  const file = join(tempDir(), 'upgraded.sqlite');
  const older = openLedger(file, { migrations: migrations.filter((m) => m.version < 15) });
  // Written as that schema stood (today's catalog service expects tables later migrations add).
  older.prepare("INSERT INTO products (sku, name, brand, category, unit, price_cents, tax_rate_bp) VALUES ('OLD-7', 'Turrón de Jijona', 'Añil', 'Test', 'each', 899, 1000)").run();
  older.prepare("INSERT INTO barcodes (code, sku, kind) VALUES ('08412345000058', 'OLD-7', 'gtin')").run();
  older.close();
  const upgraded = openLedger(file);
  const catalog = createCatalogStore(upgraded);
  assert.deepEqual(catalog.search('turron').map((hit) => hit.sku), ['OLD-7'], 'the old index rebuilt with the new one');
  assert.deepEqual(catalog.search('old-').map((hit) => hit.sku), ['OLD-7'], 'SKUs are indexed now');
  upgraded.close();
});
