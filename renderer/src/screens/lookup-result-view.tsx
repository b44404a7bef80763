import { useTranslation } from 'react-i18next';
import type { LocationInfo, LookupResult } from '../../../main/api/types';
import { useStoreQuery } from '../api/use-store-query';
import { formatDateTime, formatDay, formatMoney, formatWeight, priceOfWeight } from '../format/store-formats';
import { printableCode } from '../lookup/lookup-text';
import type { LookupSource } from '../lookup/use-product-lookup';
import { MovementHistory } from './movement-history';
import { OrderForCustomer } from '../customers/order-for-customer';
import { OtherStores } from './other-stores';
import { StockTable } from './stock-table';

export function LookupResultView({
  result,
  source,
  refreshing,
  locations,
  ownStore,
  onOpenCustomer,
}: {
  result: LookupResult;
  source: LookupSource;
  refreshing: boolean;
  locations: ReadonlyMap<string, LocationInfo>;
  ownStore: string | null;
  /** Given to roles that may order for a customer (the access table's customers.orderElsewhere). */
  onOpenCustomer?: (customerId: string, via: 'scan' | 'search') => void;
}) {
  const { t, i18n } = useTranslation();
  const { product, embedded } = result;

  // What a GS1 label says about this very pack: its batch (10) and its use-by (17) or best-before (15) day.
  const batch = result.gs1?.find((e) => e.ai === '10');
  const expiry = result.gs1?.find((e) => e.ai === '17') ?? result.gs1?.find((e) => e.ai === '15');
  const schedule = useStoreQuery('pricing.schedule', { sku: product.sku });
  const incoming = useStoreQuery('stock.incoming', { sku: product.sku });
  const next = schedule.view.kind === 'ready' ? schedule.view.value.next : null;
  const promotion = schedule.view.kind === 'ready' ? (schedule.view.value.promotion ?? null) : null;
  // The schedule is re-read when a due price applies (stock.changed names its SKU); the lookup's own copy is not.
  const price = formatMoney(schedule.view.kind === 'ready' ? schedule.view.value.currentCents : product.priceCents, i18n.language);
  const perUnit = (cents: number) => (product.unit === 'g' ? t('lookup.pricePerKg', { price: formatMoney(cents, i18n.language) }) : formatMoney(cents, i18n.language));
  return (
    <article className="product-card" data-testid="lookup-result" aria-busy={refreshing || undefined}>
      <header className="product-card__header">
        <div className="product-card__titles">
          <h2 className="product-card__name" data-testid="lookup-name">
            {product.name}
          </h2>
          <p className="product-card__brand">
            <span className="visually-hidden">{t('lookup.brand')}: </span>
            {product.brand}
            {product.active ? null : <span className="badge badge--warning">{t('lookup.inactive')}</span>}
          </p>
        </div>
        <div className="product-card__price">
          <span className="visually-hidden">{t('lookup.price')}: </span>
          <span data-testid="lookup-price">{product.unit === 'g' ? t('lookup.pricePerKg', { price }) : price}</span>
          {promotion ? (
            <p className="product-card__promotion" data-testid="lookup-promotion" data-promotion-id={promotion.id}>
              <span className="badge badge--warning">{t('lookup.promotionLabel')}</span>{' '}
              {promotion.priceCents === null
                ? t('lookup.promotionMultiBuy', { value: promotion.value, date: formatDateTime(promotion.endsAt, i18n.language) })
                : t('lookup.promotionNow', { price: perUnit(promotion.priceCents), date: formatDateTime(promotion.endsAt, i18n.language) })}
            </p>
          ) : null}
          {next ? (
            <p className="product-card__next-price" data-testid="lookup-next-price" data-effective-at={next.effectiveAt}>
              <span className="visually-hidden">{t('lookup.nextPriceLabel')}: </span>
              {t('lookup.nextPrice', { date: formatDateTime(next.effectiveAt, i18n.language), price: perUnit(next.priceCents) })}
              {next.promotion?.priceCents != null ? <> ({t('lookup.nextPromotion', { price: perUnit(next.promotion.priceCents) })})</> : null}
            </p>
          ) : null}
        </div>
      </header>
      <SourceBadge source={source} />
      <dl className="facts">
        <div className="facts__item">
          <dt>{t('lookup.sku')}</dt>
          <dd className="code" data-testid="lookup-sku">
            {product.sku}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('lookup.code')}</dt>
          <dd>
            <span className="code" data-testid="lookup-code">
              {printableCode(result.code)}
            </span>{' '}
            <span className="muted">({t(`lookup.matchKinds.${result.matchedBy}`)})</span>
          </dd>
        </div>
        {embedded ? (
          <div className="facts__item facts__item--highlight">
            <dt>{embedded.kind === 'weight' ? t('lookup.embeddedWeight') : t('lookup.embeddedPrice')}</dt>
            <dd data-testid="lookup-embedded" data-kind={embedded.kind}>
              {embedded.kind === 'weight' ? formatWeight(embedded.value, i18n.language) : formatMoney(embedded.value, i18n.language)}
            </dd>
          </div>
        ) : null}
        {embedded?.kind === 'weight' && product.unit === 'g' ? (
          <div className="facts__item facts__item--highlight">
            <dt>{t('lookup.weighedPrice')}</dt>
            <dd data-testid="lookup-weighed-price" data-cents={priceOfWeight(embedded.value, product.priceCents)}>
              {formatMoney(priceOfWeight(embedded.value, product.priceCents), i18n.language)}
            </dd>
          </div>
        ) : null}
        {batch ? (
          <div className="facts__item">
            <dt>{t('lookup.batch')}</dt>
            <dd className="code" data-testid="lookup-batch">
              {batch.value}
            </dd>
          </div>
        ) : null}
        {expiry?.date ? (
          <div className="facts__item">
            <dt>{expiry.ai === '17' ? t('lookup.expiry') : t('lookup.bestBefore')}</dt>
            <dd data-testid="lookup-expiry" data-date={expiry.date}>
              {formatDay(expiry.date, i18n.language)}
            </dd>
          </div>
        ) : null}
      </dl>
      <StockTable
        stock={result.stock}
        unit={product.unit}
        locations={locations}
        refreshing={refreshing}
        incoming={incoming.view.kind === 'ready' ? incoming.view.value.incoming : null}
      />
      <MovementHistory key={`history-${product.sku}`} sku={product.sku} unit={product.unit} locations={locations} />
      <OtherStores key={product.sku} sku={product.sku} unit={product.unit} ownStore={ownStore} />
      {onOpenCustomer ? <OrderForCustomer key={`order-${product.sku}`} sku={product.sku} ownStore={ownStore} onOpenCustomer={onOpenCustomer} /> : null}
    </article>
  );
}

export function SourceBadge({ source }: { source: LookupSource }) {
  const { t } = useTranslation();
  return (
    <p className="muted product-card__source" data-testid="lookup-source" data-source={source}>
      {source === 'scanned' ? t('lookup.sourceScanned') : t('lookup.sourceTyped')}
    </p>
  );
}
