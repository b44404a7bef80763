// The demo store's hardware: a virtual ESC/POS printer on a local TCP port and
// a few virtual load-cell shelves on the store broker. They speak the real byte
// and message protocols, so the console drives them exactly as it drives a store's.
import { startVirtualTcpPrinter, renderPreview, type VirtualTcpPrinter } from '../../drivers/printer/virtual-printer';
import { startVirtualZplTcpPrinter } from '../../drivers/label/virtual-zpl-printer';
import { openVirtualMqttShelf, type VirtualShelf } from '../../drivers/shelf/virtual-shelf';
import { VirtualScanner } from '../../drivers/scanner/virtual-scanner';
import type { DeviceManager } from '../devices/device-manager';
import { notConfigured } from '../kernel/not-configured';
import type { StockLevels } from '../stock/stock-levels';
import type { Simulators } from './simulators';
import { demoSku } from './demo-catalog';
import type { PrinterName, PrinterSettings } from '../printing/printer-settings';
import type { ShelfConfig } from '../shelves/shelf-monitor';

const unitWeightGrams = 250;
const demoShelfSkus = [1, 2, 3].map(demoSku);

export interface DemoDevices {
  printers: Partial<Record<PrinterName, PrinterSettings>>;
  shelves: ShelfConfig[];
  simulators: Simulators;
  stop(): Promise<void>;
}

export interface DemoDevicesOptions {
  levels: Pick<StockLevels, 'summary'>;
  /** The store broker the virtual shelves publish on; none, no shelves. */
  mqttUrl: string | null;
  /** The device manager the virtual scanner joins; none, no scanner. */
  devices: Pick<DeviceManager, 'attachVirtualScanner'> | null;
  log: (e: Record<string, unknown>) => void;
}

export async function startDemoDevices({ levels, mqttUrl, devices, log }: DemoDevicesOptions): Promise<DemoDevices> {
  const printer: VirtualTcpPrinter = await startVirtualTcpPrinter();
  // A Zebra-type label printer for the shelf-label queue; the developer panel shows what it printed.
  const labelPrinter = await startVirtualZplTcpPrinter();
  let offline = false;

  const shelves: ShelfConfig[] = demoShelfSkus.map((sku, i) => ({
    sensorId: `demo-shelf-${i + 1}`,
    sku,
    location: 'sales_floor',
    unitWeightGrams,
    tareGrams: 0,
    lowThreshold: 3,
    toleranceUnits: 1,
  }));
  const virtualShelves = new Map<string, VirtualShelf>();
  if (mqttUrl) {
    for (const shelf of shelves) {
      try {
        const virtual = await openVirtualMqttShelf(mqttUrl, { sensorId: shelf.sensorId, intervalMs: 5000 });
        const onFloor = levels.summary(shelf.sku).byLocation.find((l) => l.location === shelf.location)?.qty ?? 0;
        await virtual.setWeight(onFloor * unitWeightGrams);
        virtualShelves.set(shelf.sensorId, virtual);
      } catch (error) {
        log({ level: 'warn', msg: 'demo shelf did not start', sensorId: shelf.sensorId, err: String(error) });
      }
    }
  }
  const scanner = devices ? new VirtualScanner('demo-scanner') : null;
  if (scanner) devices!.attachVirtualScanner(scanner);
  log({ level: 'info', msg: 'demo devices: virtual printer and shelves', printer: `tcp://127.0.0.1:${printer.port}`, shelves: virtualShelves.size });

  return {
    printers: {
      counter: { connection: { type: 'tcp', host: '127.0.0.1', port: printer.port }, profile: 'epson-tm-t88vi' },
      label: { connection: { type: 'tcp', host: '127.0.0.1', port: labelPrinter.port }, profile: 'zpl-203dpi' },
    },
    shelves: mqttUrl ? shelves : [],
    simulators: {
      printerPreview(limit) {
        return {
          receipts: printer.core.receipts.slice(-limit).map(renderPreview),
          inProgress: renderPreview(printer.core.inProgress),
          labels: labelPrinter.core.previews().slice(-limit),
        };
      },
      setPrinter(change) {
        if (change.paperOut !== undefined) printer.core.setPaperOut(change.paperOut);
        if (change.coverOpen !== undefined) printer.core.setCoverOpen(change.coverOpen);
        if (change.offline !== undefined) {
          offline = change.offline;
          printer.setOffline(offline);
        }
        const status = printer.core.status;
        return { paperOut: status.paperOut, coverOpen: status.coverOpen, offline };
      },
      fireScan(text) {
        if (!scanner) return notConfigured('a device manager');
        const scan = scanner.fire(text);
        return { text: scan.text, symbology: scan.symbology, device: `virtual:${scanner.device}` };
      },
      setShelfWeight(sensorId, grams) {
        const shelf = virtualShelves.get(sensorId);
        if (!shelf) throw new RangeError(`no demo shelf ${sensorId}`);
        void shelf.setWeight(grams).catch((error: Error) => log({ level: 'warn', msg: 'demo shelf write failed', sensorId, err: error.message }));
      },
    },
    async stop() {
      for (const shelf of virtualShelves.values()) await shelf.close().catch(() => {});
      await printer.close();
      await labelPrinter.close();
    },
  };
}
