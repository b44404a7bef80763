import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

// Runtime boundaries are enforced here, not by habit (see docs/architecture.md).
const noElectron = {
  paths: [{ name: 'electron', message: 'The store core runs under plain Node: keep Electron code in main/electron/.' }],
  patterns: [{ group: ['**/electron/**'], message: 'The store core may not import the Electron glue.' }],
};

// Each room under main/ is a folder that owns its service, its handlers and its tables; the
// rooms it may import are listed here, so a new dependency between rooms is a decision made in
// this file, not a habit (docs/architecture.md draws them). Types count: a room that needs
// another's type depends on it.
export const rooms = {
  kernel: [],
  // The contract is a leaf: zod schemas only (test/unit/api/contract-leaf.test.ts reads its imports).
  api: [],
  catalog: ['stock', 'drivers'],
  stock: ['catalog'],
  staff: ['secrets'],
  secrets: [],
  orders: ['catalog', 'stock', 'staff', 'printing', 'sync'],
  // Shelf labels (issue 15): laid out by the label drivers, printed through the printing room.
  pricing: ['catalog', 'printing', 'drivers'],
  // HQ's staff records go to the staff room (issue 12).
  sync: ['catalog', 'stock', 'orders', 'pricing', 'setup', 'staff', 'receiving'],
  devices: ['drivers'],
  printing: ['drivers'],
  shelves: ['catalog', 'stock', 'drivers'],
  setup: ['devices', 'secrets', 'staff', 'sync'],
  diagnostics: ['stock'],
  tills: ['catalog', 'stock'],
  updates: ['composition', 'setup'],
  // The demo store drives every room, as a store's staff and hardware would.
  demo: ['catalog', 'stock', 'staff', 'devices', 'printing', 'shelves', 'sync', 'tills', 'hq-simulator', 'drivers'],
  'hq-simulator': ['sync', 'demo'],
  // CSV import without HQ (issue 12): writes through the catalog and stock rooms' services.
  'catalog-import': ['catalog', 'stock', 'drivers'],
  // Several stations, one store (issue 12): the host's station link serves the composed store's API
  // as the bridge does, and a paired station's bridge forwards to it. Its credential is sealed
  // with the keychain's cipher in the app, as the staff room seals the PIN pepper.
  stations: ['bridge', 'composition', 'setup', 'staff', 'secrets'],
  // Transfers between stores (issue 13): its documents post through the stock room; HQ's relayed
  // messages reach it through a port the sync room declares, so neither imports the other.
  transfers: ['catalog', 'stock'],
  // Receiving (issue 13): HQ's ASNs received by scanning; closing posts through the stock room.
  receiving: ['catalog', 'stock', 'drivers'],
  // Stock counts (issue 13): products from the catalog, the ledger's levels and movements from the
  // stock room. The stock room's read path asks it where counts are open through a port
  // (BlindCountSource), and orders and shelves open spot counts through ports of their own
  // (SpotCounts, ShelfSpotCounts), all wired in compose-store.ts: no room imports this one.
  counts: ['catalog', 'stock'],
  // Returns from any channel (issue 16): HQ finds the order and counts returned units through the
  // sync room's port; stock posts through the stock room; a cash refund opens the printing room's drawer.
  returns: ['catalog', 'stock', 'sync', 'printing'],
  // Cash at the counter (issue 16): its own tables only. The orders room (and the returns room)
  // record cash through a port wired in compose-store.ts (CashPort), so nobody imports it.
  cash: [],
  // KPIs (issue 15): read-only over other rooms' data, through ports it declares (kpi-ports.ts)
  // that compose-store.ts wires to each owning room's aggregate reads: it imports no room.
  kpis: [],
  // Customers (issue 17): cards come through the sync room's HQ port; browsing items get this
  // store's stock from the stock room's read path. HQ's customer messages reach it through a port
  // the sync room declares (CustomerSink), so sync does not import it.
  customers: ['stock', 'sync'],
};
const mainRooms = Object.keys(rooms);
const everyMainFolder = [...mainRooms, 'composition', 'bridge', 'cli', 'electron'];

const boundaryRules = {
  plugins: { boundaries },
  settings: {
    'boundaries/elements': [
      // First: test/unit/renderer is a test, not the renderer.
      { type: 'test', pattern: 'test', partialMatch: false },
      ...mainRooms.map((room) => ({ type: room, pattern: `main/${room}`, partialMatch: false })),
      { type: 'bridge', pattern: 'main/bridge', partialMatch: false },
      { type: 'cli', pattern: 'main/cli', partialMatch: false },
      { type: 'electron', pattern: 'main/electron', partialMatch: false },
      // compose-store.ts, store-runtime.ts, runtime-host.ts: where the rooms are put together.
      { type: 'composition', pattern: 'main', partialMatch: false },
      { type: 'drivers', pattern: 'drivers', partialMatch: false },
      { type: 'preload', pattern: 'preload', partialMatch: false },
      { type: 'renderer', pattern: 'renderer', partialMatch: false },
    ],
    'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        checkAllOrigins: true,
        policies: [
          // Packages and Node's own modules are anyone's, but for the exceptions below.
          { allow: { to: { module: { origin: ['external', 'core'] } } } },
          ...Object.entries(rooms).map(([room, allowed]) => ({ from: { element: { type: room } }, allow: { to: { element: { type: [room, 'kernel', 'api', ...allowed] } } } })),
          { from: { element: { type: 'kernel' } }, allow: { to: { element: { type: ['kernel', 'api'] } } } },
          { from: { element: { type: ['composition', 'bridge', 'cli'] } }, allow: { to: { element: { type: [...everyMainFolder, 'drivers'] } } } },
          { from: { element: { type: 'electron' } }, allow: { to: { element: { type: everyMainFolder } } } },
          { from: { element: { type: 'drivers' } }, allow: { to: { element: { type: 'drivers' } } } },
          { from: { element: { type: 'preload' } }, allow: { to: { element: { type: ['preload', 'api'] } } } },
          { from: { element: { type: 'renderer' } }, allow: { to: { element: { type: ['renderer', 'api'] } } } },
          { from: { element: { type: 'test' } }, allow: { to: { element: { type: '*' } } } },
          // Only the Electron glue talks to Electron, however it is imported (import() included).
          { from: { element: { type: ['*'] } }, disallow: { to: { module: { source: 'electron' } } } },
          { from: { element: { type: ['electron', 'preload', 'test'] } }, allow: { to: { module: { source: 'electron' } } } },
          // The renderer runs in a browser: no Node, no database, no device libraries.
          {
            from: { element: { type: 'renderer' } },
            disallow: { to: { module: { source: ['fs', 'node:*', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'mqtt', 'aedes'] } } },
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['main/**/*.ts', 'drivers/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'test/**/*.ts'], ...boundaryRules },
  {
    files: ['main/**/*.ts', 'test/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // Electron-free policy modules of main/electron are unit-tested under plain Node.
    files: ['test/unit/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron.paths[0]] }] },
  },
  {
    files: ['drivers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Drivers are plain Node.' }],
          patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'drivers/ imports nothing from main/ or renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser.' },
            // main/api is a leaf of zod schemas (test/unit/api/contract-leaf.test.ts): the renderer parses with them.
            { regex: '(^|/)main/(?!api/)', message: 'The renderer talks to the core only through the API.' },
          ],
          paths: [{ name: 'electron', message: 'The renderer runs in a browser.' }],
        },
      ],
    },
  },
);
