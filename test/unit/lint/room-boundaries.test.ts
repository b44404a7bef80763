// The rooms' boundaries are lint rules (eslint.config.js); these feed the linter imports each rule
// must refuse, from a file in each place, and a few it must let through.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'eslint.config.js') });
const configFile: string = resolve(root, 'eslint.config.js');
const { rooms } = (await import(configFile)) as { rooms: Record<string, string[]> };

/** One real file in each folder, for an import to point at. */
const fileIn: Record<string, string> = {
  kernel: 'main/kernel/errors.ts',
  api: 'main/api/types.ts',
  catalog: 'main/catalog/catalog-store.ts',
  stock: 'main/stock/stock-levels.ts',
  staff: 'main/staff/staff-directory.ts',
  secrets: 'main/secrets/secret-store.ts',
  orders: 'main/orders/pickup-orders.ts',
  pricing: 'main/pricing/price-changes.ts',
  sync: 'main/sync/store-sync.ts',
  devices: 'main/devices/device-manager.ts',
  printing: 'main/printing/printing-service.ts',
  shelves: 'main/shelves/store-shelves.ts',
  setup: 'main/setup/setup-port.ts',
  diagnostics: 'main/diagnostics/write-diagnostics.ts',
  tills: 'main/tills/tills-room.ts',
  cash: 'main/cash/cash-drawer.ts',
  receiving: 'main/receiving/receiving-service.ts',
  stations: 'main/stations/station-registry.ts',
  updates: 'main/updates/update-gate.ts',
  demo: 'main/demo/demo-store.ts',
  'hq-simulator': 'main/hq-simulator/hq-simulator.ts',
  'catalog-import': 'main/catalog-import/csv-imports.ts',
  transfers: 'main/transfers/transfer-documents.ts',
  customers: 'main/customers/customer-records.ts',
  counts: 'main/counts/stock-counts.ts',
  returns: 'main/returns/channel-returns.ts',
  kpis: 'main/kpis/kpi-report.ts',
  composition: 'main/compose-store.ts',
  electron: 'main/electron/window-policy.ts',
};

/** The boundary rules' messages for `code` as if it were the file `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

/** `from`'s folder importing `target` (a path from the root), as a relative specifier. */
function importOf(fromFile: string, target: string): string {
  const depth = fromFile.split('/').length - 1;
  return `import { x } from '${'../'.repeat(depth)}${target.replace(/\.ts$/, '')}';\nexport const y = x;\n`;
}

test('every room may import only the rooms eslint.config.js lists for it: one it does not list is refused', async () => {
  assert.deepEqual(Object.keys(rooms).sort(), Object.keys(fileIn).filter((r) => r !== 'composition' && r !== 'electron').sort(), 'a sample file for every room');
  for (const [room, allowed] of Object.entries(rooms)) {
    const from = `main/${room}/lint-probe.ts`;
    const forbidden = Object.keys(fileIn).filter((other) => other !== room && other !== 'kernel' && other !== 'api' && !allowed.includes(other));
    assert.ok(forbidden.length > 0, `${room} may import everything`);
    for (const other of forbidden) {
      assert.notDeepEqual(await refusals(from, importOf(from, fileIn[other]!)), [], `${room} importing ${other} must be refused`);
    }
    for (const other of ['kernel', 'api', ...allowed].filter((r) => r in fileIn)) {
      assert.deepEqual(await refusals(from, importOf(from, fileIn[other]!)), [], `${room} importing ${other} is allowed`);
    }
  }
});

test('the kernel imports no room: not orders, not sync, not the composition', async () => {
  for (const room of ['orders', 'sync', 'stock', 'staff', 'composition']) {
    const from = 'main/kernel/lint-probe.ts';
    assert.notDeepEqual(await refusals(from, importOf(from, fileIn[room]!)), [], `kernel importing ${room}`);
  }
});

test('the renderer may not import fs, better-sqlite3, drivers or main beyond main/api', async () => {
  const from = 'renderer/src/lint-probe.ts';
  const refused = [
    "import { readFileSync } from 'fs';",
    "import { readFileSync } from 'node:fs';",
    "import Database from 'better-sqlite3';",
    "import { SerialPort } from 'serialport';",
    "import mqtt from 'mqtt';",
    "import { interpretScan } from '../../drivers/barcode/scan';",
    "import { composeStore } from '../../main/compose-store';",
    "import type { Db } from '../../main/kernel/db/open-ledger';",
    "import { createPickupOrders } from '../../main/orders/pickup-orders';",
  ];
  for (const line of refused) assert.notDeepEqual(await refusals(from, `${line}\nexport {};\n`), [], line);
  assert.deepEqual(await refusals(from, "import type { OrderInfo } from '../../main/api/types';\nexport type O = OrderInfo;\n"), []);
});

