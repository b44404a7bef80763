// Our side of the comparison with GS1's reference implementation
// (test/fixtures/gs1-reference-corpus.json): the same input, read the way the
// store reads it, reduced to what the engine reports — valid or not, and the AIs.
import { parseElementString } from '../../drivers/barcode/gs1-element-string';
import { interpretCode, isMisread } from '../../drivers/barcode/scan';
import { defaultVariableMeasureLayouts } from '../../drivers/barcode/variable-measure';

export interface CorpusEntry {
  /** bracketed: "(01)…" typed form; scan: AIM identifier then data, GS as FNC1; uri: a bare GS1 Digital Link URI. */
  form: 'bracketed' | 'scan' | 'uri';
  input: string;
  /** Where the input came from: an engine source file (its unit tests), "generated" or "corrupted". */
  origin: string;
  /** The engine's verdict with its default settings. */
  valid: boolean;
  /** The engine's verdict set as the store's policy: requisites off, zero-suppressed GTINs in Digital Link permitted. */
  validUnderStorePolicy: boolean;
  /** The AIs the engine extracted under the store's policy, in order, as [AI, value]; empty when invalid or plain data. */
  ais: [string, string][];
  /** The engine's message, when invalid with its defaults. */
  error?: string;
}

export interface ReferenceCorpus {
  about: string;
  licence: string;
  oracle: { name: string; version: string; commit: string; syntaxDictionaryRelease: string; settings: string };
  referenceYear: number;
  seed: number;
  entries: CorpusEntry[];
}

export interface Verdict {
  valid: boolean;
  ais: [string, string][];
  reason?: string;
}

/**
 * store: the store's settings against the engine under the store's policy.
 * engine-defaults: our interpreter set as the engine's defaults (requisites
 * enforced, no zero-suppressed GTINs) against the engine's defaults.
 * store-vs-defaults: the store's settings against the engine's defaults.
 */
export type Comparison = 'store' | 'engine-defaults' | 'store-vs-defaults';

/**
 * What our interpreter says, in the engine's terms: invalid when it refuses the
 * read as a misread (a GS1 symbol or Digital Link that fails GS1's checks).
 * Data that is not GS1 (an internal code, plain text in a QR code) is valid
 * with no AIs, as the engine says of plain data.
 */
export function ourVerdict(entry: Pick<CorpusEntry, 'form' | 'input'>, referenceYear: number, engineDefaults = false): Verdict {
  const policy = engineDefaults ? { requisites: true, zeroSuppressedGtin: false } : {};
  if (entry.form === 'bracketed') {
    const parsed = parseElementString(entry.input, { referenceYear, ...policy });
    return parsed.ok ? { valid: true, ais: parsed.elements.map((e) => [e.ai, e.value]) } : { valid: false, ais: [], reason: parsed.reason };
  }
  const read = interpretCode(entry.input, { variableMeasureLayouts: defaultVariableMeasureLayouts, referenceYear, ...policy });
  if (read.kind === 'malformed' && isMisread(read.reason)) return { valid: false, ais: [], reason: `${read.reason}${read.detail ? `/${read.detail}` : ''}` };
  return { valid: true, ais: read.kind === 'gs1' ? read.elements.map((e) => [e.ai, e.value]) : [] };
}

export interface Disagreement {
  entry: CorpusEntry;
  expected: Verdict;
  ours: Verdict;
}

export function compareWithCorpus(corpus: ReferenceCorpus, comparison: Comparison): { agreeing: number; disagreements: Disagreement[] } {
  const disagreements: Disagreement[] = [];
  for (const entry of corpus.entries) {
    const ours = ourVerdict(entry, corpus.referenceYear, comparison === 'engine-defaults');
    const valid = comparison === 'store' ? entry.validUnderStorePolicy : entry.valid;
    const expected: Verdict = { valid, ais: valid ? entry.ais : [], ...(entry.error ? { reason: entry.error } : {}) };
    if (ours.valid !== expected.valid || JSON.stringify(ours.ais) !== JSON.stringify(expected.ais)) disagreements.push({ entry, expected, ours });
  }
  return { agreeing: corpus.entries.length - disagreements.length, disagreements };
}
