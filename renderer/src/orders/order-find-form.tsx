import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { printableCode } from '../lookup/lookup-text';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import type { FinderView } from './use-order-finder';

/** "Scan the customer's QR or type the order number", with what the search found wrong. */
export function OrderFindForm({ testId, view, onFind }: { testId: string; view: FinderView; onFind(code: string): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onFind(typed);
  };
  return (
    <>
      <form className="order-find" role="search" onSubmit={submit}>
        <label className="field order-find__field">
          <span className="field__label">{t('orders.find.label')}</span>
          <input
            className="orders-input orders-input--large"
            data-testid={testId}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            enterKeyHint="search"
            placeholder={t('orders.find.placeholder')}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary button--large" data-testid={`${testId}-submit`}>
          {t('orders.find.submit')}
        </button>
      </form>
      {view.kind === 'finding' ? (
        <StatePanel tone="loading" title={t('orders.find.finding')}>
          <code className="code">{printableCode(view.code)}</code>
        </StatePanel>
      ) : view.kind === 'error' ? (
        <StatePanel tone="warning" title={t('orders.find.notFoundTitle')} testId={`${testId}-error`}>
          {errorText(view.error)} <code className="code">{printableCode(view.code)}</code>
        </StatePanel>
      ) : null}
    </>
  );
}
