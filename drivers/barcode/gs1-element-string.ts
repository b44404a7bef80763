// GS1 element strings: Application Identifier + data, fields ended by FNC1
// (sent by scanners as GS, \x1d) when variable-length. Also the human-readable
// "(01)…(10)…" form people type from a label. Everything an AI means is data in
// GS1's Syntax Dictionary (gs1-syntax/); the parser only walks it. Nothing here throws: a scan is
// untrusted input and the caller needs a reason to show, not a stack trace.
import { daysInMonth, linters, resolveYear } from './gs1-syntax/linters';
import type { LintFailure } from './gs1-syntax/linters';
import { aiAtStart, aiEntry, aiMatchesPattern, syntaxTable } from './gs1-syntax/syntax-table';
import type { AiComponent, AiEntry } from './gs1-syntax/syntax-table';

export const groupSeparator = '\x1d';

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
  /** GS1's title for the AI, from the Syntax Dictionary ("BATCH/LOT"). */
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
  | 'bad-time'
  | 'bad-country'
  | 'bad-currency'
  | 'bad-content'
  | 'duplicate-ai'
  | 'conflicting-ai'
  /** A requisite AI ("req=") is absent; only when requisites are enforced. */
  | 'missing-ai';

export type Gs1Result =
  | { ok: true; elements: Gs1Element[] }
  | { ok: false; reason: Gs1ErrorReason; ai?: string; position: number; linter?: string };

export interface Gs1ParseOptions {
  /**
   * The year two-digit dates are resolved against (GS1 General Specifications
   * 7.12: up to 50 years ahead or 49 behind). Defaults to the current UTC year;
   * pass it to keep parsing deterministic.
   */
  referenceYear?: number;
  /**
   * Enforce the Syntax Dictionary's requisites ("req="), as GS1's Syntax Engine
   * does by default. Off for the store: GS1 evaluates them over every carrier
   * on an item, and one scan may be only one of them (docs/decisions.md).
   */
  requisites?: boolean;
}

