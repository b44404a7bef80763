import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  coilCommandLoadCell,
  genericLoadCell,
  ModbusLoadCell,
  readingFromRegisters,
  registersFromGrams,
  registerSpan,
  type ModbusClientLike,
} from '../../../drivers/shelf/modbus-load-cell';
import type { WeightReading } from '../../../drivers/shelf/shelf-reading';

test('two registers, high word first, make a signed 32-bit weight in grams; bit 0 of status is motion', () => {
  assert.deepEqual(registerSpan(genericLoadCell), { start: 0, length: 3 });
  assert.deepEqual(readingFromRegisters(genericLoadCell, [0x0001, 0x86a0, 0b0000], 'lc-1', 9), {
    ok: true,
    reading: { kind: 'weight', sensorId: 'lc-1', grams: 100_000, stable: true, at: 9 },
  });
  const negative = readingFromRegisters(genericLoadCell, [0xffff, 0xfff6, 0b0001], 'lc-1', 9);
  assert.deepEqual(negative.ok && [negative.reading.grams, negative.reading.stable], [-10, false]);
});

test('the low-word-first profile in tenths of a gram', () => {
  const r = readingFromRegisters(coilCommandLoadCell, [0x3039, 0x0000, 0], 'lc-2', 0); // 12345 counts
  assert.equal(r.ok && r.reading.grams, 1234.5);
});

test('overload, underload and ADC fault are refused with the status word; short reads too', () => {
  assert.deepEqual(readingFromRegisters(genericLoadCell, [0, 5, 0b0010], 'x', 0), { ok: false, error: { reason: 'overload', status: 2 } });
  assert.deepEqual(readingFromRegisters(genericLoadCell, [0, 5, 0b0100], 'x', 0), { ok: false, error: { reason: 'underload', status: 4 } });
  assert.deepEqual(readingFromRegisters(genericLoadCell, [0, 5, 0b1001], 'x', 0), { ok: false, error: { reason: 'fault', status: 9 } });
  assert.deepEqual(readingFromRegisters(genericLoadCell, [0, 5], 'x', 0), { ok: false, error: { reason: 'short-read', expected: 3, got: 2 } });
  assert.equal(readingFromRegisters(genericLoadCell, [0, 70_000, 0], 'x', 0).ok, false);
});

test('property: any signed 32-bit gram count survives registers and back, in both word orders', () => {
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(genericLoadCell, coilCommandLoadCell), (counts, profile) => {
      const grams = Math.round(counts * profile.gramsPerCount * 1000) / 1000;
      const r = readingFromRegisters(profile, [...registersFromGrams(profile, grams), 0], 'p', 0);
      assert.ok(r.ok);
      assert.equal(r.reading.grams, grams);
    }),
  );
});

/** A module on a bus that answers from its registers, and remembers what was written. */
function fakeModule(registers: number[]) {
  const writes: string[] = [];
  let down = false;
  const client: ModbusClientLike = {
    isOpen: true,
    setID: () => {},
    setTimeout: () => {},
    readHoldingRegisters: async (address, length) => {
      if (down) throw new Error('Timed out');
      return { data: registers.slice(address, address + length) };
    },
    readInputRegisters: async () => ({ data: [] }),
    writeCoil: async (address, state) => void writes.push(`coil ${address}=${state}`),
    writeRegister: async (address, value) => void writes.push(`register ${address}=${value}`),
    close: (done) => done?.(),
  };
  return { client, registers, writes, setDown: (d: boolean) => (down = d) };
}

test('polling emits readings; a timeout is an error and offline, the next good poll is online again', async () => {
  const module = fakeModule([0, 1500, 0]);
  const cell = new ModbusLoadCell(module.client, { sensorId: 'lc-1', unitId: 3, now: () => 77 });
  const data: WeightReading[] = [];
  const statuses: string[] = [];
  const errors: string[] = [];
  cell.on('data', (r) => data.push(r));
  cell.on('status', (s) => statuses.push(s));
  cell.on('error', (e) => errors.push(`${e.locus}: ${e.message}`));
  await cell.poll();
  module.setDown(true);
  await cell.poll();
  module.setDown(false);
  module.registers[1] = 1000;
  await cell.poll();
  assert.deepEqual(data.map((r) => r.grams), [1500, 1000]);
  assert.deepEqual(statuses, ['online', 'offline', 'online']);
  assert.deepEqual(errors, ['read: Timed out']);
  assert.equal(await cell.command('tare'), true);
  assert.equal(await cell.command('zero'), true);
  assert.deepEqual(module.writes, ['register 16=2', 'register 16=1']);
  await cell.stop();
});
