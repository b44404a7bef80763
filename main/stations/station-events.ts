import type { CoreEvent, CoreEventName, ProcedureName } from '../api/contract';

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
  // A paired station's document goes to that station's printer only.
  if (event.event === 'printing.forStation') return station !== null && event.payload.station === station;
  if (station === null || station === hostStation) return true;
  return sharedWithPairedStations.has(event.event);
}

/**
 * A paired station's own hardware: the scanners and printers plugged into it
 * are its own, configured and used there (docs/decisions.md, "Devices stay at
 * their station"). Every other procedure is the host's.
 */
export function runsOnPairedStation(name: ProcedureName | string): boolean {
  return name.startsWith('devices.') || name.startsWith('printing.');
}

const pairedStationLocalEvents = new Set<CoreEventName>(['device.scan', 'devices.changed', 'printing.changed']);

/** The events a paired station's screens hear from its own hardware rather than from the host. */
export function isPairedStationLocalEvent(event: CoreEvent): boolean {
  return pairedStationLocalEvents.has(event.event);
}
