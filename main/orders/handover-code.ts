import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The customer's handover code, kept as HMAC-SHA256 with a random salt per order, keyed by the
// store's secret: `hmac-sha256-peppered$<salt>$<digest>`, both hex.
//
// Why a fast hash and not scrypt like PINs: the code is 4 digits chosen by HQ, so no hash, however
// slow, keeps it from someone who holds a copy of the ledger and the key (10,000 tries). The key
// is what keeps it: derived from the store's pepper, which lives in the secret store, never in
// the ledger (main/staff/pin-pepper.ts), so a copied ledger, backup or diagnostics zip alone gives
// nothing to try codes against. What protects it at the counter is that it is only ever checked
// online, by the core, with a limit on wrong tries per order (pickup-orders.ts). Hashing keeps the
// code out of sight: not returned by any API answer, so the clerk cannot read it off a screen.
// The salt makes equal codes on different orders look different.
//
// `hmac-sha256$<salt>$<digest>` (keyed by the salt alone) is what a core composed without a pepper
// writes (tests) and what earlier builds wrote; it still verifies.

const scheme = 'hmac-sha256';
const pepperedScheme = 'hmac-sha256-peppered';

/** The key handover codes are hashed with, derived from the store's pepper (its own purpose, not the PINs'). */
export function handoverCodeKey(pepper: Buffer | null): Buffer | null {
  return pepper ? createHmac('sha256', pepper).update('mostrador handover code v1', 'utf8').digest() : null;
}

const digest = (salt: Buffer, code: string, key: Buffer | null) =>
  key
    ? createHmac('sha256', key).update(salt).update(normaliseCode(code), 'utf8').digest()
    : createHmac('sha256', salt).update(normaliseCode(code), 'utf8').digest();

/** What the customer says or their QR carries, as compared: surrounding blanks do not count. */
export function normaliseCode(code: string): string {
  return code.trim();
}

export function hashHandoverCode(code: string, key: Buffer | null = null): string {
  const salt = randomBytes(16);
  return `${key ? pepperedScheme : scheme}$${salt.toString('hex')}$${digest(salt, code, key).toString('hex')}`;
}

/**
 * True when `given` is the code `stored` was made from. A malformed stored value matches nothing,
 * and so does a keyed one without the store's key.
 */
export function handoverCodeMatches(stored: string, given: string, key: Buffer | null = null): boolean {
  const [kind, saltHex, digestHex] = stored.split('$');
  if (!saltHex || !digestHex) return false;
  if (kind === pepperedScheme && !key) return false;
  if (kind !== scheme && kind !== pepperedScheme) return false;
  const expected = Buffer.from(digestHex, 'hex');
  const actual = digest(Buffer.from(saltHex, 'hex'), given, kind === pepperedScheme ? key : null);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
