import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingFileOptions {
  dir: string;
  /** Base name: `main` writes main.log, then main.1.log … main.<keep>.log. */
  name: string;
  /** A line that would take the live file past this size goes to a fresh file. */
  maxBytes: number;
  /** Rolled generations kept besides the live file. */
  keep: number;
}

export interface RotatingFile {
  /** Appends synchronously: a line logged just before a crash is on disk. */
  write(line: string): void;
  /** The live file first, then the generations, newest first, that exist now. */
  files(): string[];
  close(): void;
}

/**
 * A size-rotated append-only file, in the shape pino takes as a destination
 * (anything with `write`). Writes are synchronous and rotation happens between
 * lines, so no line is ever split across two files.
 */
export function createRotatingFile({ dir, name, maxBytes, keep }: RotatingFileOptions): RotatingFile {
  mkdirSync(dir, { recursive: true });
  const live = join(dir, `${name}.log`);
  const generation = (n: number) => join(dir, `${name}.${n}.log`);
  let fd = openSync(live, 'a', 0o600);
  let size = statSync(live).size;

  const rotate = () => {
    closeSync(fd);
    rmSync(generation(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) renameIfPresent(generation(n), generation(n + 1));
    if (keep > 0) renameSync(live, generation(1));
    else rmSync(live, { force: true });
    fd = openSync(live, 'a', 0o600);
    size = 0;
  };

  return {
    write(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      writeSync(fd, line);
      size += bytes;
    },
    files() {
      const all = [live];
      for (let n = 1; n <= keep; n++) all.push(generation(n));
      return all.filter((file) => exists(file));
    },
    close() {
      closeSync(fd);
    },
  };
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
