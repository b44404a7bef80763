import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ApiError } from '../../../main/api/result';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

// SQLite's max_page_count caps this connection's ledger at its present size: the
// same SQLITE_FULL a full disk gives, without root and without filling a real disk.
test('a full disk refuses commands with DISK_FULL, the console keeps answering, and nothing acknowledged is lost', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  const logged: Record<string, unknown>[] = [];
  const core = await openSmallStore(file, { log: (entry) => logged.push(entry) });
  const call = caller(core);
  value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
  const { db } = core.services;
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);

  let acknowledged = 0;
  let refusal: ApiError | null = null;
  for (let i = 0; i < 10_000 && refusal === null; i++) {
    const result = await call('stock.receive', { sku: 'SKU-OIL', qty: 1, ref: `ASN-${i}-`.padEnd(128, 'x') });
    if (result.ok) acknowledged++;
    else refusal = result.error;
  }
  assert.ok(refusal, 'the capped ledger filled up');
  assert.equal(refusal.code, 'DISK_FULL', refusal.message);
  assert.match(refusal.message, /Disk full: nothing was saved/);
  assert.ok(logged.some((e) => e.level === 'error' && e.code === 'DISK_FULL'), 'the log says the disk is full');

  // Still full: each refusal's own audit row takes what space is left until even that cannot be
  // written. Every later command is refused the same way, and reading still works.
  for (let i = 0; i < 100; i++) {
    const again = await call('stock.adjust', { sku: 'SKU-RICE', qty: 3, location: 'back_room', reason: 'found' });
    assert.equal(again.ok === false && again.error.code, 'DISK_FULL', `attempt ${i}`);
  }
  assert.ok(logged.some((e) => e.msg === 'refusal not audited' && e.code === 'DISK_FULL'), 'a refusal that could not be audited is logged');
  const stored = () => db.prepare("SELECT qty FROM stock_levels WHERE sku = 'SKU-OIL' AND location = 'back_room'").pluck().get();
  assert.equal(stored(), acknowledged);
  assert.ok((await call('catalog.lookup', { code: '8412345000010' })).ok, 'queries still answer');

  // Space is freed: commands work again.
  db.pragma('max_page_count = 1073741823');
  value(await call('stock.receive', { sku: 'SKU-OIL', qty: 1, ref: 'after-space-freed' }));
  core.close();

  const reopened = openLedger(file);
  const qty = reopened.prepare("SELECT qty FROM stock_levels WHERE sku = 'SKU-OIL' AND location = 'back_room'").pluck().get();
  const movements = reopened.prepare("SELECT COUNT(*) FROM movements WHERE sku = 'SKU-OIL'").pluck().get();
  reopened.close();
  assert.deepEqual([qty, movements], [acknowledged + 1, acknowledged + 1], 'every acknowledged receipt is on disk');
});
