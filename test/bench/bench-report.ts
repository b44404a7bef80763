/** One benchmark figure beside the baseline it is judged against. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number | null;
  /** Ours over the baseline, oriented so that higher is better. */
  ratio: number | null;
  goal?: string;
}

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
  /** Whether rows under this name were asked for: a benchmark may skip a costly section nobody asked for. */
  wants?: (section: string) => boolean;
}

export interface Benchmark {
  /** Row names start with this group name (ledger, scan, escpos, sync, orders, ui). */
  group: string;
  /** Other row prefixes this benchmark produces (e.g. sync also measures orders). */
  also?: string[];
  run(options: BenchOptions): Promise<BenchRow[]>;
}

export const higherIsBetter = (ours: number, baseline: number) => (baseline === 0 ? null : ours / baseline);
export const lowerIsBetter = (ours: number, baseline: number) => (ours === 0 ? null : baseline / ours);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const fmt = (n: number | null) =>
  n === null ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);

export function formatTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'value', 'unit', 'baseline', 'baseline value', 'ratio', 'goal'];
  const body = rows.map((r) => [r.name, fmt(r.value), r.unit, r.baseline, fmt(r.baseline_value), fmt(r.ratio), r.goal ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
