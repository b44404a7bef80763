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

/**
 * Reads a North American coupon field by field (GS1 US "North American Coupon
 * Application Guideline"): each step takes what it needs or says the code is
 * malformed. `vli(n)` reads a variable length indicator digit and that many
 * more characters after it.
 */
class CouponReader {
  private at = 0;
  constructor(private readonly data: string) {}
  get done(): boolean {
    return this.at >= this.data.length;
  }
  peek(): string | undefined {
    return this.data[this.at];
  }
  /** One digit, which must satisfy `allowed`. */
  digit(allowed: (d: number) => boolean): number | null {
    const c = this.data[this.at];
    if (c === undefined || !allowed(Number(c))) return null;
    this.at++;
    return Number(c);
  }
  take(length: number): string | null {
    if (this.data.length - this.at < length) return null;
    const part = this.data.slice(this.at, this.at + length);
    this.at += length;
    return part;
  }
}

const anyDigit = () => true;
const purchaseCode = (d: number) => d <= 4 || d === 9;

/** A VLI-prefixed GCP (0–6 → 6–12 digits), checked as gcppos1. */
function couponCompanyPrefix(reader: CouponReader, allowNone: boolean, maxIndicator = 6): boolean {
  const indicator = reader.digit((d) => d <= maxIndicator || (allowNone && d === 9));
  if (indicator === null) return false;
  if (allowNone && indicator === 9) return true;
  const gcp = reader.take(indicator + 6);
  return gcp !== null && gcpPos1(gcp, 0) === null;
}

/** A purchase requirement: a 1–5 digit VLI and value, a requirement code, a 3-digit family code. */
function couponPurchase(reader: CouponReader): boolean {
  const length = reader.digit((d) => d >= 1 && d <= 5);
  return length !== null && reader.take(length) !== null && reader.digit(purchaseCode) !== null && reader.take(3) !== null;
}

function couponDate(reader: CouponReader, referenceYear: number): string | null {
  const date = reader.take(6);
  return date !== null && linters.yymmdd!(date, referenceYear) === null ? date : null;
}

/** AI (8110): the original North American Coupon Code with its optional data fields 1–6 and 9, in order. */
function couponCode(d: string, referenceYear: number): LintFailure | null {
  if (!digits.test(d)) return 'bad-content';
  const reader = new CouponReader(d);
  if (!couponCompanyPrefix(reader, false)) return 'bad-content';
  if (reader.take(6) === null || !couponPurchaseValue(reader) || !couponPurchase(reader)) return 'bad-content';
  if (reader.peek() === '1') {
    reader.take(1);
    if (reader.digit((x) => x <= 3) === null || !couponPurchase(reader) || !couponCompanyPrefix(reader, true)) return 'bad-content';
  }
  if (reader.peek() === '2') {
    reader.take(1);
    if (!couponPurchase(reader) || !couponCompanyPrefix(reader, true)) return 'bad-content';
  }
  let expiry: string | null = null;
  if (reader.peek() === '3') {
    reader.take(1);
    expiry = couponDate(reader, referenceYear);
    if (expiry === null) return 'bad-date';
  }
  if (reader.peek() === '4') {
    reader.take(1);
    const start = couponDate(reader, referenceYear);
    if (start === null) return 'bad-date';
    // As the reference compares them: the six digits as written.
    if (expiry !== null && start > expiry) return 'bad-date';
  }
  if (reader.peek() === '5') {
    reader.take(1);
    const length = reader.digit(anyDigit);
    if (length === null || reader.take(length + 6) === null) return 'bad-content';
  }
  if (reader.peek() === '6') {
    reader.take(1);
    const indicator = reader.digit((x) => x >= 1 && x <= 7);
    const gcp = indicator === null ? null : reader.take(indicator + 6);
    if (gcp === null || gcpPos1(gcp, 0) !== null) return 'bad-content';
  }
  if (reader.peek() === '9') {
    reader.take(1);
    const valid =
      reader.digit((x) => [0, 1, 2, 5, 6].includes(x)) !== null && reader.digit((x) => x <= 2) !== null && reader.take(1) !== null && reader.digit((x) => x <= 1) !== null;
    if (!valid) return 'bad-content';
  }
  return reader.done ? null : 'bad-content';
}

/** The save value: a 1–5 digit VLI and that many digits. */
function couponPurchaseValue(reader: CouponReader): boolean {
  const length = reader.digit((d) => d >= 1 && d <= 5);
  return length !== null && reader.take(length) !== null;
}

/** AI (8112): the paperless coupon's format code, funder, offer code and serial number, nothing more. */
function couponPositiveOffer(d: string): LintFailure | null {
  if (!digits.test(d)) return 'bad-content';
  const reader = new CouponReader(d);
  if (reader.digit((x) => x <= 1) === null) return 'bad-content';
  const funder = reader.digit((x) => x <= 6);
  if (funder === null || reader.take(funder + 6) === null || reader.take(6) === null) return 'bad-content';
  const serial = reader.digit(anyDigit);
  if (serial === null || reader.take(serial + 6) === null) return 'bad-content';
  return reader.done ? null : 'bad-content';
}

/** Every linter the dictionary names, each checking what GS1's reference linter of that name checks. */
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
  couponcode: couponCode,
  couponposoffer: couponPositiveOffer,
};

/** Linters whose checks are not implemented here beyond the character set: none since the coupon linters were added. */
export const unenforcedLinters: readonly string[] = [];
