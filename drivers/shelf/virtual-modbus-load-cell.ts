// A simulated Modbus RTU weighing module, serving a profile's registers on a serial
// port (a socat pty end) so the Modbus driver is tested over real RTU frames.
import { ServerSerial } from 'modbus-serial';
import { genericLoadCell, registersFromGrams, registerSpan, type LoadCellProfile } from './modbus-load-cell';

export async function openVirtualModbusLoadCell(path: string, { unitId = 1, profile = genericLoadCell as LoadCellProfile } = {}) {
  let gross = 0;
  let zeroAt = 0;
  let tareAt = 0;
  let status = 0;
  const commands: string[] = [];
  const registers = () => {
    const { start, length } = registerSpan(profile);
    const out = new Array<number>(length).fill(0);
    const [a, b] = registersFromGrams(profile, gross - zeroAt - tareAt);
    out[profile.netWeightAddress - start] = a;
    out[profile.netWeightAddress - start + 1] = b;
    if (profile.statusAddress !== null) out[profile.statusAddress - start] = status;
    return { start, out };
  };
  const obey = (command: 'zero' | 'tare') => {
    commands.push(command);
    if (command === 'zero') [zeroAt, tareAt] = [gross, 0];
    else tareAt = gross - zeroAt;
  };
  const read = (addr: number) => {
    const { start, out } = registers();
    return out[addr - start] ?? 0;
  };
  const server = await new Promise<ServerSerial>((done, failed) => {
    const s: ServerSerial = new ServerSerial(
      {
        getHoldingRegister: (addr: number) => (profile.table === 'holding' ? read(addr) : 0),
        getInputRegister: (addr: number) => (profile.table === 'input' ? read(addr) : 0),
        setRegister: (addr: number, value: number) => {
          for (const command of ['zero', 'tare'] as const) {
            const write = profile[command];
            if (write.kind === 'register' && write.address === addr && write.value === value) obey(command);
          }
        },
        setCoil: (addr: number, on: boolean) => {
          for (const command of ['zero', 'tare'] as const) {
            const write = profile[command];
            if (on && write.kind === 'coil' && write.address === addr) obey(command);
          }
        },
      },
      { path, baudRate: 9600, unitID: unitId, openCallback: (error: Error | null) => (error ? failed(error) : done(s)) },
    );
    s.on('error', () => {});
  });
  const bit = (n: number | null, on: boolean) => {
    if (n !== null) status = on ? status | (1 << n) : status & ~(1 << n);
  };
  return {
    commands,
    setWeight(grams: number) {
      gross = grams;
    },
    setMotion(moving: boolean) {
      bit(profile.bits.motion, moving);
    },
    setOverload(on: boolean) {
      bit(profile.bits.overload, on);
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
