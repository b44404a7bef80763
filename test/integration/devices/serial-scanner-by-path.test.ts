import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CoreEvent } from '../../../main/api/contract';
import type { DeviceInfo, DeviceScan, LookupResult } from '../../../main/api/types';
import { openVirtualSerialScanner } from '../../../drivers/scanner/virtual-serial-scanner';
import { demoGtin13, demoSku } from '../../../main/demo/demo-catalog';
import { startStoreRuntime } from '../../../main/store-runtime';
import { openPtyPair } from '../../helpers/pty-pair';
import { value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

test('serial scanners on ports discovery cannot list are added by path, from IT policy and by a manager, and their scans find products', async () => {
  const fromPolicy = await openPtyPair(undefined, ['ttyS0', 'ttyS0-simulator']);
  const byManager = await openPtyPair(undefined, ['ttyS1', 'ttyS1-simulator']);
  const dir = tempDir();
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ devices: { serialScanners: [{ path: fromPolicy.a, baudRate: 19200, suffix: 'LF' }] } }));
  const runtime = await startStoreRuntime({
    userDataDir: dir,
    env: { MOSTRADOR_STATION: 'by-path', MOSTRADOR_POLICY_FILE: policyFile, MOSTRADOR_DEMO_ORDER_EVERY_MS: String(3_600_000) },
    log: () => {},
  });
  const scans: DeviceScan[] = [];
  runtime.core.api.subscribe((e: CoreEvent) => {
    if (e.event === 'device.scan') scans.push(e.payload);
  });
  const call = runtime.core.api.call;
  const byPath = async (path: string) => value<DeviceInfo[]>(await call({ name: 'devices.list', input: {} })).find((d) => d.path === path);
  const simulators: { close(): Promise<void> }[] = [];
  try {
    await call({ name: 'session.signIn', input: { staffId: 'marta', pin: '3333' } });

    // IT's policy: opened at start with its framing, no serial number, no discovery.
    const policed = await waitUntil(() => byPath(fromPolicy.a), (d) => d?.status === 'online', { what: 'the policy scanner opened' });
    assert.deepEqual([policed!.identity, policed!.role, policed!.framing], [`serial::::${fromPolicy.a}`, 'counter-scanner', { baudRate: 19200, suffix: 'LF' }]);
    const policySim = await openVirtualSerialScanner(fromPolicy.b, { suffix: 'LF' });
    simulators.push(policySim);
    await policySim.scan(demoGtin13(7), ']E0');
    const first = await waitUntil(() => scans.at(-1), (s) => s?.device === policed!.identity, { what: 'a scan from the policy scanner' });
    const found = value<LookupResult>(await call({ name: 'catalog.lookup', input: { code: first!.text, symbology: first!.symbology } }));
    assert.equal(found.product.sku, demoSku(7));

    // A manager adds the other port by its path from the Devices page's procedure.
    assert.equal((await call({ name: 'devices.addSerial', input: { path: 'ttyS1' } })).ok, false, 'a relative path is refused');
    const added = value<DeviceInfo[]>(await call({ name: 'devices.addSerial', input: { path: byManager.a, role: 'backoffice-scanner', baudRate: 9600, parity: 'even', suffix: 'CR' } }));
    assert.ok(added.length > 0);
    const opened = await waitUntil(() => byPath(byManager.a), (d) => d?.status === 'online', { what: 'the added scanner opened' });
    assert.deepEqual([opened!.role, opened!.framing], ['backoffice-scanner', { baudRate: 9600, parity: 'even', suffix: 'CR' }]);
    const managerSim = await openVirtualSerialScanner(byManager.b);
    simulators.push(managerSim);
    // A GS1 DataMatrix with no GS: found by its GTIN only because its symbology came along.
    await managerSim.scan(`010${demoGtin13(9)}17271231` + '10LOT-9', ']d2');
    const second = await waitUntil(() => scans.at(-1), (s) => s?.device === opened!.identity, { what: 'a scan from the added scanner' });
    assert.equal(second!.symbology, 'GS1 DataMatrix');
    const lot = value<LookupResult>(await call({ name: 'catalog.lookup', input: { code: second!.text, symbology: second!.symbology } }));
    assert.equal(lot.product.sku, demoSku(9));
    assert.deepEqual(lot.gs1?.find((e) => e.ai === '10')?.value, 'LOT-9');
  } finally {
    for (const sim of simulators) await sim.close();
    await runtime.stop();
    await fromPolicy.dispose();
    await byManager.dispose();
  }
});
