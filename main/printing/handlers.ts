import { printerProfiles } from '../../drivers/printer/printer-profile';
import { saleReceipt } from '../../drivers/printer/receipt-layouts';
import { isZplProfile } from '../../drivers/label/zpl-shelf-label';
import { StoreError } from '../kernel/errors';
import { notConfigured } from '../kernel/not-configured';
import type { HandlerContext, HandlerMap } from '../kernel/handler-types';
import type { PrintingPort } from './printing-port';

type Names =
  | 'printing.printers'
  | 'printing.jobs'
  | 'printing.reprint'
  | 'printing.dismiss'
  | 'printing.testPage'
  | 'printing.openDrawer'
  | 'printing.configure';

const staffId = (ctx: HandlerContext) => ctx.actor?.id ?? 'system';

export interface PrintingHandlerPorts {
  printing: PrintingPort;
  /** The store's name, printed on the test page. */
  storeName(): string;
}

export function printingHandlers({ printing, storeName }: PrintingHandlerPorts): HandlerMap<Names> {
  return {
    'printing.printers': () => printing.printers(),
    'printing.jobs': () => printing.jobs(),
    'printing.reprint': (ctx, { jobId }) => {
      try {
        return { jobId: printing.reprint(jobId, staffId(ctx)) };
      } catch (error) {
        if (error instanceof RangeError) throw new StoreError('UNKNOWN_PRINT_JOB', error.message, { jobId });
        throw error;
      }
    },
    'printing.dismiss': (ctx, { jobId }) => ({ dismissed: printing.dismiss(jobId, staffId(ctx)) }),
    'printing.testPage': (ctx, { printer }) => {
      const at = new Date().toISOString();
      // A label printer's test page is a label: its every field, in the words and letters it must print.
      if (isZplProfile(printing.printers().find((p) => p.name === printer)?.profile ?? '')) {
        const jobId = printing.printLabels(
          printer,
          [{ name: 'Prueba: ñ á é í ó ú ü ¿? ¡! €', priceCents: 1_99, netContent: { amount: 0.5, unit: 'kg' }, reduction: { previousCents: 2_49, lowest30dCents: 2_19 }, ean13: null, location: storeName(), validFrom: at, validUntil: null, timeZone: 'UTC' }],
          staffId(ctx),
        );
        return { jobId };
      }
      const jobId = printing.print(
        printer,
        'test-page',
        (profile) =>
          saleReceipt(profile, {
            storeName: storeName(),
            number: 'PRUEBA',
            at,
            staff: ctx.actor?.name ?? '',
            lines: [{ name: 'Prueba: ñ á é í ó ú ü ¿? ¡! €', qty: 1, unitPriceCents: 0 }],
            totalCents: 0,
            payment: { method: 'Prueba' },
            footer: [`${printer} · ${Object.keys(printerProfiles).join(' / ')}`],
          }),
        staffId(ctx),
      );
      if (jobId !== null) return { jobId };
      // The printing room lists every use, set up or not: an empty list is a console without it.
      if (printing.printers().length === 0) notConfigured('printers');
      throw new StoreError('NO_PRINTER', `No ${printer} printer is configured on this station.`, { printer });
    },
    'printing.openDrawer': async (ctx, { printer }) => {
      const result = await printing.openDrawer(printer);
      return result.ok ? { ok: true } : { ok: false, message: result.message };
    },
    'printing.configure': async (ctx, { printer, settings }) => {
      await printing.configure(printer, settings);
      return printing.printers();
    },
  };
}
