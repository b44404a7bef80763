// What `npm test` needs from the system, checked before anything else runs: without it the first
// end-to-end test would fail deep inside the run. Plain Node, no dependencies, so .ci/run can call it
// before `npm ci`. The logic takes its environment as arguments; test/unit/check-prerequisites.test.ts
// drives it with a fake PATH and file system.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where test/helpers look for each program; keep in step with chromium.ts, pty-pair.ts and mosquitto.ts. */
const programs = [
  { name: 'Chromium', for: 'the renderer end-to-end tests', paths: (env) => [env.CHROMIUM_PATH ?? '/usr/bin/chromium'], onPath: null },
  { name: 'socat', for: 'serial pty pairs', paths: () => [], onPath: 'socat' },
  { name: 'Mosquitto', for: "the HQ link's broker", paths: () => ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'], onPath: 'mosquitto' },
];

/**
 * The programs that are missing.
 * @param {{ env: Record<string, string | undefined>, platform: string, exists: (file: string) => boolean }} system
 * @returns {{ name: string, for: string }[]}
 */
export function missingPrerequisites({ env, platform, exists }) {
  const separator = platform === 'win32' ? ';' : ':';
  const pathDirs = (env.PATH ?? '').split(separator).filter(Boolean);
  return programs
    .filter((program) => {
      const candidates = [...program.paths(env), ...(program.onPath ? pathDirs.map((dir) => join(dir, program.onPath)) : [])];
      return !candidates.some((file) => exists(file));
    })
    .map((program) => ({ name: program.name, for: program.for }));
}

/**
 * What to tell a person whose machine misses something: what is missing and the one command that
 * installs it. Null when nothing is missing.
 * @param {{ name: string, for: string }[]} missing
 * @param {string} platform
 * @returns {string | null}
 */
export function prerequisitesMessage(missing, platform) {
  if (missing.length === 0) return null;
  const lines = ['npm test needs programs this machine does not have:', ...missing.map((m) => `  - ${m.name} (${m.for})`), ''];
  if (platform === 'darwin') {
    lines.push(
      'Install them with:',
      '  brew install socat mosquitto && brew install --cask chromium',
      'then point the tests at that Chromium:',
      '  export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  } else {
    lines.push('Install them with (Debian, Ubuntu):', `  ${debianInstallCommand}`);
    if (platform === 'win32') lines.push('On Windows, run the tests inside WSL (Debian or Ubuntu): they use Unix ptys.');
  }
  return lines.join('\n');
}

/** The same packages .ci/run installs; README.md gives this command beside `npm test`. */
export const debianInstallCommand = 'sudo apt-get install -y chromium socat mosquitto fonts-dejavu-core';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const message = prerequisitesMessage(missingPrerequisites({ env: process.env, platform: process.platform, exists: existsSync }), process.platform);
  if (message) {
    console.error(message);
    process.exit(1);
  }
  console.log('prerequisites: Chromium, socat and Mosquitto found');
}
