import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TransferInfo } from '../../../main/api/types';
import type { Store } from '../../../main/compose-store';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { checkLedger } from '../../../main/stock/stock-levels';
import { upEvent } from '../../../main/sync/protocol';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { caller, openSmallStore, smallCatalog, staffPins, value } from '../../helpers/small-store';
import { chain, fastLink, linkedSmallStore, startHq } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

// Transfers between stores (issue 13): the document's states, its movements and outbox rows in
// one transaction, and HQ's relay between two real stores on one Mosquitto.

const [oil, rice] = smallCatalog;
const level = (core: Store, sku: string, location: string) => core.services.levels.at(sku, location);
const outboxOf = (core: Store, type: string) =>
  (core.services.db.prepare('SELECT seq, type, payload FROM outbox WHERE type = ? ORDER BY seq').all(type) as { seq: number; type: string; payload: string }[]).map((r) => ({
    seq: r.seq,
    type: r.type,
    data: JSON.parse(r.payload) as Record<string, unknown>,
  }));
const movementCount = (core: Store) => core.services.db.prepare('SELECT COUNT(*) FROM movements').pluck().get() as number;

function stock(core: Store, sku: string, qty: number) {
  core.services.movements.append({ sku, qty, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'marta', station: 'counter-1' });
}

async function signedIn(core: Store, staffId: keyof typeof staffPins) {
  const call = caller(core);
  value(await call('session.signIn', { staffId, pin: staffPins[staffId] }));
  return call;
}

test('a draft takes lines by scan and by SKU, ships once: its stock moves to in_transit with its outbox event in the same transaction', async () => {
  const core = await openSmallStore(join(tempDir(), 'origin.sqlite'));
  try {
    stock(core, oil.sku, 10);
    stock(core, rice.sku, 2);
    const call = await signedIn(core, 'ana');
    const draft = value<TransferInfo>(await call('transfers.create', { to: 'store-b' }));
    assert.equal(draft.state, 'draft');
    assert.equal(draft.owner, 'ana');
    assert.equal((await call('transfers.create', { to: 'test-store' })).ok, false, 'a transfer to the store itself is refused');
    // Two scans of the GTIN and a typed SKU with its quantity.
    await call('transfers.addLine', { transferId: draft.transferId, code: oil.gtin13 });
    await call('transfers.addLine', { transferId: draft.transferId, code: oil.gtin13 });
    let t = value<TransferInfo>(await call('transfers.addLine', { transferId: draft.transferId, code: rice.sku, qty: 3 }));
    assert.deepEqual(t.lines.map((l) => [l.sku, l.qty]), [[oil.sku, 2], [rice.sku, 3]]);

    // An associate may draft but not ship: stock leaving the store is a manager's decision.
    const refused = await call('transfers.ship', { transferId: draft.transferId });
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');

    // Only 2 rice in the back room: the whole shipment is refused, nothing moved, nothing for HQ.
    const before = { movements: movementCount(core), outbox: core.services.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() };
    const short = await call('transfers.ship', { transferId: draft.transferId }, { staffId: 'marta', pin: staffPins.marta });
    assert.equal(!short.ok && short.error.code, 'INSUFFICIENT_STOCK');
    assert.deepEqual({ movements: movementCount(core), outbox: core.services.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() }, before);
    assert.equal(value<TransferInfo>(await call('transfers.detail', { transferId: draft.transferId })).state, 'draft');

    value(await call('transfers.removeLine', { transferId: draft.transferId, sku: rice.sku }));
    const shippedAt = Date.now();
    t = value<TransferInfo>(await call('transfers.ship', { transferId: draft.transferId }, { staffId: 'marta', pin: staffPins.marta }));
    assert.equal(t.state, 'shipped');
    assert.equal(level(core, oil.sku, 'back_room'), 8);
    assert.equal(level(core, oil.sku, 'in_transit'), 2);
    const moved = core.services.db.prepare("SELECT qty, from_loc, to_loc, reason, ref, at FROM movements WHERE ref = ?").all(t.transferId) as { at: string }[];
    assert.equal(moved.length, 1);
    assert.ok(Date.parse(moved[0]!.at) >= shippedAt - 1000, 'dated now, not backdated');
    const shipped = outboxOf(core, 'transfer.shipped');
    assert.equal(shipped.length, 1);
    assert.ok(upEvent.safeParse(shipped[0]).success, 'the outbox event is what the protocol says');
    assert.deepEqual(shipped[0]!.data.lines, [{ sku: oil.sku, qty: 2 }]);
    // The stock movement's own outbox row comes just before the transfer's: one transaction, in order.
    const movementSeq = core.services.db.prepare("SELECT MAX(seq) FROM outbox WHERE type = 'stock.movement'").pluck().get() as number;
    assert.equal(shipped[0]!.seq, movementSeq + 1);

    // A shipped transfer is not a draft any more, and ships only once.
    for (const again of [
      await call('transfers.ship', { transferId: draft.transferId }, { staffId: 'marta', pin: staffPins.marta }),
      await call('transfers.addLine', { transferId: draft.transferId, code: oil.sku }),
      await call('transfers.receive', { transferId: draft.transferId, receiptId: 'receipt-0001', lines: [{ sku: oil.sku, received: 2, damaged: 0, lost: 0 }] }),
    ]) {
      assert.equal(!again.ok && again.error.code, 'TRANSITION_REFUSED');
    }
    assert.equal(outboxOf(core, 'transfer.shipped').length, 1);
    assert.equal(value<{ outgoing: TransferInfo[] }>(await call('transfers.list', {})).outgoing[0]!.state, 'shipped');
  } finally {
    await core.close();
  }
});

