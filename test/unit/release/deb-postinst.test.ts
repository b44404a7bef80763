// Runs the deb's postinst under sh with every system command it calls replaced by a fake, to prove
// whom it adds to the device groups and that a second run (an upgrade) changes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../helpers/temp-dir';

const script = resolve(import.meta.dirname, '../../../build/linux/after-install.sh');

const fakes: Record<string, string> = {
  getent: `case "$1" in
  passwd) if [ -n "$2" ]; then grep "^[^:]*:[^:]*:$2:" "$STATE/passwd"; else cat "$STATE/passwd"; fi ;;
  group) exit 0 ;;
esac`,
  id: `if [ "$1" = -nG ]; then echo "$2 $(grep "^$2 " "$STATE/groups" | cut -d' ' -f2 | tr '\\n' ' ')"; exit 0; fi
grep -q "^$1:" "$STATE/passwd"`,
  usermod: `echo "$4 $3" >> "$STATE/groups"; echo "$4 $3" >> "$STATE/added"`,
  apparmor_status: 'exit 1',
  ...Object.fromEntries(
    ['groupadd', 'update-alternatives', 'ln', 'rm', 'chmod', 'cp', 'readlink', 'unshare', 'udevadm', 'update-mime-database', 'update-desktop-database'].map((name) => [name, 'exit 0']),
  ),
};

test('the postinst adds the desktop users and the installing admin to dialout and lp, once', { skip: process.platform === 'win32' ? 'needs a POSIX sh' : false }, () => {
  const dir = tempDir();
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const [name, body] of Object.entries(fakes)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(
    join(dir, 'passwd'),
    [
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'admin:x:900:900:IT:/home/admin:/bin/bash',
      'ana:x:1000:1000:Ana:/home/ana:/bin/bash',
      'kiosk:x:1001:1001:Counter:/home/kiosk:/bin/bash',
      'backup:x:1002:1002:Backups:/var/backups:/usr/sbin/nologin',
    ].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'groups'), 'kiosk dialout\n');
  // The placeholders electron-builder fills in, filled in the same way.
  const postinst = join(dir, 'postinst');
  writeFileSync(postinst, readFileSync(script, 'utf8').replaceAll('${sanitizedProductName}', 'Mostrador').replaceAll('${executable}', 'mostrador'));

  const run = () => spawnSync('sh', [postinst], { env: { PATH: `${bin}:/usr/bin:/bin`, STATE: dir, SUDO_USER: 'admin' }, encoding: 'utf8' });
  const first = run();
  assert.equal(first.status, 0, first.stderr);
  const added = () => readFileSync(join(dir, 'added'), 'utf8').trim().split('\n').sort();
  assert.deepEqual(added(), ['admin dialout', 'admin lp', 'ana dialout', 'ana lp', 'kiosk lp']);
  assert.match(first.stdout, /added ana to dialout \(takes effect at the next login\)/);

  const second = run();
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual(added(), ['admin dialout', 'admin lp', 'ana dialout', 'ana lp', 'kiosk lp'], 'an upgrade adds nobody again');
});
