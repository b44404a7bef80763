import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoMakeup, demoProduct, weighedGoods } from '../../../main/demo/demo-catalog';
import { demoCatalogSize } from '../../../main/demo/demo-store';

const catalog = Array.from({ length: demoCatalogSize }, (_, i) => ({ index: i + 1, makeup: demoMakeup(i + 1), product: demoProduct(i + 1).product }));

test('each brand belongs to one kind of shop: no LED bulb from a food brand, no food from an electronics brand', () => {
  const categoriesOf = new Map<string, Set<string>>();
  for (const { product } of catalog) {
    if (product.brand === 'Marca Mostrador') continue; // the store's own brand spans the grocery aisles
    categoriesOf.set(product.brand, (categoriesOf.get(product.brand) ?? new Set()).add(product.category));
  }
  for (const [brand, categories] of categoriesOf) {
    // An electronics brand may make light bulbs: the one crossing allowed.
    const allowed = brand === 'Voltix' ? ['Electrónica', 'Hogar'] : [...categories].slice(0, 1);
    assert.ok([...categories].every((c) => allowed.includes(c)), `${brand} sells in ${[...categories].join(', ')}`);
  }
  const bulbs = catalog.filter(({ product }) => product.name.startsWith('Bombilla'));
  assert.ok(bulbs.length > 0);
  assert.ok(bulbs.every(({ product }) => product.category === 'Hogar' && ['Voltix', 'Lumen'].includes(product.brand)));
});

test('sizes say what they hold: kitchen paper in rolls, pasta by weight, drinks by volume', () => {
  for (const { product, makeup } of catalog) {
    if (makeup.kind === 'Papel de cocina') assert.match(product.name, /rollos$/);
    if (makeup.kind === 'Pasta') assert.equal(makeup.size.unit, 'kg', product.name);
    if (makeup.category === 'Bebidas') assert.equal(makeup.size.unit, 'l', product.name);
  }
});

test('one product costs the same per kg, l or unit in every pack size, within the shelf price rounding', () => {
  const perUnit = new Map<string, number[]>();
  for (const { product, makeup } of catalog) {
    const key = `${makeup.brand}|${makeup.kind}|${makeup.variant}`;
    perUnit.set(key, [...(perUnit.get(key) ?? []), product.priceCents / makeup.size.content]);
  }
  let compared = 0;
  for (const [key, prices] of perUnit) {
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    if (low === high) continue;
    compared++;
    // A 75 ml tube rounds to the nearest 10 cents: at most 10 cents over its content apart.
    assert.ok(high / low < 1.15, `${key}: ${low.toFixed(0)}–${high.toFixed(0)} cents per unit`);
  }
  assert.ok(compared > 20, 'several products come in more than one size');
});

test('a grocery has its staples: milk, eggs and bread are in the demo catalog, at staple VAT', () => {
  for (const staple of ['Leche', 'Huevos', 'Pan de molde']) {
    const found = catalog.filter(({ product }) => product.name.startsWith(staple));
    assert.ok(found.length > 0, `${staple} is in the catalog`);
    assert.ok(found.every(({ product }) => product.taxRateBp === 400), `${staple} at 4 % VAT`);
  }
});

test('weighed fresh goods are priced per kg at plausible prices', () => {
  for (const item of weighedGoods) assert.ok(item.perKgCents >= 100 && item.perKgCents <= 3000, `${item.name}: ${item.perKgCents} per kg`);
});
