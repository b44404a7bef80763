import { printerProfiles } from '../../drivers/printer/printer-profile';
import { saleReceipt } from '../../drivers/printer/receipt-layouts';
import { StoreError } from '../kernel/errors';
import type { CoreServices, HandlerContext, HandlerMap } from '../kernel/handler-types';

type Names =
  | 'printing.printers'
  | 'printing.jobs'
  | 'printing.reprint'
  | 'printing.dismiss'
  | 'printing.testPage'
  | 'printing.openDrawer'
  | 'printing.configure'
  | 'dev.printerPreview'
  | 'dev.printerState'
  | 'dev.setPrinter';

function printing(services: CoreServices) {
  if (!services.printing) throw new StoreError('NO_PRINTER', 'This console runs without printers.');
  return services.printing;
}

export function simulators(services: CoreServices) {
  if (!services.simulators) throw new StoreError('FORBIDDEN', 'The developer panel works in the demo store only.');
  return services.simulators;
}

const staffId = (ctx: HandlerContext) => ctx.actor?.id ?? 'system';

export const printingHandlers: HandlerMap<Names> = {
  'printing.printers': ({ services }) => services.printing?.printers() ?? [],
  'printing.jobs': ({ services }) => services.printing?.jobs() ?? { pending: [], recent: [] },
  'printing.reprint': (ctx, { jobId }) => {
    try {
      return { jobId: printing(ctx.services).reprint(jobId, staffId(ctx)) };
    } catch (error) {
      if (error instanceof RangeError) throw new StoreError('UNKNOWN_PRINT_JOB', error.message, { jobId });
      throw error;
    }
  },
  'printing.dismiss': (ctx, { jobId }) => ({ dismissed: printing(ctx.services).dismiss(jobId, staffId(ctx)) }),
  'printing.testPage': (ctx, { printer }) => {
    const at = new Date().toISOString();
    const jobId = printing(ctx.services).print(
      printer,
      'test-page',
      (profile) =>
        saleReceipt(profile, {
          storeName: ctx.services.session.info().store,
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
    if (jobId === null) throw new StoreError('NO_PRINTER', `No ${printer} printer is configured on this station.`, { printer });
    return { jobId };
  },
  'printing.openDrawer': async (ctx, { printer }) => {
    const result = await printing(ctx.services).openDrawer(printer);
    return result.ok ? { ok: true } : { ok: false, message: result.message };
  },
  'printing.configure': async (ctx, { printer, settings }) => {
    const service = printing(ctx.services);
    await service.configure(printer, settings);
    return service.printers();
  },
  'dev.printerPreview': ({ services }, { limit }) => simulators(services).printerPreview(limit ?? 10),
  'dev.printerState': ({ services }) => simulators(services).setPrinter({}),
  'dev.setPrinter': ({ services }, change) => simulators(services).setPrinter(change),
};
