import { useTranslation } from 'react-i18next';
import type { LocationInfo, ProductUnit, StockSummary } from '../../../main/api/types';
import { formatQuantity } from '../format/store-formats';

// Quantities are the ledger's integers in the product's base unit, shown in the UI's language:
// items as a count, grams with their unit (20 kg, 750 g), never rounded.

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
  const { t, i18n } = useTranslation();
  return (
    <section className="stock" aria-labelledby="stock-title">
      <h3 id="stock-title" className="stock__title">
        {t('stock.title')}
        {refreshing ? <span className="muted stock__refreshing">{t('lookup.refreshing')}</span> : null}
      </h3>
      <div className="stock__figures">
        <Figure label={t('stock.onHand')} value={stock.onHand} unit={unit} testId="stock-onhand" />
        <Figure label={t('stock.held')} value={stock.held} unit={unit} testId="stock-held" />
        <Figure label={t('stock.safety')} value={stock.safetyStock} unit={unit} testId="stock-safety" />
        <Figure label={t('stock.atp')} value={stock.atp} unit={unit} testId="stock-atp" emphasis />
        {incoming !== null ? <Figure label={t('stock.incoming')} value={incoming} unit={unit} testId="stock-incoming" /> : null}
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
                {t('stock.qty')}
              </th>
            </tr>
          </thead>
          <tbody>
            {stock.byLocation.map((row) => (
              <tr key={row.location} data-testid={`stock-row-${row.location}`} className={row.qty !== null && row.qty < 0 ? 'negative' : undefined}>
                <th scope="row">
                  {t(`stock.locations.${row.location}`, { defaultValue: locations.get(row.location)?.name ?? row.location })}
                </th>
                <td>{row.sellable ? t('stock.yes') : t('stock.no')}</td>
                <td className="number" data-testid="stock-qty" data-qty={row.qty ?? undefined} data-blind={row.qty === null ? 'true' : undefined}>
                  {row.qty === null ? t('stock.blind') : formatQuantity(row.qty, unit, i18n.language)}
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
function Figure({ label, value, unit, testId, emphasis = false }: { label: string; value: number | null; unit: ProductUnit; testId: string; emphasis?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={emphasis ? 'figure figure--emphasis' : 'figure'}>
      <span className="figure__label">{label}</span>
      <span className="figure__value" data-testid={testId} data-qty={value ?? undefined} data-blind={value === null ? 'true' : undefined}>
        {value === null ? t('stock.blind') : formatQuantity(value, unit, i18n.language)}
      </span>
    </div>
  );
}
