// A small ZPL II subset, pure: a label as positioned fields in, the bytes a
// Zebra-type printer reads out. Only what a shelf label needs: text in the
// scalable font 0, EAN-13 and Code 128 barcodes, a box, and the print quantity.
// Field data is stripped of control bytes and of ZPL's two command prefixes
// (^ and ~), so a product name can never become a command.

/** One field on the label, placed by its top-left corner in dots. */
export type ZplField =
  | { kind: 'text'; x: number; y: number; height: number; width?: number; text: string; /** Wrap into a block this wide (dots), up to `lines` lines. */ block?: { width: number; lines: number } }
  | { kind: 'barcode'; x: number; y: number; symbology: 'ean13' | 'code128'; data: string; height: number; moduleWidth?: number }
  | { kind: 'box'; x: number; y: number; width: number; height: number; thickness: number };

export interface ZplLabel {
  widthDots: number;
  heightDots: number;
  fields: readonly ZplField[];
  copies?: number;
}

// C0, DEL and C1, then ZPL's own command prefixes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeInFieldData = /[\u0000-\u001f\u007f-\u009f^~]/g;

/** Text as it may sit between ^FD and ^FS. */
export function zplFieldText(text: string): string {
  return text.replace(unsafeInFieldData, '');
}

const dots = (n: number) => String(Math.max(0, Math.round(n)));

function field(f: ZplField): string {
  const at = `^FO${dots(f.x)},${dots(f.y)}`;
  switch (f.kind) {
    case 'text': {
      const font = `^A0N,${dots(f.height)},${dots(f.width ?? f.height)}`;
      const block = f.block ? `^FB${dots(f.block.width)},${dots(f.block.lines)},0,L,0` : '';
      return `${at}${font}${block}^FD${zplFieldText(f.text)}^FS`;
    }
    case 'barcode': {
      const data = zplFieldText(f.data);
      const module = `^BY${dots(f.moduleWidth ?? 2)}`;
      const code = f.symbology === 'ean13' ? `^BEN,${dots(f.height)},Y,N` : `^BCN,${dots(f.height)},Y,N,N`;
      return `${at}${module}${code}^FD${data}^FS`;
    }
    case 'box':
      return `${at}^GB${dots(f.width)},${dots(f.height)},${dots(f.thickness)}^FS`;
  }
}

/** One label format, ^XA … ^XZ, in UTF-8 (^CI28). */
export function encodeZplLabel(label: ZplLabel): string {
  const copies = Math.max(1, Math.floor(label.copies ?? 1));
  return ['^XA', '^CI28', `^PW${dots(label.widthDots)}`, `^LL${dots(label.heightDots)}`, ...label.fields.map(field), `^PQ${copies}`, '^XZ'].join('\n') + '\n';
}

/** Several labels as one job's bytes. */
export function encodeZplJob(labels: readonly ZplLabel[]): Uint8Array {
  return new TextEncoder().encode(labels.map(encodeZplLabel).join(''));
}
