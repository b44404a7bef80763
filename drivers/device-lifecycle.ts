// The small UnifiedPOS-style lifecycle every driver shares: open, claim, enable,
// then data, status and error events; release and close undo them. A driver
// extends DeviceLifecycle and reports each change of its state through setStatus.
import { EventEmitter } from 'node:events';

export type DeviceStatus = 'closed' | 'online' | 'offline';

export interface DeviceError {
  /** Where it went wrong: 'open', 'read', 'decode', 'write'… */
  locus: string;
  message: string;
}

export interface DeviceEvents<Data> {
  data: [Data];
  status: [DeviceStatus];
  error: [DeviceError];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- event maps are interfaces, which lack index signatures
export class TypedEmitter<Events extends { [K in keyof Events]: any[] }> {
  private readonly emitter = new EventEmitter();
  on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): () => void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(event, listener as (...args: unknown[]) => void);
  }
  protected emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    // Node throws on an 'error' nobody listens to; a device fault must never crash the console.
    if (event === 'error' && this.emitter.listenerCount('error') === 0) return;
    this.emitter.emit(event, ...args);
  }
}

/** A device driver: typed events, and a status that is announced once per change. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as TypedEmitter's
export class DeviceLifecycle<Events extends { [K in keyof Events]: any[] } & { status: [DeviceStatus] }> extends TypedEmitter<Events> {
  private state: DeviceStatus = 'closed';

  get status(): DeviceStatus {
    return this.state;
  }

  protected setStatus(status: DeviceStatus): void {
    if (status === this.state) return;
    this.state = status;
    (this.emit as (event: 'status', status: DeviceStatus) => void)('status', status);
  }
}
