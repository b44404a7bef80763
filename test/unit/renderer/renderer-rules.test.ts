import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconnectDelay } from '../../../renderer/src/api/reconnect-delay';
import { en } from '../../../renderer/src/i18n/en';
import { es } from '../../../renderer/src/i18n/es';
import { storedLanguage, storeLanguage } from '../../../renderer/src/i18n/languages';
import { lookupIntent, printableCode } from '../../../renderer/src/lookup/lookup-text';
import { wedgeKey } from '../../../renderer/src/scanner/wedge-keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; code: string; repeat: boolean }> = {}) =>
  wedgeKey({ key: k, code: mods.code ?? '', ctrlKey: false, altKey: false, metaKey: false, isComposing: false, repeat: false, ...mods });

test('Enter in the lookup field looks up codes and SKUs, and searches names', () => {
  assert.equal(lookupIntent('8400000000017'), 'code');
  assert.equal(lookupIntent(' (01)08400000000017\x1d10LOT '), 'code-or-name');
  assert.equal(lookupIntent('0108400000000017'), 'code');
  assert.equal(lookupIntent('MS-000001'), 'code-or-name');
  assert.equal(lookupIntent('aceite'), 'name');
  assert.equal(lookupIntent('aceite 1 L'), 'name');
  assert.equal(printableCode('01\x1d10'), '01␝10');
});

test('the wedge sees characters, Enter, and Ctrl+] as GS; not Shift, shortcuts or a held key', () => {
  assert.equal(key('8'), '8');
  assert.equal(key('Enter'), 'Enter');
  assert.equal(key(']', { ctrlKey: true, code: 'BracketRight' }), '\x1d');
  assert.equal(key('+', { ctrlKey: true, code: 'BracketRight' }), '\x1d', 'Ctrl+] on a Spanish layout');
  assert.equal(key('Shift'), null);
  assert.equal(key('c', { ctrlKey: true }), null);
  assert.equal(key('@', { ctrlKey: true, altKey: true }), '@', 'AltGr');
  assert.equal(key('8', { repeat: true }), null, 'a held key is not a scanner');
});

test('reconnect waits grow, stay capped, and are spread', () => {
  const policy = { firstMs: 500, maxMs: 10_000, jitter: 0.2 };
  const mid = () => 0.5;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((n) => reconnectDelay(n, policy, mid)), [500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  assert.equal(reconnectDelay(0, policy, () => 0), 400);
  assert.equal(reconnectDelay(0, policy, () => 1), 600);
});

test('the language choice survives a restart, and broken storage falls back to Spanish', () => {
  const saved = new Map<string, string>();
  const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
  assert.equal(storedLanguage(storage), 'es');
  storeLanguage(storage, 'en');
  assert.equal(storedLanguage(storage), 'en');
  saved.set('mostrador.language', 'klingon');
  assert.equal(storedLanguage(storage), 'es');
  const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
  assert.equal(storedLanguage(broken), 'es');
  assert.doesNotThrow(() => storeLanguage(broken, 'en'));
});

test('Spanish and English have the same keys and no empty string', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
  assert.deepEqual(keys(en).sort(), keys(es).sort());
  const empty = (o: object): boolean => Object.values(o).some((v) => (typeof v === 'string' ? v.trim() === '' : empty(v as object)));
  assert.equal(empty(es) || empty(en), false);
});
