import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Store as StoreCore } from '../../../main/compose-store';
import { startTillEndpoint, type TillEndpoint } from '../../../main/tills/till-endpoint';
import { tillReplySchema, type TillReply } from '../../../main/tills/till-receipt';
import { ledgerFootprint, openSmallStore, smallCatalog } from '../../helpers/small-store';

// The till interface over real HTTP on loopback, against a real ledger file.

let core: StoreCore;
let endpoint: TillEndpoint;
let token: string;
const logs: Record<string, unknown>[] = [];

const floor = (sku: string) => core.services.levels.summary(sku).byLocation.find((l) => l.location === 'sales_floor')!.qty;
const customer = (sku: string) =>
  (core.services.db.prepare("SELECT qty FROM stock_levels WHERE sku = ? AND location = 'customer'").pluck().get(sku) as number | undefined) ?? 0;

async function post(body: unknown, auth: string | null = token, contentType = 'application/json'): Promise<{ status: number; reply: TillReply }> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: { ...(auth === null ? {} : { authorization: `Bearer ${auth}` }), 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json: unknown = await response.json();
  // Every answer is in the published reply schema (docs/schemas/till-reply.schema.json).
  return { status: response.status, reply: tillReplySchema.parse(json) };
}

const receipt = (receiptId: string, lines: unknown[], till = 'till-1') => ({ receiptId, till, at: '2026-03-02T09:15:00+01:00', lines });
const errorOf = (reply: TillReply) => {
  assert.equal(reply.ok, false, JSON.stringify(reply));
  return (reply as Extract<TillReply, { ok: false }>).error;
};

before(async () => {
  core = await openSmallStore();
  for (const p of smallCatalog) core.services.movements.append({ sku: p.sku, qty: 10, from: 'supplier', to: 'sales_floor', reason: 'receipt', staff: 'marta', station: 'counter-1' });
  token = core.services.tills.credentials.issue('till-1', 'root').token;
  endpoint = await startTillEndpoint({
    sales: core.services.tills.sales,
    credentials: core.services.tills.credentials,
    host: '127.0.0.1',
    port: 0,
    log: (entry) => logs.push(entry),
  });
});

after(async () => {
  await endpoint.close();
  core.close();
});

test('a till sale posted twice with the same receipt id moves stock once, dated when applied, with its outbox rows', async () => {
  const heard: string[][] = [];
  const unsubscribe = core.api.subscribe((e) => e.event === 'stock.changed' && heard.push(e.payload.skus));
  const before = ledgerFootprint(core);
  const sale = receipt('R-1001', [
    { type: 'sale', gtin: smallCatalog[0].gtin13, qty: 2 },
    { type: 'sale', sku: 'SKU-RICE', qty: 1 },
  ]);
  const sentAt = Date.now();
  const first = await post(sale);
  const answeredAt = Date.now();
  assert.equal(first.status, 200);
  assert.ok(first.reply.ok);
  assert.equal(first.reply.alreadyApplied, false);
  assert.deepEqual(
    first.reply.movements.map((m) => [m.sku, m.qty, m.from, m.to]),
    [
      ['SKU-OIL', 2, 'sales_floor', 'customer'],
      ['SKU-RICE', 1, 'sales_floor', 'customer'],
    ],
  );
  const again = await post(sale);
  assert.equal(again.status, 200);
  assert.ok(again.reply.ok);
  assert.equal(again.reply.alreadyApplied, true);
  assert.deepEqual(again.reply.movements, first.reply.movements, 'the same result as the first time');
  unsubscribe();

  assert.equal(floor('SKU-OIL'), 8);
  assert.equal(floor('SKU-RICE'), 9);
  const after = ledgerFootprint(core);
  assert.equal(after.movements - before.movements, 2);
  assert.equal(after.outbox - before.outbox, 2, 'each movement has its outbox row');
  assert.deepEqual(heard, [['SKU-OIL', 'SKU-RICE']], 'screens hear the SKUs once');
  // The till's time is kept as data; the movement is dated when the store applied it, never backdated.
  const row = core.services.db.prepare("SELECT receipt_at, applied_at FROM till_receipts WHERE receipt_id = 'R-1001'").get() as { receipt_at: string; applied_at: string };
  assert.equal(row.receipt_at, '2026-03-02T09:15:00+01:00');
  const movement = core.services.movements.history('SKU-OIL', 1)[0]!;
  // Both the movement and the receipt's record carry the moment the store applied it: within the
  // request, whatever time the till wrote (the movement ledger and the record each read the clock).
  for (const at of [movement.at, row.applied_at]) {
    assert.ok(Date.parse(at) >= sentAt && Date.parse(at) <= answeredAt, `${at} lies within the request`);
  }
  assert.deepEqual([movement.staff, movement.reason, movement.ref], ['till:till-1', 'till-sale', 'till:till-1:R-1001']);
  assert.ok(logs.some((l) => l.msg === 'till receipt already applied' && l.receiptId === 'R-1001'));

  // The same receipt id with other lines is a conflict, not a second sale.
  const changed = await post(receipt('R-1001', [{ type: 'sale', sku: 'SKU-RICE', qty: 5 }]));
  assert.equal(changed.status, 409);
  assert.equal(errorOf(changed.reply).code, 'RECEIPT_CONFLICT');
  assert.equal(floor('SKU-RICE'), 9);
});

