import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntryDetail, AuditRow } from '../../../main/api/types';
import { seedAuditEntries } from '../../helpers/audit-seed';
import { caller, openSmallStore, value } from '../../helpers/small-store';

// The audit log viewer's reads (issue 15): keyset pages by id under each filter, every page an
// index walk (so page 1,000 costs what page 1 does), and managers and admins only.

test('the audit log pages newest first by id under member, approver, procedure, document and date filters', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  try {
    const { db } = core.services;
    seedAuditEntries(db, 50_000);
    core.services.session.signIn({ id: 'marta', name: 'Marta', role: 'manager' });

    // Every page of one member's entries, 200 at a time, joined: exactly that member's rows, in id order, none twice.
    const pablo: AuditRow[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = value<AuditRow[]>(await call('audit.list', { staff: 'pablo', limit: 200, ...(cursor ? { before: cursor } : {}) }));
      pablo.push(...page);
      if (page.length < 200) break;
      cursor = page[page.length - 1]!.id;
    }
    assert.equal(pablo.length, 12_500);
    assert.ok(pablo.every((row, i) => row.staff === 'pablo' && (i === 0 || row.id < pablo[i - 1]!.id)));

    const approved = value<AuditRow[]>(await call('audit.list', { approvedBy: 'marta', command: 'orders.pick', limit: 50 }));
    assert.equal(approved.length, 50);
    assert.ok(approved.every((r) => r.approvedBy === 'marta' && r.command === 'orders.pick'));

    const oneOrder = value<AuditRow[]>(await call('audit.list', { document: 'W-42', limit: 200 }));
    assert.equal(oneOrder.length, 50, 'W-42 is named by every 1,000th seeded entry');

    // A date range: the seeded entries are a second apart, so ten seconds hold ten of them.
    const newest = value<AuditRow[]>(await call('audit.list', { limit: 1 }))[0]!;
    const to = new Date(Date.parse(newest.at) - 99_500).toISOString();
    const from = new Date(Date.parse(newest.at) - 109_500).toISOString();
    const inRange = value<AuditRow[]>(await call('audit.list', { from, to, limit: 200 }));
    assert.equal(inRange.length, 10);
    assert.ok(inRange.every((r) => r.at >= from && r.at < to));

    // Opening an entry gives its input, and is itself on the log.
    const opened = value<AuditEntryDetail>(await call('audit.entry', { id: oneOrder[0]!.id }));
    assert.deepEqual(JSON.parse(opened.input), { orderId: 'W-42' });
    const last = db.prepare('SELECT command, staff FROM audit_log ORDER BY id DESC LIMIT 1').get();
    assert.deepEqual(last, { command: 'audit.entry', staff: 'marta' });

    // Each filter's page walks an index, never the table.
    for (const column of ['staff', 'approved_by', 'command', 'document']) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE id < 1000000 AND id >= 0 AND ${column} = 'x' ORDER BY id DESC LIMIT 100`).all() as { detail: string }[];
      const details = plan.map((p) => p.detail).join(' | ');
      assert.match(details, /USING (COVERING )?INDEX audit_by_/, `${column}: ${details}`);
      assert.doesNotMatch(details, /USE TEMP B-TREE/, `${column}: ${details}`);
    }

    // An associate or a pickup clerk may not read the log at all.
    core.services.session.signIn({ id: 'ana', name: 'Ana', role: 'associate' });
    const refused = await call('audit.list', { limit: 10 });
    assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');
  } finally {
    await core.close();
  }
});
