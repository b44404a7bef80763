// ESC/POS status replies as pure functions. A DLE EOT reply is one byte with
// bits 0 and 7 clear and bits 1 and 4 set; the first byte of an ASB report has
// bits 0, 1 and 7 clear and bit 4 set. Bit 1 alone tells them apart, so one
// reader can take both from the same stream (Epson ESC/POS reference, DLE EOT and GS a).

export interface PrinterStatus {
  online: boolean;
  offline: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  /** Pin 3 of the drawer connector high; most drawers report "open" that way. */
  drawerOpen: boolean;
}

export type DleEotFunction = 1 | 2 | 3 | 4;

export type StatusReply =
  | { kind: 'dle-eot'; n: DleEotFunction; byte: number }
  | { kind: 'asb'; bytes: [number, number, number, number] }
  | { kind: 'process-id'; id: string };

export const isDleEotReply = (byte: number) => (byte & 0x93) === 0x12;
export const isAsbFirstByte = (byte: number) => (byte & 0x93) === 0x10;
// The three bytes after the first have bits 4 and 7 clear.
const isAsbFollowingByte = (byte: number) => (byte & 0x90) === 0x00;

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

/** Folds DLE EOT replies (1: printer, 2: offline cause, 4: paper sensor) into a status. Missing replies count as "fine". */
export function statusFromDleEot(replies: Partial<Record<DleEotFunction, number>>): PrinterStatus {
  const printer = replies[1] ?? 0x12;
  const offlineCause = replies[2] ?? 0x12;
  const paper = replies[4] ?? 0x12;
  const offline = bit(printer, 3);
  return {
    online: !offline,
    offline,
    drawerOpen: bit(printer, 2),
    coverOpen: bit(offlineCause, 2),
    // n=2 bit 5 ("stopped by paper end") and n=4 bits 5–6 (roll paper end) both mean out.
    paperOut: bit(offlineCause, 5) || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
  };
}

export function statusFromAsb(bytes: readonly [number, number, number, number]): PrinterStatus {
  const [first, , paper] = bytes;
  const offline = bit(first, 3);
  return {
    online: !offline,
    offline,
    drawerOpen: bit(first, 2),
    coverOpen: bit(first, 5),
    paperNearEnd: (paper & 0x03) !== 0,
    paperOut: (paper & 0x0c) !== 0,
  };
}

/** The bytes a printer would send for a status: used by the virtual printer and by tests. */
export function encodeDleEotReply(n: DleEotFunction, status: Omit<PrinterStatus, 'online'>): number {
  let byte = 0x12;
  if (n === 1) byte |= (status.drawerOpen ? 0x04 : 0) | (status.offline ? 0x08 : 0);
  if (n === 2) byte |= (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0);
  if (n === 4) byte |= (status.paperNearEnd ? 0x0c : 0) | (status.paperOut ? 0x60 : 0);
  return byte;
}

export function encodeAsb(status: Omit<PrinterStatus, 'online'>): [number, number, number, number] {
  const first = 0x10 | (status.drawerOpen ? 0x04 : 0) | (status.offline ? 0x08 : 0) | (status.coverOpen ? 0x20 : 0);
  const paper = (status.paperNearEnd ? 0x03 : 0) | (status.paperOut ? 0x0c : 0);
  return [first, 0x00, paper, 0x00];
}

/**
 * Splits the bytes a printer sends back into replies. DLE EOT replies are matched
 * to the requests in the order they were sent; a reply nobody asked for, XON/XOFF
 * and line noise are dropped.
 */
export function createStatusReader() {
  const asked: DleEotFunction[] = [];
  let asb: number[] = [];
  // A process ID reply: 0x37 0x22 and four digits, then NUL. 0x37 has bit 0 set,
  // so it is neither a DLE EOT reply nor an ASB report.
  let pid: number[] = [];
  return {
    expect(n: DleEotFunction) {
      asked.push(n);
    },
    /** Forgets outstanding requests, after a timeout. */
    reset() {
      asked.length = 0;
    },
    push(bytes: Uint8Array): StatusReply[] {
      const replies: StatusReply[] = [];
      for (const byte of bytes) {
        if (pid.length > 0) {
          pid.push(byte);
          if (pid.length === 2 && byte !== 0x22) pid = [];
          else if (pid.length === 7) {
            if (byte === 0) replies.push({ kind: 'process-id', id: String.fromCharCode(...pid.slice(2, 6)) });
            pid = [];
          }
          continue;
        }
        if (byte === 0x37 && asb.length === 0) {
          pid = [byte];
          continue;
        }
        if (asb.length > 0) {
          if (isAsbFollowingByte(byte)) {
            asb.push(byte);
            if (asb.length === 4) {
              replies.push({ kind: 'asb', bytes: asb as [number, number, number, number] });
              asb = [];
            }
            continue;
          }
          asb = []; // a broken report: read the byte afresh
        }
        if (isDleEotReply(byte)) {
          const n = asked.shift();
          if (n !== undefined) replies.push({ kind: 'dle-eot', n, byte });
        } else if (isAsbFirstByte(byte)) asb = [byte];
      }
      return replies;
    },
  };
}
