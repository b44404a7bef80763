// Holds our GS1 interpreter to the verdicts of GS1's reference implementation,
// the GS1 Barcode Syntax Engine, recorded in test/fixtures/gs1-reference-corpus.json
// (see test/bench/gs1-agreement.ts, which measures the same and rebuilds the corpus).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareWithCorpus, type Disagreement, type ReferenceCorpus } from '../../helpers/gs1-reference-corpus';

const corpus = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/gs1-reference-corpus.json'), 'utf8')) as ReferenceCorpus;

/**
 * The only disagreements the store keeps, each a decision in docs/decisions.md
 * ("GS1 agreement with the reference Syntax Engine"). Both are about text the
 * engine reads as plain data, not GS1 data; neither changes a GS1 verdict.
 */
const deliberate: Readonly<Record<string, (d: Disagreement) => boolean>> = {
  // Issue 14: a mixed-case scheme is a misread; the engine reads such text as plain, non-GS1 data.
  'mixed-case scheme is a misread': ({ entry, expected, ours }) => {
    const scheme = /^(?:\][dQJ][01])?(https?):\/\//i.exec(entry.input)?.[1];
    const mixed = scheme !== undefined && scheme !== scheme.toLowerCase() && scheme !== scheme.toUpperCase();
    return mixed && expected.valid && expected.ais.length === 0 && ours.reason === 'bad-digital-link/bad-scheme';
  },
  // Untagged text holding GS is an element string from a wedge without AIM identifiers; the engine needs an identifier to see GS1 data.
  'untagged GS is GS1 data': ({ entry, expected, ours }) => entry.form === 'uri' && entry.input.includes('\x1d') && expected.valid && ours.reason?.startsWith('bad-gs1/') === true,
};

const explained = (d: Disagreement) => Object.values(deliberate).some((reason) => reason(d));
/** The first disagreements, enough to start on (a diff of thousands of lines would stall the reporter). */
const listed = (ds: readonly Disagreement[]) => `${ds.length} disagreements, the first:\n${ds.slice(0, 25).map(describe).join('\n')}`;
const describe = (d: Disagreement) => `${d.entry.form} ${JSON.stringify(d.entry.input)}: engine ${JSON.stringify(d.expected)}, ours ${JSON.stringify(d.ours)}`;

test(`the corpus records the reference engine's verdicts with their provenance (${corpus.entries.length} inputs)`, () => {
  assert.equal(corpus.licence, 'Apache-2.0');
  assert.match(corpus.oracle.commit, /^[0-9a-f]{40}$/);
  assert.ok(corpus.entries.length > 3000);
  const origins = new Set(corpus.entries.map((e) => e.origin));
  for (const origin of ['gs1-syntax-engine:src/c-lib/ai.c', 'gs1-syntax-engine:src/c-lib/dl.c', 'gs1-syntax-engine:src/c-lib/scandata.c', 'generated', 'corrupted']) {
    assert.ok(origins.has(origin), origin);
  }
  for (const form of ['bracketed', 'scan', 'uri'] as const) {
    assert.ok(corpus.entries.some((e) => e.form === form && e.valid) && corpus.entries.some((e) => e.form === form && !e.valid), form);
  }
});

test('the store agrees with the engine set as its policy: validity and the AIs extracted, in order', () => {
  const { disagreements } = compareWithCorpus(corpus, 'store');
  const unexplained = disagreements.filter((d) => !explained(d));
  assert.equal(unexplained.length, 0, listed(unexplained));
  // Each deliberate disagreement still occurs, so a stale exception cannot hide a new one.
  for (const [name, reason] of Object.entries(deliberate)) assert.ok(disagreements.some(reason), name);
});

test("set as the engine's defaults (requisites enforced, no zero-suppressed GTIN in Digital Link), we agree with its defaults", () => {
  const { disagreements } = compareWithCorpus(corpus, 'engine-defaults');
  const unexplained = disagreements.filter((d) => !explained(d));
  assert.equal(unexplained.length, 0, listed(unexplained));
});
