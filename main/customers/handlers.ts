import type { CustomerCardView } from '../api/customer-shapes';
import type { Role } from '../api/types';
import { StoreError } from '../kernel/errors';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';
import type { StockReadPath } from '../stock/stock-read-path';
import type { HqPort } from '../sync/hq-port';
import { scopeCard } from './card-scope';
import type { CustomerRecords } from './customer-records';
import { specialCategoryIn } from './special-category';

type Names =
  | 'customers.open'
  | 'customers.search'
  | 'customers.arrivals'
  | 'customers.checkIn'
  | 'customers.dismissArrival'
  | 'customers.orderElsewhere'
  | 'customers.tasks'
  | 'customers.addTask'
  | 'customers.completeTask'
  | 'customers.checkNote'
  | 'customers.openings';

/** The customer's app shows this QR; their loyalty card carries its own number. */
export const appQrPrefix = 'MOSTRADOR:CUSTOMER:';

const changed = (ctx: HandlerContext, customerId: string) => ctx.emit({ event: 'customers.changed', payload: { customerIds: [customerId] } });

export function customerHandlers({ records, hq, stock }: { records: CustomerRecords; hq: Pick<HqPort, 'customerCard' | 'customerSearch' | 'customerOrder'>; stock: Pick<StockReadPath, 'summary'> }): HandlerMap<Names> {
  const role = (ctx: HandlerContext): Role => {
    if (!ctx.actor) throw new StoreError('NOT_SIGNED_IN', 'Sign in at this station first.');
    return ctx.actor.role;
  };
  const stockHere = (viewer: Role) => (sku: string) => {
    try {
      return stock.summary(sku, viewer).atp;
    } catch {
      return null; // not in this store's catalog
    }
  };
  return {
    /** Every opening asks HQ (the card is never served from the cache) and is audited with its panels. */
    'customers.open': async (ctx, { by, via }): Promise<CustomerCardView> => {
      const viewer = role(ctx);
      records.dropExpired();
      const request = by.kind === 'code' && by.code.startsWith(appQrPrefix) ? { kind: 'id' as const, customerId: by.code.slice(appQrPrefix.length) } : by;
      const card = await hq.customerCard(request);
      if (card === null) return { available: false, reason: 'offline' };
      if (card === undefined) return { available: false, reason: 'not-found' };
      records.cacheCard(card);
      const view = scopeCard(card, viewer, stockHere(viewer));
      records.recordOpening({
        staff: actorId(ctx),
        role: viewer,
        station: ctx.station,
        customerId: card.customerId,
        via,
        panels: view.shown,
        withheld: view.hidden.map((h) => `${h.panel}:${h.reason}`),
      });
      return view;
    },
    'customers.search': (_ctx, { query }) => hq.customerSearch(query),
    'customers.arrivals': () => records.arrivals(),
    'customers.checkIn': (ctx, { code }) => {
      if (!code.startsWith(appQrPrefix)) throw new StoreError('UNKNOWN_CUSTOMER', 'That is not a customer app QR code.', { code: code.slice(0, 40) });
      const customerId = code.slice(appQrPrefix.length);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(customerId)) throw new StoreError('UNKNOWN_CUSTOMER', 'That customer app QR code is malformed.');
      const id = records.arrived(customerId, 'scan');
      changed(ctx, customerId);
      return { id, customerId };
    },
    'customers.dismissArrival': (ctx, { id }) => {
      const dismissed = records.dismissArrival(id);
      ctx.emit({ event: 'customers.changed', payload: { customerIds: [] } });
      return { dismissed };
    },
    'customers.orderElsewhere': async (ctx, request) => {
      role(ctx);
      const order = await hq.customerOrder(request);
      if (!order) throw new StoreError('HQ_UNAVAILABLE', 'HQ did not answer: nothing was ordered. Try again when the link is back.');
      records.placedOrder(request.customerId, order, actorId(ctx));
      changed(ctx, request.customerId);
      return order;
    },
    'customers.tasks': (ctx, { assignee, openOnly }) => records.tasks(assignee ?? null, openOnly ?? true),
    /** A follow-up only for a customer who consented to contact, as the card (opened within 24 h) says. */
    'customers.addTask': (ctx, { customerId, assignee, dueAt, note }) => {
      const card = records.cached(customerId);
      if (!card) throw new StoreError('UNKNOWN_CUSTOMER', 'Open the customer card first: its consents decide whether a follow-up may be set.');
      if (!card.consents.contact) throw new StoreError('NO_CONTACT_CONSENT', 'This customer has not agreed to be contacted.', { customerId });
      const id = records.addTask({ customerId, assignee: assignee ?? actorId(ctx), dueAt, note, createdBy: actorId(ctx) });
      changed(ctx, customerId);
      return { id, warning: specialCategoryIn(note) };
    },
    'customers.completeTask': (ctx, { id }) => {
      const done = records.completeTask(id);
      ctx.emit({ event: 'customers.changed', payload: { customerIds: [] } });
      return { done };
    },
    'customers.checkNote': (_ctx, { text }) => specialCategoryIn(text),
    'customers.openings': (_ctx, { customerId, limit }) => records.openings(customerId ?? null, limit ?? 100),
  };
}
