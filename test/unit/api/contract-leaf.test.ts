import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../main/api');

/** Every module a file names: static imports and re-exports, `import type`, and dynamic import(). */
function specifiers(source: string): string[] {
  const found = [...source.matchAll(/\b(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g), ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g), ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1]!);
}

test('main/api is a leaf: its files import nothing but zod and each other, so the renderer can parse with them', () => {
  const files = readdirSync(apiDir).filter((name) => name.endsWith('.ts'));
  assert.ok(files.includes('contract.ts') && files.includes('events.ts'));
  const outside: string[] = [];
  for (const file of files) {
    for (const specifier of specifiers(readFileSync(join(apiDir, file), 'utf8'))) {
      if (specifier === 'zod') continue;
      const target = specifier.startsWith('.') ? resolve(apiDir, specifier) : null;
      if (target === null || relative(apiDir, target).startsWith('..') || relative(apiDir, target).includes('/')) outside.push(`${file} → ${specifier}`);
    }
  }
  assert.deepEqual(outside, []);
});

test('the leaf check sees every form of import', () => {
  const source = [
    "import { z } from 'zod';",
    "import type { PrinterSettings } from '../printing/printer-settings';",
    "export { shelfConfigSchema } from '../shelves/shelf-monitor';",
    "const m = await import('../devices/device-identity');",
    "import 'node:fs';",
  ].join('\n');
  assert.deepEqual(specifiers(source), ['zod', '../printing/printer-settings', '../shelves/shelf-monitor', '../devices/device-identity', 'node:fs']);
});
