import type { ProcedureInput } from '../../../main/api/contract';

/** One shelf as shelves.configure takes it. */
export type ShelfMapping = ProcedureInput<'shelves.configure'>['shelves'][number];

/** One row of the editor: what the manager typed, as typed. */
export interface ShelfDraft {
  /** Stable across edits and removals, for React and for focus. */
  key: number;
  sensorId: string;
  sku: string;
  location: string;
  unitWeight: string;
  tare: string;
  low: string;
  tolerance: string;
  /** Not edited here; kept so a save does not reset what was set elsewhere. */
  misplacedFraction?: number;
}

export type DraftField = 'sensorId' | 'sku' | 'location' | 'unitWeight' | 'tare' | 'low' | 'tolerance';
export const draftFields = ['sensorId', 'sku', 'location', 'unitWeight', 'tare', 'low', 'tolerance'] as const satisfies readonly DraftField[];

/** Why a field cannot be sent; each names a message under devices.shelfMap.problems. */
export type FieldProblem = 'sensorIdPattern' | 'sensorIdTwice' | 'skuMissing' | 'locationMissing' | 'weightPositive' | 'tareNumber' | 'wholeNumber';
export type RowProblems = Partial<Record<DraftField, FieldProblem>>;

const sensorIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
/** Decimal comma or point, as people type them at the counter. */
const decimalPattern = /^-?\d+(?:[.,]\d+)?$/;
const wholePattern = /^\d{1,9}$/;

export const parseDecimal = (text: string): number | null => (decimalPattern.test(text.trim()) ? Number(text.trim().replace(',', '.')) : null);
export const parseWhole = (text: string): number | null => (wholePattern.test(text.trim()) ? Number(text.trim()) : null);

export function draftFrom(mapping: ShelfMapping, key: number): ShelfDraft {
  return {
    key,
    sensorId: mapping.sensorId,
    sku: mapping.sku,
    location: mapping.location,
    unitWeight: String(mapping.unitWeightGrams),
    tare: String(mapping.tareGrams),
    low: String(mapping.lowThreshold),
    tolerance: String(mapping.toleranceUnits),
    ...(mapping.misplacedFraction === undefined ? {} : { misplacedFraction: mapping.misplacedFraction }),
  };
}

export function blankDraft(key: number, location: string): ShelfDraft {
  return { key, sensorId: '', sku: '', location, unitWeight: '', tare: '0', low: '2', tolerance: '1' };
}

/** What the client can tell is wrong before asking the core, row by row (keyed by ShelfDraft.key). */
export function draftProblems(rows: readonly ShelfDraft[]): Map<number, RowProblems> {
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.sensorId.trim(), (seen.get(row.sensorId.trim()) ?? 0) + 1);
  const problems = new Map<number, RowProblems>();
  for (const row of rows) {
    const found: RowProblems = {};
    const sensorId = row.sensorId.trim();
    if (!sensorIdPattern.test(sensorId)) found.sensorId = 'sensorIdPattern';
    else if ((seen.get(sensorId) ?? 0) > 1) found.sensorId = 'sensorIdTwice';
    if (row.sku.trim() === '') found.sku = 'skuMissing';
    if (row.location === '') found.location = 'locationMissing';
    const weight = parseDecimal(row.unitWeight);
    if (weight === null || weight <= 0) found.unitWeight = 'weightPositive';
    if (parseDecimal(row.tare) === null) found.tare = 'tareNumber';
    if (parseWhole(row.low) === null) found.low = 'wholeNumber';
    if (parseWhole(row.tolerance) === null) found.tolerance = 'wholeNumber';
    if (Object.keys(found).length > 0) problems.set(row.key, found);
  }
  return problems;
}

/** The rows as the core takes them; only call once draftProblems found nothing. */
export function mappingsFrom(rows: readonly ShelfDraft[]): ShelfMapping[] {
  return rows.map((row) => ({
    sensorId: row.sensorId.trim(),
    sku: row.sku.trim(),
    location: row.location,
    unitWeightGrams: parseDecimal(row.unitWeight) ?? 0,
    tareGrams: parseDecimal(row.tare) ?? 0,
    lowThreshold: parseWhole(row.low) ?? 0,
    toleranceUnits: parseWhole(row.tolerance) ?? 0,
    ...(row.misplacedFraction === undefined ? {} : { misplacedFraction: row.misplacedFraction }),
  }));
}
