import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { SetupStatus } from '../../../main/api/types';
import { defaultStoreTimeZone, isIanaTimeZone } from '../../../main/api/input-schemas';
import { useClient } from '../api/client-context';
import { joinStoreInputSchema, provisionInputSchema } from '../../../main/api/input-schemas';
import { formatTime } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import { setupFields, setupProblemOf, setupProblems, type SetupField, type SetupProblems } from './setup-problems';
import '../styles/setup.css';

const deviceRoles = ['counter-scanner', 'backoffice-scanner', 'receipt-printer', 'shelf-sensor', 'ignored'] as const;
type DeviceRole = (typeof deviceRoles)[number];
/** The zones this browser's Intl knows, offered as suggestions (any IANA zone Intl accepts is valid). */
const timeZoneChoices: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [defaultStoreTimeZone];

/**
 * First run: try the demo store, or give this station its store, HQ broker,
 * first admin and device roles. Fields IT's policy file sets are shown locked.
 */
export function SetupWizard({ status, onDemo }: { status: SetupStatus; onDemo(status: SetupStatus): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [step, setStep] = useState<'welcome' | 'form' | 'join' | 'restarting'>('welcome');
  const [error, setError] = useState<ApiError | null>(null);

  const chooseDemo = async () => {
    const result = await client.call('setup.chooseDemo', {});
    if (result.ok) onDemo(result.value);
    else setError(result.error);
  };

  if (step === 'restarting') {
    return <StatePanel tone="loading" title={t('setup.restartingTitle')} testId="setup-restarting">{t('setup.restartingBody')}</StatePanel>;
  }
  if (step === 'form') return <SetupForm status={status} onBack={() => setStep('welcome')} onProvisioned={() => setStep('restarting')} />;
  if (step === 'join') return <JoinStoreForm status={status} onBack={() => setStep('welcome')} />;
  return (
    <section className="screen setup" aria-labelledby="setup-title" data-testid="setup-wizard">
      <h1 id="setup-title" className="screen__title">
        {t('setup.welcomeTitle')}
      </h1>
      <p className="setup__intro">{t('setup.welcomeBody')}</p>
      <div className="setup__choices">
        <button type="button" className="setup__choice button button--large" data-testid="setup-demo" onClick={() => void chooseDemo()}>
          <strong>{t('setup.demoTitle')}</strong>
          <span>{t('setup.demoBody')}</span>
        </button>
        <button type="button" className="setup__choice button button--primary button--large" data-testid="setup-store" onClick={() => setStep('form')}>
          <strong>{t('setup.storeTitle')}</strong>
          <span>{t('setup.storeBody')}</span>
        </button>
        <button type="button" className="setup__choice button button--large" data-testid="setup-join" onClick={() => setStep('join')}>
          <strong>{t('setup.joinTitle')}</strong>
          <span>{t('setup.joinBody')}</span>
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </section>
  );
}

function Field({ label, locked, field, problems, children }: { label: string; locked: boolean; field?: SetupField; problems?: SetupProblems; children: ReactNode }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const problem = field ? problems?.[field] : undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={field ? fieldId(field) : undefined}>
        {label} {locked ? <span className="setup__locked">{t('setup.locked')}</span> : null}
      </label>
      {children}
      {field && problem ? (
        <p className="field__problem" id={`${fieldId(field)}-problem`} data-testid={`setup-problem-${field}`} data-problem={problem}>
          {pt(`fields.problems.${problem}`, { field: label.replace(/\s*\(.*\)$/, '') })}
        </p>
      ) : null}
    </div>
  );
}

const fieldId = (field: SetupField) => `setup-field-${field.replace('.', '-')}`;

/** An input's link to its field's label and problem. */
const fieldProps = (field: SetupField, problems: SetupProblems) => ({
  id: fieldId(field),
  'aria-invalid': problems[field] ? true : undefined,
  'aria-describedby': problems[field] ? `${fieldId(field)}-problem` : undefined,
});

