import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import { useClient } from '../api/client-context';
import { useErrorText } from '../screens/error-text';

export interface Replacement {
  sku: string;
  name: string;
  qty: number;
}

/** The items a customer takes in exchange: scanned (or typed) one by one, each with a quantity. */
export function ReplacementList({ items, onChange }: { items: Replacement[]; onChange(items: Replacement[]): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const typed = code.trim();
    if (!typed) return;
    const found = await client.call('catalog.lookup', { code: typed });
    if (!found.ok) return setError(found.error);
    setError(null);
    setCode('');
    const { sku, name } = found.value.product;
    const existing = items.find((i) => i.sku === sku);
    onChange(existing ? items.map((i) => (i.sku === sku ? { ...i, qty: i.qty + 1 } : i)) : [...items, { sku, name, qty: 1 }]);
  };

  return (
    <fieldset className="replacements panel" data-testid="exchange-replacements">
      <legend className="panel__title">{t('orders.returns.replacements')}</legend>
      <div className="order-find">
        <label className="field order-find__field">
          <span className="field__label">{t('orders.returns.replacementCode')}</span>
          <input
            className="orders-input"
            data-testid="exchange-code"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void add(event);
            }}
          />
        </label>
        <button type="button" className="button button--large" data-testid="exchange-add" onClick={(event) => void add(event)}>
          {t('orders.returns.add')}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="exchange-error" data-code={error.code}>
          {errorText(error)}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="muted">{t('orders.returns.noReplacements')}</p>
      ) : (
        <ul className="replacements__list">
          {items.map((item) => (
            <li key={item.sku} data-testid={`exchange-item-${item.sku}`}>
              <span>
                {item.name} <span className="muted code">{item.sku}</span>
              </span>
              <input
                className="orders-input orders-input--qty"
                type="number"
                min={1}
                aria-label={t('orders.returns.replacementQtyFor', { name: item.name })}
                value={item.qty}
                onChange={(event) => {
                  const qty = Math.max(1, Math.trunc(Number(event.target.value) || 1));
                  onChange(items.map((i) => (i.sku === item.sku ? { ...i, qty } : i)));
                }}
              />
              <button type="button" className="button" onClick={() => onChange(items.filter((i) => i.sku !== item.sku))}>
                {t('orders.returns.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
