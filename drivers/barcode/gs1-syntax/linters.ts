// The GS1 Barcode Syntax Tests ("linters") that the Syntax Dictionary names
// after a component, as pure predicates. They follow GS1's reference
// implementation (gs1-syntax-dictionary, src/lint_*.c); the code lists come from
// the same release, generated beside this file.
import { gtinCheckDigit } from '../gtin';
import { iso3166, iso3166alpha2, iso4217, mediaTypes, packageTypes } from './syntax-dictionary.generated';

/** What a failed linter says about the data, coarse enough for a reason code. */
export type LintFailure = 'bad-check-digit' | 'bad-date' | 'bad-time' | 'bad-country' | 'bad-currency' | 'bad-content';

/** Returns null when the component passes. `referenceYear` resolves two-digit years (GS1 7.12). */
export type Linter = (data: string, referenceYear: number) => LintFailure | null;

const digits = /^\d*$/;
const countries = new Set(iso3166);
const countriesAlpha2 = new Set(iso3166alpha2);
const currencies = new Set(iso4217);
const media = new Set(mediaTypes);
const packages = new Set(packageTypes);

// GS1 General Specifications 3.2: a GS1 Company Prefix is at least 4 digits long.
const gcpMinLength = 4;
const gcpPos1: Linter = (d) => (d.length >= gcpMinLength && digits.test(d.slice(0, gcpMinLength)) ? null : 'bad-content');

export function resolveYear(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const difference = yy - (referenceYear % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function fullDate(yyyymmdd: string, dayZeroAllowed: boolean): LintFailure | null {
  if (yyyymmdd.length !== 8 || !digits.test(yyyymmdd)) return 'bad-date';
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12) return 'bad-date';
  if (day > daysInMonth(year, month) || (day === 0 && !dayZeroAllowed)) return 'bad-date';
  return null;
}
const shortDate =
  (dayZeroAllowed: boolean): Linter =>
  (d, referenceYear) =>
    d.length === 6 && digits.test(d) ? fullDate(`${resolveYear(Number(d.slice(0, 2)), referenceYear)}${d.slice(2)}`, dayZeroAllowed) : 'bad-date';

const upTo =
  (max: number): Linter =>
  (d) =>
    d.length === 2 && digits.test(d) && Number(d) <= max ? null : 'bad-time';

// Weights of the CSET 82 characters (GS1 General Specifications 7.9.5) and the
// 32 characters a check pair is written with.
const cset82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const cset32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const primes = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157,
  163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331, 337,
  347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
];

/** The two check characters GS1 appends to a GMN (8013) or MUDI (8014), or null for a body they cannot cover. */
export function checkPair(body: string): string | null {
  if (body.length > primes.length) return null;
  let sum = 0;
  for (let pos = 0; pos < body.length; pos++) {
    const weight = cset82.indexOf(body[pos]!);
    if (weight < 0) return null;
    sum += weight * primes[body.length - 1 - pos]!;
  }
  sum %= 1021;
  return `${cset32[sum >> 5]}${cset32[sum & 31]}`;
}

function iban(d: string): LintFailure | null {
  if (d.length <= 10 || d.length > 34 || !countriesAlpha2.has(d.slice(0, 2))) return 'bad-content';
  const rotated = d.slice(4) + d.slice(0, 4);
  let remainder = 0;
  for (const c of rotated) {
    const value = parseInt(c, 36);
    if (Number.isNaN(value) || c !== c.toUpperCase()) return 'bad-content';
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder === 1 ? null : 'bad-check-digit';
}

function pieceOfTotal(d: string): LintFailure | null {
  if (d.length === 0 || d.length % 2 !== 0 || !digits.test(d)) return 'bad-content';
  const piece = Number(d.slice(0, d.length / 2));
  const total = Number(d.slice(d.length / 2));
  return piece === 0 || total === 0 || piece > total ? 'bad-content' : null;
}

function positionInSequence(d: string): LintFailure | null {
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(d);
  return match && Number(match[1]) <= Number(match[2]) ? null : 'bad-content';
}

const ok: Linter = () => null;

/**
 * Every linter the dictionary names. The two coupon linters (8110, 8112: North
 * American coupon codes, which a store console only passes on) check the
 * character set only; everything else is checked as GS1's reference does.
 */
export const linters: Readonly<Record<string, Linter>> = {
  csum: (d) => (digits.test(d) && d.length > 0 && gtinCheckDigit(d.slice(0, -1)) === Number(d.slice(-1)) ? null : 'bad-check-digit'),
  csumalpha: (d) => (d.length >= 2 && checkPair(d.slice(0, -2)) === d.slice(-2) ? null : 'bad-check-digit'),
  gcppos1: gcpPos1,
  gcppos2: (d, y) => (d.length >= 2 ? gcpPos1(d.slice(1), y) : 'bad-content'),
  yymmd0: shortDate(true),
  yymmdd: shortDate(false),
  yyyymmd0: (d) => fullDate(d, true),
  yyyymmdd: (d) => fullDate(d, false),
  hh: upTo(23),
  mi: upTo(59),
  ss: upTo(59),
  hhmi: (d) => (d.length === 4 && upTo(23)(d.slice(0, 2), 0) === null && upTo(59)(d.slice(2), 0) === null ? null : 'bad-time'),
  iso3166: (d) => (countries.has(d) ? null : 'bad-country'),
  iso3166999: (d) => (d === '999' || countries.has(d) ? null : 'bad-country'),
  iso3166alpha2: (d) => (countriesAlpha2.has(d) ? null : 'bad-country'),
  iso4217: (d) => (currencies.has(d) ? null : 'bad-currency'),
  iso5218: (d) => (/^[0129]$/.test(d) ? null : 'bad-content'),
  yesno: (d) => (/^[01]$/.test(d) ? null : 'bad-content'),
  winding: (d) => (/^[019]$/.test(d) ? null : 'bad-content'),
  zero: (d) => (/^0+$/.test(d) ? null : 'bad-content'),
  nonzero: (d) => (digits.test(d) && /[1-9]/.test(d) ? null : 'bad-content'),
  nozeroprefix: (d) => (digits.test(d) && !d.startsWith('0') ? null : 'bad-content'),
  hasnondigit: (d) => (/\D/.test(d) ? null : 'bad-content'),
  hyphen: (d) => (/^-+$/.test(d) ? null : 'bad-content'),
  pcenc: (d) => (/%(?![0-9A-Fa-f]{2})/.test(d) ? 'bad-content' : null),
  latitude: (d) => (d.length === 10 && digits.test(d) && Number(d) <= 1800000000 ? null : 'bad-content'),
  longitude: (d) => (d.length === 10 && digits.test(d) && Number(d) <= 3600000000 ? null : 'bad-content'),
  mediatype: (d) => (media.has(d) ? null : 'bad-content'),
  packagetype: (d) => (packages.has(d) ? null : 'bad-content'),
  importeridx: (d) => (/^[-0-9A-Z_a-z]$/.test(d) ? null : 'bad-content'),
  pieceoftotal: pieceOfTotal,
  posinseqslash: positionInSequence,
  iban,
  couponcode: ok,
  couponposoffer: ok,
};

/** Linters whose checks are not implemented here beyond the character set. */
export const unenforcedLinters: readonly string[] = ['couponcode', 'couponposoffer'];
