// Load-cell weighing modules on Modbus RTU (RS-485). The register map is data: a
// profile per module family, so a new module is a new profile, not new code.
import ModbusRTU from 'modbus-serial';
import { DeviceLifecycle, type DeviceEvents } from '../device-lifecycle';
import type { SensorCommand, WeightReading } from './shelf-reading';

/** How a command is given: write a coil on, or write a value into a register. */
export type ModbusCommandWrite = { kind: 'coil'; address: number } | { kind: 'register'; address: number; value: number };

export interface LoadCellProfile {
  name: string;
  /** Function 3 (holding) or 4 (input registers). */
  table: 'holding' | 'input';
  /** Net weight: two 16-bit registers forming a signed 32-bit count. */
  netWeightAddress: number;
  wordOrder: 'high-first' | 'low-first';
  /** Grams per count: 1 for a 1 g module, 0.1 for a 0.1 g one. */
  gramsPerCount: number;
  /** A status register in the same table, or null if the module has none. */
  statusAddress: number | null;
  /** Bit numbers (0 = least significant) in the status register; null when absent. */
  bits: { motion: number | null; overload: number | null; underload: number | null; fault: number | null };
  zero: ModbusCommandWrite;
  tare: ModbusCommandWrite;
}

/**
 * A generic load-cell module: holding registers 0–1 net weight in grams (high word first),
 * register 2 status (bit 0 motion, bit 1 overload, bit 2 underload, bit 3 ADC fault),
 * register 16 command (1 zero, 2 tare).
 */
export const genericLoadCell: LoadCellProfile = {
  name: 'generic-holding',
  table: 'holding',
  netWeightAddress: 0,
  wordOrder: 'high-first',
  gramsPerCount: 1,
  statusAddress: 2,
  bits: { motion: 0, overload: 1, underload: 2, fault: 3 },
  zero: { kind: 'register', address: 16, value: 1 },
  tare: { kind: 'register', address: 16, value: 2 },
};

/** Modules that report in input registers in 0.1 g, low word first, and take commands as coils. */
export const coilCommandLoadCell: LoadCellProfile = {
  name: 'input-tenths-coils',
  table: 'input',
  netWeightAddress: 0,
  wordOrder: 'low-first',
  gramsPerCount: 0.1,
  statusAddress: 2,
  bits: { motion: 0, overload: 1, underload: null, fault: 2 },
  zero: { kind: 'coil', address: 0 },
  tare: { kind: 'coil', address: 1 },
};

export type ModbusReadError =
  | { reason: 'short-read'; expected: number; got: number }
  | { reason: 'bad-register'; index: number; value: number }
  | { reason: 'overload' | 'underload' | 'fault'; status: number };

/** The registers to read in one request: net weight and status together. */
export function registerSpan(profile: LoadCellProfile): { start: number; length: number } {
  const addresses = [profile.netWeightAddress, profile.netWeightAddress + 1];
  if (profile.statusAddress !== null) addresses.push(profile.statusAddress);
  const start = Math.min(...addresses);
  return { start, length: Math.max(...addresses) - start + 1 };
}

const bitSet = (status: number, bit: number | null) => bit !== null && ((status >> bit) & 1) === 1;

/**
 * Raw registers (as read from registerSpan(profile).start) to a weight reading. Pure.
 * Overload, underload and fault are errors: the weight they come with is not a weight.
 */
export function readingFromRegisters(
  profile: LoadCellProfile,
  registers: readonly number[],
  sensorId: string,
  at: number,
): { ok: true; reading: WeightReading } | { ok: false; error: ModbusReadError } {
  const { start, length } = registerSpan(profile);
  if (registers.length < length) return { ok: false, error: { reason: 'short-read', expected: length, got: registers.length } };
  for (let i = 0; i < length; i++) {
    const value = registers[i]!;
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) return { ok: false, error: { reason: 'bad-register', index: i, value } };
  }
  const at0 = registers[profile.netWeightAddress - start]!;
  const at1 = registers[profile.netWeightAddress - start + 1]!;
  const [high, low] = profile.wordOrder === 'high-first' ? [at0, at1] : [at1, at0];
  const counts = ((high << 16) | low) >> 0; // two's complement signed 32-bit
  let stable: boolean | null = null;
  if (profile.statusAddress !== null) {
    const status = registers[profile.statusAddress - start]!;
    for (const reason of ['overload', 'underload', 'fault'] as const) {
      if (bitSet(status, profile.bits[reason])) return { ok: false, error: { reason, status } };
    }
    if (profile.bits.motion !== null) stable = !bitSet(status, profile.bits.motion);
  }
  // Round away binary noise from a fractional scale (0.1 × 3 = 0.30000000000000004).
  const grams = Math.round(counts * profile.gramsPerCount * 1000) / 1000;
  return { ok: true, reading: { kind: 'weight', sensorId, grams, stable, at } };
}

