import { open } from 'node:fs/promises';
import type { PrinterTransport } from './printer-transport';

/**
 * A USB printer the kernel exposes as a device file (Linux usblp: /dev/usb/lp0).
 * Write-only here: usblp reads block until the printer talks, so status is left
 * unanswered and the driver reports it as unsupported after its timeout.
 */
export async function openDeviceFileTransport({ path }: { path: string }): Promise<PrinterTransport> {
  const file = await open(path, 'w');
  const closeListeners: ((reason: string) => void)[] = [];
  let closed = false;
  return {
    description: `file:${path}`,
    async write(bytes) {
      try {
        await file.write(bytes);
      } catch (error) {
        // EIO/ENODEV: the printer was unplugged.
        if (!closed) {
          closed = true;
          closeListeners.forEach((l) => l((error as Error).message));
        }
        throw error;
      }
    },
    onData: () => {},
    onClose: (listener) => void closeListeners.push(listener),
    async close() {
      if (closed) return;
      closed = true;
      await file.close();
      closeListeners.forEach((l) => l('closed'));
    },
  };
}
