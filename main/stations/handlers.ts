import type { PairedStationInfo } from '../api/types';
import { actorId, type HandlerMap } from '../kernel/handler-types';
import type { StationsPort } from './stations-port';

type Names = 'stations.linkStatus' | 'stations.list' | 'stations.approvePairing' | 'stations.revoke';

export function stationHandlers({ stations }: { stations: StationsPort }): HandlerMap<Names> {
  const listed = (): PairedStationInfo[] => stations.registry.list().map((row) => ({ ...row, connected: stations.isConnected(row.id) }));
  return {
    // A paired station answers this itself (main/stations/host-link-client.ts); here it is the host or a lone station.
    'stations.linkStatus': () => ({ role: stations.role(), state: 'online', host: null }),
    'stations.list': () => listed(),
    'stations.approvePairing': (ctx, { code }) => {
      const station = stations.registry.approve(code, actorId(ctx));
      ctx.emit({ event: 'stations.changed', payload: { stations: [station] } });
      return { station };
    },
    'stations.revoke': (ctx, { station }) => {
      stations.registry.revoke(station, actorId(ctx));
      ctx.emit({ event: 'stations.changed', payload: { stations: [station] } });
      return listed();
    },
  };
}
