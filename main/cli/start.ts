// `npm start`: the Electron app where Electron's binary is installed; otherwise
// the same console served to a browser, so a machine without it still works.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

function electronBinary(): string | null {
  try {
    // The electron package exports its binary's path, and throws when the binary was not downloaded.
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}

const binary = electronBinary();
// Electron cannot load the Node-ABI better-sqlite3 in node_modules. postinstall prepared its own build;
// an install made before that step existed gets it here, once.
if (binary) {
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/prepare-electron-sqlite.ts'], { stdio: 'inherit' });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
}
const child = binary
  ? spawn(binary, ['.'], { stdio: 'inherit' })
  : (console.log("Electron's binary is not installed here; serving the console to a browser instead."),
    spawn(process.execPath, ['--import', 'tsx', 'main/bridge/serve-cli.ts'], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
