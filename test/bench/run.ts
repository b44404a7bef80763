// `npm run bench [-- NAME…] [--quick] [--json]`: speed goals, each beside its baseline.
import { parseArgs } from 'node:util';
import { formatTable, type Benchmark, type BenchRow } from './bench-report';
import { uiBundleBenchmark } from './bundle-bench';
import { chainBenchmark, chainFlags } from './chain-bench';
import { escposBenchmark } from './escpos-bench';
import { uiKpisBenchmark } from './kpi-bench';
import { ledgerBenchmark } from './ledger-bench';
import { scanBenchmark } from './scan-bench';
import { uiSearchBenchmark, uiSearchKeystrokeBenchmark } from './search-bench';
import { syncBenchmark } from './sync-bench';
import { uiOrderArrivalBenchmark, uiScanToScreenBenchmark } from './ui-bench';

const benchmarks: Benchmark[] = [ledgerBenchmark, scanBenchmark, syncBenchmark, escposBenchmark, uiOrderArrivalBenchmark, uiScanToScreenBenchmark, uiSearchBenchmark, uiSearchKeystrokeBenchmark, uiBundleBenchmark, uiKpisBenchmark, chainBenchmark];

const { values, positionals } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, ...chainFlags },
  allowPositionals: true,
});
const prefixes = positionals.length > 0 ? positionals : [''];
const matches = (name: string) => prefixes.some((prefix) => name.startsWith(prefix));
const wants = (section: string) => prefixes.some((prefix) => section.startsWith(prefix) || prefix.startsWith(section));
const chosen = benchmarks.filter((b) =>
  [b.group, ...(b.also ?? [])].some((group) => prefixes.some((prefix) => group.startsWith(prefix) || prefix.startsWith(group))),
);
if (chosen.length === 0) {
  console.error(`No benchmark matches "${prefixes.join(' ')}". Groups: ${benchmarks.map((b) => b.group).join(', ')}`);
  process.exit(2);
}

const rows: BenchRow[] = [];
for (const bench of chosen) {
  const produced = await bench.run({ quick: values.quick, wants, log: (line) => process.stderr.write(`[${bench.group}] ${line}\n`) });
  rows.push(...produced.filter((row) => matches(row.name)));
}
console.log(formatTable(rows));
if (values.json) for (const row of rows) console.log(JSON.stringify(row));
