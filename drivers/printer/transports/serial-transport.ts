import { SerialPort } from 'serialport';
import type { PrinterTransport } from './printer-transport';

/** A printer on RS-232 or a USB virtual COM port. Hardware flow control stops us overrunning its buffer. */
export async function openSerialTransport({ path, baudRate = 9600, rtscts = false }: { path: string; baudRate?: number; rtscts?: boolean }): Promise<PrinterTransport> {
  const port = new SerialPort({ path, baudRate, rtscts, autoOpen: false, lock: true });
  await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
  const closeListeners: ((reason: string) => void)[] = [];
  let reason = 'port closed';
  port.on('error', (error) => (reason = error.message));
  port.once('close', () => closeListeners.forEach((l) => l(reason)));
  return {
    description: `serial:${path}`,
    write: (bytes) =>
      new Promise<void>((done, failed) => {
        port.write(Buffer.from(bytes), (error) => (error ? failed(error) : port.drain((e) => (e ? failed(e) : done()))));
      }),
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(chunk)),
    onClose: (listener) => void closeListeners.push(listener),
    close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
  };
}
