import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

export const mosquittoPath = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p)) ?? 'mosquitto';

export async function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface MosquittoOptions {
  /** Extra lines for mosquitto.conf (ACLs, password file, limits). */
  extraConfig?: string[];
  allowAnonymous?: boolean;
}

/** A real Mosquitto on 127.0.0.1 with a generated config; stop and start it to simulate outages. */
export async function startMosquitto(options: MosquittoOptions = {}) {
  // Not tempDir(): this broker may outlive the hook that started it.
  const dir = mkdtempSync(join(tmpdir(), 'mosquitto-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      `allow_anonymous ${options.allowAnonymous ?? true}`,
      // Started as root, Mosquitto would switch to user "mosquitto", who cannot read this 0700 folder.
      `user ${userInfo().username}`,
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1',
      // max_queued_messages stays at its default (1000): delivery is checked end to end, not assumed.
      // Without it, Nagle's algorithm on the broker adds ~40 ms to a live event (see docs/mosquitto).
      'set_tcp_nodelay true',
      'log_dest stderr',
      'log_type error',
      ...(options.extraConfig ?? []),
    ].join('\n') + '\n',
  );
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn(mosquittoPath, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.once('exit', (code) => {
      if (code && code !== 0) process.stderr.write(`mosquitto exited ${code}: ${stderr}\n`);
    });
    await waitForPort(port);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = proc;
    proc = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((done) => running.once('exit', done));
    running.kill(signal);
    await exited;
  };
  await start();
  const dispose = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `mqtt://127.0.0.1:${port}`, port, dir, start, stop, dispose };
}
export type Mosquitto = Awaited<ReturnType<typeof startMosquitto>>;