test('preload reaches only main/api; drivers import nothing from main', async () => {
  assert.notDeepEqual(await refusals('preload/lint-probe.ts', "import { composeStore } from '../main/compose-store';\nexport { composeStore };\n"), []);
  assert.deepEqual(await refusals('preload/lint-probe.ts', "import type { Contract } from '../main/api/contract';\nexport type C = Contract;\n"), []);
  for (const target of ['main/kernel/errors', 'main/api/types', 'main/devices/device-identity']) {
    const from = 'drivers/printer/lint-probe.ts';
    assert.notDeepEqual(await refusals(from, `import { x } from '../../${target}';\nexport const y = x;\n`), [], `drivers importing ${target}`);
  }
});

test("Electron is imported only in main/electron and preload, a dynamic import('electron') included", async () => {
  const dynamic = "export async function load() {\n  return import('electron');\n}\n";
  const stat = "import { app } from 'electron';\nexport const a = app;\n";
  for (const from of ['main/stock/lint-probe.ts', 'main/compose-store-probe.ts', 'main/devices/lint-probe.ts', 'drivers/lint-probe.ts', 'renderer/src/lint-probe.ts']) {
    assert.notDeepEqual(await refusals(from, dynamic), [], `dynamic import in ${from}`);
    assert.notDeepEqual(await refusals(from, stat), [], `static import in ${from}`);
  }
  assert.deepEqual(await refusals('main/electron/lint-probe.ts', dynamic), []);
  assert.deepEqual(await refusals('main/electron/lint-probe.ts', stat), []);
});

test('a dynamic import() is held to the same rules: a room the kernel may not reach, fs or drivers from the renderer', async () => {
  const load = (specifier: string) => `export async function load() {\n  return import('${specifier}');\n}\n`;
  assert.notDeepEqual(await refusals('main/kernel/lint-probe.ts', load('../orders/pickup-orders')), [], 'kernel importing orders');
  assert.notDeepEqual(await refusals('main/catalog/lint-probe.ts', load('../sync/store-sync')), [], 'catalog importing sync');
  for (const specifier of ['fs', 'node:fs', 'better-sqlite3', '../../drivers/barcode/scan', '../../main/compose-store']) {
    assert.notDeepEqual(await refusals('renderer/src/lint-probe.ts', load(specifier)), [], `renderer importing ${specifier}`);
  }
  assert.deepEqual(await refusals('main/orders/lint-probe.ts', load('../sync/protocol')), [], 'orders may import sync');
});

test('the shell and the composition reach every room but never the renderer; preload reaches no driver', async () => {
  for (const from of ['main/compose-store-probe.ts', 'main/bridge/lint-probe.ts', 'main/cli/lint-probe.ts', 'main/electron/lint-probe.ts']) {
    assert.notDeepEqual(await refusals(from, importOf(from, 'renderer/src/app.tsx')), [], `${from} importing the renderer`);
    assert.deepEqual(await refusals(from, importOf(from, fileIn.orders!)), [], `${from} importing orders`);
  }
  assert.notDeepEqual(await refusals('preload/lint-probe.ts', "import { interpretScan } from '../drivers/barcode/scan';\nexport { interpretScan };\n"), []);
});

test("docs/architecture.md draws each room's arrows exactly as eslint.config.js lists them", () => {
  const doc = readFileSync(resolve(root, 'docs/architecture.md'), 'utf8');
  const flowchart = /```mermaid\nflowchart[^\n]*\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(flowchart, 'the rooms flowchart');
  // Node ids spell a room's folder with _ for - (mermaid reads - as part of an arrow).
  const room = (id: string) => id.trim().replace(/_/g, '-');
  const drawn = new Map<string, string[]>();
  for (const [, from, to] of flowchart.matchAll(/^\s*(\w+)\s*-->\s*(.+)$/gm)) {
    if (!(room(from!) in rooms)) continue;
    const targets = to!.split('&').map(room).filter((t) => t !== 'kernel' && t !== 'api');
    drawn.set(room(from!), [...(drawn.get(room(from!)) ?? []), ...targets]);
  }
  for (const [name, allowed] of Object.entries(rooms)) {
    assert.match(flowchart, new RegExp(`^\\s*${name.replace(/-/g, '_')}\\[`, 'm'), `${name} is drawn`);
    assert.deepEqual([...(drawn.get(name) ?? [])].sort(), [...allowed].sort(), `${name}'s arrows`);
  }
});
