import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { brokerUrlSchema, stationIdSchema } from './station-id';
import { policyPath, readPolicy, storeLegalIdentitySchema, type Policy, type StoreLegalIdentity } from './policy-file';
export type { StoreLegalIdentity } from './policy-file';
import { defaultStoreTimeZone, timeZoneSchema } from '../api/input-schemas';
import { defaultIdleSignOutMs } from '../staff/station-session';

/** What opening a store needs to know; the rest of a station's set-up is given to composeStore as its ports. */
export interface StoreConfig {
  /** Path of the store's SQLite ledger file. */
  dbPath: string;
  store: string;
  station: string;
  /** Seed the demo catalog and demo staff into an empty ledger. */
  demo: boolean;
  /** The id config.json recorded when this store's ledger was created: a missing or empty file is then refused as lost. */
  ledgerId?: string;
  /** Sign a member out after this long without a command (IT's policy; 15 minutes by default). */
  idleSignOutMs?: number;
  /** Who issues the store's documents (delivery and return notes): legal name, address, tax id. */
  legal?: StoreLegalIdentity;
  /** The store's IANA time zone, set at provisioning: "per day" is the store's day (Europe/Madrid by default). */
  timeZone?: string;
}


/** The demo store's made-up company, so its paper looks like a real store's. */
export const demoLegalIdentity: StoreLegalIdentity = { name: 'Mostrador Demo, S.L.', address: 'Calle Mayor 1, 28013 Madrid', taxId: 'B00000000' };

/**
 * Who a store's documents name as their issuer: its configured legal identity; the demo's made-up
 * company; or, for a store IT has not configured yet, its id alone (a log line at start says so).
 */
export function storeLegalIdentity(config: Pick<StoreConfig, 'legal' | 'demo' | 'store'>): StoreLegalIdentity {
  return config.legal ?? (config.demo ? demoLegalIdentity : { name: config.store, address: '', taxId: '' });
}

const id = stationIdSchema;

/** config.json in the data folder: what the first-run wizard (or IT by hand) saved. */
export const localConfigSchema = z
  .object({
    store: id.optional(),
    station: id.optional(),
    chain: id.optional(),
    dbPath: z.string().min(1).optional(),
    hq: z
      .object({
        url: brokerUrlSchema,
        username: z.string().min(1).max(128).optional(),
        /** Bridge mode: the password sits in this 0600 file. */
        passwordFile: z.string().min(1).optional(),
        /** Electron: the password is in the ledger, encrypted by the OS keychain (safeStorage). */
        passwordInKeychain: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** The store's IANA time zone, as the wizard saved it. */
    timeZone: timeZoneSchema.optional(),
    /** Someone chose the demo store at first run: do not ask again. */
    demoChosen: z.boolean().optional(),
    /** The id of this store's ledger, recorded when it was created: a missing or empty ledger is then a loss, not a first start. */
    ledgerId: z.string().regex(/^[0-9a-f-]{36}$/, 'a ledger id (UUID)').optional(),
    legal: storeLegalIdentitySchema.optional(),
  })
  .strict();
export type LocalConfig = z.infer<typeof localConfigSchema>;
const fileSchema = localConfigSchema;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Where the store's identity comes from, most specific first: environment
 * (MOSTRADOR_STORE, MOSTRADOR_STATION, MOSTRADOR_DB, MOSTRADOR_TIME_ZONE), then config.json in the
 * data folder, all below IT's policy file. With no store configured the
 * console runs the demo store.
 */
export function resolveConfig({
  userDataDir,
  env,
  policyFile = policyPath(process.platform, env),
}: {
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  policyFile?: string;
}): StoreConfig & { policy: Policy | null; locked: string[]; local: LocalConfig; adminCode: string | null } {
  // The machine-wide policy wins over everything local; a malformed one stops start-up.
  const fromPolicy = readPolicy(policyFile);
  const policy = fromPolicy?.policy ?? null;
  const file = join(userDataDir, 'config.json');
  let fromFile: z.infer<typeof fileSchema> = {};
  if (existsSync(file)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(`${file}: field "${issue.path.join('.')}" ${issue.message}`);
    }
    fromFile = parsed.data;
  }
  const pick = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') return undefined;
    const parsed = id.safeParse(value);
    if (!parsed.success) throw new ConfigError(`${name}="${value}": ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  };
  const store = policy?.store ?? pick('MOSTRADOR_STORE', env.MOSTRADOR_STORE) ?? fromFile.store;
  const station =
    policy?.station ??
    pick('MOSTRADOR_STATION', env.MOSTRADOR_STATION) ??
    fromFile.station ??
    (hostname().replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64) || 'station');
  const demo = store === undefined;
  const legalFromEnv = env.MOSTRADOR_LEGAL_NAME?.trim()
    ? storeLegalIdentitySchema.safeParse({ name: env.MOSTRADOR_LEGAL_NAME, address: env.MOSTRADOR_LEGAL_ADDRESS ?? '', taxId: env.MOSTRADOR_TAX_ID ?? '' })
    : null;
  if (legalFromEnv && !legalFromEnv.success) throw new ConfigError(`MOSTRADOR_LEGAL_*: ${legalFromEnv.error.issues[0]!.message}`);
  const legal = policy?.legal ?? legalFromEnv?.data ?? fromFile.legal;
  const envZone = env.MOSTRADOR_TIME_ZONE?.trim();
  if (envZone && !timeZoneSchema.safeParse(envZone).success) {
    throw new ConfigError(`MOSTRADOR_TIME_ZONE="${envZone}" is not an IANA time zone (such as Europe/Madrid)`);
  }
  return {
    store: store ?? 'demo-store',
    station,
    dbPath: env.MOSTRADOR_DB || fromFile.dbPath || join(userDataDir, demo ? 'demo-ledger.sqlite' : 'ledger.sqlite'),
    demo,
    // The demo store may start its demo ledger afresh; a real store's ledger is never silently replaced.
    ...(!demo && fromFile.ledgerId ? { ledgerId: fromFile.ledgerId } : {}),
    ...(legal ? { legal } : {}),
    timeZone: policy?.timeZone ?? (envZone || undefined) ?? fromFile.timeZone ?? defaultStoreTimeZone,
    idleSignOutMs: (policy?.idleSignOutMinutes ?? defaultIdleSignOutMs / 60_000) * 60_000,
    policy,
    locked: fromPolicy?.locked ?? [],
    local: fromFile,
    // A store set up without the wizard gets its first admin from this one-time code (main/staff/first-admin.ts).
    adminCode: policy?.adminCode ?? (env.MOSTRADOR_ADMIN_CODE?.trim() || null),
  };
}
