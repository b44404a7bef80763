import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { en } from '../../../renderer/src/i18n/en';
import { es } from '../../../renderer/src/i18n/es';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) && !entry.name.startsWith('en.') && !entry.name.startsWith('es.') ? [join(dir, entry.name)] : [],
  );

const flat = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v as object, `${prefix}${k}.`)));

// tsc checks the keys of typed t() calls; calls through plainT (computed keys, deep types) and
// `i18nKey` props it does not. Every literal key in the renderer, whichever way it is called,
// must be in both languages (a plural's key as its _one/_other forms).
test('every literal translation key the renderer uses is in both languages', () => {
  const known = [new Set(flat(es)), new Set(flat(en))];
  const missing: string[] = [];
  let seen = 0;
  for (const file of sources('renderer/src')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\b(?:t|pt|plainT\(t\)|i18n\.t)\(\s*['`]([a-zA-Z]+(?:\.[\w-]+)+)['`]/g)) {
      const key = match[1]!;
      seen++;
      for (const [index, keys] of known.entries()) {
        if (!keys.has(key) && !keys.has(`${key}_one`) && !keys.has(`${key}_other`)) missing.push(`${index === 0 ? 'es' : 'en'}: ${key} (${file})`);
      }
    }
  }
  assert.ok(seen > 300, `found only ${seen} keys: the pattern no longer matches the renderer's calls`);
  assert.deepEqual(missing, []);
});
