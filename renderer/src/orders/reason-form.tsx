import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks why, from a short list: the reason's code is what the core records. */
export function ReasonForm({
  testId,
  title,
  kind,
  reasons,
  confirm,
  busy,
  onCancel,
  onConfirm,
}: {
  testId: string;
  title: string;
  kind: 'reject' | 'cancel';
  reasons: readonly string[];
  confirm: string;
  busy: boolean;
  onCancel(): void;
  onConfirm(reason: string): void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(reasons[0] ?? 'other');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onConfirm(reason);
  };
  return (
    <form className="panel reason-form" data-testid={testId} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <fieldset className="reason-form__choices">
        <legend className="panel__title">{title}</legend>
        {reasons.map((code, i) => (
          <label key={code} className="choice">
            <input type="radio" name={testId} value={code} checked={reason === code} autoFocus={i === 0} onChange={() => setReason(code)} />
            {t(`orders.reasons.${kind}.${code}` as 'orders.reasons.reject.other')}
          </label>
        ))}
      </fieldset>
      <div className="order-actions">
        {/* Rejecting and cancelling end the order for good: the red of what cannot be undone. */}
        <button type="submit" className="button button--destructive button--large" data-testid={`${testId}-confirm`} disabled={busy}>
          {confirm}
        </button>
        <button type="button" className="button button--large" onClick={onCancel}>
          {t('orders.back')}
        </button>
      </div>
    </form>
  );
}
