// `node test/security/electronegativity-check.mjs`: Electronegativity over what
// ships (the built out/) and over the Electron sources; fails on any HIGH
// finding that is not waived below with its reason, on a waiver that no longer
// matches anything, and on a built file the scanner could not parse.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const root = fileURLToPath(new URL('../../', import.meta.url));
const electronVersion = JSON.parse(readFileSync(`${root}node_modules/electron/package.json`, 'utf8')).version;

/**
 * Each waiver names the check, the file (as the scanner reports it, relative to
 * the scanned folder) and a fragment of the flagged code, and says why it is safe.
 */
const waivers = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: /^(main\/index\.js|secure-window\.ts)$/,
    sample: 'new BrowserWindow(',
    reason:
      'webPreferences come from secureWebPreferences() (contextIsolation: true), which the scanner cannot follow; ' +
      'test/unit/electron/window-policy.test.ts "the real window: isolated, sandboxed…" asserts the options the real window gets.',
  },
];

// The built tree holds main, preload and renderer together, as the global checks
// (navigation limits, permission handler, CSP) need. The sources are scanned too,
// so a finding points at a TypeScript line; preload alone would trip those global
// checks for want of main, and its built form is in out/.
const scans = [
  { input: `${root}out`, label: 'out/ (built)', mustParse: true },
  { input: `${root}main/electron`, label: 'main/electron/ (sources)', mustParse: false },
];

if (!existsSync(`${root}out/main/index.js`)) {
  console.error('out/ is missing: run `npx electron-vite build` first.');
  process.exit(2);
}

const problems = [];
const used = new Set();
for (const scan of scans) {
  const { issues, errors } = await run({
    input: scan.input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    // Asks GitHub for Electron's releases: needs the network, and release currency is the update pipeline's job.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  for (const error of errors) {
    const line = `${scan.label}: could not parse ${error.file}: ${error.message}`;
    if (scan.mustParse && !error.tolerable) problems.push(line);
    else console.warn(`note: ${line}`);
  }
  for (const issue of issues) {
    const where = `${scan.label} ${issue.file}:${issue.location.line}`;
    const sample = String(issue.sample ?? '');
    if (issue.severity.name !== 'HIGH') {
      console.log(`${issue.severity.name.padEnd(13)} ${issue.id} ${where}`);
      continue;
    }
    const waiver = waivers.find((w) => w.check === issue.id && w.file.test(issue.file) && sample.includes(w.sample));
    if (waiver) {
      used.add(waiver);
      console.log(`HIGH (waived) ${issue.id} ${where}: ${waiver.reason}`);
    } else {
      problems.push(`HIGH ${issue.id} ${where}: ${issue.description}\n    ${sample.split('\n')[0]}`);
    }
  }
}
for (const waiver of waivers) if (!used.has(waiver)) problems.push(`stale waiver: ${waiver.check} ${waiver.file} no longer matches; remove it`);

if (problems.length > 0) {
  console.error(`\nElectronegativity: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`\nElectronegativity: no unwaived HIGH findings (Electron ${electronVersion}).`);
