import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The customer's handover code, kept as HMAC-SHA256 keyed with a random salt per
// order: `hmac-sha256$<salt>$<digest>`, both hex.
//
// Why a fast hash and not scrypt like PINs: the code is 4 digits chosen by HQ, so
// no hash, however slow, keeps it from someone holding a copy of the ledger (10,000
// tries). What protects it is that it is only ever checked online, by the core,
// with a limit on wrong tries per order (pickup-orders.ts). Hashing keeps the code
// out of sight: not readable in the ledger, a backup or a diagnostics zip, and not
// returned by any API answer, so the clerk at the counter cannot read it off a
// screen. The salt makes equal codes on different orders look different.

const scheme = 'hmac-sha256';

const digest = (salt: Buffer, code: string) => createHmac('sha256', salt).update(normaliseCode(code), 'utf8').digest();

/** What the customer says or their QR carries, as compared: surrounding blanks do not count. */
export function normaliseCode(code: string): string {
  return code.trim();
}

export function hashHandoverCode(code: string): string {
  const salt = randomBytes(16);
  return `${scheme}$${salt.toString('hex')}$${digest(salt, code).toString('hex')}`;
}

/** True when `given` is the code `stored` was made from; a malformed stored value matches nothing. */
export function handoverCodeMatches(stored: string, given: string): boolean {
  const [kind, saltHex, digestHex] = stored.split('$');
  if (kind !== scheme || !saltHex || !digestHex) return false;
  const expected = Buffer.from(digestHex, 'hex');
  const actual = digest(Buffer.from(saltHex, 'hex'), given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
