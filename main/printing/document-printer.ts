import type { PrintableDocument } from '../api/types';
import { actorId, type HandlerContext } from '../kernel/handler-types';
import { renderDocument } from './order-documents';
import type { PrintingPort } from './printing-port';

/** Prints an order's document for the command in progress, at the station it came from. */
export interface DocumentPrinter {
  print(ctx: HandlerContext, kind: string, document: PrintableDocument): void;
}

/**
 * The host's own commands print on its counter printer, in the command's
 * transaction (a rolled-back command prints nothing). A paired station's
 * command prints at that station: the document goes to it as data once the
 * command committed ('printing.forStation'), and the station renders it for
 * its own printer and queues it there.
 */
export function createDocumentPrinter({ printing, hostStation }: { printing: Pick<PrintingPort, 'print'>; hostStation: string }): DocumentPrinter {
  return {
    print(ctx, kind, document) {
      if (ctx.station !== hostStation) {
        ctx.emit({ event: 'printing.forStation', payload: { station: ctx.station, kind, requestedBy: actorId(ctx), document } });
        return;
      }
      printing.print('counter', kind, renderDocument(document), actorId(ctx));
    },
  };
}
