// The one value every scanner source yields (keyboard wedge, HID-POS, serial),
// and what its text means to the store. Interpretation is pure and total: any
// string, however broken, gets a kind, so the till never stalls on a bad label.
import { isGs1Symbology, isPlainSymbology, parseAimPrefix } from './aim-symbology';
import { groupSeparator, parseElementString } from './gs1-element-string';
import type { Gs1Element, Gs1ErrorReason } from './gs1-element-string';
import { looksLikeDigitalLink, parseDigitalLink } from './gs1-digital-link';
import type { DigitalLinkErrorReason } from './gs1-digital-link';
import { parseGtin } from './gtin';
import type { GtinKind } from './gtin';
import { parseVariableMeasure, variableMeasurePrefixes } from './variable-measure';
import type { MeasureKind, VariableMeasureLayout } from './variable-measure';

export interface Scan {
  /** The bytes as the device sent them, terminator and AIM identifier included. */
  raw: Uint8Array;
  /** From the AIM identifier, e.g. "GS1-128" (an unknown one as sent, "]X0"); null when the device sent none. */
  symbology: string | null;
  /** The data: no AIM identifier, no trailing CR/LF. */
  text: string;
  device: string;
  /** Epoch milliseconds. */
  at: number;
}

export type CodeInterpretation =
  | { kind: 'gtin'; gtin14: string; gtinKind: GtinKind }
  | { kind: 'variable-measure'; itemCode: string; ean13: string; embedded: { kind: MeasureKind; value: number } }
  | { kind: 'gs1'; elements: Gs1Element[]; gtin14?: string; embedded?: { kind: MeasureKind; value: number }; digitalLink?: true }
  | { kind: 'order'; orderId: string }
  | { kind: 'return'; returnId: string }
  | { kind: 'internal'; code: string }
  | { kind: 'malformed'; reason: MalformedReason; detail?: Gs1ErrorReason | DigitalLinkErrorReason };

export type MalformedReason =
  | 'empty'
  | 'control-character'
  | 'bad-check-digit'
  | 'bad-price-check-digit'
  | 'bad-layout'
  | 'bad-gs1'
  | 'bad-digital-link'
  | 'bad-console-code'
  /** The data cannot be what its AIM identifier says was read: an EAN-13 that is not 13 digits. */
  | 'bad-symbol-data'
  | 'unrecognised';

export interface InterpretOptions {
  /** The store's variable-measure layouts (see defaultVariableMeasureLayouts). */
  variableMeasureLayouts: readonly VariableMeasureLayout[];
  /** Treat the text as a GS1 element string even without GS or brackets (a GS1 symbology said so). */
  gs1?: boolean;
  /** The scanner named a symbology that is not GS1 (QR Code, Data Matrix): its text is plain data, never an element string. */
  plain?: boolean;
  /** For two-digit GS1 dates; see Gs1ParseOptions. */
  referenceYear?: number;
  /** Enforce GS1 requisites ("req="); off for the store, see Gs1ParseOptions. */
  requisites?: boolean;
  /** Read unpadded GTINs in Digital Link URIs; on unless set false, see DigitalLinkOptions. */
  zeroSuppressedGtin?: boolean;
}

/**
 * The console's own QR codes: "MOSTRADOR:ORDER:<id>" and "MOSTRADOR:RETURN:<id>".
 * The prefix is read case-insensitively (a wedge under Caps Lock flips it); the
 * id is 1–64 URI-unreserved characters, kept as printed, which fits HQ order ids.
 */
const consoleCodePattern = /^MOSTRADOR:([A-Z]+):(.*)$/i;
const consoleIdPattern = /^[A-Za-z0-9._~-]{1,64}$/;

/** The QR text for an order or return slip. Throws on an id the reader would refuse. */
export function consoleCode(kind: 'order' | 'return', id: string): string {
  if (!consoleIdPattern.test(id)) throw new RangeError(`"${id}" is not 1–64 of A–Z a–z 0–9 . _ ~ -`);
  return `MOSTRADOR:${kind.toUpperCase()}:${id}`;
}

/**
 * Store-internal codes (SKUs typed or printed on shelf labels, "MS-000123"):
 * 1–20 characters, letters, digits and . _ - inside, starting with a letter or digit.
 */
const internalCodePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

// Every C0 and C1 control except GS, which is how FNC1 travels.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const forbiddenControl = /[\u0000-\u001c\u001e-\u001f\u007f-\u009f]/;

/** Restricted-circulation EAN-13 prefixes besides the variable-measure ones: 04 is for a company's own use. */
const companyInternalPrefixes: readonly string[] = ['04'];

