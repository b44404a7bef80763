// GS1 Digital Link URIs (GS1 Digital Link Standard 1.x, "URI syntax"), as QR
// codes, DataMatrix and DotCode carry them:
//   https://any.domain/optional/path/01/09501101530003/10/LOT42?17=261231
// The primary key and its qualifiers are path pairs, data attributes are query
// parameters with numeric keys. Which AI is a key, which qualifiers it takes in
// which order, and which AIs may be attributes all come from the same Syntax
// Dictionary table as element strings, so both forms agree on what is valid.
import { checkElements, fieldFor } from './gs1-element-string';
import type { Field, Gs1Element, Gs1ErrorReason, Gs1ParseOptions } from './gs1-element-string';
import { aiEntry } from './gs1-syntax/syntax-table';

export type DigitalLinkErrorReason =
  /** Not an absolute http(s) URI with a host. */
  | 'bad-uri'
  /** "Https://": GS1 accepts the scheme all lower or all upper case only. */
  | 'bad-scheme'
  /** No path pair is a primary key followed only by its qualifiers, in order. */
  | 'no-primary-key'
  /** A numeric query key that is not an AI allowed as a data attribute. */
  | 'bad-attribute';

export type DigitalLinkResult =
  | { ok: true; elements: Gs1Element[] }
  | { ok: false; reason: DigitalLinkErrorReason | Gs1ErrorReason; ai?: string; position: number };

const schemes = new Set(['http', 'https', 'HTTP', 'HTTPS']);
const uriShape = /^([A-Za-z]+):\/\/([^/?#\s]+)(\/[^?#\s]*)?(?:\?([^#\s]*))?(?:#\S*)?$/;
const hostShape = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** Whether scanned text is meant as a web URI (any case of the scheme): it is then a Digital Link or a misread. */
export function looksLikeDigitalLink(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The qualifier pairs after a key, if they follow one of its allowed sequences in order. */
function qualifiersFit(key: string, qualifiers: readonly string[]): boolean {
  const sequences = aiEntry(key)?.digitalLinkKey;
  if (!sequences) return false;
  return sequences.some((sequence) => {
    let from = 0;
    for (const ai of qualifiers) {
      const index = sequence.indexOf(ai, from);
      if (index === -1) return false;
      from = index + 1;
    }
    return true;
  });
}

export function parseDigitalLink(uri: string, options: Gs1ParseOptions = {}): DigitalLinkResult {
  const match = uriShape.exec(uri);
  if (!match) return { ok: false, reason: 'bad-uri', position: 0 };
  const [, scheme, host, path = '', query = ''] = match as unknown as [string, string, string, string | undefined, string | undefined];
  if (!schemes.has(scheme)) return { ok: false, reason: 'bad-scheme', position: 0 };
  if (!hostShape.test(host)) return { ok: false, reason: 'bad-uri', position: scheme.length + 3 };

  // Segment offsets, so an error can point into the URI.
  const pathStart = scheme.length + 3 + host.length;
  const segments: { text: string; at: number }[] = [];
  let offset = pathStart + 1;
  for (const text of path.split('/').slice(1)) {
    segments.push({ text, at: offset });
    offset += text.length + 1;
  }

  // The key is the leftmost path pair from which every later pair is one of its qualifiers:
  // anything before it is the brand's own path, which any domain may have.
  let keyIndex = -1;
  for (let i = segments.length % 2 === 0 ? 0 : 1; i + 1 < segments.length; i += 2) {
    const qualifiers = segments.slice(i + 2).filter((_, j) => j % 2 === 0).map((s) => s.text);
    if (qualifiersFit(segments[i]!.text, qualifiers)) {
      keyIndex = i;
      break;
    }
  }
  if (keyIndex === -1) return { ok: false, reason: 'no-primary-key', position: pathStart };

  const fields: Field[] = [];
  for (let i = keyIndex; i + 1 < segments.length; i += 2) {
    const ai = segments[i]!.text;
    let value = decode(segments[i + 1]!.text);
    if (value === null) return { ok: false, reason: 'bad-uri', ai, position: segments[i + 1]!.at };
    // GTIN-8, -12 and -13 are written unpadded in many links; the key is the GTIN-14.
    if (ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(value)) value = value.padStart(14, '0');
    fields.push(fieldFor(ai, value, segments[i]!.at)!);
  }

  let queryAt = pathStart + path.length + 1;
  for (const parameter of query.split('&')) {
    const at = queryAt;
    queryAt += parameter.length + 1;
    if (parameter === '') continue;
    const equals = parameter.indexOf('=');
    const key = equals === -1 ? parameter : parameter.slice(0, equals);
    // Non-numeric keys (linkType, context…) address the resolver, not the item.
    if (!/^\d+$/.test(key)) continue;
    if (!aiEntry(key)?.digitalLinkAttribute) return { ok: false, reason: 'bad-attribute', ai: key, position: at };
    const value = decode(equals === -1 ? '' : parameter.slice(equals + 1).replaceAll('+', ' '));
    if (value === null) return { ok: false, reason: 'bad-uri', ai: key, position: at };
    fields.push(fieldFor(key, value, at)!);
  }
  return checkElements(fields, options);
}
