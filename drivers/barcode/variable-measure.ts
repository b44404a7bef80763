// Variable-measure EAN-13s: restricted-circulation numbers (GS1 prefixes 02 and
// 20–29) whose digits carry an item number and a weight or price printed by the
// scale. What the digits mean is a national or store convention, so layouts are
// data handed in by configuration, never branches in code.
import { z } from 'zod';
import { gtinCheckDigit, parseGtin } from './gtin';

export type MeasureKind = 'weight' | 'price';

/**
 * One prefix's layout, read left to right over the EAN-13:
 * prefix(2) item(itemDigits) [price check(1)] value(valueDigits) check(1).
 */
export interface VariableMeasureLayout {
  /** '02' (a UPC-A starting 2, seen as EAN-13) or '20'…'29'. */
  prefix: string;
  kind: MeasureKind;
  itemDigits: number;
  valueDigits: number;
  /**
   * Implied decimals of the printed value: kilograms for weight, currency units
   * for price. Defaults to 3 for weight (the value is grams) and 2 for price (cents).
   */
  decimals?: number;
  /** A GS1 price/weight check digit sits between item and value. Default false. */
  priceCheckDigit?: boolean;
}

export type VariableMeasureResult =
  | {
      ok: true;
      /** The catalog lookup key: prefix + item digits (see `variableMeasureItemCode`). */
      itemCode: string;
      kind: MeasureKind;
      /** Grams for weight, cents for price. */
      value: number;
      ean13: string;
      layout: VariableMeasureLayout;
    }
  | { ok: false; reason: 'not-ean13' | 'bad-check-digit' | 'bad-price-check-digit' | 'no-layout' | 'bad-layout' };

/** Prefixes GS1 leaves to restricted circulation within a region, where scales print. */
export const variableMeasurePrefixes: readonly string[] = ['02', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];

/**
 * A starting point for a store that has not configured its own. 21/22 match the
 * demo catalog; 02 is the North American UPC-A "number system 2" price label;
 * 23/24 are the common European layouts with a price/weight check digit.
 * 20 and 25–29 stay free, so they read as internal store codes.
 */
export const defaultVariableMeasureLayouts: readonly VariableMeasureLayout[] = [
  { prefix: '02', kind: 'price', itemDigits: 5, priceCheckDigit: true, valueDigits: 4, decimals: 2 },
  { prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5, decimals: 3 },
  { prefix: '22', kind: 'price', itemDigits: 5, valueDigits: 5, decimals: 2 },
  { prefix: '23', kind: 'weight', itemDigits: 4, priceCheckDigit: true, valueDigits: 5, decimals: 3 },
  { prefix: '24', kind: 'price', itemDigits: 4, priceCheckDigit: true, valueDigits: 5, decimals: 2 },
];

// The value is delivered in the smallest unit we account in: 10^unitDecimals per kg or per currency unit.
const unitDecimals: Record<MeasureKind, number> = { weight: 3, price: 2 };

/** Why a layout cannot describe an EAN-13, or null when it can. */
export function layoutProblem(layout: VariableMeasureLayout): string | null {
  if (!variableMeasurePrefixes.includes(layout.prefix)) return `prefix ${layout.prefix} is not a variable-measure prefix (02, 20–29)`;
  const check = layout.priceCheckDigit ? 1 : 0;
  if (!Number.isInteger(layout.itemDigits) || layout.itemDigits < 1) return 'itemDigits must be a positive integer';
  if (!Number.isInteger(layout.valueDigits) || layout.valueDigits < 1) return 'valueDigits must be a positive integer';
  if (2 + layout.itemDigits + check + layout.valueDigits !== 12) return 'prefix, item, price check and value must fill the 12 digits before the check digit';
  if (layout.priceCheckDigit && layout.valueDigits !== 4 && layout.valueDigits !== 5) return 'a price check digit covers a 4- or 5-digit value only';
  const decimals = decimalsOf(layout);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > unitDecimals[layout.kind]) {
    return `decimals for ${layout.kind} must be 0…${unitDecimals[layout.kind]} so the value is whole ${layout.kind === 'weight' ? 'grams' : 'cents'}`;
  }
  return null;
}

