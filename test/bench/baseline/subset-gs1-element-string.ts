// Baseline for the scan.interpret benchmark: the GS1 subset parser as it was before the
// Syntax Dictionary table (commit 4987a58), kept unchanged so both are measured in one run.
// GS1 element strings: Application Identifier + data, fields ended by FNC1
// (sent by scanners as GS, \x1d) when variable-length. Also the human-readable
// "(01)…(10)…" form people type from a label. Everything an AI means is data in
// the table below; the parser only walks it. Nothing here throws: a scan is
// untrusted input and the caller needs a reason to show, not a stack trace.
import { gtinCheckDigit } from '../../../drivers/barcode/gtin';

export const groupSeparator = '\x1d';

interface AiSpec {
  title: string;
  /** Data length bounds; min === max for a fixed-length field. */
  min: number;
  max: number;
  /** N: digits only; X: GS1 character set 82. */
  charset: 'N' | 'X';
  /** The last digit is a GS1 mod-10 check digit. */
  checkDigit?: true;
  /** YYMMDD; DD=00 means the month, not a day, is given. */
  date?: true;
  /** Implied decimal places (the n of 310n and friends). */
  decimals?: number;
  /** The first three digits are an ISO 4217 numeric currency code. */
  currency?: true;
}

const fixedN = (title: string, length: number, extra: Partial<AiSpec> = {}): AiSpec => ({ title, min: length, max: length, charset: 'N', ...extra });
const varN = (title: string, max: number): AiSpec => ({ title, min: 1, max, charset: 'N' });
const varX = (title: string, max: number): AiSpec => ({ title, min: 1, max, charset: 'X' });
const date = (title: string) => fixedN(title, 6, { date: true });

/** The n-variants of a measure AI: 3100…3105, 3920…3929 and so on. */
function withDecimals(stem: string, count: number, spec: (n: number) => AiSpec): Record<string, AiSpec> {
  return Object.fromEntries(Array.from({ length: count }, (_, n) => [`${stem}${n}`, spec(n)]));
}

// Titles and formats from the GS1 General Specifications, section 3.2. AIs are
// prefix-free (no AI is the start of another), so 2-, 3- and 4-digit keys can share one table.
const aiTable: Readonly<Record<string, AiSpec>> = {
  '00': fixedN('SSCC', 18, { checkDigit: true }),
  '01': fixedN('GTIN', 14, { checkDigit: true }),
  '02': fixedN('CONTENT', 14, { checkDigit: true }),
  '10': varX('BATCH/LOT', 20),
  '11': date('PROD DATE'),
  '12': date('DUE DATE'),
  '13': date('PACK DATE'),
  '15': date('BEST BEFORE or BEST BY'),
  '16': date('SELL BY'),
  '17': date('USE BY OR EXPIRY'),
  '20': fixedN('VARIANT', 2),
  '21': varX('SERIAL', 20),
  '22': varX('CPV', 20),
  '30': varN('VAR. COUNT', 8),
  '37': varN('COUNT', 8),
  '240': varX('ADDITIONAL ID', 30),
  '241': varX('CUST. PART No.', 30),
  '400': varX('ORDER NUMBER', 30),
  '414': fixedN('LOC No.', 13, { checkDigit: true }),
  ...withDecimals('310', 6, (n) => fixedN('NET WEIGHT (kg)', 6, { decimals: n })),
  ...withDecimals('320', 6, (n) => fixedN('NET WEIGHT (lb)', 6, { decimals: n })),
  ...withDecimals('392', 10, (n) => ({ ...varN('PRICE', 15), decimals: n })),
  ...withDecimals('393', 10, (n) => ({ title: 'PRICE', min: 4, max: 18, charset: 'N', decimals: n, currency: true })),
};

/** AIs that may not appear together in one element string (GS1 General Specifications 4.14.1). */
const exclusivePairs: readonly (readonly [string, string])[] = [['01', '02']];

