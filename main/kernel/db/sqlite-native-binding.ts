// Which compiled better-sqlite3 the core loads. node_modules keeps the build for Node's ABI: the tests,
// the bridge and the CLIs use it. Electron has its own ABI and cannot load that one, so `npm install`
// prepares a second build beside it (main/cli/prepare-electron-sqlite.ts) and Electron picks it here.
// A packaged app has no such file: electron-builder rebuilt better-sqlite3 itself for Electron.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface SqliteBindingRuntime {
  /** process.versions; `electron` is set only in Electron's processes (main and utility). */
  versions: { electron?: string | undefined };
  platform: string;
  arch: string;
}

export interface SqliteBindingInstall {
  /** The node_modules folder that holds better-sqlite3. */
  nodeModules: string;
  /** better-sqlite3's version: a build for another version may not match its JavaScript. */
  sqliteVersion: string;
  exists: (file: string) => boolean;
}

/** Where the Electron-ABI build for this Electron, better-sqlite3, platform and arch lives. */
export function electronSqliteBindingFile(nodeModules: string, sqliteVersion: string, electronVersion: string, platform: string, arch: string): string {
  return join(nodeModules, '.electron-abi', `better-sqlite3-${sqliteVersion}-electron-${electronVersion}-${platform}-${arch}.node`);
}

/**
 * The `nativeBinding` to give better-sqlite3, or undefined for its own build in node_modules: under
 * Node always, and under Electron when no Electron-ABI build was prepared (the packaged app).
 */
export function selectSqliteBinding(runtime: SqliteBindingRuntime, install: SqliteBindingInstall): string | undefined {
  const electron = runtime.versions.electron;
  if (!electron) return undefined;
  const file = electronSqliteBindingFile(install.nodeModules, install.sqliteVersion, electron, runtime.platform, runtime.arch);
  return install.exists(file) ? file : undefined;
}

/** selectSqliteBinding for this process. */
export function sqliteNativeBinding(): string | undefined {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('better-sqlite3/package.json');
  const { version } = require(manifest) as { version: string };
  const runtime: SqliteBindingRuntime = { versions: process.versions as { electron?: string }, platform: process.platform, arch: process.arch };
  return selectSqliteBinding(runtime, { nodeModules: dirname(dirname(manifest)), sqliteVersion: version, exists: existsSync });
}
