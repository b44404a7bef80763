import { encodeZplJob, type ZplField, type ZplLabel } from './zpl-encoder';
import { shelfLabelText, type ShelfLabelFacts } from './shelf-label';
import type { ReceiptLanguage } from '../printer/receipt-words';

/** A label printer's stock: 203 dpi (8 dots/mm) by default. */
export interface ZplProfile {
  id: string;
  dotsPerMm: number;
  /** Label stock, in mm. */
  widthMm: number;
  heightMm: number;
}

export const zplProfiles = {
  // 58 × 40 mm shelf-edge labels on a 203 dpi desktop printer (Zebra ZD421 and the like).
  'zpl-203dpi': { id: 'zpl-203dpi', dotsPerMm: 8, widthMm: 58, heightMm: 40 },
} as const satisfies Record<string, ZplProfile>;
export type ZplProfileId = keyof typeof zplProfiles;

export function isZplProfile(id: string): id is ZplProfileId {
  return id in zplProfiles;
}

/** One shelf label laid out for a ZPL printer. */
export function zplShelfLabel(facts: ShelfLabelFacts, profile: ZplProfile, language: ReceiptLanguage = 'es'): ZplLabel {
  const text = shelfLabelText(facts, language);
  const d = (mm: number) => Math.round(mm * profile.dotsPerMm);
  const left = d(2);
  const width = d(profile.widthMm) - 2 * left;
  const fields: ZplField[] = [{ kind: 'text', x: left, y: d(1.5), height: d(3.5), text: text.name, block: { width, lines: 2 } }];
  fields.push({ kind: 'text', x: left, y: d(10), height: d(9), text: text.price });
  if (text.previousPrice) fields.push({ kind: 'text', x: d(34), y: d(11), height: d(3), text: text.previousPrice });
  if (text.unitPrice) fields.push({ kind: 'text', x: left, y: d(20), height: d(3), text: text.unitPrice });
  if (text.reductionNote) fields.push({ kind: 'text', x: left, y: d(24), height: d(2.5), text: text.reductionNote, block: { width: facts.ean13 ? d(31) : width, lines: 3 } });
  if (facts.ean13) fields.push({ kind: 'barcode', x: d(34), y: d(20), symbology: 'ean13', data: facts.ean13.slice(0, 12), height: d(5) });
  fields.push({ kind: 'text', x: left, y: d(36.5), height: d(2.5), text: text.footer });
  return { widthDots: d(profile.widthMm), heightDots: d(profile.heightMm), fields };
}

/** Shelf labels as one ZPL job. */
export function zplShelfLabels(labels: readonly ShelfLabelFacts[], profile: ZplProfile, language: ReceiptLanguage = 'es'): Uint8Array {
  return encodeZplJob(labels.map((facts) => zplShelfLabel(facts, profile, language)));
}
