import { StoreError } from '../kernel/errors';
import type { HandlerMap } from '../kernel/handler-types';

type Names = 'devices.list' | 'devices.configure' | 'devices.addSerial' | 'dev.fireScan';

export const deviceHandlers: HandlerMap<Names> = {
  'devices.list': ({ services }) => services.devices?.list() ?? [],
  'devices.configure': ({ services }, { identity, ...settings }) => {
    if (!services.devices) throw new StoreError('VALIDATION', 'This console runs without a device manager.');
    services.devices.configure(identity, settings);
    // Other screens hear of a new role now, not when discovery next opens or closes the device.
    services.emit({ event: 'devices.changed', payload: { identities: [identity] } });
    return services.devices.list();
  },
  'devices.addSerial': ({ services }, scanner) => {
    if (!services.devices) throw new StoreError('VALIDATION', 'This console runs without a device manager.');
    const identity = services.devices.addSerialScanner(scanner);
    services.emit({ event: 'devices.changed', payload: { identities: [identity] } });
    return services.devices.list();
  },
  'dev.fireScan': ({ services }, { text }) => {
    const fire = services.devices?.fireScan;
    if (!fire) throw new StoreError('FORBIDDEN', 'The developer panel works in the demo store only.');
    return fire(text);
  },
};
