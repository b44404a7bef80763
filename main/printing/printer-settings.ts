import { z } from 'zod';
import { jobConfirmations, printerProfiles, type JobConfirmation, type PrinterProfileId } from '../../drivers/printer/printer-profile';
import type { Db } from '../kernel/db/open-ledger';

/** A station has at most one printer of each use; jobs name the use, not the device. */
export const printerNames = ['counter', 'backoffice'] as const;
export type PrinterName = (typeof printerNames)[number];

const profileIds = Object.keys(printerProfiles) as [PrinterProfileId, ...PrinterProfileId[]];

export const printerConnectionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('tcp'),
      host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'a host name or IP address'),
      port: z.number().int().min(1).max(65_535).default(9100),
    })
    .strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1).max(300),
      baudRate: z.number().int().min(1200).max(921_600).default(9600),
    })
    .strict(),
  // Linux usblp: the kernel driver gives the printer a device file, so no libusb is needed.
  z.object({ type: z.literal('device-file'), path: z.string().regex(/^\/dev\/(usb\/)?lp\d{1,3}$/, 'a /dev/usb/lpN path') }).strict(),
]);
export type PrinterConnection = z.output<typeof printerConnectionSchema>;

export const printerSettingsSchema = z
  .object({
    connection: printerConnectionSchema,
    profile: z.enum(profileIds),
    /** Overrides the profile's way of confirming a job (a clone that ignores GS ( H, a raw port that answers nothing). */
    confirmBy: z.enum(jobConfirmations).optional(),
  })
  .strict();
export type PrinterSettings = z.output<typeof printerSettingsSchema>;
export type PrinterSettingsInput = z.input<typeof printerSettingsSchema>;

/** How this printer's jobs are confirmed: its settings' choice, else its model's. */
export function confirmationOf(settings: PrinterSettings): JobConfirmation {
  return settings.confirmBy ?? printerProfiles[settings.profile].confirmBy;
}

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