test('a receipt without a token, with a revoked one, or for another till is refused, logged, and moves nothing', async () => {
  const before = ledgerFootprint(core);
  const sale = receipt('R-2001', [{ type: 'sale', sku: 'SKU-SOAP', qty: 1 }]);

  const none = await post(sale, null);
  assert.equal(none.status, 401);
  assert.equal(errorOf(none.reply).code, 'UNAUTHORIZED');
  const wrong = await post(sale, 'mtill_not-a-token-anyone-was-given');
  assert.equal(wrong.status, 401);

  const other = core.services.tills.credentials.issue('till-2', 'root').token;
  const mismatch = await post(sale, other);
  assert.equal(mismatch.status, 403);
  assert.equal(errorOf(mismatch.reply).code, 'WRONG_TILL');

  core.services.tills.credentials.revoke('till-2', 'root');
  const revoked = await post(receipt('R-2001', [{ type: 'sale', sku: 'SKU-SOAP', qty: 1 }], 'till-2'), other);
  assert.equal(revoked.status, 401);
  assert.equal(errorOf(revoked.reply).code, 'UNAUTHORIZED');

  // Issuing again gives a new token; the old one stays dead.
  const renewed = core.services.tills.credentials.issue('till-2', 'root').token;
  assert.notEqual(renewed, other);
  assert.equal((await post(receipt('R-2002', [{ type: 'sale', sku: 'SKU-SOAP', qty: 1 }], 'till-2'), other)).status, 401);

  assert.deepEqual(ledgerFootprint(core), before);
  assert.ok(logs.some((l) => l.msg === 'till receipt refused' && l.code === 'UNAUTHORIZED'));
  // Only hashes are kept.
  const stored = core.services.db.prepare('SELECT token_hash FROM till_credentials').pluck().all() as string[];
  assert.ok(stored.every((hash) => /^[0-9a-f]{64}$/.test(hash) && hash !== renewed));
});

test('a malformed, oversized or non-JSON body gets a typed error saying where, and moves nothing', async () => {
  const before = ledgerFootprint(core);
  const notJson = await post('{"receiptId": ');
  assert.equal(notJson.status, 400);
  assert.equal(errorOf(notJson.reply).code, 'MALFORMED');

  const bad = await post({ receiptId: 'R-3001', till: 'till-1', at: 'yesterday', lines: [{ type: 'sale', sku: 'SKU-OIL', gtin: '8412345000010', qty: 0 }] });
  assert.equal(bad.status, 400);
  const error = errorOf(bad.reply);
  assert.equal(error.code, 'MALFORMED');
  const paths = (error.issues ?? []).map((i) => i.path);
  assert.ok(paths.includes('at'), JSON.stringify(error));
  assert.ok(paths.some((p) => p.startsWith('lines.0')), JSON.stringify(error));

  const empty = await post(receipt('R-3002', []));
  assert.equal(errorOf(empty.reply).code, 'MALFORMED');

  const text = await post(receipt('R-3003', [{ type: 'sale', sku: 'SKU-OIL', qty: 1 }]), token, 'text/plain');
  assert.equal(text.status, 415);

  const huge = await post(receipt('R-3004', Array.from({ length: 3000 }, () => ({ type: 'sale', sku: 'SKU-OIL', qty: 1 }))));
  assert.equal(huge.status, 413);
  assert.equal(errorOf(huge.reply).code, 'TOO_LARGE');

  assert.deepEqual(ledgerFootprint(core), before);
  assert.ok(logs.some((l) => l.msg === 'till receipt refused' && l.code === 'MALFORMED'));
});

