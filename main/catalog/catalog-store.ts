import type { EmbeddedMeasure, Gs1DataRead, MatchKind, ProductHit, ProductInfo, ProductUnit, ScannedCode } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { interpretScan, isMisread } from '../../drivers/barcode/scan';
import type { VariableMeasureLayout } from '../../drivers/barcode/variable-measure';
import { defaultShortDatedDays } from './shelf-life';

/** A product as the catalog stores it: what screens see, less its barcodes, plus safety stock. */
export type ProductRecord = Omit<ProductInfo, 'barcodes'> & {
  safetyStock?: number | null;
  /** Where it sits on the shop floor ("A03-2-15"), for shelf labels' order; left as it was when undefined. */
  shelfLocation?: string | null;
  /** Net content for the unit price; left as it was when undefined. */
  netContent?: NetContent | null;
};

export interface NetContent {
  amount: number;
  unit: 'kg' | 'l' | 'unit';
}

/** What a shelf label needs of a product beyond its name and price. */
export interface LabelFacts {
  shelfLocation: string | null;
  netContent: NetContent | null;
  /** The product's first EAN-13 (from its GTIN-14), for the label's barcode. */
  ean13: string | null;
}

export interface BarcodeRecord {
  /** GTINs normalised to GTIN-14; internal codes as printed. */
  code: string;
  sku: string;
  kind: 'gtin' | 'internal' | 'variable-measure';
}

export interface CodeMatch {
  code: string;
  matchedBy: MatchKind;
  embedded?: EmbeddedMeasure;
  /** The GS1 data that came with the key (batch, expiry…), when the code was a GS1 element string. */
  gs1?: Gs1DataRead[];
  product: ProductInfo;
}

interface ProductRow {
  sku: string;
  name: string;
  brand: string;
  category: string;
  unit: ProductUnit;
  price_cents: number;
  tax_rate_bp: number;
  active: number;
}

/** The FTS matches ranked per search: enough for relevance, few enough to rank in well under a millisecond. */
export const searchCandidates = 200;
/** Fewer characters than this are too short to be worth a barcode range. */
const minCodePrefix = 3;
/** GTINs are kept as GTIN-14: a typed EAN-13, UPC-A or EAN-8 prefix is one behind 1, 2 or 6 zeros. */
const gtinLength = 14;

/** The code prefixes a typed word may stand for: as typed, then (digits only) padded with leading zeros. */
export function codePrefixes(word: string): string[] {
  if (!/^\d+$/.test(word)) return [word];
  const prefixes: string[] = [];
  for (let pad = 0; pad + word.length <= gtinLength; pad++) prefixes.push('0'.repeat(pad) + word);
  return prefixes;
}

