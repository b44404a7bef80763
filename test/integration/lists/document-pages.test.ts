import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChannelReturnInfo, CountInfo, DocumentCursor, ReceiptSummary, TransferInfo, TransferLists } from '../../../main/api/types';
import { caller, openSmallStore, value } from '../../helpers/small-store';

// The document lists (issue 13: "long lists are virtualised and paged by index"): receipts, counts,
// transfers and returns page newest first by keyset on (date, id). Three documents share each
// second, so the id breaks ties; walking every page must give each seeded document exactly once,
// in order, whatever the page size.

const seeded = 300;
const base = Date.parse('2026-01-01T08:00:00.000Z');
/** Document i's date: three to a second, so pages end inside a run of equal dates. */
const dateOf = (i: number) => new Date(base + Math.floor(i / 3) * 1000).toISOString();
/** Ids in an order unrelated to their dates, so the tie-break is really by id. */
const idOf = (prefix: string, i: number) => `${prefix}-${String((i * 7919) % 1000).padStart(4, '0')}-${i}`;

async function walk<T>(pageSize: number, read: (before: DocumentCursor | undefined) => Promise<T[]>, cursorOf: (item: T) => DocumentCursor): Promise<T[]> {
  const all: T[] = [];
  let before: DocumentCursor | undefined;
  for (;;) {
    const page = await read(before);
    assert.ok(page.length <= pageSize);
    all.push(...page);
    if (page.length < pageSize) return all;
    before = cursorOf(page[page.length - 1]!);
  }
}

/** Every seeded document once, newest first by (date, id). */
function assertWholeAndOrdered(found: DocumentCursor[], prefix: string) {
  const expected = Array.from({ length: seeded }, (_, i) => ({ at: dateOf(i), id: idOf(prefix, i) })).sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1,
  );
  assert.equal(new Set(found.map((c) => c.id)).size, found.length, 'no document twice');
  assert.deepEqual(found, expected, 'every document, newest first, none missing');
}

test('receipts, counts, transfers and returns page through 300 documents each with no repeats or gaps', async () => {
  const core = await openSmallStore();
  const call = caller(core);
  try {
    const { db } = core.services;
    db.transaction(() => {
      const receipt = db.prepare("INSERT INTO receipts (id, supplier, owner, station, state, opened_at) VALUES (?, 'Acme', 'ana', 'till-1', ?, ?)");
      const count = db.prepare("INSERT INTO stock_counts (count_id, location, scope, origin, owner, status, created_at) VALUES (?, 'back_room', 'skus', 'manual', 'ana', ?, ?)");
      const transfer = db.prepare(
        "INSERT INTO transfers (id, direction, origin_store, destination_store, location, state, owner, created_at) VALUES (?, ?, 'S1', 'S2', 'back_room', 'draft', 'ana', ?)",
      );
      const channelReturn = db.prepare(
        "INSERT INTO channel_returns (return_id, order_id, channel, at, staff, station, state, refund_method, amount_cents) VALUES (?, 'W-1', 'home-delivery', ?, 'ana', 'till-1', 'settled', 'cash', 0)",
      );
      for (let i = 0; i < seeded; i += 1) {
        receipt.run(idOf('R', i), i % 2 === 0 ? 'open' : 'paused', dateOf(i));
        count.run(idOf('C', i), i % 2 === 0 ? 'counting' : 'review', dateOf(i));
        transfer.run(idOf('T', i), 'outgoing', dateOf(i));
        transfer.run(idOf('I', i), 'incoming', dateOf(i));
        channelReturn.run(idOf('X', i), dateOf(i));
      }
      // Closed receipts are not in progress: the paged list leaves them out, as the whole one does.
      receipt.run('R-closed', 'closed', dateOf(seeded));
    })();
    core.services.session.signIn({ id: 'marta', name: 'Marta', role: 'manager' });
    const from = (before: DocumentCursor | undefined) => (before === undefined ? {} : { before });

    for (const pageSize of [1, 37, 200]) {
      const receipts = await walk(
        pageSize,
        async (before) => value<{ receipts: ReceiptSummary[] }>(await call('receiving.list', { limit: pageSize, ...from(before) })).receipts,
        (r) => ({ at: r.openedAt, id: r.id }),
      );
      assertWholeAndOrdered(
        receipts.map((r) => ({ at: r.openedAt, id: r.id })),
        'R',
      );

      const counts = await walk(
        pageSize,
        async (before) => value<CountInfo[]>(await call('counts.list', { limit: pageSize, ...from(before) })),
        (c) => ({ at: c.createdAt, id: c.countId }),
      );
      assertWholeAndOrdered(
        counts.map((c) => ({ at: c.createdAt, id: c.countId })),
        'C',
      );

      for (const [direction, prefix] of [
        ['outgoing', 'T'],
        ['incoming', 'I'],
      ] as const) {
        const transfers = await walk(
          pageSize,
          async (before) => {
            const lists = value<TransferLists>(await call('transfers.list', { direction, limit: pageSize, ...from(before) }));
            assert.equal(lists[direction === 'outgoing' ? 'incoming' : 'outgoing'].length, 0, 'one direction a page');
            return lists[direction];
          },
          (t: TransferInfo) => ({ at: t.createdAt, id: t.transferId }),
        );
        assertWholeAndOrdered(
          transfers.map((t) => ({ at: t.createdAt, id: t.transferId })),
          prefix,
        );
      }

      const returns = await walk(
        pageSize,
        async (before) => value<ChannelReturnInfo[]>(await call('returns.list', { limit: pageSize, ...from(before) })),
        (r) => ({ at: r.at, id: r.returnId }),
      );
      assertWholeAndOrdered(
        returns.map((r) => ({ at: r.at, id: r.returnId })),
        'X',
      );
    }

    // A status filter pages too: only the counts under review, every one once.
    const inReview = await walk(
      40,
      async (before) => value<CountInfo[]>(await call('counts.list', { status: 'review', limit: 40, ...from(before) })),
      (c) => ({ at: c.createdAt, id: c.countId }),
    );
    assert.equal(inReview.length, seeded / 2);
    assert.ok(inReview.every((c) => c.status === 'review'));

    // Without `limit`, callers still get the lists as before.
    assert.equal(value<{ receipts: ReceiptSummary[] }>(await call('receiving.list', {})).receipts.length, seeded);
    assert.equal(value<TransferLists>(await call('transfers.list', {})).outgoing.length, 200);
    assert.equal(value<ChannelReturnInfo[]>(await call('returns.list', {})).length, 50);
  } finally {
    await core.close();
  }
});
