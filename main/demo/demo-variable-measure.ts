import type { BarcodeRecord, ProductRecord } from '../catalog/catalog-store';
import type { VariableMeasureLayout } from '../../drivers/barcode/variable-measure';

/** Prefix 21 carries a weight in grams, 22 a price in cents (5 item digits, 5 value digits). */
export const demoLayouts: VariableMeasureLayout[] = [
  { prefix: '21', itemDigits: 5, valueDigits: 5, kind: 'weight' },
  { prefix: '22', itemDigits: 5, valueDigits: 5, kind: 'price' },
];

export const freshSku = (index: number) => `MS-F${String(index).padStart(4, '0')}`;

/** Weighed fresh goods: each has a weight and a price item code, keyed as prefix + item digits. */
export function demoVariableMeasure(goods: readonly { name: string; perKgCents: number; taxRateBp: number }[]) {
  const products: ProductRecord[] = goods.map(({ name, perKgCents, taxRateBp }, i) => ({
    sku: freshSku(i + 1),
    name,
    brand: 'Mercado',
    category: 'Frescos',
    unit: 'g',
    priceCents: perKgCents, // per kilogram
    taxRateBp,
    active: true,
  }));
  const barcodes: BarcodeRecord[] = products.flatMap((p, i) => {
    const item = String(100 + i).padStart(5, '0');
    return demoLayouts.map((l) => ({ code: `${l.prefix}${item}`, sku: p.sku, kind: 'variable-measure' as const }));
  });
  return { layouts: demoLayouts, products, barcodes };
}
