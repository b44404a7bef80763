import type { CoreEvent, CoreEventName } from '../api/contract';

/**
 * What a paired station's screens hear from the host: the store's shared truth
 * (stock, orders, the HQ link and its dead letters, shelves). The host's own devices and printers
 * (scans, device lists, print jobs) stay with the host's screens.
 */
const sharedWithPairedStations = new Set<CoreEventName>([
  'stock.changed',
  'orders.changed',
  'sync.changed',
  'deadLetters.changed',
  'shelves.changed',
  'setup.restarting',
]);

/**
 * Whether `event` reaches the screens of `station` (null: the host's own).
 * A sign-in or sign-out reaches only the station it happened at.
 */
export function eventReachesStation(event: CoreEvent, station: string | null, hostStation: string): boolean {
  if (event.event === 'session.changed') return event.payload.station === (station ?? hostStation);
  if (station === null || station === hostStation) return true;
  return sharedWithPairedStations.has(event.event);
}
