import type { z } from 'zod';
import { printerProfiles, type JobConfirmation, type PrinterProfileId } from '../../drivers/printer/printer-profile';
import { isZplProfile, type ZplProfileId } from '../../drivers/label/zpl-shelf-label';
import type { jobConfirmations as contractConfirmations, printerConnectionSchema, printerProfileIds, refundMethods } from '../api/input-schemas';
import type { ReceiptWords } from '../../drivers/printer/receipt-words';
import { printerNames, printerSettingsSchema } from '../api/input-schemas';
import type { Db } from '../kernel/db/open-ledger';

export type PrinterName = (typeof printerNames)[number];
export type PrinterConnection = z.output<typeof printerConnectionSchema>;
export type PrinterSettings = z.output<typeof printerSettingsSchema>;
export type PrinterSettingsInput = z.input<typeof printerSettingsSchema>;

/** How this printer's jobs are confirmed: its settings' choice, else its model's. */
export function confirmationOf(settings: PrinterSettings): JobConfirmation {
  // A ZPL printer's status (~HS) is not asked: its labels are done once written.
  if (isZplProfile(settings.profile)) return 'bytes-written';
  return settings.confirmBy ?? printerProfiles[settings.profile].confirmBy;
}

// The contract names the printer models and confirmations without importing the drivers: these fail the build if the lists part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const modelsAgree: Same<(typeof printerProfileIds)[number], PrinterProfileId | ZplProfileId> = true;
const confirmationsAgree: Same<(typeof contractConfirmations)[number], JobConfirmation> = true;
// Every refund method the counter may record has its words on paper.
const refundWordsCover: [(typeof refundMethods)[number]] extends [keyof ReceiptWords['refundMethods']] ? true : false = true;
void modelsAgree;
void confirmationsAgree;
void refundWordsCover;

export function describeConnection(c: PrinterConnection): string {
  return c.type === 'tcp' ? `tcp://${c.host}:${c.port}` : c.type === 'serial' ? `${c.path} @ ${c.baudRate}` : c.path;
}

const prefix = 'printer:';

/** Printer settings live in the ledger's settings table, one row per use. */
export function createPrinterSettingsStore(db: Db, log: (e: Record<string, unknown>) => void = () => {}) {
  const get = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'printer:%'");
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  return {
    all(): Partial<Record<PrinterName, PrinterSettings>> {
      const out: Partial<Record<PrinterName, PrinterSettings>> = {};
      for (const { key, value } of get.all() as { key: string; value: string }[]) {
        const name = key.slice(prefix.length) as PrinterName;
        const parsed = printerSettingsSchema.safeParse(JSON.parse(value));
        if (!printerNames.includes(name) || !parsed.success) {
          log({ level: 'warn', msg: 'ignoring invalid printer settings', key });
          continue;
        }
        out[name] = parsed.data;
      }
      return out;
    },
    set(name: PrinterName, settings: PrinterSettingsInput | null): void {
      if (settings === null) remove.run(prefix + name);
      else set.run(prefix + name, JSON.stringify(printerSettingsSchema.parse(settings)));
    },
  };
}
export type PrinterSettingsStore = ReturnType<typeof createPrinterSettingsStore>;
