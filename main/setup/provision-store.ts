// First-run provisioning: turns the wizard's answers into config.json, the
// store's ledger (first admin, device roles) and a secret kept out of plain text.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { writePrivate } from '../kernel/private-file';
import { join } from 'node:path';
import type { z } from 'zod';
import { localConfigSchema, type LocalConfig } from './store-config';
import { ledgerId, openLedger } from '../kernel/db/open-ledger';
import type { Policy } from './policy-file';
import { createSecretStore, type SecretCipher } from '../secrets/secret-store';
import { loadOrCreatePinPepper } from '../staff/pin-pepper';
import { createStaffDirectory } from '../staff/staff-directory';
import { createDeviceSettingsStore } from '../devices/device-settings-store';
import { hqPasswordSecret } from '../sync/hq-config';
import { provisionInputSchema } from '../api/input-schemas';


export class ProvisionError extends Error {
  override name = 'ProvisionError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export const configFile = (userDataDir: string) => join(userDataDir, 'config.json');

export function readLocalConfig(userDataDir: string): LocalConfig {
  const file = configFile(userDataDir);
  if (!existsSync(file)) return {};
  return localConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Written whole or not at all: a crash mid-write leaves the old file. */
export function writeLocalConfig(userDataDir: string, config: LocalConfig): void {
  writePrivate(configFile(userDataDir), `${JSON.stringify(localConfigSchema.parse(config), null, 2)}\n`);
}

/** The policy's value wins; a different answer for a locked field is refused, not quietly replaced. */
function checkLocked(input: z.output<typeof provisionInputSchema>, policy: Policy | null) {
  const pairs: [string, unknown, unknown][] = [
    ['store', policy?.store, input.store],
    ['station', policy?.station, input.station],
    ['chain', policy?.chain, input.chain],
    ['hq.url', policy?.hq?.url, input.hq?.url],
    ['timeZone', policy?.timeZone, input.timeZone],
  ];
  for (const [field, locked, given] of pairs) {
    if (locked !== undefined && given !== undefined && locked !== given) {
      throw new ProvisionError(`${field} is set by IT's policy file to "${String(locked)}"`, field);
    }
  }
}

/**
 * Provisions this station. The broker password goes to the OS keychain when
 * there is one (Electron's safeStorage), else to a 0600 file beside config.json
 * (plain Node); it never enters config.json.
 */
export async function provisionStore({
  userDataDir,
  input: raw,
  policy,
  cipher,
}: {
  userDataDir: string;
  input: unknown;
  policy: Policy | null;
  cipher: SecretCipher | null;
}): Promise<LocalConfig> {
  const parsed = provisionInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ProvisionError(issue.message, issue.path.join('.') || 'input');
  }
  const input = parsed.data;
  checkLocked(input, policy);
  const previous = readLocalConfig(userDataDir);
  const dbPath = previous.dbPath ?? join(userDataDir, 'ledger.sqlite');
  const db = openLedger(dbPath, previous.ledgerId ? { expectedId: previous.ledgerId } : {});
  const createdId = ledgerId(db);
  let hq: LocalConfig['hq'];
  try {
    const pepper = loadOrCreatePinPepper(userDataDir, cipher);
    await createStaffDirectory(db, { pepper }).upsert({ id: input.admin.id, name: input.admin.name, role: 'admin' }, input.admin.pin);
    const devices = createDeviceSettingsStore(db);
    for (const d of input.devices) devices.set(d.identity, { role: d.role });
    if (input.hq) {
      hq = { url: input.hq.url, ...(input.hq.username ? { username: input.hq.username } : {}) };
      if (input.hq.password) {
        if (cipher?.isEncryptionAvailable()) {
          createSecretStore(db, cipher).save(hqPasswordSecret, input.hq.password);
          hq.passwordInKeychain = true;
        } else {
          const passwordFile = join(userDataDir, 'hq-password');
          writeFileSync(passwordFile, input.hq.password, { mode: 0o600 });
          chmodSync(passwordFile, 0o600); // an existing file keeps its old mode otherwise
          hq.passwordFile = passwordFile;
        }
      }
    }
  } finally {
    db.close();
  }
  const next: LocalConfig = {
    ...(previous.dbPath ? { dbPath: previous.dbPath } : {}),
    store: input.store,
    station: input.station,
    chain: input.chain,
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    ...(hq ? { hq } : {}),
    ...(createdId ? { ledgerId: createdId } : {}),
    ...(input.legal ? { legal: input.legal } : {}),
  };
  writeLocalConfig(userDataDir, next);
  return next;
}

/** The demo store was chosen at first run: remember it so the wizard does not ask again. */
export function chooseDemo(userDataDir: string): void {
  writeLocalConfig(userDataDir, { ...readLocalConfig(userDataDir), demoChosen: true });
}
