import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { Role, StaffInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useErrorText } from '../screens/error-text';
import type { ApprovalRequest } from './use-manager-call';

const rank: Record<Role, number> = { associate: 0, pickup: 1, manager: 2, admin: 3 };
const isRole = (value: string): value is Role => Object.hasOwn(rank, value);
/** Errors about the approver (wrong PIN, locked, not senior enough): ask again rather than give up. */
const approverErrors = new Set(['PIN_INVALID', 'PIN_LOCKED', 'PIN_THROTTLED', 'UNKNOWN_STAFF', 'FORBIDDEN', 'VALIDATION', 'APPROVAL_INVALID']);

/** A manager approves a call in place: chooses themself, types their PIN. Escape or Cancel abandons it. */
export function ApprovalDialog({ request }: { request: ApprovalRequest }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const dialog = useRef<HTMLDialogElement>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  const [approvers, setApprovers] = useState<StaffInfo[] | null>(null);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  useEffect(() => {
    let current = true;
    void client.call('staff.list', {}).then((result) => {
      if (!current) return;
      const need = isRole(request.need) ? rank[request.need] : rank.manager;
      const able = result.ok ? result.value.filter((member) => isRole(member.role) && rank[member.role] >= need) : [];
      setApprovers(able);
      setStaffId((chosen) => chosen || (able[0]?.id ?? ''));
      if (!result.ok) setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [client, request.need]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !staffId || pin.length < 4) return;
    setBusy(true);
    setError(null);
    const result = await request.send({ staffId, pin });
    setBusy(false);
    if (!result.ok && approverErrors.has(result.error.code)) {
      setError(result.error);
      setPin('');
      pinInput.current?.focus();
      return;
    }
    request.finish(result);
  };

  const needText = isRole(request.need) ? t(`roles.${request.need}`) : request.need;
  return (
    <dialog
      ref={dialog}
      className="approval"
      aria-labelledby="approval-title"
      data-testid="approval-dialog"
      onCancel={(event) => {
        event.preventDefault();
        request.finish(null);
      }}
    >
      <form className="approval__form" onSubmit={(event) => void submit(event)}>
        <h2 id="approval-title" className="panel__title">
          {t('devices.approval.title')}
        </h2>
        <p className="muted">{t('devices.approval.body', { role: needText })}</p>
        {approvers === null ? (
          <p className="muted">{t('devices.approval.loading')}</p>
        ) : approvers.length === 0 ? (
          <p className="form-error">{t('devices.approval.nobody', { role: needText })}</p>
        ) : (
          <fieldset className="approval__people">
            <legend className="field__label">{t('devices.approval.who')}</legend>
            {approvers.map((member) => (
              <label key={member.id} className="device-choice">
                <input type="radio" name="approver" value={member.id} checked={staffId === member.id} onChange={() => setStaffId(member.id)} />
                {member.name} <span className="role-badge">{t(`roles.${member.role}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <label className="field">
          <span className="field__label">
            {t('signIn.pinLabel')} <span className="muted">({t('signIn.pinHint')})</span>
          </span>
          <input
            ref={pinInput}
            className="pin-input"
            data-testid="approval-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            maxLength={8}
            value={pin}
            aria-invalid={error !== null}
            onChange={(event) => {
              setPin(event.target.value.replace(/\D/g, '').slice(0, 8));
              setError(null);
            }}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert" data-testid="approval-error" data-code={error.code}>
            {errorText(error)}
          </p>
        ) : null}
        <div className="approval__actions">
          {/* Not "Cancel": beside a cancellation it would read as cancelling the order. */}
          <button type="button" className="button button--large" data-testid="approval-cancel" onClick={() => request.finish(null)}>
            {t('devices.approval.dismiss')}
          </button>
          <button type="submit" className="button button--primary button--large" data-testid="approval-submit" disabled={busy || !staffId || pin.length < 4}>
            {busy ? t('devices.approval.checking') : t('devices.approval.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
