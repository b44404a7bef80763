// The page Electron and the bridge actually serve. It exists only after `npm run build`, so this runs
// with the e2e tests (which `npm test` starts after the build) and fails, never skips, without it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { assertStrict, metaCsp } from '../helpers/content-security-policy';

const built = fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url));

test('the built page keeps the strict CSP and has no inline script', () => {
  assert.ok(existsSync(built), `${built} is missing: run \`npx electron-vite build\` first (npm test does)`);
  const html = readFileSync(built, 'utf8');
  assertStrict(metaCsp(html), 'out/renderer/index.html');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0, 'the built page loads its bundle');
  for (const script of scripts) {
    assert.match(script[1]!, /\bsrc="\.?\/?assets\//, 'scripts load from the app bundle');
    assert.equal(script[2]!.trim(), '', 'no inline script body');
  }
});
