import { z } from 'zod';
import { printerNames } from './input-schemas';
import { deviceScanSchema, printableDocumentSchema, sessionInfoSchema, stationLinkStatusSchema, syncStatusSchema } from './shapes';

// Events the core pushes to every connected screen. One rule: a change event
// names the ids that changed, never the new state; a screen re-reads what it
// shows through its query cache (renderer/src/api/query-cache.ts). The three
// others carry a value that is not a change of something a screen reads:
// the session and the HQ link status (each the whole, small state), and a scan.

const ids = <T extends z.ZodType>(id: T) => z.array(id).min(1).max(10_000);

export const eventSchemas = {
  /** These customers' cards, arrivals, orders placed elsewhere or tasks changed (empty: re-read the lists). */
  'customers.changed': z.object({ customerIds: z.array(z.string().min(1)).max(10_000) }),
  /** The stock of these SKUs moved (a movement, an order's reservation, an HQ price or order). */
  'stock.changed': z.object({ skus: ids(z.string().min(1)) }),
  /** Who is signed in at the station: session.current's reply. */
  'session.changed': sessionInfoSchema,
  /** The HQ link's status: sync.status's reply. */
  'sync.changed': syncStatusSchema,
  /** These messages from HQ were set aside as dead letters, or retried, or resolved. */
  'deadLetters.changed': z.object({ ids: ids(z.number().int().positive()) }),
  /** A scan from a serial or HID scanner the device manager claimed. */
  'device.scan': deviceScanSchema,
  /** These devices were plugged, unplugged, opened, configured or changed status. */
  'devices.changed': z.object({ identities: ids(z.string().min(1)) }),
  /** These orders changed, by staff or by HQ. */
  'orders.changed': z.object({ orderIds: ids(z.string().min(1)) }),
  /** These printers' status or settings changed, or these print jobs did; either list may be empty, not both. */
  'printing.changed': z
    .object({ printers: z.array(z.enum(printerNames)).max(printerNames.length), jobIds: z.array(z.number().int().positive()).max(10_000) })
    .refine((e) => e.printers.length + e.jobIds.length > 0, 'names no printer and no job'),
  /** These shelf labels were queued (HQ announced a price) or left the queue (printed). */
  'labels.changed': z.object({ labelIds: ids(z.number().int().positive()) }),
  /** These shelves' sensor, count or level changed, or their mapping did. */
  'shelves.changed': z.object({ sensorIds: ids(z.string().min(1)) }),
  /** The console is restarting on a new configuration: screens reload. */
  'setup.restarting': z.object({ store: z.string() }),
  /** The pairing the first-run wizard started ended without a credential (refused, expired, host gone): the wizard says why. */
  'setup.pairing': z.object({ outcome: z.literal('refused'), code: z.string().max(64), message: z.string().max(1000) }),
  /** A paired station's link to its host opened or closed (sent by the paired station itself, main/stations). */
  'stations.link': stationLinkStatusSchema,
  /** These transfers between stores changed, here or at the other store (relayed by HQ). */
  'transfers.changed': z.object({ transferIds: ids(z.string().min(1)) }),
  /** These returns from any channel changed: recorded, settled by HQ, refunded, or sent to stock or damaged. */
  'returns.changed': z.object({ returnIds: ids(z.string().min(1)) }),
  /** These receipts changed, or these ASNs arrived from HQ; either list may be empty, not both. */
  'receiving.changed': z
    .object({ receiptIds: z.array(z.string().min(1)).max(10_000), asnIds: z.array(z.string().min(1)).max(10_000) })
    .refine((e) => e.receiptIds.length + e.asnIds.length > 0, 'names no receipt and no ASN'),
  /** These stock counts were opened (by staff, a shelf sensor or a short pick), scanned, reviewed or closed. */
  'counts.changed': z.object({ countIds: ids(z.string().min(1)) }),
  /**
   * On the host: a command from this paired station printed an order's document; the station prints it on
   * its own printer (docs/decisions.md, "Devices stay at their station"). Sent once the command committed.
   */
  'printing.forStation': z.object({ station: z.string().min(1).max(64), kind: z.string().min(1).max(64), requestedBy: z.string().min(1).max(64), document: printableDocumentSchema }),
  /** Cash moved at the counter, or a manager confirmed a station's cash, on these days. */
  'cash.changed': z.object({ days: ids(z.string().min(1)) }),
  /** These stations were paired or revoked (on the host). */
  'stations.changed': z.object({ stations: ids(z.string().min(1)) }),
} as const;

export type CoreEvents = { [K in keyof typeof eventSchemas]: z.infer<(typeof eventSchemas)[K]> };
export type CoreEventName = keyof CoreEvents;
export type CoreEvent = { [K in CoreEventName]: { event: K; payload: CoreEvents[K] } }[CoreEventName];
export const coreEventNames = Object.keys(eventSchemas) as CoreEventName[];

/** A pushed event as a screen receives it: one it knows, in the shape it expects, or null (ignored, not fatal). */
export function parseCoreEvent(raw: unknown): CoreEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { event, payload } = raw as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string' || !Object.hasOwn(eventSchemas, event)) return null;
  const name = event as CoreEventName;
  const parsed = eventSchemas[name].safeParse(payload);
  return parsed.success ? ({ event: name, payload: parsed.data } as CoreEvent) : null;
}
