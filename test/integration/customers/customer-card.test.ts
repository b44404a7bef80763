import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import type { HqCustomer } from '../../../main/hq-simulator/customer-directory';
import type { Store } from '../../../main/compose-store';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { fastLink, linkedSmallStore, startHq, chain } from '../../helpers/synced-store';
import { staffPins } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';
import { join } from 'node:path';
import type { CustomerCardView } from '../../../main/api/customer-shapes';

let broker: Mosquitto;
let hq: HqSimulator;
before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url);
});
after(async () => {
  await hq.stop();
  await broker.dispose();
});

const customer = (id: string, personalisation: boolean, extra: Partial<HqCustomer> = {}): HqCustomer => ({
  customerId: id,
  name: `Lucía Ferrández ${id}`,
  phone: '+34 611 222 333',
  email: `lucia.${id}@example.com`,
  contact: { email: true, sms: false, phone: true },
  consents: { personalisation, contact: true },
  loyalty: { tier: 'gold', points: 1240, cardNumber: `LOY-${id}` },
  history: [{ ref: 'T-1', kind: 'purchase', store: 'online', at: '2026-11-01T10:00:00Z', lines: [{ sku: 'SKU-OIL', name: 'Oil', qty: 1 }] }],
  openOrders: [],
  notes: [{ at: '2026-11-02T10:00:00Z', text: 'Prefers mornings', by: 'ana' }],
  sizes: [{ kind: 'frame', size: 'M' }],
  viewed: [{ sku: 'SKU-RICE', name: 'Rice', at: '2026-11-28T20:00:00Z' }],
  wishlist: [],
  cart: [],
  ...extra,
});

async function online(store: string): Promise<Store> {
  const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store, station: 'counter-1', ...fastLink }, {}, join(tempDir(), 'ledger.sqlite'));
  await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
  await waitUntil(() => hq.store(store)?.online, (o) => o === true, { what: 'HQ sees the store online' });
  return core;
}
const signIn = (core: Store, staffId: keyof typeof staffPins) => core.api.call({ name: 'session.signIn', input: { staffId, pin: staffPins[staffId] } });
async function open(core: Store, customerId: string): Promise<CustomerCardView> {
  const result = await core.api.call({ name: 'customers.open', input: { by: { kind: 'id', customerId }, via: 'search' } });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value as CustomerCardView;
}

test('browsing needs personalisation consent, pickup clerks see service panels only, and every opening is audited', async () => {
  hq.putCustomer(customer('C1', true));
  hq.putCustomer(customer('C2', false));
  const core = await online('store-cards');
  try {
    await signIn(core, 'ana');
    const consented = await open(core, 'C1');
    assert.ok(consented.available);
    assert.deepEqual(consented.shown, ['profile', 'loyalty', 'history', 'openOrders', 'notes', 'browsing']);
    assert.equal(consented.browsing?.viewed[0]?.sku, 'SKU-RICE');
    assert.equal(typeof consented.browsing?.viewed[0]?.here, 'number', 'stock here alongside the viewed item');

    const withheld = await open(core, 'C2');
    assert.ok(withheld.available);
    assert.equal(withheld.browsing, undefined);
    assert.deepEqual(withheld.hidden, [{ panel: 'browsing', reason: 'no-personalisation-consent' }]);
    assert.equal(withheld.history?.[0]?.channel, 'online', 'history is always there for service');

    await signIn(core, 'pablo'); // pickup
    const service = await open(core, 'C1');
    assert.ok(service.available);
    assert.deepEqual(service.shown, ['history', 'openOrders', 'notes']);
    assert.equal(service.profile, undefined);
    assert.equal(service.browsing, undefined);
    assert.ok(service.hidden.some((h) => h.panel === 'browsing' && h.reason === 'role'));

    await signIn(core, 'marta');
    const openings = await core.api.call({ name: 'customers.openings', input: {} });
    assert.ok(openings.ok);
    const rows = openings.value as { staff: string; customerId: string; panels: string[]; withheld: string[] }[];
    assert.deepEqual(rows.map((r) => [r.staff, r.customerId]), [['pablo', 'C1'], ['ana', 'C2'], ['ana', 'C1']]);
    assert.deepEqual(rows[1]!.withheld, ['browsing:no-personalisation-consent']);
    const audited = core.services.audit.recent(20).filter((r) => r.command === 'customers.open');
    assert.equal(audited.length, 3, 'the audit log records each opening');
  } finally {
    await core.close();
  }
});

test('cached cards go after 24 hours; an unknown card is not found; offline the card is unavailable', async () => {
  hq.putCustomer(customer('C3', true));
  const store = 'store-cache';
  const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store, station: 'counter-1', ...fastLink }, {}, join(tempDir(), 'ledger.sqlite'));
  try {
    await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
    await signIn(core, 'ana');
    await open(core, 'C3');
    const records = core.services.customers;
    assert.ok(records.cached('C3'));
    const count = () => core.services.db.prepare('SELECT COUNT(*) FROM customer_cards').pluck().get();
    assert.equal(count(), 1);
    // The records' clock moves past 24 hours: a second instance with a later clock sees it expired.
    const { createCustomerRecords } = await import('../../../main/customers/customer-records');
    const later = createCustomerRecords(core.services.db, () => Date.now() + 24 * 60 * 60 * 1000 + 1);
    assert.equal(later.cached('C3'), null);
    assert.equal(later.dropExpired(), 1);
    assert.equal(count(), 0);

    const unknown = await core.api.call({ name: 'customers.open', input: { by: { kind: 'code', code: 'LOY-NOBODY' }, via: 'scan' } });
    assert.deepEqual(unknown.ok && unknown.value, { available: false, reason: 'not-found' });

    await sync.link.stop();
    const offline = await core.api.call({ name: 'customers.open', input: { by: { kind: 'id', customerId: 'C3' }, via: 'search' } });
    assert.deepEqual(offline.ok && offline.value, { available: false, reason: 'offline' });
    // The counter goes on: stock reads still answer.
    assert.ok((await core.api.call({ name: 'stock.levels', input: { sku: 'SKU-OIL' } })).ok);
  } finally {
    await core.close();
  }
});

