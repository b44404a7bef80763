import { SerialLine } from '../../serial/serial-line';
import type { PrinterTransport } from './printer-transport';

/** A printer on RS-232 or a USB virtual COM port. Hardware flow control stops us overrunning its buffer. */
export async function openSerialTransport({ path, baudRate = 9600, rtscts = false }: { path: string; baudRate?: number; rtscts?: boolean }): Promise<PrinterTransport> {
  const line = await SerialLine.open({ path, baudRate, rtscts });
  const closeListeners: ((reason: string) => void)[] = [];
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    closeListeners.forEach((l) => l(reason));
  };
  line.on('lost', end);
  return {
    description: `serial:${path}`,
    write: (bytes) => line.write(bytes),
    onData: (listener) => void line.on('data', listener),
    onClose: (listener) => void closeListeners.push(listener),
    close: async () => {
      await line.close();
      end('port closed'); // the contract: onClose hears of every end, ours included
    },
  };
}
