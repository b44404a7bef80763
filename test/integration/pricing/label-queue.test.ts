import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import type { ShelfLabelInfo } from '../../../main/api/types';
import { startVirtualZplTcpPrinter, type VirtualZplTcpPrinter } from '../../../drivers/label/virtual-zpl-printer';
import type { HqSimulator } from '../../../main/hq-simulator/hq-simulator';
import { startVirtualTcpPrinter, renderPreview } from '../../../drivers/printer/virtual-printer';
import { readImportCsv } from '../../../main/catalog-import/csv-import-lines';
import { createOutboxWriter } from '../../../main/kernel/outbox-writer';
import { createPriceChanges } from '../../../main/pricing/price-changes';
import { createShelfLabelQueue } from '../../../main/pricing/shelf-labels';
import { printingNotConfigured } from '../../../main/printing/printing-port';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { chain, fastLink, startHq } from '../../helpers/synced-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

let broker: Mosquitto;
let hq: HqSimulator;
let zebra: VirtualZplTcpPrinter;

before(async () => {
  broker = await startMosquitto();
  hq = await startHq(broker.url);
  zebra = await startVirtualZplTcpPrinter();
});
after(async () => {
  await zebra.close();
  await hq.stop();
  await broker.dispose();
});

const product = (sku: string, name: string, priceCents: number, shelfLocation: string | null, netContent: { amount: number; unit: 'kg' | 'l' | 'unit' } | null) => ({
  sku, name, brand: 'Sierra Verde', category: 'Despensa', unit: 'each' as const, priceCents, taxRateBp: 1000, active: true, barcodes: [], shelfLocation, netContent,
});

