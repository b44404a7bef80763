import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterCodepage } from './printer-profile';

// C0, DEL and C1: the bytes a printer reads as commands rather than glyphs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

export function stripControlBytes(text: string): string {
  return text.replace(controlCharacters, '');
}

// DOS code pages give glyphs to the control range: "←" is encoded as 0x1B (ESC)
// and "↔" as 0x1D (GS), so "←p0" in a product name would open the drawer even
// after every real control character is gone. A character is kept only if the
// encoder puts it on a printable byte; the answer is learnt once per character.
const safeByCodepage = new Map<PrinterCodepage, Map<string, boolean>>();

function encodesPrintably(char: string, codepage: PrinterCodepage): boolean {
  let known = safeByCodepage.get(codepage);
  if (!known) safeByCodepage.set(codepage, (known = new Map()));
  const cached = known.get(char);
  if (cached !== undefined) return cached;
  // 'A' on both sides finds the character's bytes whatever header the encoder adds.
  const bytes = new ReceiptPrinterEncoder({ columns: 48 }).codepage(codepage).text(`A${char}A`).encode();
  const first = bytes.indexOf(0x41);
  const last = bytes.lastIndexOf(0x41);
  const inner = first >= 0 && last > first ? bytes.subarray(first + 1, last) : Uint8Array.of(0);
  const safe = inner.length > 0 && inner.every((b) => b >= 0x20 && b !== 0x7f);
  known.set(char, safe);
  return safe;
}

/** Text as it may reach the encoder: no control characters and nothing that encodes to one. */
export function printableText(text: string, codepage: PrinterCodepage): string {
  let out = '';
  for (const char of stripControlBytes(text)) {
    const code = char.codePointAt(0)!;
    if (code < 0x80 || encodesPrintably(char, codepage)) out += char;
  }
  return out;
}