test('a return line puts the item back on the sales floor', async () => {
  const floorBefore = floor('SKU-SOAP');
  const customerBefore = customer('SKU-SOAP');
  const back = await post(receipt('R-4001', [{ type: 'return', gtin: smallCatalog[2].gtin13, qty: 1 }]));
  assert.equal(back.status, 200);
  assert.ok(back.reply.ok);
  assert.deepEqual(back.reply.movements.map((m) => [m.sku, m.qty, m.from, m.to, m.reason]), [['SKU-SOAP', 1, 'customer', 'sales_floor', 'till-return']]);
  assert.equal(floor('SKU-SOAP'), floorBefore + 1);
  assert.equal(customer('SKU-SOAP'), customerBefore - 1);
});

test('a receipt naming an unknown SKU or GTIN is refused whole with the lines at fault, and applies once the catalog has them', async () => {
  const before = ledgerFootprint(core);
  const lines = [
    { type: 'sale', sku: 'SKU-OIL', qty: 1 },
    { type: 'sale', sku: 'SKU-NEW', qty: 1 },
    { type: 'sale', gtin: '4006381333931', qty: 1 },
  ];
  const refused = await post(receipt('R-5001', lines));
  assert.equal(refused.status, 422);
  const error = errorOf(refused.reply);
  assert.equal(error.code, 'UNKNOWN_ITEMS');
  assert.deepEqual(
    error.lines?.map((l) => [l.line, l.code]),
    [
      [1, 'UNKNOWN_SKU'],
      [2, 'UNKNOWN_GTIN'],
    ],
  );
  assert.deepEqual(ledgerFootprint(core), before, 'not even the known line moved');

  // The catalog learns both products; the till posts the same receipt again and it applies.
  core.services.catalog.upsertProducts(
    [
      { sku: 'SKU-NEW', name: 'Nuevo', brand: 'Marca', category: 'Test', unit: 'each', priceCents: 100, taxRateBp: 1000, active: true },
      { sku: 'SKU-GTIN', name: 'Con GTIN', brand: 'Marca', category: 'Test', unit: 'each', priceCents: 100, taxRateBp: 1000, active: true },
    ],
    [{ code: '04006381333931', sku: 'SKU-GTIN', kind: 'gtin' }],
  );
  const applied = await post(receipt('R-5001', lines));
  assert.equal(applied.status, 200);
  assert.ok(applied.reply.ok);
  // Nothing of the new products was on the floor: the sale happened, so the shortfall is written in as found first.
  assert.deepEqual(
    applied.reply.movements.map((m) => [m.sku, m.from, m.to, m.reason]),
    [
      ['SKU-OIL', 'sales_floor', 'customer', 'till-sale'],
      ['SKU-NEW', 'adjustment', 'sales_floor', 'till-shortfall'],
      ['SKU-NEW', 'sales_floor', 'customer', 'till-sale'],
      ['SKU-GTIN', 'adjustment', 'sales_floor', 'till-shortfall'],
      ['SKU-GTIN', 'sales_floor', 'customer', 'till-sale'],
    ],
  );
  assert.equal(floor('SKU-NEW'), 0);
});

test('anything but POST to the receipts path is refused', async () => {
  const got = await fetch(endpoint.url, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(got.status, 405);
  const elsewhere = await fetch(endpoint.url.replace('/till/v1/receipts', '/admin'), { method: 'POST' });
  assert.equal(elsewhere.status, 404);
});

test('a store composed with its till endpoint names it from the moment it opens, and closing the store closes it', async () => {
  const store = await openSmallStore(undefined, { tillEndpoint: { host: '127.0.0.1', port: 0 } });
  const url = store.tillEndpoint?.url;
  try {
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/till\/v1\/receipts$/);
    await store.services.staff.upsert({ id: 'ines', name: 'Inés', role: 'admin' }, '4444');
    assert.ok((await store.api.call({ name: 'session.signIn', input: { staffId: 'ines', pin: '4444' } })).ok);
    const listed = await store.api.call({ name: 'tills.list', input: {} });
    assert.ok(listed.ok);
    assert.equal((listed.value as { endpoint: string | null }).endpoint, url);
  } finally {
    await store.close();
  }
  await assert.rejects(fetch(url!, { method: 'POST' }), 'nothing listens once the store is closed');
});
