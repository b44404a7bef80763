import type { HandlerMap } from '../kernel/handler-types';
import type { DevicesPort } from './devices-port';

type Names = 'devices.list' | 'devices.configure' | 'devices.addSerial';

export function deviceHandlers({ devices }: { devices: DevicesPort }): HandlerMap<Names> {
  return {
    'devices.list': () => devices.list(),
    'devices.configure': (_ctx, { identity, ...settings }) => {
      devices.configure(identity, settings);
      return devices.list();
    },
    'devices.addSerial': (_ctx, scanner) => {
      devices.addSerialScanner(scanner);
      return devices.list();
    },
  };
}
