import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { handoverCodeKey, handoverCodeMatches, hashHandoverCode } from '../../../main/orders/handover-code';

test('a handover code hashed with the store key verifies with that key only', () => {
  const key = handoverCodeKey(randomBytes(32));
  const other = handoverCodeKey(randomBytes(32));
  const stored = hashHandoverCode('4821', key);
  assert.match(stored, /^hmac-sha256-peppered\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  assert.equal(handoverCodeMatches(stored, '4821', key), true);
  assert.equal(handoverCodeMatches(stored, ' 4821 ', key), true, 'blanks around a typed code do not count');
  assert.equal(handoverCodeMatches(stored, '4822', key), false);
  // A copy of the ledger alone (no key), or with another store's key, gives nothing to try codes against.
  assert.equal(handoverCodeMatches(stored, '4821', null), false);
  assert.equal(handoverCodeMatches(stored, '4821', other), false);
  const guesses = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0')).filter((guess) => handoverCodeMatches(stored, guess, null));
  assert.deepEqual(guesses, [], 'no 4-digit code matches without the key');
});

test('equal codes look different, and a code hashed before the store had a key still verifies', () => {
  const key = handoverCodeKey(randomBytes(32));
  assert.notEqual(hashHandoverCode('4821', key), hashHandoverCode('4821', key), 'a salt per order');
  const older = hashHandoverCode('4821', null);
  assert.match(older, /^hmac-sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  assert.equal(handoverCodeMatches(older, '4821', key), true);
  assert.equal(handoverCodeMatches(older, '1234', key), false);
  for (const malformed of ['', '4821', 'hmac-sha256$$', 'sha1$00$00', 'hmac-sha256-peppered$zz']) {
    assert.equal(handoverCodeMatches(malformed, '4821', key), false, malformed);
  }
  assert.equal(handoverCodeKey(null), null);
});
