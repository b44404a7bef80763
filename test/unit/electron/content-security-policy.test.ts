import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { assertStrict, metaCsp } from '../../helpers/content-security-policy';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// The built page is checked by test/e2e/built-page-csp.test.ts, which runs after `npm run build`.
test('the console page has a strict CSP: nothing remote, no eval, no inline script', () => {
  assertStrict(metaCsp(readFileSync(`${root}renderer/index.html`, 'utf8')), 'renderer/index.html');
});