test('a check-in, an order placed elsewhere with its tracking, a follow-up only with consent, and a note warning', async () => {
  hq.putCustomer(customer('C4', true));
  hq.putCustomer(customer('C5', true, { consents: { personalisation: true, contact: false } }));
  const core = await online('store-save');
  try {
    await signIn(core, 'ana');
    hq.checkIn('store-save', 'C4');
    await waitUntil(() => core.services.customers.arrivals(), (a) => a.some((x) => x.customerId === 'C4'), { what: 'arrival' });
    const arrivals = await core.api.call({ name: 'customers.arrivals', input: {} });
    assert.ok(arrivals.ok && (arrivals.value as { customerId: string }[]).some((a) => a.customerId === 'C4'));

    const placed = await core.api.call({ name: 'customers.orderElsewhere', input: { customerId: 'C4', sku: 'SKU-RICE', qty: 1, from: 'store-other', fulfilment: 'delivery' } });
    assert.ok(placed.ok, JSON.stringify(placed));
    const order = placed.value as { orderId: string; promisedAt: string };
    assert.ok(Date.parse(order.promisedAt) > Date.now());
    hq.trackOrder(order.orderId, 'out-for-delivery', 'Madrid hub');
    await waitUntil(() => core.services.customers.placedOrders('C4')[0]?.status, (s) => s === 'out-for-delivery', { what: 'tracking reached the store' });
    const card = await open(core, 'C4');
    assert.ok(card.available);
    assert.equal(card.openOrders?.find((o) => o.orderId === order.orderId)?.tracking.at(-1)?.status, 'out-for-delivery');

    const task = await core.api.call({ name: 'customers.addTask', input: { customerId: 'C4', dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), note: 'Call: tiene diabetes, ojo' } });
    assert.ok(task.ok);
    assert.equal((task.value as { warning: { category: string } }).warning.category, 'health');
    const mine = await core.api.call({ name: 'customers.tasks', input: { assignee: 'ana' } });
    assert.ok(mine.ok);
    assert.equal((mine.value as unknown[]).length, 1);

    await open(core, 'C5');
    const refused = await core.api.call({ name: 'customers.addTask', input: { customerId: 'C5', dueAt: new Date().toISOString(), note: 'Call in 2 days' } });
    assert.equal(!refused.ok && refused.error.code, 'NO_CONTACT_CONSENT');
  } finally {
    await core.close();
  }
});

test('an erasure from HQ leaves the customer\'s name and phone nowhere in the ledger file or its WAL', async () => {
  const name = 'Eulalia Quintanilla Borrego';
  const phone = '+34 699 876 543';
  hq.putCustomer(customer('C6', true, { name, phone }));
  const store = 'store-erase';
  const file = join(tempDir(), 'ledger.sqlite');
  const { core, sync } = await linkedSmallStore({ url: broker.url, chain, store, station: 'counter-1', ...fastLink }, {}, file);
  try {
    await waitUntil(() => sync.link.status().state, (s) => s === 'online', { what: 'online' });
    hq.routeOrder(store, { orderId: 'E-1', version: 1, customer: { name, phone }, verification: { code: '1234' }, promisedAt: '2026-12-01T10:00:00Z', lines: [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }] });
    hq.send(store, { type: 'order.changed', order: { orderId: 'E-1', version: 2, customer: { name, phone }, verification: { code: '1234' }, promisedAt: '2026-12-01T11:00:00Z', lines: [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1 }] } });
    await waitUntil(() => sync.link.status().appliedDseq, (d) => d === 2, { what: 'orders applied' });
    await signIn(core, 'ana');
    await open(core, 'C6');
    // A follow-up whose note names her: the task row and the audited command input both hold it.
    const task = await core.api.call({ name: 'customers.addTask', input: { customerId: 'C6', dueAt: new Date().toISOString(), note: `Llamar a ${name}, ${phone}` } });
    assert.ok(task.ok);
    hq.checkIn(store, 'C6');
    // A malformed copy lands in the dead letters.
    hq.publishRaw(store, JSON.stringify({ junk: true, customer: { name, phone } }));
    await waitUntil(() => sync.link.status().deadLetters, (d) => d >= 1, { what: 'dead letter' });
    const bytes = () => Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    assert.ok(bytes().includes(name), 'the name is in the ledger before the erasure');

    hq.eraseCustomer('C6');
    await waitUntil(() => core.services.db.prepare("SELECT customer_name FROM pickup_orders WHERE order_id = 'E-1'").pluck().get(), (n) => n === '[erased]', { what: 'order anonymised' });
    await waitUntil(() => bytes(), (b) => !b.includes(name) && !b.includes(phone), { what: 'no copy of the name or phone in the ledger or its WAL' });
    assert.ok(core.services.db.prepare("SELECT 1 FROM pickup_orders WHERE order_id = 'E-1'").get(), 'the order row stays for accounting');
    assert.equal(core.services.db.prepare('SELECT COUNT(*) FROM customer_cards').pluck().get(), 0);
    assert.equal(core.services.db.prepare("SELECT COUNT(*) FROM audit_log WHERE command = 'customers.addTask'").pluck().get(), 1, 'the audit row stays, without her name');
  } finally {
    await core.close();
  }
});
