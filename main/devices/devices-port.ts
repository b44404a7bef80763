import type { DeviceInfo } from '../api/types';
import { notConfigured } from '../kernel/not-configured';
import type { DeviceSettings, SerialScannerByPath } from './device-identity';

/** What the rest of the store asks of the device room. */
export interface DevicesPort {
  list(): DeviceInfo[];
  configure(identity: string, settings: DeviceSettings): void;
  addSerialScanner(scanner: SerialScannerByPath): string;
}

/** A console without a device manager lists nothing and refuses changes. */
export const devicesNotConfigured: DevicesPort = {
  list: () => [],
  configure: () => notConfigured('a device manager'),
  addSerialScanner: () => notConfigured('a device manager'),
};
