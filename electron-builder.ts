// How the console is packaged, signed and fed updates (docs/deploy.md). electron-builder reads
// this file itself; test/unit/release/ validates it against electron-builder's schema.
// Secrets never live here: signing and notarisation read the CI environment (docs/deploy.md).
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';

/**
 * Production dependencies with compiled code. better-sqlite3 is not ABI-stable and is rebuilt for
 * Electron at packaging; node-hid and serialport's bindings ship Node-API prebuilds. All three load
 * a .node file, which the OS cannot map from inside an ASAR archive, so they stay unpacked.
 */
export const nativeModules = ['better-sqlite3', '@serialport/bindings-cpp', 'node-hid'] as const;

/** The update server baked into app-update.yml when IT sets none at build time. */
export const placeholderUpdateUrl = 'https://updates.example.invalid/mostrador';

const udevRules = fileURLToPath(new URL('build/linux/60-mostrador.rules', import.meta.url));

export function createBuilderConfig(env: NodeJS.ProcessEnv = process.env): Configuration {
  const updateUrl = (env.MOSTRADOR_UPDATE_URL || placeholderUpdateUrl).replace(/\/+$/, '');
  // The certificate subject's CN, exactly; several (";"-separated) while a certificate is renewed.
  const publisherName = env.MOSTRADOR_WIN_PUBLISHER_NAME?.split(';').map((name) => name.trim()).filter(Boolean);
  const azure = env.MOSTRADOR_AZURE_SIGNING_ENDPOINT
    ? {
        endpoint: env.MOSTRADOR_AZURE_SIGNING_ENDPOINT,
        codeSigningAccountName: required(env, 'MOSTRADOR_AZURE_SIGNING_ACCOUNT'),
        certificateProfileName: required(env, 'MOSTRADOR_AZURE_SIGNING_PROFILE'),
        // Azure cannot tell electron-builder the publisher; without it the updater checks nothing.
        publisherName: publisherName?.[0] ?? required(env, 'MOSTRADOR_WIN_PUBLISHER_NAME'),
      }
    : null;

  return {
    appId: 'com.mostrador.console',
    productName: 'Mostrador',
    copyright: 'Copyright © Mostrador contributors',
    directories: { output: 'dist', buildResources: 'build' },
    // electron-vite's output and the manifest; production node_modules are added by the builder.
    files: ['out/**/*', 'package.json', '!out/**/*.map'],
    asar: true,
    asarUnpack: [...nativeModules.map((name) => `node_modules/${name}/**`), '**/*.node'],
    // @electron/rebuild (electron-builder's own, "sequential") rebuilds for Electron's ABI at packaging:
    // it takes a prebuilt binary where one exists (better-sqlite3's Electron prebuilds, the Node-API
    // prebuilds of node-hid and bindings-cpp) and compiles only when none does.
    npmRebuild: true,
    nativeRebuilder: 'sequential',
    buildDependenciesFromSource: false,
    electronFuses: {
      // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node that runs any script.
      runAsNode: false,
      // NODE_OPTIONS (--require, --import) would inject code into the main process at start-up.
      enableNodeOptionsEnvironmentVariable: false,
      // --inspect or SIGUSR1 would open a debugger on the process that holds the ledger and the HQ
      // credentials; staff never need one, and an attacker on the station would.
      enableNodeCliInspectArguments: false,
      // The session's cookies are encrypted with the OS keychain, as Chrome does.
      enableCookieEncryption: true,
      // The app refuses an app.asar whose hash differs from the one recorded at signing.
      enableEmbeddedAsarIntegrityValidation: true,
      // Only app.asar is loaded, never a loose app/ folder dropped beside it; with the integrity
      // check above, no unsigned code runs in the main process.
      onlyLoadAppFromAsar: true,
      // grantFileProtocolExtraPrivileges stays at Electron's default while the renderer loads from
      // file:// (main/electron/main.ts); switching to a custom protocol is the hardening issue's job.
    },
    // One channel per folder on the update server (<server>/<channel>/latest.yml), so the same bytes
    // are promoted from pilot/ to stable/ without a rebuild; the file name never follows the version.
    detectUpdateChannel: false,
    generateUpdatesFilesForAllChannels: false,
    // The generic provider uploads nothing: CI keeps dist/ as an artefact and IT copies it to the
    // server. The URL is only the fallback in app-update.yml; the console uses the policy's server.
    // A pinned publisher list here is what app-update.yml carries, whichever signer is used.
    publish: [{ provider: 'generic', url: `${updateUrl}/stable`, channel: 'latest', ...(publisherName?.length ? { publisherName } : {}) }],
    // A tagged release must be signed; MOSTRADOR_ALLOW_UNSIGNED=1 builds unsigned test packages.
    forceCodeSigning: env.MOSTRADOR_ALLOW_UNSIGNED !== '1',

    win: {
      target: [
        { target: 'nsis', arch: ['x64'] },
        { target: 'msi', arch: ['x64'] },
      ],
      // electron-updater refuses a downloaded installer not signed by this publisher (app-update.yml).
      verifyUpdateCodeSignature: true,
      // Signtool signing reads WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD (or CSC_*) and, with no pinned
      // name, takes the publisher from the certificate. Azure and signtool options exclude each other.
      ...(azure ? { azureSignOptions: azure } : publisherName?.length ? { signtoolOptions: { publisherName } } : {}),
    },
    nsis: {
      // Assisted installer for a person, `/S` for deployment tools; one Program Files copy for all staff.
      oneClick: false,
      perMachine: true,
      allowElevation: true,
      allowToChangeInstallationDirectory: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      // The ledger lives in the user-data folder: an uninstall must never delete a store's records.
      deleteAppDataOnUninstall: false,
      runAfterFinish: false,
    },
    msi: {
      oneClick: true,
      perMachine: true,
      // Fixed so every later MSI upgrades this one in place instead of installing beside it.
      upgradeCode: 'e0ea8ac6-a44c-4aad-b012-48430d2458cf',
      createDesktopShortcut: true,
      runAfterFinish: false,
    },

    mac: {
      target: [
        { target: 'dmg', arch: ['x64', 'arm64'] },
        // Squirrel.Mac updates from the zip; the dmg is for a person installing by hand.
        { target: 'zip', arch: ['x64', 'arm64'] },
      ],
      category: 'public.app-category.business',
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/mac/entitlements.mac.plist',
      entitlementsInherit: 'build/mac/entitlements.mac.plist',
      // Credentials come from APPLE_API_KEY/_ID/_ISSUER or APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID.
      notarize: true,
    },

    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      executableName: 'mostrador',
      category: 'Office',
      synopsis: 'Store-operations console',
      maintainer: 'Mostrador <it@mostrador.invalid>',
    },
    deb: {
      // Replaces electron-builder's own postinst, so it repeats that script's steps (see the file).
      afterInstall: 'build/linux/after-install.sh',
      // A conffile under /etc: IT's added scanner vendors survive upgrades (docs/deploy.md).
      fpm: [`${udevRules}=/etc/udev/rules.d/60-mostrador.rules`],
    },
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`electron-builder.ts: ${name} must be set when Azure Trusted Signing is configured`);
  return value;
}

export default createBuilderConfig();
