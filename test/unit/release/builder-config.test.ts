// The packaging config, checked without packaging: Electron's binary cannot be fetched here, so
// electron-builder itself loads and validates the config, and the security settings are asserted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'electron-builder';
import { createBuilderConfig, nativeModules, placeholderUpdateUrl } from '../../../electron-builder';

const root = resolve(import.meta.dirname, '../../..');
const noDebug = { isEnabled: false } as Parameters<typeof validateConfiguration>[1];
const azureEnv = {
  MOSTRADOR_AZURE_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net/',
  MOSTRADOR_AZURE_SIGNING_ACCOUNT: 'acme-signing',
  MOSTRADOR_AZURE_SIGNING_PROFILE: 'acme-public',
  MOSTRADOR_WIN_PUBLISHER_NAME: 'Acme Retail S.L.',
};

/** Production packages (package-lock.json, not dev) that compile or ship a .node file. */
function nativeProductionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, info]) => path.startsWith('node_modules/') && !info.dev)
    .filter(([path]) => existsSync(join(root, path, 'binding.gyp')) || existsSync(join(root, path, 'prebuilds')))
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .sort();
}

test('electron-builder loads electron-builder.ts and accepts it against its own schema', async () => {
  const loaded = await getConfig(root, null, null);
  assert.equal(loaded.productName, 'Mostrador');
  await validateConfiguration(loaded, noDebug);
  // The variants CI produces: signtool with a pinned publisher, Azure Trusted Signing, unsigned test builds.
  for (const env of [{ MOSTRADOR_WIN_PUBLISHER_NAME: 'Acme Retail S.L.; Acme Retail SL' }, azureEnv, { MOSTRADOR_ALLOW_UNSIGNED: '1' }]) {
    await validateConfiguration(createBuilderConfig(env), noDebug);
  }
  // The schema is strict enough to catch a misspelt fuse.
  const misspelt = { ...loaded, electronFuses: { ...loaded.electronFuses, runAsNod: false } } as Configuration;
  await assert.rejects(validateConfiguration(misspelt, noDebug), /electronFuses/);
});

test('the fuses close Node-level entry points and load only the integrity-checked app.asar', () => {
  assert.deepEqual(createBuilderConfig({}).electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  });
});

test('the app ships as an ASAR of the built output, with every native production module unpacked and rebuilt', () => {
  const config = createBuilderConfig({});
  assert.equal(config.asar, true);
  assert.ok(Array.isArray(config.files) && config.files.includes('out/**/*') && config.files.includes('package.json'));
  assert.equal(config.npmRebuild, true, "native modules are rebuilt for Electron's ABI at packaging");
  const native = nativeProductionPackages();
  assert.deepEqual(native, [...nativeModules].sort(), 'a new native dependency must be added to nativeModules');
  const unpack = config.asarUnpack as string[];
  for (const name of native) assert.ok(unpack.includes(`node_modules/${name}/**`), `${name} is unpacked from the ASAR`);
  assert.ok(unpack.includes('**/*.node'), 'a .node file anywhere else is unpacked too');
});

test("Windows installs per machine, silently if asked, and the updater checks the installer's publisher", () => {
  const config = createBuilderConfig({ MOSTRADOR_WIN_PUBLISHER_NAME: 'Acme Retail S.L.' });
  assert.equal(config.nsis?.perMachine, true);
  assert.equal(config.nsis?.deleteAppDataOnUninstall, false, 'an uninstall keeps the ledger');
  assert.equal(config.msi?.perMachine, true);
  assert.match(String(config.msi?.upgradeCode), /^[0-9a-f-]{36}$/, 'a fixed upgrade code, so MSIs upgrade in place');
  assert.equal(config.win?.verifyUpdateCodeSignature, true);
  assert.deepEqual(config.win?.signtoolOptions?.publisherName, ['Acme Retail S.L.']);
  assert.deepEqual(config.publish, [{ provider: 'generic', url: `${placeholderUpdateUrl}/stable`, channel: 'latest', publisherName: ['Acme Retail S.L.'] }], 'app-update.yml pins the publisher');
  const renewing = createBuilderConfig({ ...azureEnv, MOSTRADOR_WIN_PUBLISHER_NAME: 'Acme Retail S.L.; Acme Retail SL' });
  assert.equal(renewing.win?.azureSignOptions?.publisherName, 'Acme Retail S.L.');
  assert.deepEqual((renewing.publish as { publisherName?: string[] }[])[0]?.publisherName, ['Acme Retail S.L.', 'Acme Retail SL']);
  assert.throws(() => createBuilderConfig({ ...azureEnv, MOSTRADOR_WIN_PUBLISHER_NAME: '' }), /MOSTRADOR_WIN_PUBLISHER_NAME/, 'Azure signing without a publisher would verify nothing');
  assert.equal(createBuilderConfig({}).forceCodeSigning, true, 'a release fails rather than ship unsigned');
});

test('macOS is hardened and notarised with no entitlement beyond JIT', () => {
  const mac = createBuilderConfig({}).mac!;
  assert.equal(mac.hardenedRuntime, true);
  assert.equal(mac.notarize, true);
  const plist = readFileSync(join(root, String(mac.entitlements)), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  assert.deepEqual(plist.match(/<key>[^<]+<\/key>/g), ['<key>com.apple.security.cs.allow-jit</key>']);
  const targets = (mac.target as { target: string }[]).map((t) => t.target);
  assert.deepEqual(targets, ['dmg', 'zip'], 'zip is what Squirrel.Mac updates from');
});

test('the deb ships the udev rules and a postinst that reloads udev and grants dialout, idempotently', () => {
  const config = createBuilderConfig({});
  const rules = join(root, 'build/linux/60-mostrador.rules');
  assert.deepEqual(config.deb?.fpm, [`${rules}=/etc/udev/rules.d/60-mostrador.rules`]);
  assert.ok(existsSync(rules));
  const scriptPath = join(root, String(config.deb?.afterInstall));
  const script = readFileSync(scriptPath, 'utf8');
  // electron-builder expands ${letters} in this script and fails the build on a name it does not know.
  const macros = new Set([...script.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]));
  assert.deepEqual([...macros].sort(), ['executable', 'sanitizedProductName']);
  if (process.platform !== 'win32') assert.equal(spawnSync('sh', ['-n', scriptPath]).status, 0, 'the postinst parses as POSIX sh');
  assert.match(script, /udevadm control --reload-rules/);
  assert.match(script, /usermod -a -G "\$group" "\$user"/);
  assert.match(script, /grep -qx "\$group"/, 'a member already in the group is left alone');
  // It replaces electron-builder's default postinst, so it must still do that script's work.
  for (const duty of [/update-alternatives --install/, /chrome-sandbox/, /apparmor_parser --replace/]) assert.match(script, duty);
  assert.match(script, /^exit 0$/m, 'a failed step never leaves the package half-configured');
});

test('updates are fed from a generic server, one folder per channel, file names fixed to latest*.yml', () => {
  const config = createBuilderConfig({ MOSTRADOR_UPDATE_URL: 'https://updates.acme.example/mostrador/' });
  assert.deepEqual(config.publish, [{ provider: 'generic', url: 'https://updates.acme.example/mostrador/stable', channel: 'latest' }]);
  assert.equal(config.detectUpdateChannel, false, 'a pre-release version must not rename latest.yml');
  assert.deepEqual(createBuilderConfig({}).publish, [{ provider: 'generic', url: `${placeholderUpdateUrl}/stable`, channel: 'latest' }]);
});