// GS1 character sets (General Specifications 7.11): 82 for X, 39 for Y, 64 (base64url, "=" padding) for Z.
const charsets: Record<AiComponent['charset'], RegExp> = {
  N: /^\d*$/,
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  Y: /^[#\-/0-9A-Z]*$/,
  Z: /^[-0-9A-Z_a-z]*={0,2}$/,
};

type Failure = Extract<Gs1Result, { ok: false }>;
const fail = (reason: Gs1ErrorReason, position: number, ai?: string, linter?: string): Failure => ({
  ok: false,
  reason,
  ...(ai === undefined ? {} : { ai }),
  position,
  ...(linter === undefined ? {} : { linter }),
});

/** Parses an element string in either the FNC1 (GS) form or the bracketed human-readable form. */
export function parseElementString(input: string, options: Gs1ParseOptions = {}): Gs1Result {
  if (input.length === 0) return fail('empty', 0);
  const fields = input.startsWith('(') ? splitBracketed(input) : splitRaw(input);
  if (!Array.isArray(fields)) return fields;
  return checkElements(fields, options);
}

/**
 * Checks fields already split apart (an element string's, or a Digital Link
 * URI's key, qualifiers and attributes): each against its AI's components,
 * then the set for repeats and the Syntax Dictionary's exclusions ("ex=").
 * Requisites ("req=") are not enforced: GS1 evaluates them over every carrier
 * on an item, and one scan may be only one of them.
 */
export function checkElements(fields: readonly Field[], options: Gs1ParseOptions = {}): Gs1Result {
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  if (fields.length === 0) return fail('empty', 0);

  const elements: Gs1Element[] = [];
  const positions: number[] = [];
  const values = new Map<string, string>();
  for (const field of fields) {
    const checked = checkField(field, referenceYear);
    if ('ok' in checked) return checked;
    // An AI may repeat (two carriers of one label read together) only with the same value.
    const earlier = values.get(checked.ai);
    if (earlier !== undefined && earlier !== checked.value) return fail('duplicate-ai', field.position, checked.ai);
    values.set(checked.ai, checked.value);
    elements.push(checked);
    positions.push(field.position);
  }
  const present = (pattern: string, except?: string) => elements.some((e) => e.ai !== except && aiMatchesPattern(e.ai, pattern));
  for (let i = 0; i < elements.length; i++) {
    const { ai } = elements[i]!;
    const entry = aiEntry(ai)!;
    if (entry.excludes.some((pattern) => present(pattern, ai))) return fail('conflicting-ai', positions[i]!, ai);
    if (options.requisites && !entry.requires.every((alternatives) => alternatives.some((group) => group.split('+').every((p) => present(p, ai))))) {
      return fail('missing-ai', positions[i]!, ai);
    }
  }
  // A digital signature (8030) signs a serialised key: a GDTI, GCN or GRAI without its serial component cannot carry one.
  if (values.has('8030')) {
    for (let i = 0; i < elements.length; i++) {
      const { ai, value } = elements[i]!;
      if (serialisableKeys.includes(ai) && value.length === aiEntry(ai)!.minLength) return fail('conflicting-ai', positions[i]!, ai);
    }
  }
  return { ok: true, elements };
}

const serialisableKeys: readonly string[] = ['253', '255', '8003'];

export interface Field {
  ai: string;
  entry: AiEntry;
  value: string;
  /** Where the AI starts in the input, for the error message. */
  position: number;
}

/** A field for an AI the table knows, or undefined. */
export function fieldFor(ai: string, value: string, position: number): Field | undefined {
  const entry = aiEntry(ai);
  return entry ? { ai, entry, value, position } : undefined;
}

function splitRaw(input: string): Field[] | Failure {
  const fields: Field[] = [];
  let at = 0;
  while (at < input.length) {
    const entry = aiAtStart(input.slice(at, at + 4));
    if (entry === undefined) return fail('unknown-ai', at);
    const start = at + entry.ai.length;
    let end: number;
    if (entry.predefinedLength) {
      end = start + entry.maxLength;
      if (end > input.length) return fail('too-short', at, entry.ai);
    } else {
      // Every other AI runs to FNC1 or the end, even one whose components are all fixed (8001, 7040).
      const separator = input.indexOf(groupSeparator, start);
      end = separator === -1 ? input.length : separator;
    }
    fields.push({ ai: entry.ai, entry, value: input.slice(start, end), position: at });
    // One FNC1 may end any field, even a pre-defined-length one or the last; two in a row, or one before any AI, is not an AI.
    at = input[end] === groupSeparator ? end + 1 : end;
  }
  return fields;
}

/**
 * "(01)09501101530003(10)AB-123": GS1's bracketed syntax, as its Syntax Engine
 * reads it. Every "(" opens an AI; a "(" inside a value is written "\(".
 */
function splitBracketed(input: string): Field[] | Failure {
  const fields: Field[] = [];
  let at = 0;
  while (at < input.length) {
    if (input[at] !== '(') return fail('bad-bracket', at);
    const close = input.indexOf(')', at + 1);
    if (close === -1) return fail('bad-bracket', at);
    const ai = input.slice(at + 1, close);
    if (!/^\d{2,4}$/.test(ai)) return fail('bad-bracket', at);
    const entry = aiEntry(ai);
    if (entry === undefined) return fail('unknown-ai', at);
    if (close + 1 >= input.length) return fail('too-short', at, ai);
    let value = '';
    let from = close + 1;
    let next = input.indexOf('(', from);
    while (next !== -1 && input[next - 1] === '\\') {
      value += `${input.slice(from, next - 1)}(`;
      from = next + 1;
      next = input.indexOf('(', from);
    }
    const end = next === -1 ? input.length : next;
    value += input.slice(from, end);
    fields.push({ ai, entry, value, position: at });
    at = end;
  }
  return fields;
}

/** Walks the AI's components over the value, as GS1's Syntax Engine does: each consumes its length, optional ones only while data remains. */
function checkField({ ai, entry, value, position }: Field, referenceYear: number): Gs1Element | Failure {
  if (value.length < entry.minLength) return fail('too-short', position, ai);
  if (value.length > entry.maxLength) return fail('too-long', position, ai);
  let at = 0;
  for (const component of entry.components) {
    if (at >= value.length) {
      if (component.optional) break;
      return fail('too-short', position, ai);
    }
    const length = Math.min(component.max, value.length - at);
    const part = value.slice(at, at + length);
    if (part.length < component.min) return fail('too-short', position, ai);
    if (part.length > component.max) return fail('too-long', position, ai);
    // CSET 64 pads with "=" only to a multiple of three characters (GS1 reference linter cset64).
    const badPadding = component.charset === 'Z' && part.endsWith('=') && part.length % 3 !== 0;
    if (badPadding || !charsets[component.charset].test(part)) return fail(component.charset === 'N' ? 'not-numeric' : 'bad-character', position, ai);
    for (const name of component.linters) {
      const failure: LintFailure | null = linters[name]!(part, referenceYear);
      if (failure) return fail(failure, position, ai, name);
    }
    at += length;
  }
  if (at < value.length) return fail('too-long', position, ai);

  const element: Gs1Element = { ai, title: entry.title, value };
  const first = entry.components[0]!;
  if (first.max === 6 && (first.linters.includes('yymmd0') || first.linters.includes('yymmdd'))) {
    element.date = parseDate(value.slice(0, 6), referenceYear)!;
  }
  if (entry.decimals !== undefined) {
    const digits = entry.currency ? value.slice(3) : value;
    element.amount = { digits, decimals: entry.decimals, value: Number(digits) / 10 ** entry.decimals };
    if (entry.currency) element.currency = value.slice(0, 3);
  }
  return element;
}

/** GS1 General Specifications 7.12: a two-digit year lies up to 50 years ahead of, or 49 behind, the reference year. */
export const resolveGs1Year = resolveYear;

function parseDate(yymmdd: string, referenceYear: number): Gs1Date | null {
  const year = resolveYear(Number(yymmdd.slice(0, 2)), referenceYear);
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

/** The title GS1 gives an AI ("BATCH/LOT"), or undefined for one the Syntax Dictionary does not know. */
export function applicationIdentifierTitle(ai: string): string | undefined {
  return aiEntry(ai)?.title;
}

/** How many AIs the table knows (for the coverage figure in reports). */
export const knownAiCount = syntaxTable.size;
