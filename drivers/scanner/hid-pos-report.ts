// USB HID POS barcode scanners (usage page 0x8C): one scan arrives as one or
// more input reports. Pure: reports in, scans out, so it is tested on bytes.

/** Where each field sits in the scanner's input report (Zebra/Honeywell HID POS layout by default). */
export interface HidPosReportLayout {
  reportId: number;
  /** Byte holding how many data bytes this report carries. */
  lengthOffset: number;
  /** Three ASCII bytes of the AIM symbology identifier, e.g. "]E0". */
  aimOffset: number;
  dataOffset: number;
  dataCapacity: number;
  /** Byte and bit saying "more reports follow for this scan". */
  continuationOffset: number;
  continuationMask: number;
}

export const defaultHidPosLayout: HidPosReportLayout = {
  reportId: 0x02,
  lengthOffset: 1,
  aimOffset: 2,
  dataOffset: 5,
  dataCapacity: 56,
  continuationOffset: 63,
  continuationMask: 0x01,
};

export const hidPosUsagePage = 0x8c;

export type HidPosEvent =
  | { kind: 'scan'; aim: string; data: Uint8Array }
  | { kind: 'ignored'; reason: 'other-report' | 'too-short' | 'bad-length' };

export function createHidPosDecoder(layout: HidPosReportLayout = defaultHidPosLayout) {
  let parts: Uint8Array[] = [];
  let aim = '';
  return {
    push(report: Uint8Array): HidPosEvent | null {
      if (report[0] !== layout.reportId) return { kind: 'ignored', reason: 'other-report' };
      if (report.length <= Math.max(layout.continuationOffset, layout.dataOffset)) return { kind: 'ignored', reason: 'too-short' };
      const length = report[layout.lengthOffset]!;
      if (length > layout.dataCapacity) return { kind: 'ignored', reason: 'bad-length' };
      if (parts.length === 0) aim = String.fromCharCode(...report.subarray(layout.aimOffset, layout.aimOffset + 3)).replace(/\0/g, '');
      parts.push(report.slice(layout.dataOffset, layout.dataOffset + length));
      if ((report[layout.continuationOffset]! & layout.continuationMask) !== 0) return null;
      const total = parts.reduce((n, p) => n + p.length, 0);
      const data = new Uint8Array(total);
      let at = 0;
      for (const part of parts) {
        data.set(part, at);
        at += part.length;
      }
      parts = [];
      return { kind: 'scan', aim, data };
    },
  };
}

/** Builds the reports a scanner sends for one scan (simulator and tests). */
export function encodeHidPosReports(aim: string, data: Uint8Array, layout: HidPosReportLayout = defaultHidPosLayout): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let start = 0; start < Math.max(data.length, 1); start += layout.dataCapacity) {
    const chunk = data.subarray(start, start + layout.dataCapacity);
    const report = new Uint8Array(layout.continuationOffset + 1);
    report[0] = layout.reportId;
    report[layout.lengthOffset] = chunk.length;
    report.set(new TextEncoder().encode(aim.padEnd(3, '\0').slice(0, 3)), layout.aimOffset);
    report.set(chunk, layout.dataOffset);
    if (start + layout.dataCapacity < data.length) report[layout.continuationOffset] = layout.continuationMask;
    reports.push(report);
  }
  return reports;
}
