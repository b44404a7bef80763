// ui.bundle_kb: the renderer JavaScript as shipped (out/renderer, `npm run build`), beside the same
// sources built in this run the way they used to ship: unminified, in one chunk.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { rendererDir } from '../helpers/console-under-test';
import { lowerIsBetter, type Benchmark } from './bench-report';

const kB = (bytes: number) => bytes / 1000;

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));
}
const totalBytes = (files: string[]) => files.reduce((sum, f) => sum + statSync(f).size, 0);

/** The JavaScript index.html loads before anything shows: its module script and modulepreloads. */
function initialBytes(dir: string): number {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  if (srcs.length === 0) throw new Error(`no script found in ${dir}/index.html`);
  return totalBytes(srcs.map((src) => join(dir, src)));
}

export const uiBundleBenchmark: Benchmark = {
  group: 'ui.bundle_kb',
  async run({ log }) {
    const shipped = rendererDir;
    try {
      statSync(join(shipped, 'index.html'));
    } catch {
      throw new Error(`ui.bundle_kb needs the built renderer at ${shipped}: run "npm run build" first`);
    }
    const outDir = mkdtempSync(join(tmpdir(), 'mostrador-bundle-baseline-'));
    try {
      const root = resolve(import.meta.dirname, '../../renderer');
      await build({
        configFile: false,
        root,
        base: './',
        logLevel: 'warn',
        plugins: [react()],
        build: { outDir, emptyOutDir: true, minify: false, rollupOptions: { input: join(root, 'index.html'), output: { inlineDynamicImports: true } } },
      });
      const [ours, oursInitial, baseline] = [kB(totalBytes(jsFiles(shipped))), kB(initialBytes(shipped)), kB(totalBytes(jsFiles(outDir)))];
      log(`shipped ${ours.toFixed(0)} kB in ${jsFiles(shipped).length} files, ${oursInitial.toFixed(0)} kB before the first screen; unminified single chunk ${baseline.toFixed(0)} kB`);
      const base = 'the same sources built by vite this run, unminified in one chunk as shipped before (all of it loads at start)';
      return [
        { name: 'ui.bundle_kb', value: ours, unit: 'kB', baseline: base, baseline_value: baseline, ratio: lowerIsBetter(ours, baseline) },
        { name: 'ui.bundle_kb.initial', value: oursInitial, unit: 'kB', baseline: base, baseline_value: baseline, ratio: lowerIsBetter(oursInitial, baseline) },
      ];
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};
