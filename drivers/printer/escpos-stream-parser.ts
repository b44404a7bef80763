// Turns an ESC/POS byte stream into what a person would see come out of the
// printer: text lines, barcodes, QR codes, images, cuts and drawer kicks. It is
// total: unknown commands are skipped by their documented length, and a command
// cut short at the end of the input is left unconsumed for the next chunk.

export type RenderItem =
  | { kind: 'text'; text: string; bold: boolean; align: 'left' | 'center' | 'right'; scale: number }
  | { kind: 'barcode'; symbology: string; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; width: number; height: number }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'drawer'; pin: number }
  | { kind: 'status-request'; n: number }
  | { kind: 'asb'; mask: number }
  | { kind: 'process-id'; id: string }
  | { kind: 'feed'; lines: number };

export type PositionedItem = RenderItem & { start: number; end: number };

export interface ParseResult {
  items: PositionedItem[];
  /** Bytes that formed whole commands; the rest is an unfinished command. */
  consumed: number;
}

// cp437 and cp858 share every glyph but 0xD5 (ı in 437, € in 858).
const cp858High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const cp437High = cp858High.slice(0, 0x55) + 'ı' + cp858High.slice(0x56);
const codepages: Record<number, string> = { 0: cp437High, 19: cp858High };

const barcodeNames: Record<number, string> = {
  0: 'upca', 1: 'upce', 2: 'ean13', 3: 'ean8', 4: 'code39', 5: 'itf', 6: 'codabar',
  65: 'upca', 66: 'upce', 67: 'ean13', 68: 'ean8', 69: 'code39', 70: 'itf', 71: 'codabar',
  72: 'code93', 73: 'code128', 74: 'gs1-128', 75: 'gs1-databar-omni', 76: 'gs1-databar-truncated', 77: 'gs1-databar-limited', 78: 'gs1-databar-expanded', 79: 'code128-auto',
};

// Fixed parameter counts of ESC and GS commands that carry nothing to render.
const escParams: Record<number, number> = {
  0x20: 1, 0x21: 1, 0x25: 1, 0x2d: 1, 0x32: 0, 0x33: 1, 0x3c: 0, 0x3d: 1, 0x3f: 1, 0x40: 0, 0x44: -1, 0x45: 1, 0x47: 1, 0x4a: 1,
  0x4b: 1, 0x4c: 0, 0x4d: 1, 0x52: 1, 0x53: 0, 0x54: 1, 0x55: 1, 0x56: 1, 0x5c: 2, 0x24: 2, 0x61: 1, 0x63: 2, 0x64: 1, 0x65: 1,
  0x69: 0, 0x6d: 0, 0x72: 1, 0x74: 1, 0x75: 1, 0x76: 0, 0x7b: 1, 0x34: 1, 0x35: 1,
};
const gsParams: Record<number, number> = {
  0x21: 1, 0x23: 1, 0x24: 2, 0x2f: 1, 0x3a: 0, 0x42: 1, 0x48: 1, 0x49: 1, 0x4c: 2, 0x50: 2, 0x54: 1, 0x57: 2, 0x5c: 2, 0x5e: 3,
  0x61: 1, 0x62: 1, 0x63: 0, 0x66: 1, 0x67: 2, 0x68: 1, 0x72: 1, 0x77: 1, 0x7a: 1,
};

