import { interpretCode } from '../../drivers/barcode/scan';
import type { VariableMeasureLayout } from '../../drivers/barcode/variable-measure';
import type { BarcodeRecord } from './catalog-store';

/**
 * How a barcode from HQ is keyed in the ledger: exactly as a scan of it will be
 * looked up (GTINs as GTIN-14; restricted-circulation and store codes as printed).
 */
export function normaliseBarcode(code: string, layouts: readonly VariableMeasureLayout[] = []): Omit<BarcodeRecord, 'sku'> {
  const read = interpretCode(code.trim(), { variableMeasureLayouts: layouts });
  if (read.kind === 'gtin') return { code: read.gtin14, kind: 'gtin' };
  if (read.kind === 'gs1' && read.gtin14) return { code: read.gtin14, kind: 'gtin' };
  if (read.kind === 'variable-measure') return { code: read.itemCode, kind: 'variable-measure' };
  return { code: read.kind === 'internal' ? read.code : code.trim(), kind: 'internal' };
}