/** Signed grams to the two registers a module holds (the simulator's side; for tests). */
export function registersFromGrams(profile: LoadCellProfile, grams: number): [number, number] {
  const counts = Math.round(grams / profile.gramsPerCount) >>> 0;
  const high = counts >>> 16;
  const low = counts & 0xffff;
  return profile.wordOrder === 'high-first' ? [high, low] : [low, high];
}

/** The part of modbus-serial's client this driver uses; tests may pass a stand-in. */
export interface ModbusClientLike {
  setID(id: number): void;
  setTimeout(ms: number): void;
  readHoldingRegisters(address: number, length: number): Promise<{ data: number[] }>;
  readInputRegisters(address: number, length: number): Promise<{ data: number[] }>;
  writeCoil(address: number, state: boolean): Promise<unknown>;
  writeRegister(address: number, value: number): Promise<unknown>;
  close(callback?: () => void): void;
  isOpen: boolean;
}

export interface ModbusLoadCellOptions {
  sensorId: string;
  /** Modbus slave id on the bus. */
  unitId: number;
  profile?: LoadCellProfile;
  pollMs?: number;
  timeoutMs?: number;
  now?: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

/** Opens an RTU client on a serial port (several modules may share it by unit id). */
export async function connectModbusRtu(path: string, { baudRate = 9600, parity = 'none' as 'none' | 'even' | 'odd' } = {}): Promise<ModbusClientLike> {
  const client = new ModbusRTU();
  await client.connectRTUBuffered(path, { baudRate, parity, dataBits: 8, stopBits: 1 });
  return client;
}

type Events = DeviceEvents<WeightReading> & { reject: [ModbusReadError] };

/** Polls one module's weight; offline after a failed poll, online after the next good one. */
export class ModbusLoadCell extends DeviceLifecycle<Events> {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private readonly profile: LoadCellProfile;

  constructor(
    private readonly client: ModbusClientLike,
    private readonly options: ModbusLoadCellOptions,
  ) {
    super();
    this.profile = options.profile ?? genericLoadCell;
  }

  /** Starts polling. The first poll decides online or offline. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.poll().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.options.pollMs ?? 200);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** One poll: read the span, decode, emit. Requests on one bus never overlap. */
  poll(): Promise<void> {
    const run = this.busy.then(async () => {
      const { start, length } = registerSpan(this.profile);
      try {
        this.client.setID(this.options.unitId);
        this.client.setTimeout(this.options.timeoutMs ?? 500);
        const read =
          this.profile.table === 'holding' ? this.client.readHoldingRegisters(start, length) : this.client.readInputRegisters(start, length);
        const { data } = await read;
        this.setStatus('online');
        const result = readingFromRegisters(this.profile, data, this.options.sensorId, (this.options.now ?? Date.now)());
        if (result.ok) this.emit('data', result.reading);
        else {
          this.options.log?.({ level: 'warn', msg: 'load cell reading refused', sensorId: this.options.sensorId, ...result.error });
          this.emit('reject', result.error);
        }
      } catch (error) {
        this.failed('read', error);
      }
    });
    this.busy = run;
    return run;
  }

  /** Sends zero or tare; resolves true when the module accepted the write. */
  command(command: SensorCommand): Promise<boolean> {
    const write = this.profile[command];
    const run = this.busy.then(async () => {
      try {
        this.client.setID(this.options.unitId);
        if (write.kind === 'coil') await this.client.writeCoil(write.address, true);
        else await this.client.writeRegister(write.address, write.value);
        return true;
      } catch (error) {
        this.failed('write', error);
        return false;
      }
    });
    this.busy = run;
    return run;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.busy.catch(() => {});
    this.setStatus('closed');
  }

  private failed(locus: string, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    this.options.log?.({ level: 'warn', msg: 'load cell unreachable', sensorId: this.options.sensorId, locus, reason: message });
    this.emit('error', { locus, message });
    this.setStatus('offline');
  }
}
