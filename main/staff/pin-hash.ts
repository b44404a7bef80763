import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is slow on purpose: a stolen ledger file must not give away PINs by
// brute force in seconds. Parameters live in the stored string so they can rise.
// A 4-digit PIN has only 10,000 values, so slowness alone gives way in minutes:
// the store's pepper (kept in the secret store, never in the ledger) is mixed in
// first, so a copied ledger without it cannot test a single guess.
const params = { N: 16384, r: 8, p: 1 } as const;
const keyLength = 32;
/** Hashes with the store's pepper; plain `scrypt` is the older scheme, upgraded at sign-in. */
const pepperedScheme = 'scrypt-peppered';

function derive(secret: string | Buffer, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const peppered = (pin: string, pepper: Buffer) => createHmac('sha256', pepper).update(pin, 'utf8').digest();

/** With a pepper the hash uses the peppered scheme; without one (tests, old ledgers) the plain one. */
export async function hashPin(pin: string, pepper: Buffer | null = null): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pepper ? peppered(pin, pepper) : pin, salt, params);
  return [pepper ? pepperedScheme : 'scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPin(pin: string, stored: string, pepper: Buffer | null = null): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  let secret: string | Buffer;
  if (scheme === 'scrypt') secret = pin;
  else if (scheme === pepperedScheme && pepper) secret = peppered(pin, pepper);
  else return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(secret, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash made before the store had a pepper: rewrite it at the member's next sign-in. */
export const needsUpgrade = (stored: string, pepper: Buffer | null): boolean => pepper !== null && !stored.startsWith(`${pepperedScheme}$`);
