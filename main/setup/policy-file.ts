import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { serialScannerByPathSchema, storeLegalIdentitySchema, timeZoneSchema } from '../api/input-schemas';
import { brokerUrlSchema, stationIdSchema } from './station-id';

// IT provisions stores without visiting them through one machine-wide file.
// Anything it sets wins over local settings and is shown locked in the UI.

const id = stationIdSchema;

/** The store's legal identity as IT configures it (policy `legal`, config.json `legal`, or MOSTRADOR_LEGAL_*): its documents' issuer. */
export { storeLegalIdentitySchema };
export type StoreLegalIdentity = z.infer<typeof storeLegalIdentitySchema>;

export const policySchema = z
  .object({
    store: id.optional(),
    station: id.optional(),
    chain: id.optional(),
    hq: z
      .object({
        url: brokerUrlSchema,
        username: z.string().min(1).max(128).optional(),
        /** A 0600 file with the broker password; never the password itself. */
        passwordFile: z.string().min(1).optional(),
        caFile: z.string().min(1).optional(),
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    locale: z.enum(['es', 'en']).optional(),
    /** Who issues the store's delivery and return notes. */
    legal: storeLegalIdentitySchema.optional(),
    /** The store's IANA time zone (Europe/Madrid when unset): what "per day" means in its KPIs. */
    timeZone: timeZoneSchema.optional(),
    kiosk: z.boolean().optional(),
    collectionDays: z.number().int().min(1).max(60).optional(),
    /** Serial scanners on ports discovery cannot list, set up on every station by IT. */
    devices: z.object({ serialScanners: z.array(serialScannerByPathSchema).max(16).optional() }).strict().optional(),
    /**
     * A one-time code that creates the store's first admin at the sign-in screen while the store
     * has no staff (docs/deploy.md). It works once; the ledger records its use.
     */
    adminCode: z.string().trim().min(8, 'must be at least 8 characters').max(128).optional(),
    /** Sign a station's member out after this many minutes without using it (15 when unset). */
    idleSignOutMinutes: z.number().int().min(1).max(480).optional(),
    /**
     * Several stations, one store: on the host, the LAN port stations pair with; on the
     * others, the host's address (`npm run pair` uses it when given none).
     */
    stationLink: z
      .object({
        port: z.number().int().min(1).max(65535).optional(),
        host: z.string().regex(/^wss:\/\/[^\s/]+(:\d+)?\/?$/, 'must be a wss://host:port address').optional(),
      })
      .strict()
      .optional(),
    /**
     * How much of HQ's malformed or unappliable messages the store keeps for staff to inspect
     * (dead letters): past either bound the oldest go, counted (1,000 rows and 5 MB when unset).
     */
    deadLetters: z
      .object({
        maxRows: z.number().int().min(10).max(1_000_000).optional(),
        maxBytes: z.number().int().min(64 * 1024).max(1024 * 1024 * 1024).optional(),
      })
      .strict()
      .optional(),
    /** The console's sound cues: IT may silence the cue for new and due orders (on by default). */
    sounds: z.object({ orderAlerts: z.boolean().optional() }).strict().optional(),
    updates: z
      .object({
        server: z.string().regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL').optional(),
        channel: z.enum(['stable', 'pilot']).optional(),
        rolloutPercent: z.number().int().min(0).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Policy = z.infer<typeof policySchema>;

export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Policy file ${file}: ${field ? `field "${field}" ` : ''}${detail}. Nothing from it was applied.`);
  }
}

/** Where IT puts the policy on each platform. */
export function policyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.MOSTRADOR_POLICY_FILE) return env.MOSTRADOR_POLICY_FILE;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'Mostrador', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Mostrador/policy.json';
  return '/etc/mostrador/policy.json';
}

/** Field paths a policy sets, e.g. "hq.url": the UI shows these locked. */
export function lockedFields(policy: Policy): string[] {
  const out: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (value !== undefined) out.push(prefix);
  };
  walk(policy, '');
  return out.sort();
}

/** Reads and validates the policy file; a malformed one is refused whole, naming the field. */
export function readPolicy(file: string): { policy: Policy; locked: string[] } | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError(file, '', `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys].join('.') : issue.path.join('.');
    throw new PolicyError(file, field, issue.code === 'unrecognized_keys' ? 'is not a policy setting' : issue.message);
  }
  return { policy: parsed.data, locked: lockedFields(parsed.data) };
}
