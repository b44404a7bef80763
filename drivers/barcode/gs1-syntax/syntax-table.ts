// The whole GS1 Application Identifier table, read from GS1's own Barcode
// Syntax Dictionary (vendored beside this file with its release). Every AI's
// format, FNC1 requirement, component checks, exclusions and Digital Link role
// are data from that file; nothing about a particular AI is written in code.
import { linters } from './linters';
import { syntaxDictionaryRelease, syntaxDictionaryText } from './syntax-dictionary.generated';

/** N: digits; X: CSET 82; Y: CSET 39; Z: CSET 64 (base64url). */
export type Gs1Charset = 'N' | 'X' | 'Y' | 'Z';

export interface AiComponent {
  charset: Gs1Charset;
  min: number;
  max: number;
  optional: boolean;
  /** Syntax Test names, applied in order (see linters.ts). */
  linters: readonly string[];
}

export interface AiEntry {
  ai: string;
  title: string;
  components: readonly AiComponent[];
  /** Pre-defined length ("*" flag): needs no FNC1 after it. */
  predefinedLength: boolean;
  /** Allowed as a GS1 Digital Link data attribute ("?" flag). */
  digitalLinkAttribute: boolean;
  /** A Digital Link primary key; each entry is one allowed ordered sequence of qualifier AIs. */
  digitalLinkKey: readonly (readonly string[])[] | null;
  /** AIs and patterns ("310n", "31nn") that may not appear with this one. */
  excludes: readonly string[];
  /** Each inner list is a set of alternatives ("01+21" is one alternative of two AIs); all outer entries must hold. */
  requires: readonly (readonly string[])[];
  /** Implied decimal places: the last digit of a measure or amount AI (31nn–36nn, 390n–395n). */
  decimals?: number;
  /** The first component is an ISO 4217 currency (391n, 393n). */
  currency?: boolean;
  minLength: number;
  maxLength: number;
}

const componentPattern = /^(\[)?([NXYZ])(\d*)(?:\.\.(\d+))?(\])?((?:,[a-z0-9]+)*)$/;

function parseComponent(token: string): AiComponent | null {
  const m = componentPattern.exec(token);
  if (!m) return null;
  const [, open, charset, fixed, variableMax, close, linterList] = m;
  if (Boolean(open) !== Boolean(close)) return null;
  const max = Number(variableMax ?? fixed);
  const min = variableMax !== undefined ? (fixed ? Number(fixed) : 1) : max;
  return { charset: charset as Gs1Charset, min, max, optional: Boolean(open), linters: linterList ? linterList.slice(1).split(',') : [] };
}

function expandRange(spec: string): string[] {
  const [from, to] = spec.split('-');
  if (to === undefined) return [from!];
  const out: string[] = [];
  for (let n = Number(from); n <= Number(to); n++) out.push(String(n).padStart(from!.length, '0'));
  return out;
}

function decimalsOf(ai: string): number | undefined {
  return ai.length === 4 && /^(3[1-6]|39[0-5])/.test(ai) ? Number(ai[3]) : undefined;
}

/** Parses the dictionary text. Throws on a line it cannot read: a refreshed file must be understood entirely. */
export function parseSyntaxDictionary(text: string): Map<string, AiEntry> {
  const table = new Map<string, AiEntry>();
  for (const line of text.split('\n')) {
    if (!/^\d/.test(line)) continue;
    const hash = line.indexOf('#');
    const title = hash === -1 ? '' : line.slice(hash + 1).trim();
    const tokens = (hash === -1 ? line : line.slice(0, hash)).trim().split(/\s+/);
    const range = tokens.shift()!;
    let flags = '';
    if (tokens[0] !== undefined && /^[^A-Za-z0-9[]+$/.test(tokens[0])) flags = tokens.shift()!;
    const components: AiComponent[] = [];
    while (tokens.length > 0) {
      const component = parseComponent(tokens[0]!);
      if (!component) break;
      components.push(component);
      tokens.shift();
    }
    if (components.length === 0) throw new Error(`GS1 Syntax Dictionary: no specification in "${line}"`);
    for (const component of components) {
      for (const name of component.linters) if (!Object.hasOwn(linters, name)) throw new Error(`GS1 Syntax Dictionary: unknown linter "${name}" in "${line}"`);
    }
    const excludes: string[] = [];
    const requires: string[][] = [];
    let digitalLinkKey: string[][] | null = null;
    for (const attribute of tokens) {
      const [key, value] = attribute.split('=') as [string, string | undefined];
      if (key === 'ex' && value) excludes.push(...value.split(','));
      else if (key === 'req' && value) requires.push(value.split(','));
      else if (key === 'dlpkey') digitalLinkKey = value ? value.split('|').map((sequence) => sequence.split(',')) : [[]];
      else throw new Error(`GS1 Syntax Dictionary: unknown attribute "${attribute}" in "${line}"`);
    }
    for (const ai of expandRange(range)) {
      const decimals = decimalsOf(ai);
      table.set(ai, {
        ai,
        title,
        components,
        predefinedLength: flags.includes('*'),
        digitalLinkAttribute: flags.includes('?'),
        digitalLinkKey,
        excludes,
        requires,
        ...(decimals !== undefined ? { decimals } : {}),
        ...(components[0]!.linters.includes('iso4217') ? { currency: true } : {}),
        minLength: components.filter((c) => !c.optional).reduce((sum, c) => sum + c.min, 0),
        maxLength: components.reduce((sum, c) => sum + c.max, 0),
      });
    }
  }
  return table;
}

export const syntaxTable: ReadonlyMap<string, AiEntry> = parseSyntaxDictionary(syntaxDictionaryText);
export { syntaxDictionaryRelease };

/** The table entry for an AI, or undefined. */
export function aiEntry(ai: string): AiEntry | undefined {
  return syntaxTable.get(ai);
}

/** Finds the AI at the start of text: AIs are prefix-free (a unit test holds the table to it), so the first hit is the only one. */
export function aiAtStart(text: string): AiEntry | undefined {
  for (const length of [2, 3, 4]) {
    if (text.length < length) return undefined;
    const entry = syntaxTable.get(text.slice(0, length));
    if (entry) return entry;
  }
  return undefined;
}

/** An "ex=" pattern ("310n", "31nn", "8111") matches an AI digit for digit, "n" standing for any digit. */
export function aiMatchesPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) if (pattern[i] !== 'n' && pattern[i] !== ai[i]) return false;
  return true;
}
