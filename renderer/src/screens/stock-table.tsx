import { useTranslation } from 'react-i18next';
import type { LocationInfo, ProductUnit, StockSummary } from '../../../main/api/types';

// Quantities are shown as bare integers in the product's base unit (each, or g),
// exactly as the ledger holds them: no rounding at the counter.

export function StockTable({
  stock,
  unit,
  locations,
  refreshing,
  incoming,
}: {
  stock: StockSummary;
  unit: ProductUnit;
  locations: ReadonlyMap<string, LocationInfo>;
  refreshing: boolean;
  /** Expected deliveries and inbound transfers; null until read. */
  incoming: number | null;
}) {
  const { t } = useTranslation();
  return (
    <section className="stock" aria-labelledby="stock-title">
      <h3 id="stock-title" className="stock__title">
        {t('stock.title')}
        {refreshing ? <span className="muted stock__refreshing">{t('lookup.refreshing')}</span> : null}
      </h3>
      <div className="stock__figures">
        <Figure label={t('stock.onHand')} value={stock.onHand} testId="stock-onhand" />
        <Figure label={t('stock.held')} value={stock.held} testId="stock-held" />
        <Figure label={t('stock.safety')} value={stock.safetyStock} testId="stock-safety" />
        <Figure label={t('stock.atp')} value={stock.atp} testId="stock-atp" emphasis />
        {incoming !== null ? <Figure label={t('stock.incoming')} value={incoming} testId="stock-incoming" /> : null}
      </div>
      {stock.byLocation.length === 0 ? (
        <p className="muted stock__none">{t('stock.none')}</p>
      ) : (
        <table className="stock-table">
          <thead>
            <tr>
              <th scope="col">{t('stock.location')}</th>
              <th scope="col">{t('stock.sellable')}</th>
              <th scope="col" className="number">
                {unit === 'g' ? t('stock.qtyGrams') : t('stock.qty')}
              </th>
            </tr>
          </thead>
          <tbody>
            {stock.byLocation.map((row) => (
              <tr key={row.location} data-testid={`stock-row-${row.location}`} className={row.qty !== null && row.qty < 0 ? 'negative' : undefined}>
                <th scope="row">
                  {t(`stock.locations.${row.location}`, { defaultValue: locations.get(row.location)?.name ?? row.location })} <span className="code muted">{row.location}</span>
                </th>
                <td>{row.sellable ? t('stock.yes') : t('stock.no')}</td>
                <td className="number" data-testid="stock-qty" data-blind={row.qty === null ? 'true' : undefined}>
                  {row.qty ?? t('stock.blind')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** `value` null: a count is open where it adds up, and the reader counts (blind counting). */
function Figure({ label, value, testId, emphasis = false }: { label: string; value: number | null; testId: string; emphasis?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={emphasis ? 'figure figure--emphasis' : 'figure'}>
      <span className="figure__label">{label}</span>
      <span className="figure__value" data-testid={testId} data-blind={value === null ? 'true' : undefined}>
        {value ?? t('stock.blind')}
      </span>
    </div>
  );
}
