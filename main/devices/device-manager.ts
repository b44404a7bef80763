import { existsSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { Scan } from '../../drivers/barcode/scan';
import type { DeviceStatus } from '../../drivers/device-lifecycle';
import { HidPosScanner, type HidDeviceLike } from '../../drivers/scanner/hid-pos-scanner';
import { SerialScanner } from '../../drivers/scanner/serial-scanner';
import { SerialShelfLine } from '../../drivers/shelf/serial-shelf';
import type { ShelfReading } from '../../drivers/shelf/shelf-reading';
import type { VirtualScanner } from '../../drivers/scanner/virtual-scanner';
import type { DeviceInfo } from '../api/types';
import { listingFixes, type DeviceListing } from './device-listing-fixes';
import { deviceIdentity, type SerialScannerByPath, type DeviceRole, type DeviceSettings, type DiscoveredDevice } from './device-identity';
import type { DeviceSettingsStore } from './device-settings-store';

export interface ManagedDevice extends DiscoveredDevice {
  identity: string;
  /** null: nobody configured it; it is still shown, as unknown. */
  role: DeviceRole | null;
  status: DeviceStatus | 'unknown' | 'absent';
  lastError: string | null;
  framing?: DeviceInfo['framing'];
}

interface Driver {
  status: DeviceStatus;
  close(): Promise<void> | void;
}

export interface DeviceManagerOptions {
  settings: DeviceSettingsStore;
  listSerial: () => Promise<DiscoveredDevice[]>;
  listHid: () => DiscoveredDevice[];
  openHid: (path: string) => HidDeviceLike;
  pollMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

const isScanner = (role: DeviceRole | null) => role === 'counter-scanner' || role === 'backoffice-scanner';
/** Roles whose devices this manager opens and watches (printers belong to the print queue). */
const isClaimed = (role: DeviceRole | null, kind: DiscoveredDevice['kind']) => isScanner(role) || (role === 'shelf-sensor' && kind === 'serial');

/**
 * Finds, claims, watches and reopens the store's devices. Discovery runs on a
 * timer and diffs what it sees; a configured device that comes back after an
 * unplug is opened again, without restarting the console.
 */
export function createDeviceManager({ settings, listSerial, listHid, openHid, pollMs = 1000, log = () => {} }: DeviceManagerOptions) {
  const events = new EventEmitter();
  const devices = new Map<string, ManagedDevice>();
  const drivers = new Map<string, Driver>();
  let timer: NodeJS.Timeout | null = null;
  let scanning = false;
  /** The error each listing failed with last; a listing absent here last succeeded. */
  const listingErrors = new Map<DeviceListing, string>();

  // Discovery runs every second: a listing that keeps failing (no libusb) is
  // logged once per distinct error, with the fix, and again only after it recovered.
  function listingFailed(listing: DeviceListing, error: unknown): [] {
    const err = error instanceof Error ? error.message : String(error);
    if (listingErrors.get(listing) !== err) {
      listingErrors.set(listing, err);
      log({ level: 'warn', msg: 'device listing failed', listing, err, fix: listingFixes[listing] });
    }
    return [];
  }
  function listingWorked(listing: DeviceListing): void {
    if (!listingErrors.delete(listing)) return;
    log({ level: 'info', msg: 'device listing recovered', listing });
  }
  async function listSerialSafely(): Promise<DiscoveredDevice[]> {
    try {
      const found = await listSerial();
      listingWorked('serial');
      return found;
    } catch (error) {
      return listingFailed('serial', error);
    }
  }
  function listHidSafely(): DiscoveredDevice[] {
    try {
      const found = listHid();
      listingWorked('hid');
      return found;
    } catch (error) {
      return listingFailed('hid', error);
    }
  }

  function parseConfiguredPath(identity: string): DiscoveredDevice | null {
    const [kind, vendorId, productId, serialNumber, ...rest] = identity.split(':');
    const path = rest.join(':');
    if ((kind !== 'serial' && kind !== 'hid') || !path) return null;
    return { kind, path, ...(vendorId ? { vendorId } : {}), ...(productId ? { productId } : {}), ...(serialNumber ? { serialNumber } : {}) };
  }

  async function open(device: ManagedDevice): Promise<void> {
    const config = settings.get(device.identity);
    if (!config || !isClaimed(config.role, device.kind)) return;
    const onScan = (scan: Scan) => events.emit('scan', scan, device.identity);
    const onStatus = (status: DeviceStatus) => {
      device.status = status;
      events.emit('changed', [device.identity]);
    };
    const onError = (e: { message: string }) => {
      device.lastError = e.message;
    };
    try {
      if (config.role === 'shelf-sensor') {
        // A serial line of ASCII-protocol shelf sensors: its readings go to the shelf monitor.
        const line = new SerialShelfLine({ path: device.path, device: device.identity, ...(config.baudRate ? { baudRate: config.baudRate } : {}), log });
        line.on('data', (reading) => events.emit('shelf', reading));
        line.on('status', onStatus);
        line.on('error', onError);
        await line.open();
        drivers.set(device.identity, line);
      } else if (device.kind === 'serial') {
        const scanner = new SerialScanner({
          path: device.path,
          device: device.identity,
          ...(config.baudRate ? { baudRate: config.baudRate } : {}),
          ...(config.parity ? { parity: config.parity } : {}),
          framing: { suffix: config.suffix ?? 'CR', interByteTimeoutMs: config.interByteTimeoutMs ?? 50, maxLength: 256 },
          log,
        });
        scanner.on('data', onScan);
        scanner.on('status', onStatus);
        scanner.on('error', onError);
        await scanner.open();
        scanner.enable();
        drivers.set(device.identity, scanner);
      } else {
        const scanner = new HidPosScanner(openHid(device.path), { device: device.identity, log });
        scanner.on('data', onScan);
        scanner.on('status', onStatus);
        scanner.on('error', onError);
        scanner.open();
        scanner.enable();
        drivers.set(device.identity, scanner);
      }
      device.lastError = null;
      log({ level: 'info', msg: 'device opened', device: device.identity, role: config.role });
    } catch (error) {
      device.status = 'offline';
      device.lastError = (error as Error).message;
      log({ level: 'warn', msg: 'device failed to open', device: device.identity, err: device.lastError });
    }
  }

  async function discover(): Promise<void> {
    if (scanning) return;
    scanning = true;
    try {
      const seen = new Map<string, DiscoveredDevice>();
      const listed = [...(await listSerialSafely()), ...listHidSafely()];
      for (const d of listed) seen.set(deviceIdentity(d), d);
      // Configured paths discovery cannot list (ptys, fixed device files) count while the path exists.
      // A Windows COM name is no file to test: it counts always, and opening it says whether it is there.
      for (const { identity } of settings.configured()) {
        const d = parseConfiguredPath(identity);
        if (d && !seen.has(identity) && (isWindowsComName(d.path) || existsSync(d.path))) seen.set(identity, d);
      }
      const changed = new Set<string>();
      for (const [identity, found] of seen) {
        let device = devices.get(identity);
        if (!device) {
          device = { ...found, identity, role: settings.get(identity)?.role ?? null, status: 'unknown', lastError: null };
          devices.set(identity, device);
          changed.add(identity);
          log({ level: 'info', msg: 'device plugged', device: identity });
        }
        device.role = settings.get(identity)?.role ?? null;
        const driver = drivers.get(identity);
        if (isClaimed(device.role, device.kind) && (!driver || driver.status === 'offline')) {
          if (driver) drivers.delete(identity);
          await open(device);
          changed.add(identity);
        }
      }
      for (const [identity, device] of devices) {
        // Virtual devices are attached, not discovered: no listing will ever show them.
        if (seen.has(identity) || device.status === 'absent' || identity.startsWith('virtual:')) continue;
        device.status = 'absent';
        changed.add(identity);
        log({ level: 'info', msg: 'device unplugged', device: identity });
        const driver = drivers.get(identity);
        drivers.delete(identity);
        await driver?.close();
      }
      if (changed.size > 0) events.emit('changed', [...changed]);
    } finally {
      scanning = false;
    }
  }

  /** Stores a device's role and framing; discovery opens it on its next pass. */
  function configure(identity: string, config: DeviceSettings) {
    settings.set(identity, config);
    const device = devices.get(identity);
    if (device) device.role = config.role;
    const driver = drivers.get(identity);
    drivers.delete(identity);
    void Promise.resolve(driver?.close()).then(() => discover());
  }

  return {
    async start() {
      await discover();
      timer = setInterval(() => void discover(), pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      for (const driver of drivers.values()) await driver.close();
      drivers.clear();
    },
    discover,
    /** Adds a device discovery cannot find (the demo store's virtual scanner). */
    attachVirtualScanner(scanner: VirtualScanner, role: DeviceRole = 'counter-scanner') {
      const identity = `virtual:${scanner.device}`;
      devices.set(identity, { kind: 'serial', path: '(simulated)', product: 'Virtual scanner', identity, role, status: 'online', lastError: null });
      drivers.set(identity, scanner);
      scanner.on('data', (scan) => events.emit('scan', scan, identity));
      events.emit('changed', [identity]);
    },
    /** A serial scanner on a port discovery cannot list: kept by its path, opened while the path exists. */
    addSerialScanner({ path, ...config }: SerialScannerByPath): string {
      const identity = deviceIdentity({ kind: 'serial', path });
      configure(identity, config);
      return identity;
    },
    configure,
    list: (): ManagedDevice[] =>
      [...devices.values()].map((d) => {
        const saved = settings.get(d.identity);
        const framing = saved ? { ...(saved.baudRate ? { baudRate: saved.baudRate } : {}), ...(saved.parity ? { parity: saved.parity } : {}), ...(saved.suffix ? { suffix: saved.suffix } : {}) } : {};
        return { ...d, ...(Object.keys(framing).length > 0 ? { framing } : {}) };
      }),
    onScan(listener: (scan: Scan, identity: string) => void) {
      events.on('scan', listener);
      return () => events.off('scan', listener);
    },
    /** Readings from serial shelf-sensor lines. */
    onShelfReading(listener: (reading: ShelfReading) => void) {
      events.on('shelf', listener);
      return () => events.off('shelf', listener);
    },
    /** Called with the identities of the devices that were plugged, unplugged, opened or changed status. */
    onChanged(listener: (identities: string[]) => void) {
      events.on('changed', listener);
      return () => events.off('changed', listener);
    },
  };
}
export type DeviceManager = ReturnType<typeof createDeviceManager>;

const isWindowsComName = (path: string): boolean => /^(\\\\\.\\)?COM[1-9]\d{0,2}$/.test(path);
