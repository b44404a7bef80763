import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { MovementInfo } from '../../../main/api/types';
import { adjustmentReasons } from '../../../main/api/input-schemas';
import { useClient } from '../api/client-context';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { useFieldProblems } from '../forms/use-field-problems';
import { plainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';
import { LocationSelect } from './counts-screen';

type Reason = (typeof adjustmentReasons)[number];

/**
 * Stock adjusted by hand with its reason code. Staff type how many units; the reason says which
 * way they go ("found" adds, the others take off), so nobody types a sign. Below a manager, the
 * manager approves it in place with their PIN.
 */
export function AdjustmentForm() {
  const { t } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const errorText = useErrorText();
  const manager = useManagerCall();
  const [code, setCode] = useState('');
  const [location, setLocation] = useState('sales_floor');
  const [units, setUnits] = useState('1');
  const [reason, setReason] = useState<Reason>('damaged');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<MovementInfo | null>(null);
  const [waiting, setWaiting] = useState(false);
  const fields = useFieldProblems<'code' | 'units'>('adjust');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fields.check({ code: { value: code, format: 'text' }, units: { value: units, format: 'wholeNumber', min: 1, max: 1_000_000_000 } })) return;
    const qty = Number(units);
    setBusy(true);
    setError(null);
    setDone(null);
    // The product by any of its codes: the lookup says which SKU it is.
    const found = await client.call('catalog.lookup', { code: code.trim() });
    if (!found.ok) {
      setBusy(false);
      return setError(found.error);
    }
    const result = await manager.call(
      'stock.adjust',
      { sku: found.value.product.sku, location, reason, qty: reason === 'found' ? qty : -qty },
      () => setWaiting(true),
    );
    setBusy(false);
    setWaiting(false);
    if (!result) return;
    if (result.ok) {
      setDone(result.value);
      setCode('');
      setUnits('1');
    } else setError(result.error);
  };

  return (
    <>
      <form className="panel" aria-labelledby="adjust-title" noValidate onSubmit={(e) => void submit(e)} data-testid="adjust-form">
        <h2 id="adjust-title" className="panel__title">{t('adjust.title')}</h2>
        <div className="field">
          <label className="field__label" htmlFor={fields.input('code').id}>{t('adjust.product')}</label>
          <input className="orders-input" {...fields.input('code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} data-testid="adjust-code" />
          {fields.problem('code', t('adjust.product'))}
        </div>
        <LocationSelect value={location} onChange={setLocation} testId="adjust-location" />
        <div className="field">
          <label className="field__label" htmlFor={fields.input('units').id}>{t('adjust.units')}</label>
          <input className="orders-input" inputMode="numeric" {...fields.input('units')} value={units} onChange={(e) => setUnits(e.target.value)} data-testid="adjust-units" />
          {fields.problem('units', t('adjust.units'))}
        </div>
        <label className="field">
          <span className="field__label">{t('adjust.reason')}</span>
          <select className="orders-input" value={reason} onChange={(e) => setReason(e.target.value as Reason)} data-testid="adjust-reason">
            {adjustmentReasons.map((code) => (
              <option key={code} value={code}>
                {pt(`adjust.reasons.${code}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">{reason === 'found' ? t('adjust.adds') : t('adjust.removes')}</p>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="adjust-submit">
          {t('adjust.submit')}
        </button>
        {waiting ? (
          <p role="status" data-testid="adjust-needs-approval">
            {t('adjust.needsApproval')}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert" data-testid="adjust-error" data-code={error.code}>
            {errorText(error)}
          </p>
        ) : null}
        {done ? (
          <p role="status" data-testid="adjust-done">
            {t('adjust.done', { qty: done.qty, sku: done.sku, reason: pt(`adjust.reasons.${done.reason}`) })}
          </p>
        ) : null}
      </form>
      {/* Outside the form: the dialog's own form must not submit this one. */}
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </>
  );
}
