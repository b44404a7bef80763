import type { PairedStationInfo } from '../api/types';
import type { HandlerMap, StationsPort } from '../kernel/handler-types';

type Names = 'stations.linkStatus' | 'stations.list' | 'stations.approvePairing' | 'stations.revoke';

export const stationHandlers: HandlerMap<Names> = {
  // A paired station answers this itself (main/stations/host-link-client.ts); here it is the host or a lone station.
  'stations.linkStatus': ({ services }) => ({ role: services.stations.role, state: 'online', host: null }),
  'stations.list': ({ services }) => listed(services.stations),
  'stations.approvePairing': ({ services, actor }, { code }) => {
    const station = services.stations.registry.approve(code, actor!.id);
    services.emit({ event: 'stations.changed', payload: { stations: [station] } });
    return { station };
  },
  'stations.revoke': ({ services, actor }, { station }) => {
    services.stations.registry.revoke(station, actor!.id);
    services.emit({ event: 'stations.changed', payload: { stations: [station] } });
    return listed(services.stations);
  },
};

function listed(stations: StationsPort): PairedStationInfo[] {
  return stations.registry.list().map((row) => ({ ...row, connected: stations.connected.has(row.id) }));
}
