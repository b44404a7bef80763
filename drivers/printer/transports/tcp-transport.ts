import { connect } from 'node:net';
import type { PrinterTransport } from './printer-transport';

/** A network printer's raw port (9100 by convention). */
export function openTcpTransport({ host, port = 9100, timeoutMs = 3000 }: { host: string; port?: number; timeoutMs?: number }): Promise<PrinterTransport> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => socket.destroy(new Error(`no answer from ${host}:${port} in ${timeoutMs} ms`)), timeoutMs);
    const closeListeners: ((reason: string) => void)[] = [];
    let closedReason = 'connection closed';
    socket.once('error', (error) => {
      closedReason = error.message;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('error', (error) => (closedReason = error.message));
    socket.once('close', () => {
      clearTimeout(timer);
      for (const listener of closeListeners) listener(closedReason);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({
        description: `tcp://${host}:${port}`,
        write: (bytes) =>
          new Promise<void>((done, failed) => {
            if (socket.destroyed) return failed(new Error(closedReason));
            socket.write(bytes, (error) => (error ? failed(error) : done()));
          }),
        onData: (listener) => socket.on('data', (chunk: Buffer) => listener(chunk)),
        onClose: (listener) => void closeListeners.push(listener),
        close: () =>
          new Promise<void>((done) => {
            if (socket.destroyed) return done();
            socket.once('close', () => done());
            socket.end();
            setTimeout(() => socket.destroy(), 500).unref();
          }),
      });
    });
  });
}
