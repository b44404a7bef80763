import type { EmbeddedMeasure } from '../../api/types';
import { interpretCode } from '../../../drivers/barcode/scan';
import type { VariableMeasureLayout } from '../../../drivers/barcode/variable-measure';

/** What the catalog needs to know of a code: which key to look it up by. */
export type CodeInterpretation =
  | { kind: 'gtin'; gtin14: string }
  | { kind: 'variable-measure'; itemCode: string; embedded: EmbeddedMeasure }
  | { kind: 'internal'; code: string }
  | { kind: 'malformed'; reason: string };

/** Maps the scanner-side reading of a code onto the catalog's lookup keys. */
export function interpretCatalogCode(code: string, layouts: readonly VariableMeasureLayout[]): CodeInterpretation {
  const read = interpretCode(code, { variableMeasureLayouts: layouts });
  switch (read.kind) {
    case 'gtin':
      return { kind: 'gtin', gtin14: read.gtin14 };
    case 'variable-measure':
      return { kind: 'variable-measure', itemCode: read.itemCode, embedded: read.embedded };
    case 'gs1':
      return read.gtin14 ? { kind: 'gtin', gtin14: read.gtin14 } : { kind: 'malformed', reason: 'no GTIN in the GS1 data' };
    case 'internal':
      return { kind: 'internal', code: read.code };
    case 'order':
    case 'return':
      return { kind: 'malformed', reason: 'an order or return code, not a product' };
    case 'malformed':
      return { kind: 'malformed', reason: read.detail ? `${read.reason} (${read.detail})` : read.reason };
  }
}
