import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createFileLog } from '../../../main/electron/file-log';
import { createRotatingFile } from '../../../main/electron/rotating-file';
import { tempDir } from '../../helpers/temp-dir';

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

test('the file rolls before a line would pass the limit, and keeps N generations', () => {
  const dir = tempDir();
  const file = createRotatingFile({ dir, name: 'main', maxBytes: 100, keep: 2 });
  const line = (n: number) => `${String(n).padStart(9, '0')}\n`; // 10 bytes
  for (let n = 0; n < 45; n++) file.write(line(n));
  file.close();
  assert.deepEqual(readdirSync(dir).sort(), ['main.1.log', 'main.2.log', 'main.log']);
  for (const name of ['main.1.log', 'main.2.log']) assert.equal(statSync(join(dir, name)).size, 100);
  // Oldest dropped; the newest lines are in the live file, whole lines only.
  assert.deepEqual(lines(join(dir, 'main.2.log')), Array.from({ length: 10 }, (_, i) => line(20 + i).trim()));
  assert.deepEqual(lines(join(dir, 'main.1.log')), Array.from({ length: 10 }, (_, i) => line(30 + i).trim()));
  assert.deepEqual(lines(join(dir, 'main.log')), Array.from({ length: 5 }, (_, i) => line(40 + i).trim()));
});

test('an existing log is appended to, and rolled when it is already at the limit', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'main.log'), 'x'.repeat(99) + '\n');
  const file = createRotatingFile({ dir, name: 'main', maxBytes: 100, keep: 1 });
  assert.deepEqual(file.files(), [join(dir, 'main.log')]);
  file.write('new\n');
  file.close();
  assert.equal(readFileSync(join(dir, 'main.1.log'), 'utf8'), 'x'.repeat(99) + '\n');
  assert.equal(readFileSync(join(dir, 'main.log'), 'utf8'), 'new\n');
});

test('a line longer than the limit is written whole to its own file', () => {
  const dir = tempDir();
  const file = createRotatingFile({ dir, name: 'main', maxBytes: 10, keep: 3 });
  file.write('short\n');
  file.write('a line far longer than ten bytes\n');
  file.write('next\n');
  file.close();
  assert.equal(readFileSync(join(dir, 'main.1.log'), 'utf8'), 'a line far longer than ten bytes\n');
  assert.equal(readFileSync(join(dir, 'main.2.log'), 'utf8'), 'short\n');
});

test('log lines are JSON with a level word, an ISO time and the message, plus the context fields', () => {
  const dir = tempDir();
  const log = createFileLog(dir);
  log({ level: 'warn', msg: 'no HQ broker configured', store: 'madrid-01' });
  log({ level: 'error', msg: 'core call threw', error: 'Error: boom' });
  log({ level: 'nonsense', msg: 'unknown levels become info' });
  log.close();
  const entries = lines(join(dir, 'main.log')).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    entries.map((e) => [e.level, e.msg]),
    [
      ['warn', 'no HQ broker configured'],
      ['error', 'core call threw'],
      ['info', 'unknown levels become info'],
    ],
  );
  assert.equal(entries[0]!.store, 'madrid-01');
  for (const e of entries) assert.ok(!Number.isNaN(Date.parse(String(e.time))) && String(e.time).endsWith('Z'));
});

test('secrets are redacted at the top level and nested; file names are kept', () => {
  const dir = tempDir();
  const log = createFileLog(dir);
  log({
    level: 'info',
    msg: 'hq link configured',
    password: 'hunter2-top',
    pin: '4444',
    token: 'tok-abc',
    hq: { username: 'acme', password: 'hunter2-nested', passwordFile: '/etc/mostrador/hq-password', key: '-----BEGIN PRIVATE KEY-----' },
    request: { approval: { staffId: 'marta', pin: '3333' } },
    deep: { a: { b: { secret: 's3cr3t' } } },
  });
  log.close();
  const text = readFileSync(join(dir, 'main.log'), 'utf8');
  for (const secret of ['hunter2-top', 'hunter2-nested', '4444', '3333', 'tok-abc', 'BEGIN PRIVATE KEY', 's3cr3t']) {
    assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  }
  const entry = JSON.parse(text) as { hq: Record<string, unknown>; request: { approval: Record<string, unknown> } };
  assert.equal(entry.hq.passwordFile, '/etc/mostrador/hq-password');
  assert.equal(entry.hq.username, 'acme');
  assert.equal(entry.hq.password, '[redacted]');
  assert.equal(entry.request.approval.staffId, 'marta');
});

test('the pino log rolls at its size limit and keeps the configured generations', () => {
  const dir = tempDir();
  const log = createFileLog(dir, { maxBytes: 2_000, keep: 3 });
  for (let i = 0; i < 200; i++) log({ level: 'info', msg: `scan ${i}`, sku: 'SKU-OIL' });
  log.close();
  assert.deepEqual(readdirSync(dir).sort(), ['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
  for (const name of readdirSync(dir)) {
    assert.ok(statSync(join(dir, name)).size <= 2_000);
    for (const l of lines(join(dir, name))) assert.equal((JSON.parse(l) as { sku: string }).sku, 'SKU-OIL');
  }
  assert.equal(log.files().length, 4);
  assert.match(lines(join(dir, 'main.log')).at(-1)!, /"msg":"scan 199"/);
});
