import type { EmbeddedMeasure } from '../../api/types';
import { parseGtin } from '../../../drivers/barcode/gtin';

/** What the catalog needs to know of a code: which key to look it up by. */
export type CodeInterpretation =
  | { kind: 'gtin'; gtin14: string }
  | { kind: 'variable-measure'; itemCode: string; embedded: EmbeddedMeasure }
  | { kind: 'internal'; code: string }
  | { kind: 'malformed'; reason: string };

export interface VariableMeasureLayout {
  prefix: string;
  itemDigits: number;
  valueDigits: number;
  kind: 'weight' | 'price';
}

export function interpretCatalogCode(code: string, layouts: unknown[]): CodeInterpretation {
  if (code.length === 0) return { kind: 'malformed', reason: 'empty' };
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(code)) return { kind: 'malformed', reason: 'control characters' };
  if (/^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)) {
    const gtin = parseGtin(code);
    if (!gtin.ok) return { kind: 'malformed', reason: gtin.reason };
    const ean13 = gtin.gtin14.slice(1);
    const layout = (layouts as VariableMeasureLayout[]).find((l) => gtin.gtin14.startsWith('0') && ean13.startsWith(l.prefix));
    if (layout) {
      const item = ean13.slice(layout.prefix.length, layout.prefix.length + layout.itemDigits);
      const value = Number(ean13.slice(12 - layout.valueDigits, 12));
      return { kind: 'variable-measure', itemCode: `${layout.prefix}${item}`, embedded: { kind: layout.kind, value } };
    }
    return { kind: 'gtin', gtin14: gtin.gtin14 };
  }
  if (/^[A-Za-z0-9._-]{1,32}$/.test(code)) return { kind: 'internal', code };
  return { kind: 'malformed', reason: 'not a barcode this store uses' };
}