function SetupForm({ status, onBack, onProvisioned }: { status: SetupStatus; onBack(): void; onProvisioned(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const isLocked = (field: string) => status.locked.includes(field);
  const [store, setStore] = useState(status.preset.store ?? '');
  const [station, setStation] = useState(status.preset.station ?? status.station);
  const [chain, setChain] = useState(status.preset.chain ?? '');
  const [timeZone, setTimeZone] = useState(status.preset.timeZone ?? defaultStoreTimeZone);
  const [withHq, setWithHq] = useState(true);
  const [hqUrl, setHqUrl] = useState(status.preset.hqUrl ?? '');
  const [hqUser, setHqUser] = useState(status.preset.hqUsername ?? '');
  const [hqPassword, setHqPassword] = useState('');
  const [adminId, setAdminId] = useState('');
  const [adminName, setAdminName] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [roles, setRoles] = useState<Record<string, DeviceRole | ''>>({});
  const [legalName, setLegalName] = useState('');
  const [legalAddress, setLegalAddress] = useState('');
  const [legalTaxId, setLegalTaxId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<SetupProblems>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      store: store.trim(),
      station: station.trim(),
      chain: chain.trim(),
      ...(isLocked('timeZone') ? {} : { timeZone: timeZone.trim() }),
      hq: withHq ? { url: hqUrl.trim(), ...(hqUser.trim() ? { username: hqUser.trim() } : {}), ...(hqPassword ? { password: hqPassword } : {}) } : null,
      admin: { id: adminId.trim(), name: adminName.trim(), pin },
      devices: Object.entries(roles).flatMap(([identity, role]) => (role ? [{ identity, role }] : [])),
      ...(legalName.trim() ? { legal: { name: legalName.trim(), address: legalAddress.trim(), taxId: legalTaxId.trim() } } : {}),
    };
    const found = setupProblems(provisionInputSchema, input);
    // The zone is checked against this browser's own list of IANA zones, as the core checks it with Intl.
    if (!isLocked('timeZone') && !found.timeZone && !isIanaTimeZone(timeZone.trim())) found.timeZone = 'timeZone';
    if (pinAgain === '') found.pinAgain = 'required';
    else if (!found['admin.pin'] && pin !== pinAgain) found.pinAgain = 'pinMismatch';
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) return focusFirstProblem(found);
    setBusy(true);
    const result = await client.call('setup.provision', input);
    setBusy(false);
    if (result.ok) return onProvisioned();
    const fieldProblem = setupProblemOf(result.error);
    if (fieldProblem) {
      setProblems({ [fieldProblem.field]: fieldProblem.problem });
      focusFirstProblem({ [fieldProblem.field]: fieldProblem.problem });
    } else setError(result.error);
  };

  return (
    <form className="screen setup setup-form" aria-labelledby="setup-form-title" data-testid="setup-form" noValidate onSubmit={(e) => void submit(e)}>
      <h1 id="setup-form-title" className="screen__title">
        {t('setup.formTitle')}
      </h1>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.storeSection')}</legend>
        <p className="muted">{t('setup.idHint')}</p>
        <Field label={t('setup.chain')} locked={isLocked('chain')} field="chain" problems={problems}>
          <input className="orders-input" data-testid="setup-chain" {...fieldProps('chain', problems)} disabled={isLocked('chain')} value={chain} onChange={(e) => setChain(e.target.value)} />
        </Field>
        <Field label={t('setup.store')} locked={isLocked('store')} field="store" problems={problems}>
          <input className="orders-input" data-testid="setup-store-id" {...fieldProps('store', problems)} disabled={isLocked('store')} value={store} onChange={(e) => setStore(e.target.value)} />
        </Field>
        <Field label={t('setup.station')} locked={isLocked('station')} field="station" problems={problems}>
          <input className="orders-input" data-testid="setup-station" {...fieldProps('station', problems)} disabled={isLocked('station')} value={station} onChange={(e) => setStation(e.target.value)} />
        </Field>
      </fieldset>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.legalSection')}</legend>
        <p className="muted">{t('setup.legalHint')}</p>
        <Field label={t('setup.legalName')} locked={isLocked('legal.name')}>
          <input className="orders-input" data-testid="setup-legal-name" maxLength={200} disabled={isLocked('legal.name')} value={legalName} onChange={(e) => setLegalName(e.target.value)} />
        </Field>
        <Field label={t('setup.legalAddress')} locked={isLocked('legal.name')}>
          <input className="orders-input" data-testid="setup-legal-address" maxLength={300} disabled={isLocked('legal.name') || !legalName.trim()} value={legalAddress} onChange={(e) => setLegalAddress(e.target.value)} />
        </Field>
        <Field label={t('setup.legalTaxId')} locked={isLocked('legal.name')}>
          <input className="orders-input" data-testid="setup-legal-tax-id" maxLength={40} disabled={isLocked('legal.name') || !legalName.trim()} value={legalTaxId} onChange={(e) => setLegalTaxId(e.target.value)} />
        </Field>
        <Field label={t('setup.timeZone')} locked={isLocked('timeZone')} field="timeZone" problems={problems}>
          <input className="orders-input" data-testid="setup-time-zone" {...fieldProps('timeZone', problems)} list="setup-time-zones" disabled={isLocked('timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
        </Field>
        <datalist id="setup-time-zones">
          {timeZoneChoices.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <p className="muted">{t('setup.timeZoneHint')}</p>
      </fieldset>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.hqSection')}</legend>
        <label className="setup__toggle">
          <input type="checkbox" data-testid="setup-offline" checked={!withHq} disabled={isLocked('hq.url')} onChange={(e) => setWithHq(!e.target.checked)} /> {t('setup.offline')}
        </label>
        {withHq ? (
          <>
            <Field label={t('setup.hqUrl')} locked={isLocked('hq.url')} field="hq.url" problems={problems}>
              <input className="orders-input" data-testid="setup-hq-url" {...fieldProps('hq.url', problems)} placeholder="mqtts://hq.example.com:8883" disabled={isLocked('hq.url')} value={hqUrl} onChange={(e) => setHqUrl(e.target.value)} />
            </Field>
            <Field label={t('setup.hqUser')} locked={isLocked('hq.username')} field="hq.username" problems={problems}>
              <input className="orders-input" data-testid="setup-hq-user" {...fieldProps('hq.username', problems)} autoComplete="off" disabled={isLocked('hq.username')} value={hqUser} onChange={(e) => setHqUser(e.target.value)} />
            </Field>
            <Field label={t('setup.hqPassword')} locked={false} field="hq.password" problems={problems}>
              <input className="orders-input" data-testid="setup-hq-password" {...fieldProps('hq.password', problems)} type="password" autoComplete="new-password" value={hqPassword} onChange={(e) => setHqPassword(e.target.value)} />
            </Field>
            <p className="muted">{t(status.secretStorage === 'os-keychain' ? 'setup.secretKeychain' : 'setup.secretFile')}</p>
          </>
        ) : null}
      </fieldset>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.adminSection')}</legend>
        <Field label={t('setup.adminId')} locked={false} field="admin.id" problems={problems}>
          <input className="orders-input" data-testid="setup-admin-id" {...fieldProps('admin.id', problems)} value={adminId} onChange={(e) => setAdminId(e.target.value)} />
        </Field>
        <Field label={t('setup.adminName')} locked={false} field="admin.name" problems={problems}>
          <input className="orders-input" data-testid="setup-admin-name" {...fieldProps('admin.name', problems)} value={adminName} onChange={(e) => setAdminName(e.target.value)} />
        </Field>
        <Field label={t('setup.pin')} locked={false} field="admin.pin" problems={problems}>
          <input className="orders-input" data-testid="setup-pin" type="password" inputMode="numeric" {...fieldProps('admin.pin', problems)} value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <Field label={t('setup.pinAgain')} locked={false} field="pinAgain" problems={problems}>
          <input className="orders-input" data-testid="setup-pin-again" type="password" inputMode="numeric" {...fieldProps('pinAgain', problems)} value={pinAgain} onChange={(e) => setPinAgain(e.target.value)} />
        </Field>
      </fieldset>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.devicesSection')}</legend>
        {status.devices.length === 0 ? (
          <p className="muted" data-testid="setup-no-devices">
            {t('setup.noDevices')}
          </p>
        ) : (
          <ul className="setup__devices">
            {status.devices.map((d) => (
              <li key={d.identity}>
                <span>
                  {d.product ?? d.path} <span className="muted code">{d.path}</span>
                </span>
                <select className="orders-input" aria-label={t('setup.roleFor', { device: d.product ?? d.path })} value={roles[d.identity] ?? ''} onChange={(e) => setRoles((r) => ({ ...r, [d.identity]: e.target.value as DeviceRole | '' }))}>
                  <option value="">{t('setup.noRole')}</option>
                  {deviceRoles.map((role) => (
                    <option key={role} value={role}>
                      {t(`setup.roles.${role}`)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {error ? (
        <p className="form-error" role="alert" data-testid="setup-error">
          {errorText(error)}
        </p>
      ) : null}
      <div className="order-actions">
        <button type="submit" className="button button--primary button--large" data-testid="setup-submit" disabled={busy}>
          {t('setup.submit')}
        </button>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('setup.back')}
        </button>
      </div>
    </form>
  );
}

/**
 * "Join a store": this station pairs with the store's host. The code shows here
 * until a manager approves it on the host; the console then restarts as a
 * station of that store (setup.restarting), or hears why not (setup.pairing).
 */
function JoinStoreForm({ status, onBack }: { status: SetupStatus; onBack(): void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [host, setHost] = useState(status.preset.stationHost ?? '');
  const [station, setStation] = useState(status.preset.station ?? status.station);
  const [pairing, setPairing] = useState<{ code: string; fingerprint256: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<SetupProblems>({});
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event !== 'setup.pairing') return;
        setPairing(null);
        setError({ code: event.payload.code as ApiError['code'], message: event.payload.message });
      }),
    [client],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { host: host.trim(), station: station.trim() };
    const found = setupProblems(joinStoreInputSchema, input);
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) return focusFirstProblem(found);
    setBusy(true);
    const result = await client.call('setup.joinStore', input);
    setBusy(false);
    if (result.ok) return setPairing(result.value);
    const fieldProblem = setupProblemOf(result.error);
    if (fieldProblem) setProblems({ [fieldProblem.field]: fieldProblem.problem });
    else setError(result.error);
  };

  if (pairing) {
    return (
      <section className="screen setup" aria-labelledby="setup-pairing-title" data-testid="setup-pairing">
        <h1 id="setup-pairing-title" className="screen__title">
          {t('setup.pairingTitle')}
        </h1>
        <p className="setup__pairing-code" data-testid="setup-pairing-code" aria-live="polite">
          {pairing.code}
        </p>
        <p>{t('setup.pairingBody')}</p>
        <p className="muted">{t('setup.pairingExpires', { time: formatTime(pairing.expiresAt, i18n.language) })}</p>
        <p className="muted code">{t('setup.pairingFingerprint', { fingerprint: pairing.fingerprint256 })}</p>
        <StatePanel tone="loading" title={t('setup.pairingWaiting')} testId="setup-pairing-waiting" />
      </section>
    );
  }
  return (
    <form className="screen setup setup-form" aria-labelledby="setup-join-title" data-testid="setup-join-form" noValidate onSubmit={(e) => void submit(e)}>
      <h1 id="setup-join-title" className="screen__title">
        {t('setup.joinFormTitle')}
      </h1>
      <fieldset className="panel setup__section">
        <Field label={t('setup.hostAddress')} locked={isLockedHost(status)} field="host" problems={problems}>
          <input className="orders-input" data-testid="setup-join-host" {...fieldProps('host', problems)} placeholder="wss://192.168.1.10:4790" disabled={isLockedHost(status)} value={host} onChange={(e) => setHost(e.target.value)} />
        </Field>
        <p className="muted">{t('setup.hostHint')}</p>
        <Field label={t('setup.station')} locked={status.locked.includes('station')} field="station" problems={problems}>
          <input className="orders-input" data-testid="setup-join-station" {...fieldProps('station', problems)} disabled={status.locked.includes('station')} value={station} onChange={(e) => setStation(e.target.value)} />
        </Field>
      </fieldset>
      {error ? (
        <p className="form-error" role="alert" data-testid="setup-join-error" data-code={error.code}>
          {t('setup.pairingRefused', { reason: errorText(error) })}
        </p>
      ) : null}
      <div className="order-actions">
        <button type="submit" className="button button--primary button--large" data-testid="setup-join-submit" disabled={busy}>
          {t('setup.joinSubmit')}
        </button>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('setup.back')}
        </button>
      </div>
    </form>
  );
}

/** Takes the keyboard to the first field with a problem, where its message is read out with it. */
function focusFirstProblem(problems: SetupProblems): void {
  const first = setupFields.find((field) => problems[field]);
  if (first) document.getElementById(fieldId(first))?.focus();
}

/** IT's policy file names the host (stationLink.host): the wizard shows it, locked. */
const isLockedHost = (status: SetupStatus) => status.preset.stationHost !== undefined;
