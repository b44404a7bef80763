import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectModbusRtu, ModbusLoadCell, type ModbusReadError } from '../../../drivers/shelf/modbus-load-cell';
import type { WeightReading } from '../../../drivers/shelf/shelf-reading';
import { openVirtualModbusLoadCell } from '../../../drivers/shelf/virtual-modbus-load-cell';
import { openPtyPair } from '../../helpers/pty-pair';
import { waitUntil } from '../../helpers/wait-until';

test('Modbus RTU over a real pty: net weight, motion, overload refused, tare written to the module', async () => {
  const pty = await openPtyPair();
  const module = await openVirtualModbusLoadCell(pty.b, { unitId: 7 });
  const client = await connectModbusRtu(pty.a);
  const cell = new ModbusLoadCell(client, { sensorId: 'lc-7', unitId: 7, pollMs: 30 });
  const readings: WeightReading[] = [];
  const refused: ModbusReadError[] = [];
  cell.on('data', (r) => readings.push(r));
  cell.on('reject', (e) => refused.push(e));
  const last = () => readings.at(-1);
  try {
    module.setWeight(-250);
    cell.start();
    await waitUntil(last, (r) => r?.grams === -250 && r.stable === true, { what: 'negative weight, stable' });
    module.setMotion(true);
    module.setWeight(3200);
    await waitUntil(last, (r) => r?.grams === 3200 && r.stable === false, { what: 'motion bit' });
    module.setMotion(false);
    module.setOverload(true);
    await waitUntil(() => refused, (e) => e.some((x) => x.reason === 'overload'), { what: 'overload refused' });
    module.setOverload(false);
    assert.equal(await cell.command('tare'), true);
    assert.deepEqual(module.commands, ['tare']);
    await waitUntil(last, (r) => r?.grams === 0, { what: 'net zero after tare' });
    assert.equal(cell.status, 'online');
  } finally {
    await cell.stop();
    await new Promise<void>((done) => client.close(() => done()));
    await module.close();
    await pty.dispose();
  }
});
