import { CsvError, parse } from 'csv-parse/sync';
import type { ImportLineError, LocationInfo, ProductUnit } from '../api/types';
import type { BarcodeRecord, ProductRecord } from '../catalog/catalog-store';
import { interpretCode } from '../../drivers/barcode/scan';

// The CSV a store without HQ's feed imports its catalog and stock from
// (docs/deploy.md, "Importing catalog and stock from CSV"). One line per
// product and location; a product stocked in two locations has two lines
// that agree on its fields. Pure: text in, products, stock lines and
// per-line errors out.

export const importColumns = ['sku', 'name', 'brand', 'category', 'unit', 'price', 'vat', 'gtins', 'location', 'qty', 'shelf', 'content'] as const;
export type ImportColumn = (typeof importColumns)[number];
const requiredColumns: readonly ImportColumn[] = ['sku', 'name', 'unit', 'price'];

/** The bad lines a report lists; the count of all of them is always given. */
export const maxListedErrors = 500;

export interface StockLine {
  line: number;
  sku: string;
  location: string;
  qty: number;
}

export interface ImportLines {
  /** Data lines read, the header not counted. */
  lines: number;
  /** The products of good lines, by SKU, with their barcodes. */
  products: Map<string, { product: ProductRecord; barcodes: Omit<BarcodeRecord, 'sku'>[] }>;
  stock: StockLine[];
  /** Lines with at least one error (each listed error names its line). */
  badLines: Set<number>;
  errors: ImportLineError[];
}

const isColumn = (name: string): name is ImportColumn => (importColumns as readonly string[]).includes(name);

