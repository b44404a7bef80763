// GTIN-8/12/13/14 with the GS1 mod-10 check digit, normalised to GTIN-14.

export type GtinKind = 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';
export type GtinResult =
  | { ok: true; gtin14: string; kind: GtinKind }
  | { ok: false; reason: 'not-digits' | 'bad-length' | 'bad-check-digit' };

const kinds: Record<number, GtinKind> = { 8: 'GTIN-8', 12: 'GTIN-12', 13: 'GTIN-13', 14: 'GTIN-14' };

/** GS1 mod-10: weights 3,1,3,1… from the rightmost digit of the body. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function parseGtin(text: string): GtinResult {
  if (!/^\d+$/.test(text)) return { ok: false, reason: 'not-digits' };
  const kind = kinds[text.length];
  if (!kind) return { ok: false, reason: 'bad-length' };
  if (gtinCheckDigit(text.slice(0, -1)) !== text.charCodeAt(text.length - 1) - 48) return { ok: false, reason: 'bad-check-digit' };
  return { ok: true, gtin14: text.padStart(14, '0'), kind };
}

/** Appends the check digit to a body of 7, 11, 12 or 13 digits. */
export function makeGtin(body: string): string {
  if (!/^\d{7}$|^\d{11,13}$/.test(body)) throw new RangeError(`A GTIN body is 7, 11, 12 or 13 digits, not "${body}"`);
  return `${body}${gtinCheckDigit(body)}`;
}
