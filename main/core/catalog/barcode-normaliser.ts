import { parseGtin } from '../../../drivers/barcode/gtin';
import type { BarcodeRecord } from './catalog-store';

/** How a barcode from HQ is keyed in the ledger: GTINs as GTIN-14, anything else as printed. */
export function normaliseBarcode(code: string): Omit<BarcodeRecord, 'sku'> {
  const gtin = parseGtin(code.trim());
  return gtin.ok ? { code: gtin.gtin14, kind: 'gtin' } : { code: code.trim(), kind: 'internal' };
}
