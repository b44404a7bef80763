// `npm install`'s postinstall: where Electron's binary was downloaded, build better-sqlite3 once more for
// Electron's ABI into its own file, leaving node_modules' Node-ABI build to the tests, the bridge and the
// CLIs. The core loads that file inside Electron (main/kernel/db/sqlite-native-binding.ts). docs/decisions.md
// says why it is not a rebuild in place.
import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { electronSqliteBindingFile } from '../kernel/db/sqlite-native-binding';

const require = createRequire(import.meta.url);
const say = (line: string) => console.log(`prepare-electron-sqlite: ${line}`);

function electronBinary(): string | null {
  try {
    const path = require('electron') as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
    say('skipped: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so there is no Electron to build for (`npm start` serves the console to a browser)');
    return;
  }
  if (!electronBinary()) {
    say("skipped: Electron's binary is not installed");
    return;
  }
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const manifest = require.resolve('better-sqlite3/package.json');
  const sqliteVersion = (require(manifest) as { version: string }).version;
  const sqliteDir = dirname(manifest);
  const nodeModules = dirname(sqliteDir);
  const target = electronSqliteBindingFile(nodeModules, sqliteVersion, electronVersion, process.platform, process.arch);
  if (existsSync(target)) {
    say(`${relative(process.cwd(), target)} is ready`);
    return;
  }

  // A copy of the package, staged inside node_modules so @electron/rebuild finds prebuild-install by
  // walking up: it downloads better-sqlite3's Electron prebuild, and compiles only where there is none.
  const staging = join(nodeModules, '.electron-abi', `staging-${process.pid}`);
  const staged = join(staging, 'node_modules', 'better-sqlite3');
  rmSync(staging, { recursive: true, force: true });
  try {
    cpSync(sqliteDir, staged, { recursive: true, filter: (from) => !relative(sqliteDir, from).split(sep).includes('build') });
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'electron-sqlite-staging', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
    say(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})`);
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: staging, electronVersion, arch: process.arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
    mkdirSync(dirname(target), { recursive: true });
    // Written under a temporary name first: an interrupted install never leaves a half file that looks ready.
    copyFileSync(join(staged, 'build', 'Release', 'better_sqlite3.node'), `${target}.partial`);
    renameSync(`${target}.partial`, target);
    say(`${relative(process.cwd(), target)} is ready`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`prepare-electron-sqlite: could not build better-sqlite3 for Electron: ${(error as Error).message}`);
  console.error('`npm start` needs it to open the Electron app. Fix the cause above and run `npm run prepare-electron-sqlite`,');
  console.error('or install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 to serve the console to a browser instead.');
  process.exit(1);
});
