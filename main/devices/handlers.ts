import type { HandlerMap } from '../kernel/handler-types';
import type { DevicesPort } from './devices-port';

type Names = 'devices.list' | 'devices.configure' | 'devices.addSerial';

export function deviceHandlers({ devices }: { devices: DevicesPort }): HandlerMap<Names> {
  return {
    'devices.list': () => devices.list(),
    'devices.configure': (ctx, { identity, ...settings }) => {
      devices.configure(identity, settings);
      // Other screens hear of a new role now, not when discovery next opens or closes the device.
      ctx.emit({ event: 'devices.changed', payload: { identities: [identity] } });
      return devices.list();
    },
    'devices.addSerial': (ctx, scanner) => {
      const identity = devices.addSerialScanner(scanner);
      ctx.emit({ event: 'devices.changed', payload: { identities: [identity] } });
      return devices.list();
    },
  };
}
