// Agreement of our GS1 interpreter with GS1's reference implementation, the GS1
// Barcode Syntax Engine (github.com/gs1/gs1-syntax-engine, Apache-2.0).
//
//   npx tsx test/bench/gs1-agreement.ts
//     reads test/fixtures/gs1-reference-corpus.json and prints the share of inputs
//     on which we agree with the engine (validity, and the AIs extracted), listing
//     every disagreement.
//   npx tsx test/bench/gs1-agreement.ts --rebuild <engine checkout> <oracle binary> [seed]
//     rebuilds the corpus: the inputs of the engine's own C unit tests (taken as
//     data from its sources) plus generated element strings, scan data and Digital
//     Link URIs and single-character corruptions of them, each with the engine's
//     verdict. The oracle is test/bench/gs1-oracle.c linked against the engine's
//     C library; see the comment at its top. Nothing here needs it to measure.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPair } from '../../drivers/barcode/gs1-syntax/linters';
import { syntaxTable } from '../../drivers/barcode/gs1-syntax/syntax-table';
import { iso3166, iso3166alpha2, iso4217, mediaTypes, packageTypes } from '../../drivers/barcode/gs1-syntax/syntax-dictionary.generated';
import { gtinCheckDigit } from '../../drivers/barcode/gtin';
import { compareWithCorpus, type CorpusEntry, type Disagreement, type ReferenceCorpus } from '../helpers/gs1-reference-corpus';

const corpusPath = join(import.meta.dirname, '../fixtures/gs1-reference-corpus.json');
const GS = '\x1d';

function measure(): void {
  const corpus = JSON.parse(readFileSync(corpusPath, 'utf8')) as ReferenceCorpus;
  const share = (n: number) => `${n}/${corpus.entries.length} = ${((100 * n) / corpus.entries.length).toFixed(1)} %`;
  const store = compareWithCorpus(corpus, 'store');
  const defaults = compareWithCorpus(corpus, 'engine-defaults');
  for (const d of store.disagreements) console.log(`store policy: ${describe(d)}`);
  for (const d of defaults.disagreements) console.log(`engine defaults: ${describe(d)}`);
  console.log(`${corpus.oracle.name} ${corpus.oracle.version} (${corpus.oracle.commit.slice(0, 12)}), ${corpus.entries.length} inputs`);
  console.log(`agreement, the store's interpreter against the engine under the store's policy: ${share(store.agreeing)}`);
  console.log(`agreement, our interpreter set as the engine's defaults against them: ${share(defaults.agreeing)}`);
  console.log(`agreement, the store's interpreter against the engine's defaults: ${share(compareWithCorpus(corpus, 'store-vs-defaults').agreeing)}`);
}

function describe({ entry, expected, ours }: Disagreement): string {
  const verdict = (v: { valid: boolean; ais: [string, string][]; reason?: string }) => (v.valid ? `valid ${JSON.stringify(v.ais)}` : `invalid (${v.reason ?? ''})`);
  return `${entry.form} ${JSON.stringify(entry.input)}: engine ${verdict(expected)}, ours ${verdict(ours)}`;
}

// ---- rebuilding the corpus -------------------------------------------------

/** A seeded PRNG (mulberry32), so a rebuilt corpus is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every C string literal (adjacent literals joined, escapes read) in the unit-test part of a C source. */
function cStringLiterals(source: string): string[] {
  const out: string[] = [];
  const tests = source.slice(Math.max(0, source.indexOf('#ifdef UNIT_TESTS')));
  const literal = /"((?:[^"\\\n]|\\.)*)"/g;
  let joined: string | null = null;
  let lastEnd = -1;
  for (const m of tests.matchAll(literal)) {
    const text = m[1]!.replace(/\\(x[0-9A-Fa-f]{1,2}|.)/g, (_, e: string) =>
      e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e,
    );
    if (joined !== null && /^\s*$/.test(tests.slice(lastEnd, m.index))) joined += text;
    else {
      if (joined !== null) out.push(joined);
      joined = text;
    }
    lastEnd = m.index + m[0].length;
  }
  if (joined !== null) out.push(joined);
  return out;
}

