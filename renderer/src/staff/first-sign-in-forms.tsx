import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { SessionInfo, StaffInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useFieldProblems } from '../forms/use-field-problems';
import { useErrorText } from '../screens/error-text';

// The two ways in for someone without a PIN: the store's first admin, with
// the one-time admin code IT configured; and a member HQ sent, with their
// one-time code. Both choose their PIN here.

type Fields = ReturnType<typeof useFieldProblems<'code' | 'id' | 'name' | 'pin' | 'again'>>;

function FormError({ error }: { error: ApiError | null }) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid="first-sign-in-error" data-code={error.code}>
      {errorText(error)}
    </p>
  );
}

const digits = (text: string) => text.replace(/\D/g, '').slice(0, 8);

export function FirstAdminForm({ onBack, onSignedIn }: { onBack(): void; onSignedIn(session: SessionInfo): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [code, setCode] = useState('');
  const [staffId, setStaffId] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fields: Fields = useFieldProblems('first-admin');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const ok = fields.check({
      code: { value: code, format: 'text' },
      id: { value: staffId, format: 'staffId' },
      name: { value: name, format: 'text' },
      pin: { value: pin, format: 'pin' },
      again: { value: again, format: 'pin', sameAs: pin },
    });
    if (!ok) return;
    setBusy(true);
    const result = await client.call('session.firstAdmin', { code, staffId, name, pin });
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else setError(result.error);
  };

  return (
    <section className="screen pin-entry" aria-labelledby="first-admin-title">
      <form className="pin-card" data-testid="first-admin-form" noValidate onSubmit={(event) => void submit(event)}>
        <h1 id="first-admin-title" className="screen__title">
          {t('signIn.firstAdminTitle')}
        </h1>
        {fields.field('code', t('signIn.adminCode'), <input className="orders-input" data-testid="first-admin-code" type="password" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />)}
        {fields.field('id', t('signIn.staffId'), <input className="orders-input" data-testid="first-admin-id" value={staffId} onChange={(e) => setStaffId(e.target.value.trim())} />)}
        {fields.field('name', t('signIn.staffName'), <input className="orders-input" data-testid="first-admin-name" value={name} onChange={(e) => setName(e.target.value)} />)}
        <NewPinFields fields={fields} testId="first-admin" pin={pin} again={again} onPin={setPin} onAgain={setAgain} />
        <FormError error={error} />
        <div className="pin-card__actions">
          <button type="button" className="button button--quiet button--large" onClick={onBack}>
            {t('signIn.cancel')}
          </button>
          <button type="submit" className="button button--primary button--large" data-testid="first-admin-submit" disabled={busy}>
            {busy ? t('signIn.signingIn') : t('signIn.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function SetupCodeForm({ staff, onBack, onSignedIn }: { staff: StaffInfo; onBack(): void; onSignedIn(session: SessionInfo): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fields: Fields = useFieldProblems('setup-code');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const ok = fields.check({
      code: { value: code, format: 'text' },
      pin: { value: pin, format: 'pin' },
      again: { value: again, format: 'pin', sameAs: pin },
    });
    if (!ok) return;
    setBusy(true);
    const result = await client.call('session.signInWithCode', { staffId: staff.id, code, pin });
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else setError(result.error);
  };

  return (
    <section className="screen pin-entry" aria-labelledby="setup-code-title">
      <form className="pin-card" data-testid="setup-code-form" noValidate onSubmit={(event) => void submit(event)}>
        <h1 id="setup-code-title" className="screen__title">
          {t('signIn.codeTitle', { name: staff.name })}
        </h1>
        <p className="muted">{t('signIn.codeIntro')}</p>
        {fields.field('code', t('signIn.setupCode'), <input className="orders-input" data-testid="setup-code" type="password" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />)}
        <NewPinFields fields={fields} testId="setup-code" pin={pin} again={again} onPin={setPin} onAgain={setAgain} />
        <FormError error={error} />
        <div className="pin-card__actions">
          <button type="button" className="button button--quiet button--large" onClick={onBack}>
            {t('signIn.changeStaff')}
          </button>
          <button type="submit" className="button button--primary button--large" data-testid="setup-code-submit" disabled={busy}>
            {busy ? t('signIn.signingIn') : t('signIn.codeSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A new PIN typed twice (digits only): the first admin's and a first sign-in's. */
function NewPinFields({ fields, testId, pin, again, onPin, onAgain }: { fields: Fields; testId: string; pin: string; again: string; onPin(pin: string): void; onAgain(pin: string): void }) {
  const { t } = useTranslation();
  return (
    <>
      {fields.field('pin', `${t('signIn.newPin')} (${t('signIn.pinHint')})`, <input className="orders-input" data-testid={`${testId}-pin`} type="password" inputMode="numeric" value={pin} onChange={(e) => onPin(digits(e.target.value))} />)}
      {fields.field('again', t('signIn.newPinAgain'), <input className="orders-input" data-testid={`${testId}-pin-again`} type="password" inputMode="numeric" value={again} onChange={(e) => onAgain(digits(e.target.value))} />)}
    </>
  );
}
