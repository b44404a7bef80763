import { SerialPort } from 'serialport';
import type { FrameSuffix } from './serial-frame-decoder';

const suffixes: Record<FrameSuffix, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', none: '' };

/** The scanner's end of a serial line: writes frames as a real scanner would. */
export async function openVirtualSerialScanner(path: string, { suffix = 'CR' as FrameSuffix, aim = '' } = {}) {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
  const write = (bytes: Uint8Array | string) =>
    new Promise<void>((done, failed) => {
      port.write(bytes, (error) => (error ? failed(error) : port.drain(() => done())));
    });
  return {
    /** One scan: optional AIM identifier, the data, the suffix. */
    scan: (text: string, symbologyId = aim) => write(`${symbologyId}${text}${suffixes[suffix]}`),
    /** Raw bytes, for garbage and partial frames. */
    write,
    close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
  };
}
