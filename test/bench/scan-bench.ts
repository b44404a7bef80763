import { ReadlineParser, SerialPort } from 'serialport';
import { SerialScanner } from '../../drivers/scanner/serial-scanner';
import { openPtyPair } from '../helpers/pty-pair';
import { lowerIsBetter, percentile, type Benchmark, type BenchRow } from './bench-report';

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

export const scanBenchmark: Benchmark = {
  group: 'scan',
  async run({ quick }) {
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
    return rows;
  },
};
