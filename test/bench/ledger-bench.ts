import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCatalogStore } from '../../main/catalog/catalog-store';
import { openLedger } from '../../main/kernel/db/open-ledger';
import { demoGtin13, demoSku } from '../../main/demo/demo-catalog';
import { seedCatalog } from '../../main/demo/seed-catalog';
import { loadLocations } from '../../main/stock/locations';
import { createMovementLedger } from '../../main/stock/movement-ledger';
import { createStockLevels, rebuildLevels } from '../../main/stock/stock-levels';
import { higherIsBetter, lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function appendBench(dir: string, total: number): BenchRow {
  const db = openLedger(join(dir, 'append.sqlite'));
  const catalog = createCatalogStore(db);
  seedCatalog(db, catalog, 100);
  const ledger = createMovementLedger(db, loadLocations(db), catalog);

  const raw = new Database(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(`CREATE TABLE movements (seq INTEGER PRIMARY KEY, id TEXT, sku TEXT, qty INTEGER, from_loc TEXT,
    to_loc TEXT, reason TEXT, ref TEXT, staff TEXT, station TEXT, at TEXT)`);
  const insert = raw.prepare('INSERT INTO movements (id, sku, qty, from_loc, to_loc, reason, ref, staff, station, at) VALUES (?,?,?,?,?,?,?,?,?,?)');

  // Interleaved rounds, so disk weather affects both sides alike.
  let oursMs = 0;
  let rawMs = 0;
  const round = 100;
  for (let done = 0; done < total; done += round) {
    let start = process.hrtime.bigint();
    for (let i = 0; i < round; i++) {
      ledger.append({ sku: demoSku(1 + ((done + i) % 100)), qty: 1, from: 'supplier', to: 'back_room', reason: 'bench', staff: 'bench', station: 'bench' });
    }
    oursMs += ms(start);
    start = process.hrtime.bigint();
    for (let i = 0; i < round; i++) {
      insert.run(`id-${done + i}`, demoSku(1 + ((done + i) % 100)), 1, 'supplier', 'back_room', 'bench', null, 'bench', 'bench', new Date().toISOString());
    }
    rawMs += ms(start);
  }
  db.close();
  raw.close();
  const ours = (total / oursMs) * 1000;
  const base = (total / rawMs) * 1000;
  return {
    name: 'ledger.append',
    value: ours,
    unit: 'movements/s',
    baseline: 'raw better-sqlite3 single-row insert, same pragmas (WAL, synchronous=FULL)',
    baseline_value: base,
    ratio: higherIsBetter(ours, base),
    goal: 'ratio ≥ 0.5',
  };
}

function lookupAndRebuildBench(dir: string, products: number, movementCount: number, log: (s: string) => void): BenchRow[] {
  const db = openLedger(join(dir, 'catalog.sqlite'));
  const catalog = createCatalogStore(db);
  const started = performance.now();
  seedCatalog(db, catalog, products);
  log(`seeded ${products.toLocaleString('en')} products in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const levels = createStockLevels(db, loadLocations(db), catalog);

  // Movements straight into the table: rebuild reads nothing else.
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    "INSERT INTO movements (id, sku, qty, from_loc, to_loc, reason, staff, station, at) VALUES (?, ?, ?, ?, ?, 'bench', 'bench', 'bench', '2026-01-01T00:00:00Z')",
  );
  const hops = [['supplier', 'back_room'], ['back_room', 'sales_floor'], ['sales_floor', 'customer']] as const;
  db.transaction(() => {
    for (let i = 0; i < movementCount; i++) {
      const [from, to] = hops[i % 3]!;
      insert.run(`m-${i}`, demoSku(1 + (Math.floor(i / 3) % products)), 1 + (i % 7), from, to);
    }
  })();
  db.pragma('synchronous = FULL');

  const probes = 20_000;
  const codes = Array.from({ length: probes }, () => demoGtin13(1 + Math.floor(Math.random() * products)));
  const rawLookup = db.prepare('SELECT sku FROM barcodes WHERE code = ?').pluck();
  const measure = (fn: (code: string) => unknown) => {
    for (const code of codes.slice(0, 2000)) fn(code); // warm the page cache and statements
    return codes.map((code) => {
      const start = process.hrtime.bigint();
      fn(code);
      return ms(start);
    }).sort((a, b) => a - b);
  };
  const ours = measure((code) => {
    const match = catalog.findByCode(code);
    return levels.summary(match.product.sku);
  });
  const base = measure((code) => rawLookup.get(`0${code}`));

  const rebuildStart = process.hrtime.bigint();
  rebuildLevels(db);
  const rebuildMs = ms(rebuildStart);
  const scanStart = process.hrtime.bigint();
  db.prepare('SELECT COUNT(*), SUM(qty) FROM movements').get();
  const scanMs = ms(scanStart);
  db.close();

  const lookupBaseline = `raw PK SELECT on barcodes, same ${products.toLocaleString('en')}-product file`;
  return [
    { name: 'ledger.lookup.p50', value: percentile(ours, 50), unit: 'ms', baseline: lookupBaseline, baseline_value: percentile(base, 50), ratio: lowerIsBetter(percentile(ours, 50), percentile(base, 50)) },
    { name: 'ledger.lookup.p99', value: percentile(ours, 99), unit: 'ms', baseline: lookupBaseline, baseline_value: percentile(base, 99), ratio: lowerIsBetter(percentile(ours, 99), percentile(base, 99)), goal: 'p99 < 0.2 ms' },
    {
      name: 'ledger.rebuild',
      value: rebuildMs / 1000,
      unit: 's',
      baseline: `one full scan of the same ${movementCount.toLocaleString('en')} movements (COUNT, SUM)`,
      baseline_value: scanMs / 1000,
      ratio: lowerIsBetter(rebuildMs, scanMs),
    },
  ];
}

export const ledgerBenchmark: Benchmark = {
  group: 'ledger',
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-bench-'));
    try {
      const rows = [appendBench(dir, quick ? 600 : 3000)];
      rows.push(...lookupAndRebuildBench(dir, quick ? 200_000 : 1_000_000, quick ? 200_000 : 1_000_000, log));
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