export function parseEscpos(bytes: Uint8Array): ParseResult {
  const items: PositionedItem[] = [];
  let codepage = cp437High;
  let bold = false;
  let align: 'left' | 'center' | 'right' = 'left';
  let scale = 1;
  let line = '';
  let lineStart = 0;
  let qrData = '';
  let i = 0;
  let consumed = 0;

  const at = (k: number) => bytes[k] ?? 0;
  const has = (k: number) => k < bytes.length;
  const push = (item: RenderItem, start: number, end: number) => items.push({ ...item, start, end } as PositionedItem);
  const flushLine = (end: number) => {
    push({ kind: 'text', text: line, bold, align, scale }, lineStart, end);
    line = '';
  };
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

  // Returns the end of the command at i, or -1 when the input stops inside it.
  const command = (): number => {
    const b = at(i);
    if (b === 0x1b) {
      if (!has(i + 1)) return -1;
      const c = at(i + 1);
      if (c === 0x70) {
        if (!has(i + 4)) return -1;
        push({ kind: 'drawer', pin: at(i + 2) & 1 ? 5 : 2 }, i, i + 5);
        return i + 5;
      }
      if (c === 0x2a) {
        if (!has(i + 4)) return -1;
        const m = at(i + 2);
        const width = at(i + 3) + 256 * at(i + 4);
        const end = i + 5 + width * (m >= 32 ? 3 : 1);
        if (end > bytes.length) return -1;
        push({ kind: 'image', width, height: m >= 32 ? 24 : 8 }, i, end);
        return end;
      }
      if (c === 0x44) {
        let k = i + 2;
        while (has(k) && at(k) !== 0) k++;
        return has(k) ? k + 1 : -1;
      }
      const n = escParams[c] ?? 0;
      if (!has(i + 1 + n)) return -1;
      if (c === 0x74) codepage = codepages[at(i + 2)] ?? cp437High;
      else if (c === 0x45) bold = (at(i + 2) & 1) === 1;
      else if (c === 0x61) align = (['left', 'center', 'right'] as const)[at(i + 2) % 48] ?? 'left';
      else if (c === 0x40) {
        bold = false;
        align = 'left';
        scale = 1;
        codepage = cp437High;
      }
      else if (c === 0x64) push({ kind: 'feed', lines: at(i + 2) }, i, i + 3);
      else if (c === 0x69 || c === 0x6d) push({ kind: 'cut', partial: c === 0x6d }, i, i + 2);
      return i + 2 + n;
    }
    if (b === 0x1d) {
      if (!has(i + 1)) return -1;
      const c = at(i + 1);
      if (c === 0x56) {
        if (!has(i + 2)) return -1;
        const m = at(i + 2);
        const end = m >= 65 ? i + 4 : i + 3;
        if (end > bytes.length) return -1;
        push({ kind: 'cut', partial: m % 2 === 1 }, i, end);
        return end;
      }
      if (c === 0x6b) {
        if (!has(i + 2)) return -1;
        const m = at(i + 2);
        if (m <= 6) {
          let k = i + 3;
          while (has(k) && at(k) !== 0) k++;
          if (!has(k)) return -1;
          push({ kind: 'barcode', symbology: barcodeNames[m] ?? `#${m}`, data: ascii(i + 3, k) }, i, k + 1);
          return k + 1;
        }
        if (!has(i + 3)) return -1;
        const end = i + 4 + at(i + 3);
        if (end > bytes.length) return -1;
        // CODE128 data starts with a code set selector ({A, {B, {C).
        let data = ascii(i + 4, end);
        if (m === 73 && data.startsWith('{')) data = data.slice(2);
        push({ kind: 'barcode', symbology: barcodeNames[m] ?? `#${m}`, data }, i, end);
        return end;
      }
      if (c === 0x28) {
        // GS ( fn pL pH …: every function of this family states its length.
        if (!has(i + 4)) return -1;
        const fn = at(i + 2);
        const end = i + 5 + at(i + 3) + 256 * at(i + 4);
        if (end > bytes.length) return -1;
        if (fn === 0x6b && at(i + 5) === 49) {
          const f = at(i + 6);
          if (f === 80) qrData = new TextDecoder().decode(bytes.subarray(i + 8, end));
          if (f === 81) push({ kind: 'qr', data: qrData }, i, end);
        }
        if (fn === 0x48 && at(i + 5) === 0x30 && end - i === 11) push({ kind: 'process-id', id: ascii(i + 7, i + 11) }, i, end);
        if (fn === 0x4c && at(i + 6) === 0x70) push({ kind: 'image', width: at(i + 11) + 256 * at(i + 12), height: at(i + 13) + 256 * at(i + 14) }, i, end);
        return end;
      }
      if (c === 0x38) {
        // GS 8 L p1 p2 p3 p4 …: four length bytes.
        if (!has(i + 6)) return -1;
        const end = i + 7 + at(i + 3) + 256 * at(i + 4) + 65536 * at(i + 5) + 16777216 * at(i + 6);
        return end > bytes.length ? -1 : end;
      }
      if (c === 0x76) {
        if (!has(i + 7)) return -1;
        const widthBytes = at(i + 4) + 256 * at(i + 5);
        const height = at(i + 6) + 256 * at(i + 7);
        const end = i + 8 + widthBytes * height;
        if (end > bytes.length) return -1;
        push({ kind: 'image', width: widthBytes * 8, height }, i, end);
        return end;
      }
      if (c === 0x61) {
        if (!has(i + 2)) return -1;
        push({ kind: 'asb', mask: at(i + 2) }, i, i + 3);
        return i + 3;
      }
      const n = gsParams[c] ?? 0;
      if (!has(i + 1 + n)) return -1;
      if (c === 0x21) scale = Math.max((at(i + 2) >> 4) & 7, at(i + 2) & 7) + 1;
      return i + 2 + n;
    }
    if (b === 0x10) {
      if (!has(i + 1)) return -1;
      const c = at(i + 1);
      if (c === 0x04) {
        if (!has(i + 2)) return -1;
        push({ kind: 'status-request', n: at(i + 2) }, i, i + 3);
        return i + 3;
      }
      if (c === 0x14) {
        if (!has(i + 2)) return -1;
        const fn = at(i + 2);
        const end = fn === 1 ? i + 5 : fn === 2 || fn === 8 ? i + 5 : i + 3;
        if (end > bytes.length) return -1;
        if (fn === 1) push({ kind: 'drawer', pin: at(i + 3) & 1 ? 5 : 2 }, i, end);
        return end;
      }
      if (c === 0x05) return has(i + 2) ? i + 3 : -1;
      return i + 1;
    }
    if (b === 0x1c) {
      if (!has(i + 1)) return -1;
      // FS . and FS & (Kanji off and on) take nothing; others here take one byte.
      const c = at(i + 1);
      const end = c === 0x2e || c === 0x26 ? i + 2 : i + 3;
      return end > bytes.length ? -1 : end;
    }
    return i + 1;
  };

  while (i < bytes.length) {
    const b = at(i);
    if (b >= 0x20 && b !== 0x7f) {
      if (line === '') lineStart = i;
      line += b < 0x80 ? String.fromCharCode(b) : (codepage[b - 0x80] ?? '?');
      i++;
      consumed = i;
      continue;
    }
    if (b === 0x0a) {
      flushLine(i + 1);
      i++;
      consumed = i;
      lineStart = i;
      continue;
    }
    if (b === 0x09) {
      line += ' ';
      i++;
      consumed = i;
      continue;
    }
    const end = command();
    if (end < 0) break;
    i = end;
    consumed = i;
  }
  // Text with no LF yet is shown but not consumed: more of the line may follow.
  if (line !== '') {
    items.push({ kind: 'text', text: line, bold, align, scale, start: lineStart, end: bytes.length });
    consumed = Math.min(consumed, lineStart);
  }
  return { items, consumed };
}