test('HQ announcing prices and a promotion fills the label queue at once, in shelf order, with unit price and 30-day reference; labels leave it when printed; late ones are shown', async () => {
  const store = 'store-labels';
  const core = await openSmallStore(join(tempDir(), 'ledger.sqlite'), { printing: true, hq: { link: { url: broker.url, chain, store, station: 'counter-1', ...fastLink } } });
  const call = caller(core);
  try {
    await waitUntil(() => hq.store(store)?.online, Boolean, { what: 'the store online at HQ' });
    value(await call('session.signIn', { staffId: 'ana', pin: staffPins.ana }));
    value(await call('printing.configure', { printer: 'label', settings: { connection: { type: 'tcp', host: zebra.host, port: zebra.port }, profile: 'zpl-203dpi' } }, { staffId: 'marta', pin: staffPins.marta }));

    // HQ's catalog says where each product sits and what it holds.
    hq.send(store, {
      type: 'catalog.delta',
      version: 10,
      products: [
        product('SKU-OIL', 'Aceite de oliva virgen extra 1 L', 499, 'B02-1', { amount: 1, unit: 'l' }),
        product('SKU-RICE', 'Arroz bomba 1 kg', 499, 'A01-3', { amount: 1, unit: 'kg' }),
        product('SKU-SOAP', 'Jabón de manos 500 ml', 499, null, { amount: 0.5, unit: 'l' }),
      ],
      removed: [],
    });
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    // A reduction with HQ's reference (the store's own history is minutes long), a rise, and an unchanged price.
    hq.send(store, {
      type: 'prices',
      version: 1,
      effectiveAt: inAnHour,
      prices: [
        { sku: 'SKU-OIL', priceCents: 399, lowest30dCents: 450 },
        { sku: 'SKU-RICE', priceCents: 549 },
        { sku: 'SKU-SOAP', priceCents: 499 },
      ],
    });
    await waitUntil(() => hq.store(store)?.appliedDseq, (d) => d === 2, { what: 'the catalog and prices applied' });

    let queue = value<ShelfLabelInfo[]>(await call('labels.queue', {}));
    assert.deepEqual(queue.map((l) => [l.shelfLocation, l.sku]), [['A01-3', 'SKU-RICE'], ['B02-1', 'SKU-OIL']], 'queued on announcement, in shelf order; the unchanged price has no label');
    const oil = queue.find((l) => l.sku === 'SKU-OIL')!;
    assert.deepEqual([oil.priceCents, oil.previousCents, oil.lowest30dCents, oil.referenceSource, oil.late, oil.effectiveAt], [399, 499, 450, 'hq', false, inAnHour]);
    assert.equal(queue.find((l) => l.sku === 'SKU-RICE')!.referenceSource, null, 'a rise needs no reference');
    assert.equal(core.services.catalog.product('SKU-OIL')?.priceCents, 499, 'the price itself waits for its time');

    // A promotion already in force, with no reference HQ could give: applied, its label says so, HQ is told.
    const startedAMinuteAgo = new Date(Date.now() - 60_000).toISOString();
    hq.send(store, {
      type: 'promotions',
      version: 1,
      promotions: [{ id: 'PROMO-SOAP', skus: ['SKU-SOAP'], kind: 'percent-off', value: 20, startsAt: startedAMinuteAgo, endsAt: inAnHour }],
    });
    await waitUntil(() => hq.store(store)?.others.filter((e) => e.type === 'price.reference-missing'), (events) => events!.length === 1, { what: 'HQ told of the missing reference' });
    const told = hq.store(store)!.others.find((e) => e.type === 'price.reference-missing')!;
    assert.deepEqual(
      { ...(told.data as Record<string, unknown>), historyFrom: null },
      { sku: 'SKU-SOAP', priceCents: 399, previousCents: 499, effectiveAt: new Date(startedAMinuteAgo).toISOString(), promotionId: 'PROMO-SOAP', historyFrom: null },
    );
    queue = value<ShelfLabelInfo[]>(await call('labels.queue', {}));
    assert.deepEqual(queue.map((l) => l.sku), ['SKU-RICE', 'SKU-OIL', 'SKU-SOAP'], 'a product with no location comes last');
    const soap = queue.find((l) => l.sku === 'SKU-SOAP')!;
    assert.deepEqual([soap.priceCents, soap.lowest30dCents, soap.referenceSource, soap.promotionId, soap.late], [399, null, 'unknown', 'PROMO-SOAP', true]);
    assert.equal(value<{ promotion: { priceCents: number } | null }>(await call('pricing.schedule', { sku: 'SKU-SOAP' })).promotion?.priceCents, 399, 'the product view shows the promotion');

    // One label alone: it leaves the queue once the printer has it.
    const one = value<{ labelIds: number[] }>(await call('labels.print', { printer: 'label', ids: [soap.id] }));
    assert.deepEqual(one.labelIds, [soap.id]);
    await waitUntil(async () => value<ShelfLabelInfo[]>(await call('labels.queue', {})).map((l) => l.sku), (skus) => !skus.includes('SKU-SOAP'), { what: 'the printed label to leave the queue' });
    // Written is done for a ZPL printer; the bytes reach the printer a moment later.
    await waitUntil(() => zebra.core.labels.length, (n) => n === 1, { what: 'the label at the printer' });
    const soapLabel = zebra.core.previews()[0]!;
    assert.match(soapLabel, /^Jabón de manos 500 ml\n3,99 €\nAntes: 4,99 €/);
    assert.match(soapLabel, /Precio anterior más bajo \(30 días\): no disponible/);
    assert.ok(soapLabel.includes('7,98 €/l'), 'the unit price per litre');

    // The rest of the queue: what is left prints as one job, in shelf order.
    value(await call('labels.print', { printer: 'label' }));
    await waitUntil(async () => value<ShelfLabelInfo[]>(await call('labels.queue', {})).length, (n) => n === 0, { what: 'the queue to empty' });
    await waitUntil(() => zebra.core.labels.length, (n) => n === 3, { what: 'the other two labels at the printer' });
    const [rice, oilLabel] = zebra.core.previews().slice(1);
    assert.match(rice!, /^Arroz bomba 1 kg\n5,49 €/);
    assert.ok(rice!.includes('5,49 €/kg'));
    assert.ok(!rice!.includes('30 días'), 'a rise carries no 30-day note');
    assert.ok(oilLabel!.includes('Precio más bajo últimos 30 días: 4,50 €'));
    assert.ok(oilLabel!.includes('3,99 €/l'));
    const printedBy = core.services.db.prepare('SELECT DISTINCT printed_by FROM label_queue').pluck().all();
    assert.deepEqual(printedBy, ['ana']);
    // The KPI "labels printed late" reads the same queue: the soap's label went out after its promotion began.
    const today = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    assert.deepEqual(core.services.labels.labelsPrintedLate(today), { late: 1, printed: 3 });

    // A second batch due in a moment: its label turns late once the price is in force and it is still not printed.
    const soon = new Date(Date.now() + 1500).toISOString();
    hq.send(store, { type: 'prices', version: 2, effectiveAt: soon, prices: [{ sku: 'SKU-RICE', priceCents: 529 }] });
    await waitUntil(async () => value<ShelfLabelInfo[]>(await call('labels.queue', {})), (labels) => labels.length === 1 && !labels[0]!.late, { what: 'the new label, not yet late' });
    await waitUntil(() => core.services.catalog.product('SKU-RICE')?.priceCents, (cents) => cents === 529, { what: 'the price applied at its time', timeoutMs: 10_000 });
    const late = value<ShelfLabelInfo[]>(await call('labels.queue', {}));
    assert.equal(late[0]!.late, true, 'in force and not on the shelf: late');
    // An unknown or already printed label is refused, and nothing prints.
    const refused = await call('labels.print', { printer: 'label', ids: [soap.id] });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'UNKNOWN_LABEL');
  } finally {
    await core.close();
  }
});

