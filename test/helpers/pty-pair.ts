import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The device end a driver opens, like /dev/ttyUSB0. */
  a: string;
  /** The other end, where a simulator writes what the device would send. */
  b: string;
  /** Kills socat: both ends vanish, as when a cable is pulled. */
  dispose(): Promise<void>;
}

/** A real pseudo-terminal pair from socat (installed by .ci/run), linked at stable paths. */
export async function openPtyPair(dirArg?: string, names: [string, string] = ['device', 'simulator']): Promise<PtyPair> {
  // Given a folder, the pair can be pulled and plugged back at the same paths.
  const dir = dirArg ?? mkdtempSync(join(tmpdir(), 'pty-'));
  const a = join(dir, names[0]);
  const b = join(dir, names[1]);
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(a) && existsSync(b))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`socat did not create the pty pair: ${stderr || 'is socat installed? apt-get install -y socat'}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    a,
    b,
    async dispose() {
      if (proc.exitCode === null) {
        const exited = new Promise((done) => proc.once('exit', done));
        proc.kill('SIGTERM');
        await exited;
      }
      if (!dirArg) rmSync(dir, { recursive: true, force: true });
    },
  };
}