/**
 * The AIM identifiers the engine reads. Scan data without one of them is
 * refused by the engine before it looks at the data, while the store reads
 * untagged data from keyboard wedges; those inputs compare nothing, so are left
 * out, as is the engine's "|" (its API's composite-component separator, never
 * sent by a scanner).
 */
const engineAims = /^\](C1|E0|E4|e0|d1|d2|Q1|Q3|J0|J1)/;

type Candidate = Pick<CorpusEntry, 'form' | 'input' | 'origin'>;

/** The engine's own test inputs, classified by their shape. */
function engineVectors(checkout: string): Candidate[] {
  const dir = join(checkout, 'src/c-lib');
  const out: Candidate[] = [];
  for (const file of readdirSync(dir).filter((f) => /^(ai|dl|scandata|gs1encoders)\.c$/.test(f))) {
    for (const s of cStringLiterals(readFileSync(join(dir, file), 'utf8'))) {
      const origin = `gs1-syntax-engine:src/c-lib/${file}`;
      if (s.includes('\0') || s.includes('\n') || s.includes('%') && /%[ds]/.test(s)) continue;
      if (/^\(\d/.test(s) && !s.includes('|')) out.push({ form: 'bracketed', input: s, origin });
      else if (/^\^/.test(s) && !s.includes('|')) out.push({ form: 'scan', input: `]C1${s.slice(1).replaceAll('^', GS)}`, origin });
      else if (engineAims.test(s) && !s.includes('|')) out.push({ form: 'scan', input: s, origin });
      else if (/^https?:\/\//i.test(s)) out.push({ form: 'uri', input: s, origin });
    }
  }
  return out;
}

const cset82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const cset39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const cset64 = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/** A value for an AI that is meant to pass its checks (the engine decides whether it does). */
function generateValue(ai: string, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const two = (n: number) => String(n).padStart(2, '0');
  let value = '';
  for (const c of syntaxTable.get(ai)!.components) {
    if (c.optional && random() < 0.3) break;
    let length = c.min === c.max ? c.max : int(c.min, Math.min(c.max, c.min + 12));
    const names = c.linters;
    let part: string;
    const has = (n: string) => names.includes(n);
    if (has('yymmd0') || has('yymmdd')) part = `${two(int(0, 99))}${two(int(1, 12))}${two(has('yymmd0') && random() < 0.2 ? 0 : int(1, 28))}`;
    else if (has('yyyymmd0') || has('yyyymmdd')) part = `${int(1990, 2060)}${two(int(1, 12))}${two(int(1, 28))}`;
    else if (has('hh')) part = two(int(0, 23));
    else if (has('mi') || has('ss')) part = two(int(0, 59));
    else if (has('hhmi')) part = `${two(int(0, 23))}${two(int(0, 59))}`;
    else if (has('iso3166') || has('iso3166999')) part = pick(iso3166);
    else if (has('iso3166alpha2')) part = pick(iso3166alpha2);
    else if (has('iso4217')) part = pick(iso4217);
    else if (has('iso5218')) part = pick(['0', '1', '2', '9']);
    else if (has('yesno')) part = pick(['0', '1']);
    else if (has('winding')) part = pick(['0', '1', '9']);
    else if (has('zero')) part = '0'.repeat(length);
    else if (has('mediatype')) part = pick(mediaTypes);
    else if (has('packagetype')) part = pick(packageTypes);
    else if (has('hyphen')) part = '-'.repeat(length);
    else if (has('latitude') || has('longitude')) part = String(int(0, 1800000000)).padStart(10, '0');
    else if (has('pieceoftotal')) {
      const half = Math.max(1, Math.floor(length / 2));
      const total = int(1, 10 ** half - 1);
      part = `${String(int(1, total)).padStart(half, '0')}${String(total).padStart(half, '0')}`;
    } else if (has('posinseqslash')) {
      const total = int(1, 99);
      part = `${int(1, total)}/${total}`;
    } else if (has('iban')) part = 'GB82WEST12345698765432';
    else {
      const alphabet = c.charset === 'N' ? '0123456789' : c.charset === 'X' ? cset82 : c.charset === 'Y' ? cset39 : cset64;
      if (has('csumalpha')) length = Math.max(length, 6);
      part = Array.from({ length }, () => pick([...alphabet])).join('');
      if (has('gcppos1') || has('gcppos2') || has('csumalpha')) part = `${String(int(1000, 9999))}${part.slice(4)}`;
      if (has('nozeroprefix') || has('nonzero')) part = `${int(1, 9)}${part.slice(1)}`;
      if (has('hasnondigit') && /^\d*$/.test(part)) part = `${part.slice(0, -1)}A`;
      if (has('importeridx')) part = pick([...cset64]);
      if (has('csum')) part = `${part.slice(0, -1)}${gtinCheckDigit(part.slice(0, -1))}`;
      if (has('csumalpha')) part = `${part.slice(0, -2)}${checkPair(part.slice(0, -2)) ?? 'AA'}`;
    }
    value += part.slice(0, c.max);
  }
  return value;
}

const commonAis = ['01', '10', '11', '13', '15', '17', '21', '3103', '3922', '37', '400', '8008', '99', '91', '00', '02', '414', '254', '8004', '22', '7003', '3202'];

function generated(random: () => number, count: number): Candidate[] {
  const allAis = [...syntaxTable.keys()];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: Candidate[] = [];
  const keys = allAis.filter((ai) => syntaxTable.get(ai)!.digitalLinkKey);
  for (let n = 0; n < count; n++) {
    const origin = 'generated';
    const shape = random();
    if (shape < 0.25) {
      // Digital Link: a key, maybe qualifiers in an allowed order, maybe attributes.
      const key = random() < 0.6 ? '01' : pick(keys);
      const sequence = pick(syntaxTable.get(key)!.digitalLinkKey!);
      const path = [key, ...sequence.filter(() => random() < 0.5)].map((ai) => `/${ai}/${encodeURIComponent(generateValue(ai, random))}`).join('');
      const attributes = Array.from({ length: Math.floor(random() * 3) }, () => pick(random() < 0.6 ? ['17', '15', '3103', '3922', '11', '7003', '99'] : allAis));
      const query = attributes.map((ai) => `${ai}=${encodeURIComponent(generateValue(ai, random))}`).join('&');
      const stem = pick(['https://example.com', 'https://id.gs1.org', 'http://brand.example/products', 'HTTPS://EXAMPLE.COM']);
      const uri = `${stem}${path}${query ? `?${query}` : ''}`;
      out.push(random() < 0.5 ? { form: 'uri', input: uri, origin } : { form: 'scan', input: `${pick([']Q1', ']d1', ']J0'])}${uri}`, origin });
      continue;
    }
    const length = 1 + Math.floor(random() * 4);
    const ais = Array.from({ length }, (_, i) => (i === 0 && random() < 0.7 ? '01' : pick(random() < 0.5 ? commonAis : allAis)));
    const values = ais.map((ai) => generateValue(ai, random));
    if (shape < 0.6) out.push({ form: 'bracketed', input: ais.map((ai, i) => `(${ai})${values[i]!.replaceAll('(', '\\(')}`).join(''), origin });
    else {
      let data = '';
      ais.forEach((ai, i) => {
        data += ai + values[i];
        if (i < ais.length - 1 && !syntaxTable.get(ai)!.predefinedLength) data += GS;
      });
      out.push({ form: 'scan', input: `${pick([']C1', ']d2', ']Q3', ']e0', ']J1'])}${data}`, origin });
    }
  }
  return out;
}

/** One character changed, dropped or doubled, away from the AIM identifier. */
function corrupted(sources: readonly Candidate[], random: () => number, count: number): Candidate[] {
  const alphabet = '0123456789ABCxyz-/(%)?=&' + GS;
  const out: Candidate[] = [];
  for (let n = 0; n < count; n++) {
    const source = sources[Math.floor(random() * sources.length)]!;
    const from = source.form === 'scan' ? 3 : 0;
    if (source.input.length <= from + 1) continue;
    const at = from + Math.floor(random() * (source.input.length - from));
    const s = source.input;
    const kind = random();
    const input =
      kind < 0.6 ? s.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + s.slice(at + 1) : kind < 0.8 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + s[at] + s.slice(at);
    out.push({ form: source.form, input, origin: 'corrupted' });
  }
  return out;
}

function askOracle(oracle: string, candidates: readonly Candidate[]): { version: string; rows: string[][] } {
  const mode = { bracketed: 'ai', scan: 'scan', uri: 'data' } as const;
  const stdin = candidates.map((c) => `${mode[c.form]} ${Buffer.from(c.input, 'latin1').toString('hex')}\n`).join('');
  const lines = execFileSync(oracle, { input: stdin, encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  const version = lines.shift()!.replace('#version ', '');
  return { version, rows: lines.filter((l) => l !== '').map((l) => l.split(' ')) };
}

function rebuild(checkout: string, oracle: string, seed: number): void {
  console.log(`seed ${seed}`);
  const random = prng(seed);
  const fromEngine = engineVectors(checkout);
  const made = generated(random, 1500);
  const candidates = [...fromEngine, ...made, ...corrupted([...fromEngine, ...made], random, 1500)];
  const seen = new Set<string>();
  const unique = candidates.filter((c) => {
    const key = `${c.form} ${c.input}`;
    // The oracle reads bytes: inputs beyond Latin-1, with NUL, or longer than any label are left out.
    const bytes = [...c.input].every((ch) => ch.charCodeAt(0) >= 1 && ch.charCodeAt(0) <= 0xff);
    if (seen.has(key) || !bytes || c.input.length > 400) return false;
    seen.add(key);
    return true;
  });
  const { rows } = askOracle(oracle, unique);
  const unhex = (h: string | undefined) => (h ? Buffer.from(h, 'hex').toString('latin1') : '');
  const entries: CorpusEntry[] = unique.map((c, i) => {
    const [strict, loose, error, hri] = rows[i]!;
    const ais = (hri ? hri.split(',') : []).map((h) => {
      const m = /^\((\d+)\) ([\s\S]*)$/.exec(unhex(h))!;
      return [m[1]!, m[2]!] as [string, string];
    });
    return {
      ...c,
      valid: strict === '1',
      validUnderStorePolicy: loose === '1',
      ais: loose === '1' ? ais : [],
      ...(strict === '1' ? {} : { error: unhex(error) }),
    };
  });
  // A checkout names its commit; an exported tree (git archive of a bare mirror) needs GS1_ENGINE_COMMIT.
  let commit: string;
  try {
    commit = execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = process.env.GS1_ENGINE_COMMIT ?? 'unknown';
  }
  const changes = readFileSync(join(checkout, 'CHANGES'), 'utf8');
  const corpus: ReferenceCorpus = {
    about:
      "Inputs with the verdicts of GS1's reference implementation, the GS1 Barcode Syntax Engine (https://github.com/gs1/gs1-syntax-engine), " +
      'used as an outside oracle. Inputs whose origin names an engine source file are taken, as data, from that file\'s unit tests; ' +
      "the rest were generated from our AI table (seeded) or are single-character corruptions. The engine and its test data are " +
      'Copyright (c) GS1 AISBL, licensed under the Apache License, Version 2.0. Rebuilt with test/bench/gs1-agreement.ts --rebuild.',
    licence: 'Apache-2.0',
    oracle: {
      name: 'GS1 Barcode Syntax Engine',
      version: /^(\d+\.\d+\.\d+)/m.exec(changes)?.[1] ?? 'unknown',
      commit,
      syntaxDictionaryRelease: /^# Release: (\S+)/m.exec(readFileSync(join(checkout, 'src/c-lib/gs1-syntax-dictionary.txt'), 'utf8'))?.[1] ?? 'unknown',
      settings:
        'valid: the engine\'s defaults; validUnderStorePolicy and ais: requisite-AI validation off and zero-suppressed GTINs in Digital Link URIs permitted (the store\'s two documented policies)',
    },
    referenceYear: new Date().getUTCFullYear(),
    seed,
    entries,
  };
  // One entry a line: the file diffs by input when the engine or the generator changes.
  const { entries: lines, ...head } = corpus;
  const text = JSON.stringify(head, null, 2).replace(/\n}$/, `,\n  "entries": [\n${lines.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`);
  writeFileSync(corpusPath, text);
  console.log(`${entries.length} entries (${fromEngine.length} from the engine's tests before de-duplication) written to ${corpusPath}`);
}

const [flag, checkout, oracle, seed] = process.argv.slice(2);
if (flag === '--rebuild') rebuild(checkout!, oracle!, seed ? Number(seed) : Date.now() % 2 ** 31);
else measure();