/** For configuration arriving from HQ or a settings file. */
export const variableMeasureLayoutSchema = z
  .object({
    prefix: z.string().regex(/^(02|2\d)$/),
    kind: z.enum(['weight', 'price']),
    itemDigits: z.number().int().min(1).max(9),
    valueDigits: z.number().int().min(1).max(9),
    decimals: z.number().int().min(0).max(3).optional(),
    priceCheckDigit: z.boolean().optional(),
  })
  .superRefine((layout, ctx) => {
    const problem = layoutProblem(layout);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Layouts may not share a prefix: the first would silently win. */
export const variableMeasureLayoutsSchema = z.array(variableMeasureLayoutSchema).superRefine((layouts, ctx) => {
  const seen = new Set<string>();
  for (const layout of layouts) {
    if (seen.has(layout.prefix)) ctx.addIssue({ code: 'custom', message: `two layouts for prefix ${layout.prefix}` });
    seen.add(layout.prefix);
  }
});

const decimalsOf = (layout: VariableMeasureLayout) => layout.decimals ?? unitDecimals[layout.kind];

/**
 * The lookup key is prefix + item digits ("2100123"), not the EAN-13 with its
 * value zeroed: it is what scale and HQ item lists name, it needs no check-digit
 * arithmetic to build, and the prefix keeps a weight label and a price label
 * for the same item apart when both are in use.
 */
export function variableMeasureItemCode(layout: VariableMeasureLayout, item: string): string {
  return `${layout.prefix}${item}`;
}

// GS1 General Specifications 7.9.2: each weighting factor as a table of digit → product digit.
// 2-: units of 2d minus its tens; 3: units of 3d; 5+: units plus tens of 5d; 5-: units minus tens of 5d (mod 10).
const twoMinus = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const three = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const fivePlus = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const fiveMinus = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

/**
 * The GS1 price/weight check digit over a 4-digit value (factors 2-, 2-, 3, 5-;
 * sum × 3, units digit) or a 5-digit value (factors 5+, 2-, 5-, 5+, 2-; the
 * digit whose 5- product makes the sum a multiple of ten).
 */
export function priceCheckDigit(value: string): number {
  if (!/^\d{4,5}$/.test(value)) throw new RangeError(`A price check digit covers 4 or 5 digits, not "${value}"`);
  const d = [...value].map((c) => c.charCodeAt(0) - 48);
  if (d.length === 4) {
    const sum = twoMinus[d[0]!]! + twoMinus[d[1]!]! + three[d[2]!]! + fiveMinus[d[3]!]!;
    return (sum * 3) % 10;
  }
  const sum = fivePlus[d[0]!]! + twoMinus[d[1]!]! + fiveMinus[d[2]!]! + fivePlus[d[3]!]! + twoMinus[d[4]!]!;
  return fiveMinus.indexOf((10 - (sum % 10)) % 10);
}

/** The EAN-13 a scale would print for this item and value (grams or cents). Throws on values that do not fit. */
export function makeVariableMeasure(layout: VariableMeasureLayout, item: string, value: number): string {
  const problem = layoutProblem(layout);
  if (problem) throw new RangeError(problem);
  if (!new RegExp(`^\\d{${layout.itemDigits}}$`).test(item)) throw new RangeError(`item must be ${layout.itemDigits} digits`);
  const scale = 10 ** (unitDecimals[layout.kind] - decimalsOf(layout));
  const printed = value / scale;
  if (!Number.isInteger(printed) || printed < 0 || printed >= 10 ** layout.valueDigits) {
    throw new RangeError(`${value} does not fit ${layout.valueDigits} digits at ${decimalsOf(layout)} decimals`);
  }
  const valueText = String(printed).padStart(layout.valueDigits, '0');
  const check = layout.priceCheckDigit ? String(priceCheckDigit(valueText)) : '';
  const body = `${layout.prefix}${item}${check}${valueText}`;
  return `${body}${gtinCheckDigit(body)}`;
}

/**
 * Reads a variable-measure label. Accepts the EAN-13, or the same number as a
 * UPC-A (12 digits) or GTIN-14 with a leading zero.
 */
export function parseVariableMeasure(code: string, layouts: readonly VariableMeasureLayout[]): VariableMeasureResult {
  const gtin = parseGtin(code);
  if (!gtin.ok) return { ok: false, reason: gtin.reason === 'bad-check-digit' ? 'bad-check-digit' : 'not-ean13' };
  if (gtin.kind === 'GTIN-8' || !gtin.gtin14.startsWith('0')) return { ok: false, reason: 'not-ean13' };
  const ean13 = gtin.gtin14.slice(1);
  const layout = layouts.find((l) => ean13.startsWith(l.prefix));
  if (!layout || !variableMeasurePrefixes.includes(layout.prefix)) return { ok: false, reason: 'no-layout' };
  if (layoutProblem(layout)) return { ok: false, reason: 'bad-layout' };

  const item = ean13.slice(2, 2 + layout.itemDigits);
  const valueStart = 2 + layout.itemDigits + (layout.priceCheckDigit ? 1 : 0);
  const valueText = ean13.slice(valueStart, valueStart + layout.valueDigits);
  if (layout.priceCheckDigit && priceCheckDigit(valueText) !== Number(ean13[valueStart - 1])) {
    return { ok: false, reason: 'bad-price-check-digit' };
  }
  const value = Number(valueText) * 10 ** (unitDecimals[layout.kind] - decimalsOf(layout));
  return { ok: true, itemCode: variableMeasureItemCode(layout, item), kind: layout.kind, value, ean13, layout };
}