test("a reduction announced after 40 days of the store's own price history carries its own 30-day lowest, not HQ's", async () => {
  const core = await openSmallStore();
  try {
    const { db, catalog } = core.services;
    let clock = new Date('2026-10-01T08:00:00Z');
    const now = () => clock;
    const labels = createShelfLabelQueue(db, { catalog, printing: printingNotConfigured, now });
    const pricing = createPriceChanges(db, { catalog, labels, outbox: createOutboxWriter(db), now });
    pricing.observeCatalogPrices([{ sku: 'SKU-OIL', priceCents: 499 }]);
    const at = (days: number) => new Date(Date.parse('2026-10-01T08:00:00Z') + days * 86_400_000).toISOString();
    // 4,29 € for ten days, from day 5; back to 4,99 € on day 15.
    pricing.queue(1, [{ sku: 'SKU-OIL', priceCents: 429 }], at(5));
    clock = new Date(at(5));
    pricing.applyDue();
    pricing.queue(2, [{ sku: 'SKU-OIL', priceCents: 499 }], at(15));
    clock = new Date(at(15));
    pricing.applyDue();
    // Day 40: a reduction to 3,99 €. The window (day 10 to 40) holds 4,29 € for five days; HQ's 4,50 € is not needed.
    clock = new Date(at(39));
    const outboxBefore = db.prepare('SELECT COUNT(*) FROM outbox').pluck().get();
    pricing.queue(3, [{ sku: 'SKU-OIL', priceCents: 399, lowest30dCents: 450 }], at(40));
    const [label] = labels.list().filter((l) => l.priceCents === 399);
    assert.deepEqual([label!.lowest30dCents, label!.referenceSource, label!.previousCents], [429, 'history', 499]);
    assert.equal(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get(), outboxBefore, 'nothing to tell HQ');
  } finally {
    await core.close();
  }
});

test('on a receipt printer (ESC/POS) a shelf label carries the same legal lines; a CSV import gives products their shelf and net content', async () => {
  const core = await openSmallStore(join(tempDir(), 'ledger.sqlite'), { printing: true });
  const printer = await startVirtualTcpPrinter();
  try {
    const call = caller(core);
    await core.services.printing.configure('counter', { connection: { type: 'tcp', host: printer.host, port: printer.port }, profile: 'epson-tm-t88vi' });
    // Shelf and content as a store without HQ imports them.
    const lines = readImportCsv('sku,name,unit,price,shelf,content\nSKU-RICE,Arroz bomba 1 kg,each,4.99,A01-3,1 kg\nSKU-X,Bad,each,1,,2 litres\n', new Map());
    assert.deepEqual(lines.errors, [{ line: 3, field: 'content', reason: 'content-invalid', value: '2 litres' }]);
    core.services.catalog.upsertProducts([...lines.products.values()].map((p) => p.product));
    assert.deepEqual(core.services.catalog.labelFacts('SKU-RICE'), { shelfLocation: 'A01-3', netContent: { amount: 1, unit: 'kg' }, ean13: '8412345000027' });

    const id = core.services.labels.queue({
      sku: 'SKU-RICE', priceCents: 399, previousCents: 499, effectiveAt: '2026-12-01T08:00:00.000Z', endsAt: null, promotionId: null, reference: { lowest30dCents: 450, source: 'hq' },
    });
    value(await call('session.signIn', { staffId: 'ana', pin: staffPins.ana }));
    value(await call('labels.print', { printer: 'counter', ids: [id] }));
    await waitUntil(() => printer.core.receipts.length, (n) => n === 1, { what: 'the label from the receipt printer' });
    const text = renderPreview(printer.core.receipts[0]!);
    for (const line of ['Arroz bomba 1 kg', '3,99 €', '3,99 €/kg', 'Antes: 4,99 €', 'Precio más bajo últimos 30 días: 4,50 €', 'A01-3 · Desde 2026-12-01 09:00']) {
      assert.ok(text.includes(line), `${line} in:\n${text}`);
    }
    await waitUntil(() => core.services.labels.list().length, (n) => n === 0, { what: 'the label to leave the queue once its job is done' });
  } finally {
    await core.close();
    await printer.close();
  }
});
