import { ReadlineParser, SerialPort } from 'serialport';
import { SerialScanner } from '../../drivers/scanner/serial-scanner';
import { openPtyPair } from '../helpers/pty-pair';
import { defaultVariableMeasureLayouts } from '../../drivers/barcode/variable-measure';
import { interpretCode } from '../../drivers/barcode/scan';
import { interpretCode as subsetInterpretCode } from './baseline/subset-scan';
import { higherIsBetter, lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function openWriter(path: string) {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((done, failed) => port.open((e) => (e ? failed(e) : done())));
  return port;
}

/** Writes one frame and resolves with the time from the write to the reader's event. */
function timeOne(writer: SerialPort, frame: string, arrived: () => Promise<void>): Promise<number> {
  return new Promise((done) => {
    const wait = arrived();
    const start = process.hrtime.bigint();
    writer.write(frame);
    void wait.then(() => done(ms(start)));
  });
}

const GS = '\x1d';
/** What a store's scanners send on a normal day, every kind the subset parser also reads. */
const scanMix = [
  '8410000000016',
  '4006381333931',
  '2100123007509',
  '0109501101530003',
  `]C1010950110153000317261231${GS}10LOT42`,
  `]d2010950110153000317261231` + `10AB-123${GS}21SN7`,
  '(01)09501101530003(3103)001250',
  'MS-000123',
  'MOSTRADOR:ORDER:HQ-4411',
  '0109501101530004',
];

/** Interpretations per second over the mix, for one function, for about `ms` milliseconds. */
function interpretRate(interpret: typeof interpretCode, ms: number): number {
  const options = { variableMeasureLayouts: defaultVariableMeasureLayouts, referenceYear: 2026 };
  let count = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < until) {
    for (const text of scanMix) interpret(text, options);
    count += scanMix.length;
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * scan.interpret: the Syntax Dictionary parser beside the subset parser it
 * replaced (test/bench/baseline), in interleaved slices of the same run so
 * both see the same machine load.
 */
export function interpretRows(quick: boolean): BenchRow[] {
  const slices = quick ? 6 : 20;
  const ours: number[] = [];
  const subset: number[] = [];
  interpretRate(interpretCode, 50); // warm-up, both
  interpretRate(subsetInterpretCode, 50);
  for (let i = 0; i < slices; i++) {
    ours.push(interpretRate(interpretCode, 100));
    subset.push(interpretRate(subsetInterpretCode, 100));
  }
  ours.sort((a, b) => a - b);
  subset.sort((a, b) => a - b);
  const value = percentile(ours, 50);
  const base = percentile(subset, 50);
  return [{ name: 'scan.interpret', value, unit: 'interpretations/s', baseline: 'GS1 subset parser before the Syntax Dictionary (test/bench/baseline)', baseline_value: base, ratio: higherIsBetter(value, base), goal: '' }];
}

export const scanBenchmark: Benchmark = {
  group: 'scan',
  async run({ quick }) {
    const interpretation = interpretRows(quick);
    const rounds = quick ? 150 : 600;
    const pty = await openPtyPair();
    const writer = await openWriter(pty.b);
    const rows: BenchRow[] = [];
    try {
      const ours: number[] = [];
      const raw: number[] = [];
      for (let round = 0; round < 2; round++) {
        // Ours: the full driver, frame decoder and Scan interpretation included.
        const scanner = new SerialScanner({ path: pty.a, device: 'bench' });
        await scanner.open();
        scanner.enable();
        let next: (() => void) | null = null;
        scanner.on('data', () => next?.());
        for (let i = 0; i < rounds / 2; i++) {
          ours.push(await timeOne(writer, `]E0${8400000000017 + i}\r`, () => new Promise((r) => (next = r))));
        }
        await scanner.close();

        // Baseline: bare serialport with a readline parser on the same pty.
        const port = await openWriter(pty.a);
        const parser = port.pipe(new ReadlineParser({ delimiter: '\r' }));
        let nextRaw: (() => void) | null = null;
        parser.on('data', () => nextRaw?.());
        for (let i = 0; i < rounds / 2; i++) {
          raw.push(await timeOne(writer, `]E0${8400000000017 + i}\r`, () => new Promise((r) => (nextRaw = r))));
        }
        await new Promise<void>((done) => port.close(() => done()));
      }
      ours.sort((a, b) => a - b);
      raw.sort((a, b) => a - b);
      const baseline = 'bare serialport + ReadlineParser on the same socat pty';
      for (const p of [50, 99]) {
        const value = percentile(ours, p);
        const base = percentile(raw, p);
        rows.push({ name: `scan.serial.p${p}`, value, unit: 'ms', baseline, baseline_value: base, ratio: lowerIsBetter(value, base), goal: p === 99 ? 'p99 < 5 ms, ratio ≥ 0.8' : '' });
      }
    } finally {
      await new Promise<void>((done) => writer.close(() => done()));
      await pty.dispose();
    }
    return [...interpretation, ...rows];
  },
};
