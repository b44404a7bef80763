import { z } from 'zod';

// Inputs that a room also parses on its own (settings read back from the ledger,
// IT's policy file): defined here, in the contract, and imported by the room, so
// that the contract depends on no room.

/** How a return is refunded: the counter's choice, the core's record, the receipt's words (drivers/printer/receipt-words.ts; main/printing checks they cover these). */
export const refundMethods = ['original-payment', 'card', 'cash', 'store-credit'] as const;
/** Why stock is adjusted by hand (issue 13): `found` adds stock, every other reason writes it off. */
export const adjustmentReasons = ['damaged', 'expired', 'theft', 'found', 'sample', 'own-use'] as const;
/** Why a count's variances are what they are, as the approving manager names it. */
export const countApprovalReasons = [...adjustmentReasons, 'unexplained'] as const;

/** A station has at most one printer of each use; jobs name the use, not the device. */
/** `label`: the shelf-label printer (ZPL, or an ESC/POS receipt printer used for labels). */
export const printerNames = ['counter', 'backoffice', 'label'] as const;
export type PrinterName = (typeof printerNames)[number];

/** The printer models drivers/printer/printer-profile.ts describes; main/printing checks the two lists agree. */
export const printerProfileIds = ['epson-tm-t88vi', 'epson-tm-t20iii', 'pos-5890', 'zpl-203dpi'] as const;
/** What a print job's "done" rests on (drivers/printer/printer-profile.ts explains each). */
export const jobConfirmations = ['job-reply', 'status-clean', 'bytes-written'] as const;

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

export const printerSettingsSchema = z
  .object({
    connection: printerConnectionSchema,
    profile: z.enum(printerProfileIds),
    /** Overrides the profile's way of confirming a job (a clone that ignores GS ( H, a raw port that answers nothing). */
    confirmBy: z.enum(jobConfirmations).optional(),
  })
  .strict();

export const deviceRoles = ['counter-scanner', 'backoffice-scanner', 'receipt-printer', 'shelf-sensor', 'ignored'] as const;
export const serialParities = ['none', 'even', 'odd'] as const;
export const scanSuffixes = ['CR', 'LF', 'CRLF', 'none'] as const;

/**
 * A serial port named by hand, for ports discovery cannot list (built-in COM or
 * ttyS, adapters without a serial number, ptys): an absolute device path, or a
 * Windows COM port.
 */
export const serialPortPathSchema = z
  .string()
  .min(2)
  .max(200)
  .regex(/^(\/[^\0:]+|COM[1-9]\d{0,2}|\\\\\.\\COM[1-9]\d{0,2})$/, 'must be an absolute device path such as /dev/ttyS0, or COM3');

/** A serial scanner added by its path, with its framing: from the Devices page or IT's policy file. */
export const serialScannerByPathSchema = z
  .object({
    path: serialPortPathSchema,
    role: z.enum(['counter-scanner', 'backoffice-scanner']).default('counter-scanner'),
    baudRate: z.number().int().min(300).max(921_600).optional(),
    parity: z.enum(serialParities).optional(),
    suffix: z.enum(scanSuffixes).optional(),
  })
  .strict();

export const shelfConfigSchema = z.object({
  sensorId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  sku: z.string().min(1),
  location: z.string().min(1),
  unitWeightGrams: z.number().positive(),
  /** What the empty shelf (tray, dividers) weighs as the sensor reports it. */
  tareGrams: z.number(),
  /** At or below this many units the shelf is low; at zero it is out. */
  lowThreshold: z.number().int().nonnegative(),
  /** How many units the sensor and the ledger may differ before it is a discrepancy. */
  toleranceUnits: z.number().int().nonnegative(),
  /** A residual beyond this share of a unit weight is no whole number of units. */
  misplacedFraction: z.number().positive().max(0.5).default(0.25),
});

export const pinSchema = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');

/** Where the HQ broker is: MQTT over TCP or WebSocket, with or without TLS. */
export const brokerUrlSchema = z.string().regex(/^(mqtts?|wss?):\/\/[^\s]+$/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL');

/** Whether Intl knows this IANA time zone (Europe/Madrid, Atlantic/Canary…). */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
/** The store's time zone, set at provisioning: "per day" means the store's day. */
export const defaultStoreTimeZone = 'Europe/Madrid';
export const timeZoneSchema = z.string().trim().max(64).refine(isIanaTimeZone, 'is not an IANA time zone (such as Europe/Madrid)');

// What the first-run wizard sends: checked here, at the boundary, and again by provisionStore.
/** Store, station and chain ids end up in MQTT topics and file names: a safe alphabet, 1 to 64 long. */
export const stationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1 to 64)');
const provisionId = stationIdSchema;

/** The store's host on the LAN, as a new station is told it (the host prints it at start: wss://HOST:PORT). */
export const stationHostSchema = z.string().trim().regex(/^wss:\/\/[^\s/]+(:\d+)?\/?$/, 'a wss://host:port address');

/** The first-run wizard's "join a store": this station pairs with the store's host instead of becoming a store. */
export const joinStoreInputSchema = z.object({ host: stationHostSchema, station: stationIdSchema }).strict();

/** The company that issues the store's documents (delivery, return and exchange notes). */
export const storeLegalIdentitySchema = z
  .object({ name: z.string().trim().min(1).max(200), address: z.string().trim().max(300).default(''), taxId: z.string().trim().max(40).default('') })
  .strict();

export const provisionInputSchema = z
  .object({
    store: provisionId,
    station: provisionId,
    chain: provisionId,
    /** null: the store starts offline and IT adds the broker later. */
    hq: z
      .object({
        url: brokerUrlSchema,
        username: z.string().min(1).max(128).optional(),
        password: z.string().min(1).max(256).optional(),
      })
      .strict()
      .nullable(),
    /** The first person who can sign in: an admin. */
    admin: z
      .object({
        id: provisionId,
        name: z.string().trim().min(1).max(100),
        pin: pinSchema,
      })
      .strict(),
    devices: z.array(z.object({ identity: z.string().min(1).max(300), role: z.enum(deviceRoles) }).strict()).max(50).default([]),
    /** Printed at the head of the store's delivery and return notes (issue 16); IT's policy `legal` wins. */
    legal: storeLegalIdentitySchema.optional(),
    /** The store's IANA time zone; absent: Europe/Madrid. */
    timeZone: timeZoneSchema.optional(),
  })
  .strict();
