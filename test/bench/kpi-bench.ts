// ui.kpis: the KPI page's one read (kpis.report through the dispatcher, as the page calls it) on a
// year of a busy store: 2,000,000 movements and 50,000 pickup orders. Beside it, on the same file
// in the same run, the bare SQL aggregate a page could not do with less: orders per UTC day and
// units sold in the range, two indexed statements, no time zone, no KPI logic.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeStore } from '../../main/compose-store';
import { createCatalogStore } from '../../main/catalog/catalog-store';
import { demoSku } from '../../main/demo/demo-catalog';
import { seedCatalog } from '../../main/demo/seed-catalog';
import { openLedger, type Db } from '../../main/kernel/db/open-ledger';
import { createStaffDirectory } from '../../main/staff/staff-directory';
import { lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

const hour = 3_600_000;
const day = 24 * hour;

/** A year ending now: movements and orders spread evenly, with the mix of a busy pickup store. */
export function seedYear(db: Db, { movements, orders, skus, random }: { movements: number; orders: number; skus: number; random: () => number }) {
  const end = Date.now();
  const start = end - 365 * day;
  const iso = (ms: number) => new Date(ms).toISOString();
  const sku = () => demoSku(1 + Math.floor(random() * skus));
  const move = db.prepare("INSERT INTO movements (id, sku, qty, from_loc, to_loc, reason, ref, staff, station, at) VALUES (?, ?, ?, ?, ?, ?, NULL, 'bench', 'bench', ?)");
  const order = db.prepare("INSERT INTO pickup_orders (order_id, version, status, order_json, received_at, updated_at, promised_at) VALUES (?, 1, ?, '{}', ?, ?, ?)");
  const line = db.prepare('INSERT INTO order_lines (order_id, line_id, sku, qty, short_qty) VALUES (?, ?, ?, ?, ?)');
  const history = db.prepare("INSERT INTO order_history (order_id, at, staff, station, from_status, to_status) VALUES (?, ?, 'bench', 'bench', ?, ?)");
  const returned = db.prepare("INSERT INTO order_returns (return_id, order_id, at, staff, station, refund_method) VALUES (?, ?, ?, 'bench', 'bench', 'card')");
  const returnLine = db.prepare("INSERT INTO order_return_lines (return_id, line_id, sku, qty, reason, condition) VALUES (?, 'L1', ?, 1, ?, 'resellable')");
  const count = db.prepare("INSERT INTO stock_counts (count_id, location, scope, origin, owner, status, created_at, closed_at) VALUES (?, 'sales_floor', 'skus', 'manual', 'bench', 'approved', ?, ?)");
  const countLine = db.prepare('INSERT OR IGNORE INTO stock_count_lines (count_id, sku, counted, approved_expected, approved_variance) VALUES (?, ?, ?, ?, ?)');
  const shelf = db.prepare("INSERT INTO shelf_level_history (sensor_id, sku, location, level, at) VALUES (?, ?, 'sales_floor', ?, ?)");
  db.transaction(() => {
    const kinds: [string, string, string][] = [
      ['sales_floor', 'customer', 'till-sale'],
      ['pickup_hold', 'customer', 'pickup-handover'],
      ['supplier', 'back_room', 'receipt'],
      ['back_room', 'sales_floor', 'replenish'],
      ['sales_floor', 'pickup_hold', 'order-hold'],
    ];
    const writeOffs = ['damaged', 'expired', 'unexplained', 'short-pick', 'theft'];
    for (let i = 0; i < movements; i++) {
      const at = iso(start + ((end - start) * i) / movements);
      if (i % 100 === 0) move.run(`b${i}`, sku(), 1 + Math.floor(random() * 3), 'sales_floor', 'adjustment', writeOffs[i % writeOffs.length]!, at);
      else {
        const [from, to, reason] = kinds[i % kinds.length]!;
        move.run(`b${i}`, sku(), 1 + Math.floor(random() * 4), from, to, reason, at);
      }
    }
    const statuses = ['collected', 'collected', 'collected', 'collected', 'not_collected', 'ready', 'cancelled'];
    for (let i = 0; i < orders; i++) {
      const received = start + ((end - start) * i) / orders;
      const id = `O${i}`;
      const status = statuses[i % statuses.length]!;
      const promised = received + 4 * hour;
      const picking = received + (0.5 + random()) * hour;
      const ready = picking + random() * 2 * hour;
      order.run(id, status, iso(received), iso(ready), iso(promised));
      const lines = 1 + (i % 3);
      for (let l = 1; l <= lines; l++) line.run(id, `L${l}`, sku(), 1 + (l % 3), i % 20 === 0 && l === 1 ? 1 : 0);
      history.run(id, iso(received), null, 'received');
      if (status === 'cancelled') {
        history.run(id, iso(received + hour), 'received', 'cancelled');
        continue;
      }
      history.run(id, iso(received + 0.2 * hour), 'received', 'accepted');
      history.run(id, iso(picking), 'accepted', 'picking');
      for (let p = 0; p < lines; p++) history.run(id, iso(picking + (p + 1) * 60_000), 'picking', 'picking');
      history.run(id, iso(ready), 'picking', 'ready');
      if (status !== 'ready') history.run(id, iso(ready + 6 * hour), 'ready', status);
      if (i % 50 === 0) {
        returned.run(`R${i}`, id, iso(ready + 2 * day));
        returnLine.run(`R${i}`, sku(), ['damaged', 'wrong-size', 'changed-mind'][i % 3]!);
      }
    }
    for (let c = 0; c < 365 * 2; c++) {
      const at = iso(start + c * 12 * hour);
      count.run(`C${c}`, at, at);
      for (let l = 0; l < 20; l++) countLine.run(`C${c}`, sku(), 10, 10, random() < 0.1 ? 5 : 0);
    }
    for (let s = 0; s < 50; s++) {
      for (let t = start + s * hour; t < end; t += 3 * day) {
        shelf.run(`shelf-${s}`, demoSku(1 + s), 'out', iso(t));
        shelf.run(`shelf-${s}`, demoSku(1 + s), 'ok', iso(t + random() * 4 * hour));
      }
    }
  })();
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const uiKpisBenchmark: Benchmark = {
  group: 'ui.kpis',
  async run({ quick, log }) {
    const movements = quick ? 200_000 : 2_000_000;
    const orders = quick ? 5_000 : 50_000;
    const dir = mkdtempSync(join(tmpdir(), 'mostrador-kpi-bench-'));
    try {
      const file = join(dir, 'kpis.sqlite');
      const db = openLedger(file);
      seedCatalog(db, createCatalogStore(db), 2000);
      await createStaffDirectory(db, { pepper: null }).upsert({ id: 'boss', name: 'Boss', role: 'manager' }, '4826');
      const seed = Number(process.env.MOSTRADOR_BENCH_SEED ?? Date.now() % 1_000_000);
      log(`seed ${seed} (MOSTRADOR_BENCH_SEED replays it)`);
      let state = seed;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const started = performance.now();
      seedYear(db, { movements, orders, skus: 2000, random });
      log(`seeded a year: ${movements.toLocaleString('en')} movements, ${orders.toLocaleString('en')} orders (one transaction) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      db.close();

      const store = await composeStore({ dbPath: file, store: 'bench', station: 'bench', demo: false });
      const signedIn = await store.api.call({ name: 'session.signIn', input: { staffId: 'boss', pin: '4826' } });
      if (!signedIn.ok) throw new Error(signedIn.error.message);
      const bareOrders = store.services.db.prepare(
        'SELECT substr(received_at, 1, 10) AS day, COUNT(*) FROM pickup_orders INDEXED BY pickup_orders_by_received WHERE received_at >= ? AND received_at < ? GROUP BY day',
      );
      const bareSold = store.services.db.prepare("SELECT SUM(qty) FROM movements INDEXED BY movements_by_destination WHERE to_loc = 'customer' AND at >= ? AND at < ?").pluck();

      const rows: BenchRow[] = [];
      const runs = quick ? 3 : 5;
      for (const days of [30, 365]) {
        const to = isoDay(Date.now());
        const from = isoDay(Date.now() - (days - 1) * day);
        const ours: number[] = [];
        const base: number[] = [];
        let cold = 0;
        for (let r = 0; r <= runs; r++) {
          let t = performance.now();
          const result = await store.api.call({ name: 'kpis.report', input: { from, to } });
          if (!result.ok) throw new Error(result.error.message);
          const took = performance.now() - t;
          if (r === 0) cold = took;
          else ours.push(took);
          t = performance.now();
          bareOrders.all(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`);
          bareSold.get(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`);
          if (r > 0) base.push(performance.now() - t);
        }
        ours.sort((a, b) => a - b);
        base.sort((a, b) => a - b);
        const value = percentile(ours, 50);
        const baseValue = percentile(base, 50);
        log(`${days} days: first call ${cold.toFixed(0)} ms, then median ${value.toFixed(0)} ms of ${runs}`);
        rows.push({
          name: `ui.kpis.${days}d`,
          value,
          unit: 'ms',
          baseline: `bare SQL: orders per UTC day + units sold, indexed, same ${movements.toLocaleString('en')}-movement file`,
          baseline_value: baseValue,
          ratio: lowerIsBetter(value, baseValue),
          goal: '< 1000 ms',
        });
      }
      log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      await store.close();
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
