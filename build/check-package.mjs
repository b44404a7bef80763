// Checks a packaged console in dist/ before it is published (the release workflow's gate):
//   node build/check-package.mjs [--dist dist] [--require-signatures]
// - the app loads from app.asar only (no loose app/ folder) and the archive holds the built app;
// - every .node file is unpacked to app.asar.unpacked, for each native module;
// - the fuses read back from the binary as electron-builder.ts sets them;
// - the update metadata (latest*.yml, app-update.yml) is there;
// - with --require-signatures: the macOS app is signed and notarised, the Windows executable signed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getRawHeader } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, 'require-signatures': { type: 'boolean', default: false } } });
const dist = values.dist;
const product = 'Mostrador';

// Keep in step with electron-builder.ts (nativeModules, electronFuses).
const requiredNative = ['better-sqlite3', '@serialport/bindings-cpp', 'node-hid'];
const expectedFuses = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};

// A fuse's state is an ASCII digit in the binary (@electron/fuses keeps its FuseState enum private).
const ENABLE = 0x31;
const DISABLE = 0x30;

const failures = [];
const fail = (message) => failures.push(message);

/** Each packaged app electron-builder left in dist/: where its resources and fuses live. */
function packagedApps() {
  const apps = [];
  for (const name of existsSync(dist) ? readdirSync(dist) : []) {
    const dir = join(dist, name);
    if (name === 'linux-unpacked') apps.push({ dir, resources: join(dir, 'resources'), binary: join(dir, 'mostrador'), platform: 'linux' });
    if (name === 'win-unpacked') apps.push({ dir, resources: join(dir, 'resources'), binary: join(dir, `${product}.exe`), platform: 'win32' });
    if (/^mac(-arm64|-universal)?$/.test(name)) {
      const app = join(dir, `${product}.app`);
      // For a .app, @electron/fuses finds the Electron Framework binary itself.
      if (existsSync(app)) apps.push({ dir: app, resources: join(app, 'Contents', 'Resources'), binary: app, platform: 'darwin' });
    }
  }
  return apps;
}

/** Every file in the archive's header, with whether it was unpacked. */
function archiveFiles(asar) {
  const files = [];
  const walk = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (entry.files) walk(entry, path);
      else files.push({ path, unpacked: entry.unpacked === true });
    }
  };
  walk(getRawHeader(asar).header, '');
  return files;
}

function checkArchive(app) {
  const asar = join(app.resources, 'app.asar');
  if (!existsSync(asar)) return fail(`${app.dir}: no resources/app.asar`);
  if (existsSync(join(app.resources, 'app'))) fail(`${app.dir}: a loose resources/app folder sits beside app.asar`);
  const files = archiveFiles(asar);
  const paths = new Set(files.map((f) => f.path));
  for (const required of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!paths.has(required)) fail(`${app.dir}: app.asar lacks ${required}`);
  }
  for (const file of files.filter((f) => f.path.endsWith('.node'))) {
    if (!file.unpacked) fail(`${app.dir}: ${file.path} is inside app.asar; the OS cannot load it from there`);
    else if (!existsSync(join(app.resources, 'app.asar.unpacked', file.path))) fail(`${app.dir}: ${file.path} is missing from app.asar.unpacked`);
  }
  for (const name of requiredNative) {
    const own = files.filter((f) => f.path.startsWith(`node_modules/${name}/`) && f.path.endsWith('.node'));
    if (own.length === 0) fail(`${app.dir}: no .node file for ${name}`);
  }
  console.log(`${app.dir}: app.asar holds ${files.length} files, ${files.filter((f) => f.unpacked).length} unpacked`);
}

async function checkFuses(app) {
  const wire = await getCurrentFuseWire(app.binary);
  for (const [name, enabled] of Object.entries(expectedFuses)) {
    const state = wire[FuseV1Options[name]];
    const want = enabled ? ENABLE : DISABLE;
    if (state !== want) fail(`${app.dir}: fuse ${name} is ${state === ENABLE ? 'enabled' : state === DISABLE ? 'disabled' : `in state ${state}`}, expected ${enabled ? 'enabled' : 'disabled'}`);
  }
}

function checkUpdateMetadata(app) {
  const latest = { linux: 'latest-linux.yml', win32: 'latest.yml', darwin: 'latest-mac.yml' }[app.platform];
  if (!existsSync(join(dist, latest))) fail(`${dist}/${latest} was not generated`);
  const appUpdate = join(app.resources, 'app-update.yml');
  if (!existsSync(appUpdate)) return fail(`${app.dir}: no app-update.yml (electron-updater would skip the publisher check)`);
  if (app.platform === 'win32' && values['require-signatures'] && !/^publisherName:/m.test(readFileSync(appUpdate, 'utf8'))) {
    fail(`${app.dir}: app-update.yml names no publisherName, so updates would install unverified`);
  }
}

function checkSignature(app) {
  try {
    if (app.platform === 'darwin') {
      execFileSync('codesign', ['--verify', '--deep', '--strict', '--verbose=2', app.dir], { stdio: 'inherit' });
      // Gatekeeper accepts only a notarised Developer ID app.
      execFileSync('spctl', ['--assess', '--type', 'execute', '--verbose', app.dir], { stdio: 'inherit' });
    } else if (app.platform === 'win32') {
      const status = execFileSync('powershell', ['-NoProfile', '-Command', `(Get-AuthenticodeSignature -FilePath '${app.binary}').Status`], { encoding: 'utf8' }).trim();
      if (status !== 'Valid') fail(`${app.binary}: Authenticode signature is ${status}`);
    }
  } catch (error) {
    fail(`${app.dir}: signature check failed (${error.message})`);
  }
}

const apps = packagedApps();
if (apps.length === 0) fail(`no packaged app under ${dist}/ (linux-unpacked, win-unpacked or mac*/${product}.app)`);
for (const app of apps) {
  checkArchive(app);
  await checkFuses(app);
  checkUpdateMetadata(app);
  if (values['require-signatures']) checkSignature(app);
}
if (failures.length > 0) {
  for (const message of failures) console.error(`✗ ${message}`);
  process.exit(1);
}
console.log(`✓ ${apps.length} packaged app(s) load from app.asar only, with native modules unpacked and fuses set`);
