import ReceiptPrinterEncoder, { type BarcodeSymbology, type ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder';

export type PrinterCodepage = 'cp858' | 'cp437';

/**
 * What a print job's "done" rests on, strongest first (docs/deploy.md explains
 * them for IT):
 * - job-reply: a process ID request (GS ( H) follows the job, and the printer
 *   answers it once the job has come out. Proof the job printed.
 * - status-clean: the job was written, then the printer answered DLE EOT online,
 *   with paper and its cover shut. It was well after taking the job; that the
 *   job came out is inferred. For clones that ignore GS ( H.
 * - bytes-written: the job's bytes were handed to the link, and nothing is
 *   asked. Paper out goes unnoticed. For printers that answer nothing at all.
 * A job that cannot be confirmed the chosen way ends "unconfirmed", never done.
 */
export const jobConfirmations = ['job-reply', 'status-clean', 'bytes-written'] as const;
export type JobConfirmation = (typeof jobConfirmations)[number];

/** What a printer model can do, as data: the encoder's model table plus our code page choice. */
export interface PrinterProfile {
  id: string;
  /** A model id from the encoder's table (ReceiptPrinterEncoder.printerModels). */
  model: NonNullable<ReceiptPrinterEncoderOptions['printerModel']>;
  /** cp858 is cp850 with €: every Spanish letter and the euro sign in one page, so no page switching mid-line. */
  codepage: PrinterCodepage;
  /** Answers DLE EOT. A printer behind a write-only device file cannot. */
  status: 'dle-eot' | 'none';
  /** How a job is confirmed unless the printer's settings say otherwise. */
  confirmBy: JobConfirmation;
}

export const printerProfiles = {
  'epson-tm-t88vi': { id: 'epson-tm-t88vi', model: 'epson-tm-t88vi', codepage: 'cp858', status: 'dle-eot', confirmBy: 'job-reply' },
  'epson-tm-t20iii': { id: 'epson-tm-t20iii', model: 'epson-tm-t20iii', codepage: 'cp858', status: 'dle-eot', confirmBy: 'job-reply' },
  // A 58 mm generic: no GS1 DataBar, no UPC-E; labels fall back to a raster barcode.
  // Most of these clones answer DLE EOT but ignore GS ( H.
  'pos-5890': { id: 'pos-5890', model: 'pos-5890', codepage: 'cp858', status: 'dle-eot', confirmBy: 'status-clean' },
} as const satisfies Record<string, PrinterProfile>;

export type PrinterProfileId = keyof typeof printerProfiles;

interface Capabilities {
  fonts?: { A?: { columns?: number } };
  barcodes?: { supported?: boolean; symbologies?: string[] };
  qrcode?: { supported?: boolean };
}

const capabilitiesByModel = new Map<string, Capabilities>();

function capabilities(profile: PrinterProfile): Capabilities {
  let known = capabilitiesByModel.get(profile.model);
  if (!known) {
    known = new ReceiptPrinterEncoder({ printerModel: profile.model }).printerCapabilities as Capabilities;
    capabilitiesByModel.set(profile.model, known);
  }
  return known;
}

/** Symbologies the printer draws itself; anything else is sent as a raster image. */
export function drawsSymbology(profile: PrinterProfile, symbology: BarcodeSymbology): boolean {
  const barcodes = capabilities(profile).barcodes;
  return barcodes?.supported === true && (barcodes.symbologies ?? []).includes(symbology);
}

export function drawsQr(profile: PrinterProfile): boolean {
  return capabilities(profile).qrcode?.supported === true;
}
