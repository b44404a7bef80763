import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { SettlementMethod } from '../../../main/api/types';
import { settlementMethods } from '../../../main/api/shapes';
import { useStoreQuery } from '../api/use-store-query';
import { formatMoney } from '../format/store-formats';
import { useErrorText } from '../screens/error-text';

/** "21 %": a VAT rate in basis points, in the operator's language. */
const vatRate = (bp: number, language: string) => `${(bp / 100).toLocaleString(language === 'en' ? 'en-GB' : 'es-ES', { maximumFractionDigits: 2 })} %`;

/** The methods that settle a difference: a voucher only when the store owes the customer. */
export function methodsFor(differenceCents: number): readonly SettlementMethod[] {
  return differenceCents < 0 ? settlementMethods : settlementMethods.filter((m) => m !== 'voucher');
}

/** The exchange's price, as the screen shows it and the form checks it (one cached read). */
export function useExchangeQuote(exchange: ProcedureInput<'orders.exchangeQuote'> | null) {
  const { view } = useStoreQuery('orders.exchangeQuote', exchange ?? { orderId: '-', lines: [], newLines: [] }, { enabled: exchange !== null });
  return exchange !== null && view.kind === 'ready' ? view.value : null;
}

/**
 * An exchange in money, before it is recorded: what comes back at the price the customer paid,
 * what goes out at today's price, the difference, how it is settled, and whether a manager must
 * approve it (HQ's threshold). The core prices it (orders.exchangeQuote), so the screen shows
 * exactly what the exchange will record.
 */
export function ExchangeSettlement({
  exchange,
  method,
  onMethod,
  names,
}: {
  exchange: ProcedureInput<'orders.exchangeQuote'>;
  method: SettlementMethod | null;
  onMethod(method: SettlementMethod): void;
  /** Product names of the returned lines, where known. */
  names: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const money = (cents: number) => formatMoney(cents, i18n.language);
  const { view } = useStoreQuery('orders.exchangeQuote', exchange);
  if (view.kind === 'loading') return <p className="muted">{t('exchange.loading')}</p>;
  if (view.kind === 'error') {
    return (
      <p className="form-error" role="alert" data-testid="exchange-quote-error" data-code={view.error.code}>
        {errorText(view.error)}
      </p>
    );
  }
  const q = view.value;
  const methods = methodsFor(q.differenceCents);
  return (
    <section className="exchange-settlement panel" data-testid="exchange-settlement" data-difference={q.differenceCents} aria-labelledby="exchange-settlement-title">
      <h3 id="exchange-settlement-title" className="panel__title">
        {t('exchange.title')}
      </h3>
      <table className="data-table">
        <tbody>
          {q.returned.map((l) => (
            <tr key={`r-${l.lineId}`}>
              <th scope="row">{t('exchange.returned')}</th>
              <td>{t('exchange.line', { qty: l.qty, name: names.get(l.sku) ?? l.sku, price: money(l.unitPriceCents), vat: vatRate(l.vatRateBp, i18n.language) })}</td>
              <td className="number">{money(-l.qty * l.unitPriceCents)}</td>
            </tr>
          ))}
          {q.taken.map((l) => (
            <tr key={`t-${l.sku}`} data-testid={`exchange-taken-${l.sku}`}>
              <th scope="row">{t('exchange.taken')}</th>
              <td>{t('exchange.line', { qty: l.qty, name: l.name, price: money(l.unitPriceCents), vat: vatRate(l.vatRateBp, i18n.language) })}</td>
              <td className="number">{money(l.qty * l.unitPriceCents)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('exchange.returnedValue')}</th>
            <td />
            <td className="number" data-testid="exchange-returned-value">{money(q.returnedCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t('exchange.takenValue')}</th>
            <td />
            <td className="number" data-testid="exchange-taken-value">{money(q.newCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t('exchange.difference')}</th>
            <td data-testid="exchange-difference-text">
              {q.differenceCents > 0
                ? t('exchange.customerPays', { amount: money(q.differenceCents) })
                : q.differenceCents < 0
                  ? t('exchange.storePays', { amount: money(-q.differenceCents) })
                  : t('exchange.even')}
            </td>
            <td className="number" data-testid="exchange-difference">
              <strong>{money(q.differenceCents)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      {q.differenceCents !== 0 ? (
        <fieldset className="return-mode">
          <legend className="field__label">{t('exchange.settlement')}</legend>
          {methods.map((m) => (
            <label key={m} className="return-mode__choice">
              <input type="radio" name="exchange-settlement" data-testid={`exchange-settle-${m}`} checked={method === m} onChange={() => onMethod(m)} /> {t(`exchange.methods.${m}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {q.needsManager ? (
        <p className="notice" role="status" data-testid="exchange-needs-manager">
          {t('exchange.needsManager', { threshold: money(q.approvalCents) })}
        </p>
      ) : null}
    </section>
  );
}