/** "12.5", "12,50" or "1234": a decimal with at most `decimals` places, as an integer scaled by 10^decimals; null if not one. */
function scaledDecimal(text: string, decimals: number): number | null {
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  return Number(match[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
}

export function readImportCsv(text: string, locations: Map<string, LocationInfo>): ImportLines {
  const result: ImportLines = { lines: 0, products: new Map(), stock: [], badLines: new Set(), errors: [] };
  const bad = (line: number, field: string, reason: string, value?: string) => {
    result.badLines.add(line);
    result.errors.push(value === undefined ? { line, field, reason } : { line, field, reason, value: value.slice(0, 80) });
  };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: [',', ';'],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // A broken quote makes every later line unreadable: the file is one error until fixed.
    bad((error as CsvError & { lines?: number }).lines ?? 1, 'line', 'csv-syntax', error.code);
    return result;
  }
  const [header, ...rows] = records;
  if (!header) {
    bad(1, 'line', 'empty-file');
    return result;
  }
  const columns = header.record.map((name) => name.toLowerCase());
  for (const name of columns) if (!isColumn(name)) bad(header.info.lines, name || 'line', 'unknown-column', name);
  for (const name of requiredColumns) if (!columns.includes(name)) bad(header.info.lines, name, 'missing-column');
  if (columns.includes('location') !== columns.includes('qty')) bad(header.info.lines, columns.includes('qty') ? 'location' : 'qty', 'missing-column');
  if (result.errors.length > 0) return result;

  const seenStock = new Set<string>();
  const gtinOwner = new Map<string, string>();
  for (const { record, info } of rows) {
    const line = info.lines;
    result.lines++;
    if (record.length !== columns.length) {
      bad(line, 'line', 'column-count', String(record.length));
      continue;
    }
    const at = (name: ImportColumn) => {
      const index = columns.indexOf(name);
      return index < 0 ? '' : record[index]!;
    };
    const errorsBefore = result.errors.length;
    const sku = at('sku');
    const name = at('name');
    if (!sku) bad(line, 'sku', 'missing');
    else if (sku.length > 64) bad(line, 'sku', 'too-long', sku);
    if (!name) bad(line, 'name', 'missing');
    else if (name.length > 200) bad(line, 'name', 'too-long', name);
    const brand = at('brand');
    const category = at('category');
    if (brand.length > 100) bad(line, 'brand', 'too-long', brand);
    if (category.length > 100) bad(line, 'category', 'too-long', category);
    const unit = at('unit').toLowerCase();
    if (unit !== 'each' && unit !== 'g') bad(line, 'unit', 'unit-unknown', at('unit'));
    const priceCents = scaledDecimal(at('price'), 2);
    if (priceCents === null) bad(line, 'price', at('price') ? 'price-invalid' : 'missing', at('price'));
    const vatText = at('vat');
    const taxRateBp = vatText === '' ? 0 : scaledDecimal(vatText.replace(/%$/, ''), 2);
    if (taxRateBp === null || taxRateBp > 10_000) bad(line, 'vat', 'vat-invalid', vatText);
    // Shelf labels' order and unit price (issue 15); both optional, left as they were when the column is absent.
    const shelf = at('shelf');
    if (shelf.length > 32) bad(line, 'shelf', 'too-long', shelf);
    const contentText = at('content');
    const content = /^(\d+(?:[.,]\d{1,3})?)\s*(kg|l|unit)$/i.exec(contentText.trim());
    const netAmount = content ? Number(content[1]!.replace(',', '.')) : null;
    if (contentText && (!content || !(netAmount! > 0))) bad(line, 'content', 'content-invalid', contentText);
    const barcodes: Omit<BarcodeRecord, 'sku'>[] = [];
    for (const code of at('gtins').split(/[|\s]+/).filter(Boolean)) {
      const read = interpretCode(code, { variableMeasureLayouts: [] });
      const gtin14 = read.kind === 'gtin' ? read.gtin14 : read.kind === 'gs1' ? read.gtin14 : null;
      if (!gtin14) {
        bad(line, 'gtins', 'gtin-invalid', code);
        continue;
      }
      const owner = gtinOwner.get(gtin14);
      if (owner !== undefined && owner !== sku) bad(line, 'gtins', 'gtin-repeated', code);
      else barcodes.push({ code: gtin14, kind: 'gtin' });
    }
    const location = at('location');
    const qtyText = at('qty');
    let qty: number | null = null;
    if (location || qtyText) {
      const place = locations.get(location);
      if (!location) bad(line, 'location', 'missing');
      else if (!place) bad(line, 'location', 'location-unknown', location);
      else if (place.kind !== 'internal') bad(line, 'location', 'location-external', location);
      qty = /^\d{1,9}$/.test(qtyText) ? Number(qtyText) : null;
      if (qty === null) bad(line, 'qty', qtyText ? 'qty-invalid' : 'missing', qtyText);
      if (sku && location && seenStock.has(`${sku}\u0000${location}`)) bad(line, 'location', 'duplicate-stock-line', location);
    }
    if (result.errors.length > errorsBefore) continue;

    const product: ProductRecord = { sku, name, brand, category, unit: unit as ProductUnit, priceCents: priceCents!, taxRateBp: taxRateBp!, active: true };
    if (columns.includes('shelf')) product.shelfLocation = shelf || null;
    if (columns.includes('content')) product.netContent = content ? { amount: netAmount!, unit: content[2]!.toLowerCase() as 'kg' | 'l' | 'unit' } : null;
    const earlier = result.products.get(sku);
    if (earlier) {
      const a = earlier.product;
      if (a.name !== name || a.brand !== brand || a.category !== category || a.unit !== unit || a.priceCents !== priceCents || a.taxRateBp !== taxRateBp) {
        bad(line, 'sku', 'conflicting-product', sku);
        continue;
      }
      for (const b of barcodes) if (!earlier.barcodes.some((e) => e.code === b.code)) earlier.barcodes.push(b);
    } else {
      result.products.set(sku, { product, barcodes });
    }
    for (const b of barcodes) gtinOwner.set(b.code, sku);
    if (qty !== null) {
      seenStock.add(`${sku}\u0000${location}`);
      result.stock.push({ line, sku, location, qty });
    }
  }
  return result;
}