let broker: Mosquitto;
let hq: HqSimulator;
before(async () => {
  broker = await startMosquitto();
});
after(async () => {
  await hq?.stop();
  await broker.dispose();
});

test('two stores on one broker: shipped by one, received in two parts (damaged and lost) by the other; HQ relays each message once, and a relayed message applied again moves nothing', async () => {
  const statePath = join(tempDir(), 'hq-state.json');
  hq = await startHq(broker.url, { statePath });
  const origin = await linkedSmallStore({ url: broker.url, chain, store: 'store-a', station: 'counter-1', ...fastLink }, {}, join(tempDir(), 'a.sqlite'));
  const destination = await linkedSmallStore({ url: broker.url, chain, store: 'store-b', station: 'counter-1', ...fastLink }, {}, join(tempDir(), 'b.sqlite'));
  try {
    stock(origin.core, oil.sku, 10);
    stock(origin.core, rice.sku, 10);
    const atOrigin = await signedIn(origin.core, 'marta');
    const atDestination = await signedIn(destination.core, 'ana');
    const draft = value<TransferInfo>(await atOrigin('transfers.create', { to: 'store-b' }));
    await atOrigin('transfers.addLine', { transferId: draft.transferId, code: oil.sku, qty: 5 });
    await atOrigin('transfers.addLine', { transferId: draft.transferId, code: rice.sku, qty: 3 });
    const { transferId } = value<TransferInfo>(await atOrigin('transfers.ship', { transferId: draft.transferId }));

    // HQ tells the destination: it shows the transfer incoming, in transit.
    const incoming = await waitUntil(
      async () => value<{ incoming: TransferInfo[] }>(await atDestination('transfers.list', {})).incoming.find((t) => t.transferId === transferId),
      (t) => t !== undefined,
      { what: 'the destination to hear of the transfer' },
    );
    assert.equal(incoming!.state, 'shipped');
    assert.equal(incoming!.from, 'store-a');
    assert.deepEqual(incoming!.lines.map((l) => [l.sku, l.qty]), [[oil.sku, 5], [rice.sku, 3]]);

    // First part: 2 oil received and 1 damaged; 1 rice lost on the way (a manager's approval: stock written off).
    const part1 = { transferId, receiptId: 'receipt-part-1', lines: [{ sku: oil.sku, received: 2, damaged: 1, lost: 0 }, { sku: rice.sku, received: 0, damaged: 0, lost: 1 }] };
    const unapproved = await atDestination('transfers.receive', part1);
    assert.equal(!unapproved.ok && unapproved.error.code, 'FORBIDDEN');
    let received = value<TransferInfo>(await atDestination('transfers.receive', part1, { staffId: 'marta', pin: staffPins.marta }));
    assert.equal(received.state, 'receiving');
    // The same receipt again (a retry after a lost reply) moves nothing and sends nothing.
    const movementsAfterPart1 = movementCount(destination.core);
    received = value<TransferInfo>(await atDestination('transfers.receive', part1, { staffId: 'marta', pin: staffPins.marta }));
    assert.equal(movementCount(destination.core), movementsAfterPart1);
    assert.equal(outboxOf(destination.core, 'transfer.received').length, 1);
    assert.equal(level(destination.core, oil.sku, 'back_room'), 2);
    assert.equal(level(destination.core, oil.sku, 'damaged'), 1);
    assert.equal(level(destination.core, rice.sku, 'back_room'), 0);
    assert.equal(level(destination.core, rice.sku, 'adjustment'), 1, 'the lost unit is written off at the destination');

    // The origin hears of the part: 3 oil and 1 rice leave in_transit.
    await waitUntil(() => level(origin.core, oil.sku, 'in_transit'), (q) => q === 2, { what: 'the origin to hear of the first receipt' });
    assert.equal(level(origin.core, rice.sku, 'in_transit'), 2);
    assert.equal(value<TransferInfo>(await atOrigin('transfers.detail', { transferId })).state, 'receiving');

    // More than is left is refused; the rest closes it at both ends.
    const over = await atDestination('transfers.receive', { transferId, receiptId: 'receipt-over-1', lines: [{ sku: oil.sku, received: 3, damaged: 0, lost: 0 }] });
    assert.equal(!over.ok && over.error.code, 'INVALID_QUANTITY');
    const closed = value<TransferInfo>(
      await atDestination('transfers.receive', { transferId, receiptId: 'receipt-part-2', lines: [{ sku: oil.sku, received: 2, damaged: 0, lost: 0 }, { sku: rice.sku, received: 2, damaged: 0, lost: 0 }] }),
    );
    assert.equal(closed.state, 'closed');
    assert.deepEqual(closed.lines.map((l) => [l.sku, l.received, l.damaged, l.lost]), [[oil.sku, 4, 1, 0], [rice.sku, 2, 0, 1]]);
    await waitUntil(async () => value<TransferInfo>(await atOrigin('transfers.detail', { transferId })).state, (s) => s === 'closed', { what: 'the origin to close the transfer' });
    assert.equal(level(origin.core, oil.sku, 'in_transit'), 0);
    assert.equal(level(origin.core, rice.sku, 'in_transit'), 0);
    assert.equal(level(origin.core, oil.sku, 'back_room'), 5);
    // Across the chain the other-store account nets to zero: what left one store arrived at the other.
    for (const sku of [oil.sku, rice.sku]) assert.equal(level(origin.core, sku, 'other_store') + level(destination.core, sku, 'other_store'), 0);

    // HQ got each store's transfer events once, and relayed each once.
    await waitUntil(() => hq.store('store-b')?.contiguous, (c) => c === (destination.core.services.db.prepare('SELECT MAX(seq) FROM outbox').pluck().get() as number), { what: 'HQ to have every event of store-b' });
    const relayed = () => ({
      incoming: hq.streamOf('store-b').filter((m) => m.type === 'transfer.incoming').length,
      receipts: hq.streamOf('store-a').filter((m) => m.type === 'transfer.receipt').length,
    });
    assert.deepEqual(relayed(), { incoming: 1, receipts: 2 });

    // HQ restarts with its stream but without its copy of the stores: they send their whole
    // outbox again, and HQ relays nothing twice.
    await hq.stop();
    hq = await startHq(broker.url, { statePath });
    await waitUntil(() => hq.store('store-a')?.contiguous, (c) => c === (origin.core.services.db.prepare('SELECT MAX(seq) FROM outbox').pluck().get() as number), { what: 'the origin to replay its outbox' });
    await waitUntil(() => hq.store('store-b')?.contiguous, (c) => c === (destination.core.services.db.prepare('SELECT MAX(seq) FROM outbox').pluck().get() as number), { what: 'the destination to replay its outbox' });
    assert.deepEqual(relayed(), { incoming: 1, receipts: 2 });

    // A relayed message sent again as a new stream message (another HQ's mistake) moves nothing at either store.
    const originMovements = movementCount(origin.core);
    const destinationMovements = movementCount(destination.core);
    const again = hq.streamOf('store-b').find((m) => m.type === 'transfer.incoming')!;
    const receiptAgain = hq.streamOf('store-a').find((m) => m.type === 'transfer.receipt')!;
    const incomingMessage = hq.send('store-b', { type: 'transfer.incoming', transfer: (again as Extract<typeof again, { type: 'transfer.incoming' }>).transfer });
    const receiptMessage = hq.send('store-a', { type: 'transfer.receipt', receipt: (receiptAgain as Extract<typeof receiptAgain, { type: 'transfer.receipt' }>).receipt });
    await waitUntil(() => destination.sync.link.status().appliedDseq, (d) => d >= incomingMessage.dseq, { what: 'store-b to apply the repeat' });
    await waitUntil(() => origin.sync.link.status().appliedDseq, (d) => d >= receiptMessage.dseq, { what: 'store-a to apply the repeat' });
    const outcome = (core: Store, id: string) => core.services.db.prepare('SELECT outcome FROM inbox WHERE id = ?').pluck().get(id) as string;
    assert.match(outcome(destination.core, incomingMessage.id), /^duplicate/);
    assert.match(outcome(origin.core, receiptMessage.id), /^duplicate/);
    assert.equal(movementCount(origin.core), originMovements);
    assert.equal(movementCount(destination.core), destinationMovements);
    for (const core of [origin.core, destination.core]) assert.equal(checkLedger(core.services.db).ok, true);
  } finally {
    await origin.core.close();
    await destination.core.close();
  }
});
