// ui.search: the catalog.search procedure at 1,000,000 products, beside the bare prefix-indexed
// FTS5 query (no ranking, no join) on the same file, same run, same queries, interleaved.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalogStore } from '../../main/catalog/catalog-store';
import { demoGtin13, demoProduct, demoSku } from '../../main/demo/demo-catalog';
import { seedCatalog } from '../../main/demo/seed-catalog';
import { openLedger } from '../../main/kernel/db/open-ledger';
import { openConsole, rendererDir, signIn, type ConsoleUnderTest } from '../helpers/console-under-test';
import { staffPins } from '../helpers/small-store';
import { startTypeAheadWatch, typeAheadLatencies, typeSlowly } from '../helpers/type-ahead-watch';
import { lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** What staff type while a word forms: every prefix of a name's words, of a SKU and of a barcode. */
function typedQueries(products: number, count: number, random: () => number): string[] {
  const queries: string[] = [];
  while (queries.length < count) {
    const index = 1 + Math.floor(random() * products);
    const { product } = demoProduct(index);
    const words = product.name.split(' ');
    const kind = Math.floor(random() * 4);
    const source = kind === 0 ? demoSku(index) : kind === 1 ? demoGtin13(index) : words.slice(0, 1 + Math.floor(random() * 2)).join(' ');
    // Every keystroke of the chosen text, as search-as-you-type sends them.
    for (let end = 1; end <= source.length && queries.length < count; end++) {
      const typed = source.slice(0, end).trim();
      if (typed) queries.push(typed);
    }
  }
  return queries;
}

export const uiSearchBenchmark: Benchmark = {
  group: 'ui.search',
  async run({ quick, log }) {
    const products = quick ? 200_000 : 1_000_000;
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-search-bench-'));
    try {
      const db = openLedger(join(dir, 'search.sqlite'));
      const catalog = createCatalogStore(db);
      let started = performance.now();
      seedCatalog(db, catalog, products);
      log(`seeded ${products.toLocaleString('en')} products (one transaction, one FTS rebuild) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const seed = Number(process.env.MOSTRADOR_BENCH_SEED ?? Date.now() % 1_000_000);
      log(`query seed ${seed} (MOSTRADOR_BENCH_SEED replays it)`);
      let state = seed;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const queries = typedQueries(products, quick ? 2000 : 10_000, random);

      const bare = db.prepare('SELECT rowid FROM products_search WHERE products_search MATCH ? LIMIT 20').pluck();
      const bareTerms = (text: string) => text.split(/\s+/).filter(Boolean).map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
      // Warm the page cache and statements on both sides.
      for (const q of queries.slice(0, 500)) {
        catalog.search(q, 20);
        bare.all(bareTerms(q));
      }
      const ours: number[] = [];
      const base: number[] = [];
      started = performance.now();
      for (const q of queries) {
        let start = process.hrtime.bigint();
        catalog.search(q, 20);
        ours.push(ms(start));
        const terms = bareTerms(q);
        start = process.hrtime.bigint();
        bare.all(terms);
        base.push(ms(start));
      }
      log(`${queries.length} queries (each keystroke of names, SKUs and EAN-13s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      ours.sort((a, b) => a - b);
      base.sort((a, b) => a - b);
      db.close();
      const baseline = `bare prefix-indexed FTS5 MATCH … LIMIT 20 (no ranking, no join), same ${products.toLocaleString('en')}-product file, same queries`;
      return [50, 99].map((p) => {
        const value = percentile(ours, p);
        const baseValue = percentile(base, p);
        return { name: `ui.search.p${p}`, value, unit: 'ms', baseline, baseline_value: baseValue, ratio: lowerIsBetter(value, baseValue), goal: p === 99 ? 'p99 < 50 ms' : '' } satisfies BenchRow;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * ui.type_ahead: in Chromium, from a key landing in the lookup field to the frame painting
 * the hits for the text it made, typed at a person's pace (120 ms a key). Baseline: the
 * catalog.search procedure alone, called in the core for the same texts; the ratio is what the
 * debounce, the bridge and React add on top. Full runs search a 1,000,000-product catalog.
 */
export const uiSearchKeystrokeBenchmark: Benchmark = {
  group: 'ui.type_ahead',
  async run({ quick, log }) {
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`ui.type_ahead needs the built renderer at ${rendererDir}: run "npm run build" first`);
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-search-ui-bench-'));
    let ui: ConsoleUnderTest | null = null;
    try {
      ui = await openConsole({ dir });
      const { page, core } = ui;
      const products = quick ? 2000 : 1_000_000;
      if (!quick) {
        const started = performance.now();
        seedCatalog(core.services.db, core.services.catalog, products);
        log(`seeded ${products.toLocaleString('en')} products in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      await signIn(page, 'ana', staffPins.ana);
      await startTypeAheadWatch(page);
      const seed = Number(process.env.MOSTRADOR_BENCH_SEED ?? Date.now() % 1_000_000);
      log(`query seed ${seed} (MOSTRADOR_BENCH_SEED replays it)`);
      let state = seed;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const texts = Array.from({ length: quick ? 6 : 20 }, () => {
        const index = 1 + Math.floor(random() * products);
        const kind = Math.floor(random() * 3);
        return kind === 0 ? demoSku(index) : kind === 1 ? demoGtin13(index).slice(0, 8) : demoProduct(index).product.name.split(' ').slice(0, 2).join(' ');
      });
      // One warm-up text, not counted: the first render of the hit list pays for code never run yet.
      await typeSlowly(page, 'warm');
      await page.locator('[data-testid="search-hits"][data-query="warm"]').waitFor();
      await startTypeAheadWatch(page);
      for (const text of texts) {
        await typeSlowly(page, text);
        await page.locator(`[data-testid="search-hits"][data-query="${text.trim()}"]`).waitFor({ timeout: 10_000 });
      }
      const ours = await typeAheadLatencies(page);
      const typedTexts = texts.flatMap((text) => Array.from({ length: text.length }, (_, end) => text.slice(0, end + 1).trim()).filter(Boolean));
      const base: number[] = [];
      for (const text of typedTexts) {
        const start = process.hrtime.bigint();
        const result = await core.api.call({ name: 'catalog.search', input: { text, limit: 20 } });
        base.push(ms(start));
        if (!result.ok) throw new Error(`catalog.search "${text}": ${result.error.message}`);
      }
      base.sort((a, b) => a - b);
      log(`${ours.length} of ${new Set(typedTexts).size} distinct typed texts painted their own hits (the rest were overtaken by the next key)`);
      const baseline = `catalog.search alone in the core, same texts, same ${products.toLocaleString('en')}-product store`;
      return [50, 95].map((p) => {
        const value = percentile(ours, p);
        const baseValue = percentile(base, p);
        return { name: `ui.type_ahead.p${p}`, value, unit: 'ms', baseline, baseline_value: baseValue, ratio: lowerIsBetter(value, baseValue), goal: p === 95 ? 'p95 < 100 ms' : '' } satisfies BenchRow;
      });
    } finally {
      try {
        await ui?.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  },
};