export interface Gs1Date {
  year: number;
  month: number;
  /** The last day of the month when the label gave DD=00. */
  day: number;
  dayGiven: boolean;
  /** YYYY-MM-DD */
  iso: string;
}

export interface Gs1Amount {
  /** The digits as encoded (after the currency code for 393n). */
  digits: string;
  decimals: number;
  /** digits / 10^decimals; use digits and decimals when exactness matters. */
  value: number;
}

export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
  date?: Gs1Date;
  amount?: Gs1Amount;
  /** ISO 4217 numeric currency code (393n). */
  currency?: string;
}

export type Gs1ErrorReason =
  | 'empty'
  | 'unknown-ai'
  | 'bad-bracket'
  | 'too-short'
  | 'too-long'
  | 'not-numeric'
  | 'bad-character'
  | 'bad-check-digit'
  | 'bad-date'
  | 'duplicate-ai'
  | 'conflicting-ai';

export type Gs1Result =
  | { ok: true; elements: Gs1Element[] }
  | { ok: false; reason: Gs1ErrorReason; ai?: string; position: number };

export interface Gs1ParseOptions {
  /**
   * The year two-digit dates are resolved against (GS1 General Specifications
   * 7.12: up to 50 years ahead or 49 behind). Defaults to the current UTC year;
   * pass it to keep parsing deterministic.
   */
  referenceYear?: number;
}

// GS1 character set 82 (General Specifications Figure 7.11-1): the only characters allowed in X fields.
const cset82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

type Failure = Extract<Gs1Result, { ok: false }>;
const fail = (reason: Gs1ErrorReason, position: number, ai?: string): Failure => (ai === undefined ? { ok: false, reason, position } : { ok: false, reason, ai, position });

/** Parses an element string in either the FNC1 (GS) form or the bracketed human-readable form. */
export function parseElementString(input: string, options: Gs1ParseOptions = {}): Gs1Result {
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const fields = input.startsWith('(') ? splitBracketed(input) : splitRaw(input);
  if (!Array.isArray(fields)) return fields;
  if (fields.length === 0) return fail('empty', 0);

  const elements: Gs1Element[] = [];
  const families = new Map<string, string>();
  for (const field of fields) {
    const checked = checkField(field, referenceYear);
    if ('ok' in checked) return checked;
    // 3102 and 3103 are one quantity twice: a family is the AI without its decimal digit.
    const family = checked.ai.length === 4 && aiTable[checked.ai]?.decimals !== undefined ? checked.ai.slice(0, 3) : checked.ai;
    const earlier = families.get(family);
    if (earlier !== undefined) {
      if (earlier === `${checked.ai}:${checked.value}`) continue;
      return fail('duplicate-ai', field.position, checked.ai);
    }
    families.set(family, `${checked.ai}:${checked.value}`);
    elements.push(checked);
  }
  for (const [a, b] of exclusivePairs) {
    const second = fields.find((f) => f.ai === b);
    if (families.has(a) && second) return fail('conflicting-ai', second.position, b);
  }
  return { ok: true, elements };
}

interface Field {
  ai: string;
  spec: AiSpec;
  value: string;
  /** Where the AI starts in the input, for the error message. */
  position: number;
}

/** Finds the AI at the start of text: the table is prefix-free, so the first hit is the only one. */
function lookupAi(text: string): string | undefined {
  for (const length of [2, 3, 4]) {
    const candidate = text.slice(0, length);
    if (candidate.length === length && Object.hasOwn(aiTable, candidate)) return candidate;
  }
  return undefined;
}

