import type { StationRegistry } from './station-registry';

/** The host's side of several stations: its registry, and which paired stations are connected now. */
export interface StationsPort {
  registry: StationRegistry;
  /** 'host' once the station link listens on the LAN. */
  role(): 'standalone' | 'host';
  isConnected(station: string): boolean;
  /** What the station link tells the room (station-link-server.ts): it listens; a station's link opened or closed. */
  linkListening(): void;
  linkOpened(station: string): void;
  linkClosed(station: string): void;
}

/** The stations room's service: the registry in the ledger, the link's state in memory (a restart starts standalone). */
export function createStationsPort(registry: StationRegistry): StationsPort {
  let role: 'standalone' | 'host' = 'standalone';
  // Open links per station: a station reconnecting before its old socket closed has two for a moment.
  const links = new Map<string, number>();
  return {
    registry,
    role: () => role,
    isConnected: (station) => (links.get(station) ?? 0) > 0,
    linkListening: () => void (role = 'host'),
    linkOpened: (station) => void links.set(station, (links.get(station) ?? 0) + 1),
    linkClosed: (station) => {
      const open = (links.get(station) ?? 0) - 1;
      if (open > 0) links.set(station, open);
      else links.delete(station);
    },
  };
}