/** What a Scan means, using its symbology to know a GS1 payload. */
export function interpretScan(scan: Pick<Scan, 'text' | 'symbology'>, options: InterpretOptions): CodeInterpretation {
  return interpretCode(scan.text, { ...options, gs1: options.gs1 === true || isGs1Symbology(scan.symbology), plain: options.plain === true || isPlainSymbology(scan.symbology) });
}

/** What a scanned or typed code means. Never throws. */
export function interpretCode(input: string, options: InterpretOptions): CodeInterpretation {
  let text = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  let gs1 = options.gs1 === true;
  // A symbology the scanner named as not GS1 (QR, Data Matrix, Code 128 without FNC1): its data is plain text, never an element string.
  let plain = options.plain === true && !gs1;
  let digitsExpected: number | undefined;
  const aim = parseAimPrefix(text);
  if (aim.identifier !== null) {
    text = aim.payload;
    gs1 ||= aim.symbology?.gs1 === true;
    plain = !gs1 && (plain || aim.symbology !== null);
    digitsExpected = fixedDigits[aim.identifier.slice(1)];
  } else if (text.startsWith(groupSeparator)) {
    // A wedge without AIM identifiers may send FNC1 in first position as GS: the only sign of GS1 data it gives.
    text = text.slice(1);
    gs1 = true;
  } else if (/^\( *\d/.test(text)) {
    // Typed from a label's human-readable line: spaces around "(AI)" are layout (no GS1 character set has a space).
    text = text.replace(/ *\( *(\d{2,4}) *\) */g, '($1)');
  }
  if (text.length === 0 && digitsExpected !== undefined) return { kind: 'malformed', reason: 'bad-symbol-data' };
  if (text.length === 0) return gs1 ? { kind: 'malformed', reason: 'bad-gs1', detail: 'empty' } : { kind: 'malformed', reason: 'empty' };
  if (forbiddenControl.test(text)) return { kind: 'malformed', reason: 'control-character' };
  // A URI in a QR code, DataMatrix or DotCode: a GS1 Digital Link, or a misread.
  if (looksLikeDigitalLink(text) && !gs1) return fromDigitalLink(text, options);
  if (digitsExpected !== undefined && !new RegExp(`^\\d{${digitsExpected}}$`).test(text)) return { kind: 'malformed', reason: 'bad-symbol-data' };

  if (gs1 || (!plain && (text.includes(groupSeparator) || /^\(\d/.test(text)))) return fromGs1(text, options);

  const console = consoleCodePattern.exec(text);
  if (console) {
    const [, kind, id] = console as unknown as [string, string, string];
    if (!consoleIdPattern.test(id)) return { kind: 'malformed', reason: 'bad-console-code' };
    if (kind.toUpperCase() === 'ORDER') return { kind: 'order', orderId: id };
    if (kind.toUpperCase() === 'RETURN') return { kind: 'return', returnId: id };
    return { kind: 'malformed', reason: 'bad-console-code' };
  }

  if (/^\d+$/.test(text) && [8, 12, 13, 14].includes(text.length)) return fromGtinShaped(text, options.variableMeasureLayouts);
  // A GS1-128 read by a scanner that drops FNC1 and sends no AIM identifier.
  // Once it has that shape it is a GS1 read: failing GS1's checks (a wrong
  // check digit, an impossible date) makes it a misread, never an internal code.
  if (!plain && looksLikeGs1WithoutFnc1(text)) return fromGs1(text, options);
  if (internalCodePattern.test(text)) return { kind: 'internal', code: text };
  return { kind: 'malformed', reason: 'unrecognised' };
}

/** EAN-13 (UPC-A and UPC-E travel as 13 digits too) and EAN-8 carry exactly this many digits. */
const fixedDigits: Readonly<Record<string, number>> = { E0: 13, E4: 8 };

/**
 * An identification key (SSCC 00, GTIN 01, CONTENT 02) at the start of more
 * than 14 digits, or a whole 16-character key followed by more data. Store codes
 * must not take this shape: it is what a GS1-128 label reads as without FNC1.
 */
function looksLikeGs1WithoutFnc1(text: string): boolean {
  return /^0[012]\d{13,}$/.test(text) || /^0[012]\d{14}./.test(text);
}

/** A reason that says the symbol failed its own checks: a misread, to be scanned again. */
export function isMisread(reason: MalformedReason): boolean {
  return (
    reason === 'bad-check-digit' ||
    reason === 'bad-price-check-digit' ||
    reason === 'bad-layout' ||
    reason === 'bad-gs1' ||
    reason === 'bad-digital-link' ||
    reason === 'bad-symbol-data'
  );
}

function fromGs1(text: string, options: InterpretOptions): CodeInterpretation {
  const parsed = parseElementString(text, { referenceYear: options.referenceYear, requisites: options.requisites });
  if (!parsed.ok) return { kind: 'malformed', reason: 'bad-gs1', detail: parsed.reason };
  return gs1Reading(parsed.elements);
}

function fromDigitalLink(text: string, options: InterpretOptions): CodeInterpretation {
  const parsed = parseDigitalLink(text, { referenceYear: options.referenceYear, requisites: options.requisites, zeroSuppressedGtin: options.zeroSuppressedGtin ?? true });
  if (!parsed.ok) return { kind: 'malformed', reason: 'bad-digital-link', detail: parsed.reason };
  return { ...gs1Reading(parsed.elements), digitalLink: true };
}

/**
 * A net weight in kg (310n) or a price in the local currency (392n) is what a
 * variable-measure EAN carries, and is delivered the same way: grams or cents.
 */
function gs1Reading(elements: Gs1Element[]): Extract<CodeInterpretation, { kind: 'gs1' }> {
  const reading: Extract<CodeInterpretation, { kind: 'gs1' }> = { kind: 'gs1', elements };
  const gtin = elements.find((e) => e.ai === '01');
  if (gtin) reading.gtin14 = gtin.value;
  const weight = elements.find((e) => e.ai.startsWith('310'));
  const price = elements.find((e) => e.ai.startsWith('392'));
  if (weight?.amount) reading.embedded = { kind: 'weight', value: Math.round(weight.amount.value * 1000) };
  else if (price?.amount) reading.embedded = { kind: 'price', value: Math.round(price.amount.value * 100) };
  return reading;
}

/**
 * 8, 12, 13 or 14 digits are always a GTIN attempt: a wrong check digit is a
 * misread, never an internal code. Restricted-circulation numbers (GS1 General
 * Specifications 1.4.x) are the store's own: an EAN-13 starting 02 or 20–29 is a
 * variable-measure label when a layout claims its prefix and an internal code
 * otherwise, as are 040–049 and GTIN-8s starting 0 or 2 (RCN-8). An internal
 * RCN is keyed by its EAN-13 form (a UPC-A gains its leading 0), an RCN-8 by its 8 digits.
 */
function fromGtinShaped(text: string, layouts: readonly VariableMeasureLayout[]): CodeInterpretation {
  const gtin = parseGtin(text);
  if (!gtin.ok) return { kind: 'malformed', reason: 'bad-check-digit' };
  if (gtin.kind === 'GTIN-8') {
    return text.startsWith('0') || text.startsWith('2') ? { kind: 'internal', code: text } : { kind: 'gtin', gtin14: gtin.gtin14, gtinKind: gtin.kind };
  }
  if (gtin.gtin14.startsWith('0')) {
    const ean13 = gtin.gtin14.slice(1);
    const prefix = ean13.slice(0, 2);
    if (variableMeasurePrefixes.includes(prefix)) {
      if (!layouts.some((l) => l.prefix === prefix)) return { kind: 'internal', code: ean13 };
      const measured = parseVariableMeasure(ean13, layouts);
      if (measured.ok) return { kind: 'variable-measure', itemCode: measured.itemCode, ean13, embedded: { kind: measured.kind, value: measured.value } };
      return { kind: 'malformed', reason: measured.reason === 'bad-price-check-digit' ? 'bad-price-check-digit' : 'bad-layout' };
    }
    if (companyInternalPrefixes.includes(prefix)) return { kind: 'internal', code: ean13 };
  }
  return { kind: 'gtin', gtin14: gtin.gtin14, gtinKind: gtin.kind };
}

export interface ScanSource {
  device: string;
  at: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * A Scan from a device's bytes. Most scanners send ASCII; QR codes may carry
 * UTF-8; anything that is not valid UTF-8 is read as Latin-1 so no byte is lost.
 */
export function scanFromBytes(raw: Uint8Array, source: ScanSource): Scan {
  let decoded: string;
  try {
    decoded = utf8.decode(raw);
  } catch {
    decoded = latin1.decode(raw);
  }
  return scanFromText(decoded, source, raw);
}

/** A Scan from text a source already decoded (a keyboard wedge burst). */
export function scanFromText(text: string, source: ScanSource, raw: Uint8Array = new TextEncoder().encode(text)): Scan {
  const aim = parseAimPrefix(text.replace(/[\r\n]+$/, ''));
  return { raw, symbology: aim.symbology?.name ?? aim.identifier, text: aim.payload, device: source.device, at: source.at };
}