function splitRaw(input: string): Field[] | Failure {
  const fields: Field[] = [];
  let at = 0;
  while (at < input.length) {
    // A leading FNC1 and one after a fixed-length field are redundant but legal.
    if (input[at] === groupSeparator) {
      at++;
      continue;
    }
    const ai = lookupAi(input.slice(at));
    if (ai === undefined) return fail('unknown-ai', at);
    const spec = aiTable[ai]!;
    const start = at + ai.length;
    let end: number;
    if (spec.min === spec.max) {
      end = start + spec.max;
      if (end > input.length) return fail('too-short', at, ai);
    } else {
      const separator = input.indexOf(groupSeparator, start);
      end = separator === -1 ? input.length : separator;
    }
    fields.push({ ai, spec, value: input.slice(start, end), position: at });
    at = end;
  }
  return fields;
}

/** "(01)09501101530003(10)AB-123"; a value runs to the next "(AI)" the table knows. */
function splitBracketed(input: string): Field[] | Failure {
  const fields: Field[] = [];
  const opening = /\((\d{2,4})\)/g;
  const marks: { ai: string; at: number; valueStart: number }[] = [];
  for (const match of input.matchAll(opening)) {
    const ai = match[1]!;
    if (Object.hasOwn(aiTable, ai)) marks.push({ ai, at: match.index, valueStart: match.index + match[0].length });
  }
  if (marks.length === 0 || marks[0]!.at !== 0) {
    return /^\(\d{2,4}\)/.test(input) ? fail('unknown-ai', 0) : fail('bad-bracket', 0);
  }
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]!;
    const end = i + 1 < marks.length ? marks[i + 1]!.at : input.length;
    // Spaces are outside every GS1 character set, so around a value they are layout, not data.
    const value = input.slice(mark.valueStart, end).replace(/^ +| +$/g, '');
    fields.push({ ai: mark.ai, spec: aiTable[mark.ai]!, value, position: mark.at });
  }
  return fields;
}

function checkField({ ai, spec, value, position }: Field, referenceYear: number): Gs1Element | Failure {
  if (value.length < spec.min) return fail('too-short', position, ai);
  if (value.length > spec.max) return fail('too-long', position, ai);
  if (spec.charset === 'N' ? !/^\d+$/.test(value) : !cset82.test(value)) {
    return fail(spec.charset === 'N' ? 'not-numeric' : 'bad-character', position, ai);
  }
  if (spec.checkDigit && gtinCheckDigit(value.slice(0, -1)) !== Number(value.slice(-1))) return fail('bad-check-digit', position, ai);

  const element: Gs1Element = { ai, title: spec.title, value };
  if (spec.date) {
    const parsed = parseDate(value, referenceYear);
    if (!parsed) return fail('bad-date', position, ai);
    element.date = parsed;
  }
  if (spec.decimals !== undefined) {
    const digits = spec.currency ? value.slice(3) : value;
    element.amount = { digits, decimals: spec.decimals, value: Number(digits) / 10 ** spec.decimals };
    if (spec.currency) element.currency = value.slice(0, 3);
  }
  return element;
}

/** GS1 General Specifications 7.12: a two-digit year lies up to 50 years ahead of, or 49 behind, the reference year. */
export function resolveGs1Year(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const difference = yy - (referenceYear % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseDate(yymmdd: string, referenceYear: number): Gs1Date | null {
  const year = resolveGs1Year(Number(yymmdd.slice(0, 2)), referenceYear);
  const month = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const lastDay = daysInMonth(year, month);
  if (dd > lastDay) return null;
  const day = dd === 0 ? lastDay : dd;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { year, month, day, dayGiven: dd !== 0, iso };
}

/** The human-readable form, "(01)09501101530003(10)AB-123", for screens and receipts. */
export function formatElementString(elements: readonly Pick<Gs1Element, 'ai' | 'value'>[]): string {
  return elements.map((e) => `(${e.ai})${e.value}`).join('');
}

/** The title GS1 gives an AI ("BATCH/LOT"), or undefined for one this table does not know. */
export function applicationIdentifierTitle(ai: string): string | undefined {
  return Object.hasOwn(aiTable, ai) ? aiTable[ai]!.title : undefined;
}
