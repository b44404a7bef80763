import { readFileSync, statSync } from 'node:fs';
import type { LocalConfig } from '../setup/store-config';
import type { Policy } from '../setup/policy-file';

/** The secret-store name of the broker password the wizard saved. */
export const hqPasswordSecret = 'hq-password';
import type { HqLinkConfig } from './hq-link';
import { defaultDeadLetterLimits } from './dead-letters';

export class HqConfigError extends Error {
  override name = 'HqConfigError';
}

/** A secret file must be readable by its owner only; anything looser is refused, not silently used. */
function readSecretFile(path: string, what: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    throw new HqConfigError(`${what}: ${path} does not exist`);
  }
  if ((mode & 0o077) !== 0) {
    throw new HqConfigError(`${what}: ${path} is readable by others (mode ${mode.toString(8)}); chmod 600 it`);
  }
  return readFileSync(path, 'utf8').trim();
}

/** Whether any of the places resolveHqConfig reads names a broker (without reading its secrets). */
export function hqConfigured(env: NodeJS.ProcessEnv, policy: Policy | null, local: LocalConfig): boolean {
  return Boolean(policy?.hq || env.MOSTRADOR_HQ_URL || local.hq);
}

/**
 * The HQ link from the environment (bridge mode; the Electron host reads the
 * same settings, with secrets from the OS keychain). null: no broker configured.
 */
export function resolveHqConfig(
  env: NodeJS.ProcessEnv,
  store: string,
  station: string,
  policy: Policy | null = null,
  local: LocalConfig = {},
  /** The OS keychain's copy of a secret the wizard saved (Electron); null under plain Node. */
  readSecret: (name: string) => string | null = () => null,
): HqLinkConfig | null {
  const link = resolveLink(env, store, station, policy, local, readSecret);
  return link && policy?.deadLetters ? { ...link, deadLetterLimits: { ...defaultDeadLetterLimits, ...policy.deadLetters } } : link;
}

function resolveLink(
  env: NodeJS.ProcessEnv,
  store: string,
  station: string,
  policy: Policy | null,
  local: LocalConfig,
  readSecret: (name: string) => string | null,
): HqLinkConfig | null {
  if (policy?.hq) {
    // IT's policy names files, never secrets; the same 0600 rule applies to them.
    const hq = policy.hq;
    return {
      url: hq.url,
      chain: policy.chain ?? 'demo-chain',
      store,
      station,
      ...(hq.username ? { username: hq.username } : {}),
      ...(hq.passwordFile ? { password: readSecretFile(hq.passwordFile, 'policy hq.passwordFile') } : {}),
      ...(hq.caFile ? { ca: readFileSync(hq.caFile) } : {}),
      ...(hq.certFile ? { cert: readFileSync(hq.certFile) } : {}),
      ...(hq.keyFile ? { key: readSecretFile(hq.keyFile, 'policy hq.keyFile') } : {}),
    };
  }
  const url = env.MOSTRADOR_HQ_URL;
  if (!url && local.hq) {
    // What the first-run wizard saved: the password in the keychain or in a 0600 file, never in config.json.
    const hq = local.hq;
    const password = hq.passwordFile ? readSecretFile(hq.passwordFile, 'config.json hq.passwordFile') : hq.passwordInKeychain ? readSecret(hqPasswordSecret) : null;
    if (hq.passwordInKeychain && password === null) throw new HqConfigError('the HQ password is missing from the keychain: run the setup again');
    return {
      url: hq.url,
      chain: policy?.chain ?? local.chain ?? 'demo-chain',
      store,
      station,
      ...(hq.username ? { username: hq.username } : {}),
      ...(password ? { password } : {}),
    };
  }
  if (!url) return null;
  const password = env.MOSTRADOR_HQ_PASSWORD_FILE
    ? readSecretFile(env.MOSTRADOR_HQ_PASSWORD_FILE, 'MOSTRADOR_HQ_PASSWORD_FILE')
    : env.MOSTRADOR_HQ_PASSWORD;
  const file = (name: string) => (env[name] ? readFileSync(env[name]!) : undefined);
  return {
    url,
    chain: env.MOSTRADOR_CHAIN ?? 'demo-chain',
    store,
    station,
    ...(env.MOSTRADOR_HQ_USERNAME ? { username: env.MOSTRADOR_HQ_USERNAME } : {}),
    ...(password ? { password } : {}),
    ...(env.MOSTRADOR_HQ_CA_FILE ? { ca: file('MOSTRADOR_HQ_CA_FILE') } : {}),
    ...(env.MOSTRADOR_HQ_CERT_FILE ? { cert: file('MOSTRADOR_HQ_CERT_FILE') } : {}),
    ...(env.MOSTRADOR_HQ_KEY_FILE ? { key: readSecretFile(env.MOSTRADOR_HQ_KEY_FILE, 'MOSTRADOR_HQ_KEY_FILE') } : {}),
  };
}