export function createCatalogStore(db: Db) {
  // Shelf location and net content are left as they were when a record does not carry them (`keep…` = 1).
  const upsertProduct = db.prepare(
    `INSERT INTO products (sku, name, brand, category, unit, price_cents, tax_rate_bp, active, safety_stock, shelf_location, net_content, net_content_unit)
     VALUES (@sku, @name, @brand, @category, @unit, @priceCents, @taxRateBp, @active, @safetyStock, @shelfLocation, @netAmount, @netUnit)
     ON CONFLICT (sku) DO UPDATE SET name = excluded.name, brand = excluded.brand, category = excluded.category,
       unit = excluded.unit, price_cents = excluded.price_cents, tax_rate_bp = excluded.tax_rate_bp,
       active = excluded.active, safety_stock = excluded.safety_stock,
       shelf_location = CASE WHEN @keepShelf THEN products.shelf_location ELSE excluded.shelf_location END,
       net_content = CASE WHEN @keepContent THEN products.net_content ELSE excluded.net_content END,
       net_content_unit = CASE WHEN @keepContent THEN products.net_content_unit ELSE excluded.net_content_unit END`,
  );
  const upsertBarcode = db.prepare(
    'INSERT INTO barcodes (code, sku, kind) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET sku = excluded.sku, kind = excluded.kind',
  );
  const productBySku = db.prepare(
    'SELECT sku, name, brand, category, unit, price_cents, tax_rate_bp, active FROM products WHERE sku = ?',
  );
  const skuByBarcode = db.prepare('SELECT sku FROM barcodes WHERE code = ?').pluck();
  const barcodesOf = db.prepare('SELECT code FROM barcodes WHERE sku = ? ORDER BY kind, code').pluck();
  const layoutRows = db.prepare('SELECT layout FROM variable_measure_rules ORDER BY prefix').pluck();
  const skuExists = db.prepare('SELECT 1 FROM products WHERE sku = ?').pluck();
  const labelFactsOf = db.prepare('SELECT shelf_location, net_content, net_content_unit FROM products WHERE sku = ?');
  const firstGtin = db.prepare("SELECT code FROM barcodes WHERE sku = ? AND kind = 'gtin' AND code LIKE '0%' ORDER BY code LIMIT 1").pluck();
  const safetyStockOf = db.prepare('SELECT safety_stock FROM products WHERE sku = ?').pluck();
  const packQtyOf = db.prepare('SELECT pack_qty FROM barcodes WHERE code = ?').pluck();
  const setPriceIfChanged = db.prepare('UPDATE products SET price_cents = ? WHERE sku = ? AND price_cents <> ?');
  const deactivateSku = db.prepare('UPDATE products SET active = 0 WHERE sku = ?');
  const activeSkus = db.prepare('SELECT sku FROM products WHERE active = 1').pluck();
  const anyActive = db.prepare('SELECT EXISTS (SELECT 1 FROM products WHERE active = 1)').pluck();
  const anyProduct = db.prepare('SELECT 1 FROM products LIMIT 1').pluck();
  // The FTS query takes the first `searchCandidates` matches in rowid order and ranks only those:
  // ranking every match (ORDER BY rank, bm25) costs hundreds of ms for a one-letter prefix at 1M products.
  const searchByText = db.prepare(
    `WITH candidates AS (
       SELECT rowid AS id FROM products_search WHERE products_search MATCH @terms LIMIT ${searchCandidates}
     )
     SELECT p.sku, p.name, p.brand, p.price_cents AS priceCents, p.unit,
            (SELECT code FROM barcodes b WHERE b.sku = p.sku ORDER BY kind LIMIT 1) AS primaryBarcode
       FROM candidates c JOIN products p ON p.id = c.id
      WHERE p.active = 1
      ORDER BY p.sku = @text COLLATE NOCASE DESC, p.name LIKE @lead DESC, length(p.name), p.name
      LIMIT @limit`,
  );
  // A barcode prefix is a range over the barcodes table's key; the code's own product comes with it.
  const searchByCodePrefix = db.prepare(
    `SELECT p.sku, p.name, p.brand, p.price_cents AS priceCents, p.unit, b.code AS primaryBarcode
       FROM barcodes b JOIN products p ON p.sku = b.sku
      WHERE b.code >= @low AND b.code < @high AND p.active = 1
      ORDER BY b.code LIMIT @limit`,
  );

  const shortDatedDaysOf = db.prepare('SELECT short_dated_days FROM category_shelf_life WHERE category = ?').pluck();
  const upsertShelfLife = db.prepare(
    'INSERT INTO category_shelf_life (category, short_dated_days) VALUES (?, ?) ON CONFLICT (category) DO UPDATE SET short_dated_days = excluded.short_dated_days',
  );

  let layouts: VariableMeasureLayout[] = (layoutRows.all() as string[]).map((json) => JSON.parse(json) as VariableMeasureLayout);

  const product = (sku: string): ProductInfo | null => {
    const row = productBySku.get(sku) as ProductRow | undefined;
    if (!row) return null;
    return {
      sku: row.sku,
      name: row.name,
      brand: row.brand,
      category: row.category,
      unit: row.unit,
      priceCents: row.price_cents,
      taxRateBp: row.tax_rate_bp,
      active: row.active === 1,
      barcodes: barcodesOf.all(row.sku) as string[],
    };
  };

  const byBarcode = (code: string): ProductInfo | null => {
    const sku = skuByBarcode.get(code) as string | undefined;
    return sku === undefined ? null : product(sku);
  };

  const unknown = (code: string): never => {
    throw new StoreError('UNKNOWN_BARCODE', `No product has the code ${code}.`, { code });
  };
  const malformed = (code: string, reason: string): never => {
    throw new StoreError('MALFORMED_BARCODE', `"${code}" is not a valid barcode: ${reason}.`, { code, reason });
  };

  const inCategory = db.prepare('SELECT sku FROM products WHERE category = ? AND active = 1 ORDER BY sku LIMIT 5000').pluck();
  return {
    product,
    layouts: () => layouts,
    exists: (sku: string): boolean => skuExists.get(sku) !== undefined,
    isEmpty: (): boolean => anyProduct.get() === undefined,
    /** The product's own safety stock, or null where the store default applies. */
    safetyStock: (sku: string): number | null => (safetyStockOf.get(sku) as number | null | undefined) ?? null,
    /** Units one scan of this barcode stands for (a multipack's count); 1 for an unknown code. */
    packQty: (code: string): number => (packQtyOf.get(code) as number | undefined) ?? 1,
    /** Days before its expiry an item of this category is short-dated (HQ's setting, or the chain's default). */
    shortDatedDays: (category: string): number => (shortDatedDaysOf.get(category) as number | undefined) ?? defaultShortDatedDays,
    /** HQ's per-category settings (catalog messages carry them). */
    setCategorySettings: db.transaction((categories: readonly { category: string; shortDatedDays: number }[]) => {
      for (const c of categories) upsertShelfLife.run(c.category, c.shortDatedDays);
    }),
    /** Shelf location, net content and EAN-13 of a product; null for an unknown SKU. */
    labelFacts(sku: string): LabelFacts | null {
      const row = labelFactsOf.get(sku) as { shelf_location: string | null; net_content: number | null; net_content_unit: NetContent['unit'] | null } | undefined;
      if (!row) return null;
      const gtin = firstGtin.get(sku) as string | undefined;
      return {
        shelfLocation: row.shelf_location,
        netContent: row.net_content !== null && row.net_content_unit !== null ? { amount: row.net_content, unit: row.net_content_unit } : null,
        ean13: gtin ? gtin.slice(1) : null,
      };
    },
    /** Sets a price; false when it already was that price. */
    setPrice: (sku: string, priceCents: number): boolean => setPriceIfChanged.run(priceCents, sku, priceCents).changes > 0,
    deactivate: (sku: string): void => void deactivateSku.run(sku),
    activeSkus: (): string[] => activeSkus.all() as string[],
    /** The active products of one category (a count by category). */
    skusInCategory: (category: string): string[] => inCategory.all(category) as string[],
    /** Whether the store has any product it sells (a store from zero has none until HQ's catalog is in). */
    hasActiveProducts: (): boolean => anyActive.get() === 1,

    upsertProducts: db.transaction((products: ProductRecord[], barcodes: BarcodeRecord[] = []) => {
      for (const p of products) {
        const { shelfLocation, netContent, ...product } = p;
        upsertProduct.run({
          ...product,
          active: p.active ? 1 : 0,
          safetyStock: p.safetyStock ?? null,
          shelfLocation: shelfLocation ?? null,
          netAmount: netContent?.amount ?? null,
          netUnit: netContent?.unit ?? null,
          keepShelf: shelfLocation === undefined ? 1 : 0,
          keepContent: netContent === undefined ? 1 : 0,
        });
      }
      for (const b of barcodes) upsertBarcode.run(b.code, b.sku, b.kind);
    }),

    setVariableMeasureLayouts: db.transaction((next: VariableMeasureLayout[]) => {
      db.prepare('DELETE FROM variable_measure_rules').run();
      const insert = db.prepare('INSERT INTO variable_measure_rules (prefix, layout) VALUES (?, ?)');
      for (const layout of next) insert.run(layout.prefix, JSON.stringify(layout));
      layouts = next;
    }),

    /**
     * Finds the product a scanned or typed code stands for. The symbology the
     * scanner named (from its AIM identifier) is part of the reading: a GS1
     * DataMatrix carries an element string even with no GS in its data.
     */
    findByCode(scanned: string | ScannedCode): CodeMatch {
      const { text, symbology } = typeof scanned === 'string' ? { text: scanned, symbology: null } : scanned;
      const code = text.trim();
      const read = interpretScan({ text: code, symbology }, { variableMeasureLayouts: layouts });
      switch (read.kind) {
        case 'gtin': {
          const found = byBarcode(read.gtin14);
          return found ? { code, matchedBy: 'gtin', product: found } : unknown(code);
        }
        case 'gs1': {
          if (!read.gtin14) return malformed(code, 'no GTIN in the GS1 data');
          const found = byBarcode(read.gtin14);
          const gs1 = read.elements.map((e) => ({ ai: e.ai, title: e.title, value: e.value, ...(e.date ? { date: e.date.iso } : {}) }));
          if (!found) return unknown(code);
          // A net weight (310n) or price (392n) on the label counts as a variable-measure EAN's does.
          return read.embedded ? { code, matchedBy: 'gtin', embedded: read.embedded, gs1, product: found } : { code, matchedBy: 'gtin', gs1, product: found };
        }
        case 'variable-measure': {
          const found = byBarcode(read.itemCode);
          return found ? { code, matchedBy: 'variable-measure', embedded: read.embedded, product: found } : unknown(code);
        }
        case 'internal': {
          const byCode = byBarcode(read.code);
          if (byCode) return { code, matchedBy: 'internal', product: byCode };
          const bySku = product(code);
          return bySku ? { code, matchedBy: 'sku', product: bySku } : unknown(code);
        }
        case 'order':
        case 'return':
          return malformed(code, 'an order or return code, not a product');
        case 'malformed': {
          const reason = read.detail ? `${read.reason} (${read.detail})` : read.reason;
          // The symbol failed its own checks: whatever its digits, they are no product's key.
          if (isMisread(read.reason)) {
            throw new StoreError('MISREAD_BARCODE', `"${code}" was misread (${reason}): scan it again.`, { code, reason });
          }
          // A SKU may contain characters no barcode would; try it before refusing.
          const bySku = code.length > 0 ? product(code) : null;
          if (bySku) return { code, matchedBy: 'sku', product: bySku };
          return malformed(code, reason);
        }
      }
    },

    /**
     * Products whose name, brand or SKU has words starting with each word of `text` (case and
     * accents ignored), and products with a barcode starting with `text` as typed or as printed
     * (a GTIN-14 without its leading zeros). Barcode matches come first, then names, a SKU equal
     * to the text before the rest.
     */
    search(text: string, limit = 20): ProductHit[] {
      const words = text.split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      const hits = new Map<string, ProductHit>();
      if (words.length === 1 && words[0]!.length >= minCodePrefix) {
        for (const prefix of codePrefixes(words[0]!)) {
          if (hits.size >= limit) break;
          const found = searchByCodePrefix.all({ low: prefix, high: `${prefix}\u{10FFFF}`, limit: limit - hits.size }) as ProductHit[];
          for (const hit of found) if (!hits.has(hit.sku)) hits.set(hit.sku, hit);
        }
      }
      if (hits.size < limit) {
        // Each word becomes a quoted prefix term, so user input is never FTS syntax.
        const terms = words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
        const lead = `${words[0]!.replace(/[\\%_]/g, '')}%`;
        for (const hit of searchByText.all({ terms, text: text.trim(), lead, limit }) as ProductHit[]) {
          if (hits.size >= limit) break;
          if (!hits.has(hit.sku)) hits.set(hit.sku, hit);
        }
      }
      return [...hits.values()];
    },
  };
}
export type CatalogStore = ReturnType<typeof createCatalogStore>;
