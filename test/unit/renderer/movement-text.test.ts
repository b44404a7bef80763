import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import i18next from 'i18next';
import { countApprovalReasons } from '../../../main/api/input-schemas';
import { importReason } from '../../../main/catalog-import/csv-imports';
import { en } from '../../../renderer/src/i18n/en';
import { es } from '../../../renderer/src/i18n/es';
import { movementActorText, movementReasonText, movementReasons, movementRefText } from '../../../renderer/src/lookup/movement-text';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
  );

/** The reason codes the core writes on movements, read from its source: what the history must word. */
function reasonsWrittenByTheCore(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /(?:movements|stock)\.append\(\{[^;]{0,400}?reason: '([a-z-]+)'/g, // movements.append({ …, reason: 'receipt' })
    /\bmove\([^;]*?, '([a-z-]+)', orderId/g, // the orders room's move(sku, qty, from, to, 'pickup-handover', orderId, …)
    /\bpost\([^;]*?, '([a-z-]+)'\)/g, // transfers' post(qty, to, 'transfer-in')
    /releaseAll\([^;]*?, '([a-z-]+)'\)/g,
    /\breason = '([a-z-]+)'/g,
    /reason \?\? '([a-z-]+)'/g,
  ];
  for (const file of sources('main')) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1]!);
    for (const match of text.matchAll(/`return-\$\{r\.condition\}`/g)) if (match) ['return-resellable', 'return-damaged'].forEach((r) => found.add(r));
  }
  return found;
}

test('every movement reason the core writes is worded in both languages, and the history words it', async () => {
  const written = reasonsWrittenByTheCore();
  assert.ok(written.size >= 15, `found only ${[...written].join(', ')} in main/`);
  const worded = new Set<string>([...movementReasons, ...countApprovalReasons]);
  assert.deepEqual([...written].filter((r) => !worded.has(r)), [], 'reasons the history cannot word');
  assert.ok(worded.has(importReason));
  for (const messages of [es.history.reasons, en.history.reasons] as Record<string, string>[]) {
    assert.deepEqual(Object.keys(messages).sort(), [...movementReasons].sort());
  }

  const t = i18next.createInstance();
  await t.init({ lng: 'es', resources: { es: { translation: es } }, interpolation: { escapeValue: false } });
  assert.equal(movementReasonText(t.t, 'pickup-handover'), 'Entregado al cliente');
  assert.equal(movementReasonText(t.t, 'own-use'), 'Uso propio');
  assert.equal(movementReasonText(t.t, 'unexplained'), 'Sin explicar');
  assert.equal(movementReasonText(t.t, 'merma acordada'), 'merma acordada', "a caller's own words stay");
  assert.equal(movementActorText(t.t, 'system'), 'el sistema');
  assert.equal(movementRefText(t.t, 'approved-by:marta'), 'aprobado por marta');
});
