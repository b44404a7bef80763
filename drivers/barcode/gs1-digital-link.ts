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
  /** Not an absolute http(s) URI with a host and a path, or characters no URI has. */
  | 'bad-uri'
  /** "Https://": GS1 accepts the scheme all lower or all upper case only. */
  | 'bad-scheme'
  /** No path pair is a primary key followed only by its qualifiers, in order. */
  | 'no-primary-key'
  /** A numeric query key that is not an AI allowed as a data attribute, or one that belongs in the path. */
  | 'bad-attribute';

export type DigitalLinkResult =
  | { ok: true; elements: Gs1Element[] }
  | { ok: false; reason: DigitalLinkErrorReason | Gs1ErrorReason; ai?: string; position: number };

export interface DigitalLinkOptions extends Gs1ParseOptions {
  /**
   * Read a GTIN-8, -12 or -13 written unpadded as the GTIN-14 it is (GS1's
   * Syntax Engine has the same switch, off by default). On for the store:
   * such links are printed on products it must sell (docs/decisions.md).
   */
  zeroSuppressedGtin?: boolean;
}

// RFC 3986 characters; GS1's reference refuses a URI with any other.
const uriCharacters = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const badHostCharacter = /[_~?#@!$&'()*+,;=%]/;
const schemes = ['https://', 'HTTPS://', 'http://', 'HTTP://'];

/** Whether scanned text is meant as a web URI (any case of the scheme): it is then a Digital Link or a misread. */
export function looksLikeDigitalLink(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** Percent-decoding as GS1's reference does it: a "%" not followed by two hex digits is itself; null for an encoded NUL. */
function unescape(text: string, query: boolean): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%' && i < text.length - 2 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      const code = parseInt(text.slice(i + 1, i + 3), 16);
      if (code === 0) return null;
      out += String.fromCharCode(code);
      i += 2;
    } else out += query && c === '+' ? ' ' : c;
  }
  return out;
}

/** A key followed by qualifiers that are, in order, a subsequence of one of its allowed sequences. */
function isKeyQualifierSequence(ais: readonly string[]): boolean {
  const sequences = aiEntry(ais[0]!)?.digitalLinkKey;
  if (!sequences) return false;
  return sequences.some((sequence) => {
    let from = 0;
    for (const ai of ais.slice(1)) {
      const index = sequence.indexOf(ai, from);
      if (index === -1) return false;
      from = index + 1;
    }
    return true;
  });
}

/**
 * Reads a GS1 Digital Link URI by the rules of GS1's Syntax Engine: the key is
 * the last primary key met walking the path's AI/value pairs back from its end
 * (what precedes it is the brand's own path), the pairs after it are its
 * qualifiers, numeric query parameters are data attributes and the rest are
 * the resolver's. Every AI then passes the same checks as in an element string.
 */
export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): DigitalLinkResult {
  if (!uriCharacters.test(uri)) return { ok: false, reason: 'bad-uri', position: 0 };
  const scheme = schemes.find((s) => uri.startsWith(s));
  if (scheme === undefined) return { ok: false, reason: looksLikeDigitalLink(uri) ? 'bad-scheme' : 'bad-uri', position: 0 };
  const slash = uri.indexOf('/', scheme.length);
  const host = uri.slice(scheme.length, slash === -1 ? uri.length : slash);
  if (slash === -1 || host.length === 0 || badHostCharacter.test(host)) return { ok: false, reason: 'bad-uri', position: scheme.length };

  const hash = uri.indexOf('#', slash);
  const beforeFragment = hash === -1 ? uri : uri.slice(0, hash);
  const question = beforeFragment.indexOf('?');
  const path = question === -1 ? beforeFragment.slice(slash) : beforeFragment.slice(slash, question);
  const query = question === -1 ? '' : beforeFragment.slice(question + 1);

  // Segment offsets, so an error can point into the URI; segments[0] is the empty text before the path's first "/".
  const segments: { text: string; at: number }[] = [];
  let offset = slash;
  for (const text of path.split('/')) {
    segments.push({ text, at: offset });
    offset += text.length + 1;
  }
  let keyIndex = -1;
  for (let i = segments.length - 2; i >= 1; i -= 2) {
    const ai = segments[i]!.text;
    if (!/^\d+$/.test(ai) || aiEntry(ai) === undefined) break;
    if (aiEntry(ai)!.digitalLinkKey) {
      keyIndex = i;
      break;
    }
  }
  if (keyIndex === -1) return { ok: false, reason: 'no-primary-key', position: slash };

  const fields: Field[] = [];
  const pathAis: string[] = [];
  for (let i = keyIndex; i + 1 < segments.length; i += 2) {
    const ai = segments[i]!.text;
    const raw = segments[i + 1]!;
    let value = raw.text === '' ? null : unescape(raw.text, false);
    if (value === null) return { ok: false, reason: raw.text === '' ? 'too-short' : 'bad-uri', ai, position: raw.at };
    if (options.zeroSuppressedGtin && ai === '01' && [8, 12, 13].includes(value.length)) value = value.padStart(14, '0');
    fields.push(fieldFor(ai, value, segments[i]!.at)!);
    pathAis.push(ai);
  }

  const attributes: Field[] = [];
  let queryAt = question + 1;
  for (const parameter of query.split('&')) {
    const at = queryAt;
    queryAt += parameter.length + 1;
    const equals = parameter.indexOf('=');
    // Parameters without a value, and non-numeric keys (linkType, context…), address the resolver, not the item.
    if (equals === -1) continue;
    const key = parameter.slice(0, equals);
    if (!/^\d*$/.test(key)) continue;
    if (aiEntry(key) === undefined) return { ok: false, reason: 'bad-attribute', ai: key, position: at };
    const rawValue = parameter.slice(equals + 1);
    let value = rawValue === '' ? null : unescape(rawValue, true);
    if (value === null) return { ok: false, reason: rawValue === '' ? 'too-short' : 'bad-uri', ai: key, position: at };
    if (options.zeroSuppressedGtin && key === '01' && [8, 12, 13].includes(value.length)) value = value.padStart(14, '0');
    attributes.push(fieldFor(key, value, at)!);
  }
  for (const field of [...fields, ...attributes]) {
    const { entry, ai, value, position } = field;
    if (value.length < entry.minLength) return { ok: false, reason: 'too-short', ai, position };
    if (value.length > entry.maxLength) return { ok: false, reason: 'too-long', ai, position };
  }

  if (!isKeyQualifierSequence(pathAis)) return { ok: false, reason: 'no-primary-key', position: segments[keyIndex]!.at };
  const all = [...fields, ...attributes];
  const repeated = all.find((field, i) => all.findIndex((other) => other.ai === field.ai) !== i);
  if (repeated) return { ok: false, reason: 'duplicate-ai', ai: repeated.ai, position: repeated.position };
  for (const attribute of attributes) {
    // An attribute that would fit into the path as a qualifier must be written there.
    const belongsInPath = pathAis.some((_, j) => j >= 1 && isKeyQualifierSequence([...pathAis.slice(0, j), attribute.ai, ...pathAis.slice(j)])) || isKeyQualifierSequence([...pathAis, attribute.ai]);
    if (!attribute.entry.digitalLinkAttribute || belongsInPath) return { ok: false, reason: 'bad-attribute', ai: attribute.ai, position: attribute.position };
  }
  return checkElements(all, options);
}
