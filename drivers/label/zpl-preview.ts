// Reads ZPL back into what the label shows, for the virtual printer's preview
// and for tests: the fields of each ^XA … ^XZ format, top to bottom.

export interface PreviewField {
  x: number;
  y: number;
  kind: 'text' | 'barcode' | 'box';
  /** The field data; a barcode's as its symbology and data. */
  text: string;
}

export interface LabelPreview {
  fields: PreviewField[];
  copies: number;
  /** The format as received. */
  zpl: string;
}

/** Splits a stream into whole formats; the unfinished tail is returned for the next chunk. */
export function splitZplFormats(stream: string): { formats: string[]; rest: string } {
  const formats: string[] = [];
  let rest = stream;
  for (;;) {
    const start = rest.indexOf('^XA');
    if (start < 0) return { formats, rest: '' };
    const end = rest.indexOf('^XZ', start);
    if (end < 0) return { formats, rest: rest.slice(start) };
    formats.push(rest.slice(start, end + 3));
    rest = rest.slice(end + 3);
  }
}

/** The fields of one ^XA … ^XZ format. */
export function previewZplFormat(zpl: string): LabelPreview {
  const fields: PreviewField[] = [];
  let x = 0;
  let y = 0;
  let kind: PreviewField['kind'] = 'text';
  let barcode = '';
  let copies = 1;
  // Commands start with ^ or ~ followed by two characters; parameters run to the next prefix.
  for (const match of zpl.matchAll(/[\^~]([A-Z0-9@]{2})([^^~]*)/g)) {
    const [, command, params = ''] = match;
    switch (command) {
      case 'FO': {
        const [px, py] = params.split(',').map((n) => Number.parseInt(n, 10));
        x = px || 0;
        y = py || 0;
        kind = 'text';
        barcode = '';
        break;
      }
      case 'BE':
        kind = 'barcode';
        barcode = 'EAN-13';
        break;
      case 'BC':
        kind = 'barcode';
        barcode = 'Code 128';
        break;
      case 'GB':
        fields.push({ x, y, kind: 'box', text: '' });
        break;
      case 'FD':
        fields.push({ x, y, kind, text: kind === 'barcode' ? `[${barcode} ${params}]` : params.replace(/\n$/, '') });
        break;
      case 'PQ':
        copies = Number.parseInt(params, 10) || 1;
        break;
    }
  }
  fields.sort((a, b) => a.y - b.y || a.x - b.x);
  return { fields, copies, zpl };
}

/** A readable rendering of one label, line by line. */
export function renderZplPreview(label: LabelPreview): string {
  return label.fields.filter((f) => f.kind !== 'box').map((f) => f.text).join('\n');
}
