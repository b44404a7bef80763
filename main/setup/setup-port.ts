import type { DeviceInfo, SetupStatus } from '../api/types';
import type { resolveConfig } from './store-config';
import { StoreError } from '../kernel/errors';
import { notConfigured } from '../kernel/not-configured';
import type { SecretCipher } from '../secrets/secret-store';
import { chooseDemo, provisionStore, ProvisionError } from './provision-store';

type ResolvedConfig = ReturnType<typeof resolveConfig>;

/** The first-run wizard's view of this station, and what it may change. */
export interface SetupPort {
  status(): SetupStatus;
  /** While the wizard shows, setting the store up is open to nobody-signed-in (the access table's `:first-run` rows). */
  needsSetup(): boolean;
  chooseDemo(): SetupStatus;
  provision(input: unknown): Promise<{ restarting: boolean }>;
}

/** A console set up by its host (tests, the bare bridge): no wizard. */
export const setupNotConfigured: SetupPort = {
  status: () => notConfigured('a first-run wizard'),
  needsSetup: () => false,
  chooseDemo: () => notConfigured('a first-run wizard'),
  provision: async () => notConfigured('a first-run wizard'),
};

export interface SetupOptions {
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  config: ResolvedConfig;
  cipher: SecretCipher | null;
  requestRestart: ((store: string) => void) | undefined;
}

export function createSetupPort({
  userDataDir,
  env,
  config,
  cipher,
  requestRestart,
  log,
  devices,
}: SetupOptions & {
  log: (entry: Record<string, unknown>) => void;
  /** Plugged-in devices, for the wizard's device step. */
  devices: () => DeviceInfo[];
}): SetupPort {
  let demoChosen = config.local.demoChosen === true;
  const status = (): SetupStatus => {
    const { policy } = config;
    return {
      provisioned: !config.demo,
      // A demo whose broker IT set by environment or policy is a deliberate demo, not a first run.
      needsSetup: config.demo && !demoChosen && !env.MOSTRADOR_HQ_URL && !policy?.hq,
      demo: config.demo,
      store: config.store,
      station: config.station,
      locked: config.locked,
      preset: {
        ...(policy?.store ? { store: policy.store } : {}),
        ...(policy?.chain ? { chain: policy.chain } : {}),
        ...(policy?.hq?.url ? { hqUrl: policy.hq.url } : {}),
        ...(policy?.hq?.username ? { hqUsername: policy.hq.username } : {}),
        ...(policy?.locale ? { locale: policy.locale } : {}),
        station: policy?.station ?? config.station,
      },
      secretStorage: cipher?.isEncryptionAvailable() ? 'os-keychain' : 'file',
      devices: devices().filter((d) => !d.identity.startsWith('virtual:')),
    };
  };
  return {
    status,
    needsSetup: () => status().needsSetup,
    chooseDemo(): SetupStatus {
      chooseDemo(userDataDir);
      demoChosen = true;
      log({ level: 'info', msg: 'first run: demo store chosen' });
      return status();
    },
    async provision(input: unknown): Promise<{ restarting: boolean }> {
      let saved;
      try {
        saved = await provisionStore({ userDataDir, input, policy: config.policy, cipher });
      } catch (error) {
        if (error instanceof ProvisionError) throw new StoreError('VALIDATION', `${error.field}: ${error.message}`, { field: error.field });
        throw error;
      }
      log({ level: 'info', msg: 'station provisioned', store: saved.store, station: saved.station, hq: saved.hq?.url ?? null });
      // Answer first, then restart on the new ledger and broker.
      if (requestRestart) setTimeout(() => requestRestart(saved.store!), 50);
      return { restarting: requestRestart !== undefined };
    },
  };
}
