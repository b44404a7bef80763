import type { CoreApi } from '../compose-store';
import type { Policy } from '../setup/policy-file';
import type { StationsPort } from './stations-port';
import { loadOrCreateHostCertificate } from './host-certificate';
import { readStationCredential } from './station-credential';
import { startStationLinkServer, type RunningStationLink } from './station-link-server';

export interface StoreHostLinkOptions {
  api: CoreApi;
  stations: () => StationsPort;
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  policy: Policy | null;
  store: string;
  demo: boolean;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * The store's host, in `npm run serve` and in the Electron app alike: when IT gave this station a
 * LAN port for the store's other stations (policy `stationLink.port`, or
 * MOSTRADOR_STATION_LINK_PORT), it listens there with its own certificate. The demo store and a
 * station paired with another host never do. Null when this station does not host.
 */
export async function startStoreHostLink({ api, stations, userDataDir, env, policy, store, demo, log = () => {} }: StoreHostLinkOptions): Promise<RunningStationLink | null> {
  // An empty variable is no port (Number('') would be 0: any free port, which no station could find).
  const configured = env.MOSTRADOR_STATION_LINK_PORT?.trim() || (policy?.stationLink?.port !== undefined ? String(policy.stationLink.port) : undefined);
  if (configured === undefined || demo || readStationCredential(userDataDir) !== null) return null;
  const port = Number(configured);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`MOSTRADOR_STATION_LINK_PORT must be a port number (0–65535), not "${configured}"`);
  return startStationLinkServer({
    api,
    stations,
    certificate: await loadOrCreateHostCertificate(userDataDir, store, log),
    port,
    ...(env.MOSTRADOR_STATION_LINK_ADDRESS ? { bindAddress: env.MOSTRADOR_STATION_LINK_ADDRESS } : {}),
    log,
  });
}
