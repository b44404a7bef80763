import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { startVirtualTcpPrinter } from '../../../drivers/printer/virtual-printer';
import type { CoreEvent } from '../../../main/api/contract';
import type { Result } from '../../../main/api/result';
import { loadOrCreateHostCertificate } from '../../../main/stations/host-certificate';
import { pairWithHost } from '../../../main/stations/host-link-client';
import { writeStationCredential } from '../../../main/stations/station-credential';
import { startStationLinkServer } from '../../../main/stations/station-link-server';
import { startStoreRuntime } from '../../../main/store-runtime';
import { receiveOrder } from '../../helpers/order-fixtures';
import { caller, openSmallStore, smallCatalog, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const rice = smallCatalog.find((p) => p.sku === 'SKU-RICE')!;

test("an order made ready at a paired station prints its slip on that station's own printer, not the host's", async (t) => {
  // The host, with its own counter printer.
  const hostPrinter = await startVirtualTcpPrinter();
  t.after(() => hostPrinter.close());
  const hostDir = tempDir();
  const host = await openSmallStore(join(hostDir, 'ledger.sqlite'), { printing: true });
  t.after(() => host.close());
  const link = await startStationLinkServer({ api: host.api, stations: () => host.services.stations, certificate: await loadOrCreateHostCertificate(join(hostDir, 'data'), 'test-store'), port: 0, bindAddress: '127.0.0.1' });
  t.after(() => link.close());
  const atHost = caller(host);
  value(await atHost('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  value(await atHost('printing.configure', { printer: 'counter', settings: { connection: { type: 'tcp', host: '127.0.0.1', port: hostPrinter.port }, profile: 'epson-tm-t20iii' } }));
  host.services.movements.append({ sku: rice.sku, qty: 5, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'marta', station: 'counter-1' });
  receiveOrder(host, 'W-77', [{ lineId: 'L1', sku: rice.sku, qty: 1 }]);

  // The counter: paired, running as `npm run serve` or the Electron core would run it.
  let shown!: (code: string) => void;
  const code = new Promise<string>((resolve) => (shown = resolve));
  const pairing = pairWithHost({ hostUrl: `wss://127.0.0.1:${link.port}`, station: 'counter-2', onCode: (c) => shown(c) });
  value(await atHost('stations.approvePairing', { code: await code }));
  const stationDir = tempDir();
  writeStationCredential(stationDir, await pairing);
  const station = await startStoreRuntime({ userDataDir: stationDir, env: { MOSTRADOR_POLICY_FILE: join(stationDir, 'no-policy.json') }, log: () => {} });
  t.after(() => station.stop());
  const stationPrinter = await startVirtualTcpPrinter();
  t.after(() => stationPrinter.close());
  const atStation = async (name: string, input: unknown): Promise<Result<unknown>> => station.core.api.call({ name: name as never, input });
  const stationEvents: CoreEvent[] = [];
  station.core.api.subscribe((e) => stationEvents.push(e));

  // A manager signed in at the counter sets up the counter's own printer there.
  value(await atStation('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  value(await atStation('printing.configure', { printer: 'counter', settings: { connection: { type: 'tcp', host: '127.0.0.1', port: stationPrinter.port }, profile: 'epson-tm-t20iii' } }));
  const printers = value<{ name: string; settings: { connection: { port?: number } } | null }[]>(await atStation('printing.printers', {}));
  assert.equal(printers.find((p) => p.name === 'counter')?.settings?.connection.port, stationPrinter.port, "the counter's printer is the counter's");

  value(await atStation('orders.accept', { orderId: 'W-77' }));
  value(await atStation('orders.pick', { orderId: 'W-77', code: rice.gtin13 }));
  value(await atStation('orders.ready', { orderId: 'W-77' }));
  const slip = await waitUntil(
    () => stationPrinter.core.receipts.find((r) => r.some((item) => item.kind === 'text' && item.text.includes('W-77'))),
    (found) => found !== undefined,
    { what: "the slip on the counter's printer" },
  );
  assert.ok(slip);
  assert.ok(stationEvents.some((e) => e.event === 'printing.changed'), "the counter's screens hear of its print job");
  assert.ok(!stationEvents.some((e) => e.event === 'printing.forStation'), 'the document itself is not for the screens');

  // A marker on the host's printer after it: the host's own command prints there, and it is the only thing there.
  value(await atHost('printing.testPage', { printer: 'counter' }));
  await waitUntil(() => hostPrinter.core.receipts.length, (n) => n >= 1, { what: "the host's test page" });
  assert.equal(hostPrinter.core.receipts.filter((r) => r.some((item) => item.kind === 'text' && item.text.includes('W-77'))).length, 0, "the counter's slip did not print at the host");
});
