import type { CoreEvent } from '../api/contract';
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
  /** "Join a store": pair with the store's host; answers with the code to show while a manager approves it there. */
  joinStore(input: { host: string; station: string }): Promise<PairingCode>;
}

export interface PairingCode {
  code: string;
  fingerprint256: string;
  expiresAt: string;
}

/**
 * Pairs this station with a host and keeps the credential (main/stations, given by the composition).
 * `onCode` is called once the host has given the code to show; the promise settles when a manager
 * approves it (the credential is saved) or the pairing ends without one (a StoreError says why).
 */
export type PairStation = (request: { host: string; station: string; onCode(code: PairingCode): void }) => Promise<void>;

/** A console set up by its host (tests, the bare bridge): no wizard. */
export const setupNotConfigured: SetupPort = {
  status: () => notConfigured('a first-run wizard'),
  needsSetup: () => false,
  chooseDemo: () => notConfigured('a first-run wizard'),
  provision: async () => notConfigured('a first-run wizard'),
  joinStore: async () => notConfigured('a first-run wizard'),
};

export interface SetupOptions {
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  config: ResolvedConfig;
  cipher: SecretCipher | null;
  requestRestart: ((store: string) => void) | undefined;
  /** Pairing with a store's host; absent, this console cannot join a store from the wizard. */
  pairStation?: PairStation;
}

export function createSetupPort({
  userDataDir,
  env,
  config,
  cipher,
  requestRestart,
  pairStation,
  log,
  devices,
  publish,
}: SetupOptions & {
  log: (entry: Record<string, unknown>) => void;
  /** Tells the wizard a pairing ended without a credential. */
  publish: (event: CoreEvent) => void;
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
        ...(policy?.timeZone ? { timeZone: policy.timeZone } : {}),
        ...(policy?.stationLink?.host ? { stationHost: policy.stationLink.host } : {}),
        ...(policy?.sounds?.orderAlerts !== undefined ? { orderAlertSound: policy.sounds.orderAlerts } : {}),
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
    joinStore({ host, station }) {
      if (!pairStation || !requestRestart) return Promise.resolve(notConfigured('joining a store from the wizard'));
      const restart = requestRestart;
      log({ level: 'info', msg: 'first run: asking the store host to pair this station', host, station });
      return new Promise<PairingCode>((answer, refuse) => {
        let shown = false;
        pairStation({
          host,
          station,
          onCode(code) {
            shown = true;
            answer(code);
          },
        }).then(
          () => {
            log({ level: 'info', msg: 'station paired: restarting as a station of the store', host, station });
            restart(host);
          },
          (error: unknown) => {
            const refusal = error instanceof StoreError ? error : new StoreError('INTERNAL', String(error));
            log({ level: 'warn', msg: 'pairing from the wizard ended without a credential', host, station, code: refusal.code, err: refusal.message });
            // Before the code: the call's own refusal; after it, the wizard is showing the code and hears it as an event.
            if (!shown) refuse(refusal);
            else publish({ event: 'setup.pairing', payload: { outcome: 'refused', code: refusal.code, message: refusal.message.slice(0, 1000) } });
          },
        );
      });
    },
  };
}
