import { pino, stdTimeFunctions, type Level } from 'pino';
import { createRotatingFile } from './rotating-file';

/** Field names whose values never reach a log file, at any of the first four levels of nesting. */
export const secretFieldNames = ['password', 'passphrase', 'pin', 'token', 'key', 'secret', 'authorization', 'cookie'] as const;

const redactPaths = secretFieldNames.flatMap((name) => [name, `*.${name}`, `*.*.${name}`, `*.*.*.${name}`]);
const levels = new Set<string>(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);

export interface FileLogOptions {
  /** Rolled at this size (5 MB, as docs/deploy.md tells IT). */
  maxBytes?: number;
  /** Generations kept besides the live file. */
  keep?: number;
  /** Base name of the files, `main` by default. */
  name?: string;
}

export type FileLog = ((entry: Record<string, unknown>) => void) & { files(): string[]; close(): void };

/**
 * The console's log: pino JSON lines (`level` as a word, ISO `time`, `msg`) in
 * `<dir>/main.log`, rolled by size. Takes the core's `CoreLog` entries as they
 * are: `level` and `msg` plus any context fields.
 */
export function createFileLog(dir: string, { maxBytes = 5 * 1024 * 1024, keep = 5, name = 'main' }: FileLogOptions = {}): FileLog {
  const file = createRotatingFile({ dir, name, maxBytes, keep });
  const logger = pino(
    {
      level: 'debug',
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    file,
  );
  const log = (entry: Record<string, unknown>) => {
    const { level, msg, ...fields } = entry;
    const at: Level = typeof level === 'string' && levels.has(level) ? (level as Level) : 'info';
    logger[at](fields, typeof msg === 'string' ? msg : String(msg ?? ''));
  };
  return Object.assign(log, { files: () => file.files(), close: () => file.close() });
}
