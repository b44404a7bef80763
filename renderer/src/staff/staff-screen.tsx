import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../main/api/shapes';
import type { ApiError, Result } from '../../../main/api/result';
import type { Role, RosterMember, StaffInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useStoreQuery } from '../api/use-store-query';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import { ErrorPanel } from '../screens/error-panel';
import { useFieldProblems } from '../forms/use-field-problems';

type Notice = { kind: 'ok'; text: string } | { kind: 'error'; error: ApiError } | null;
const digits = (text: string) => text.replace(/\D/g, '').slice(0, 8);

/** Admins add, edit, deactivate, set roles and reset PINs; a manager sees the staff and unlocks. */
export function StaffScreen({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { view, reload } = useStoreQuery('staff.roster', {}, { final: (e) => e.code === 'FORBIDDEN' });
  const [notice, setNotice] = useState<Notice>(null);

  const act: Act = async (run, done) => {
    const result = await run();
    setNotice(result.ok ? { kind: 'ok', text: done(result.value.name) } : { kind: 'error', error: result.error });
    reload();
    return result.ok;
  };

  if (view.kind === 'loading') return <StatePanel tone="loading" title={t('staffAdmin.loading')} />;
  if (view.kind === 'error') {
    return view.error.code === 'FORBIDDEN' ? <StatePanel tone="warning" title={t('staffAdmin.managerOnly')} /> : <ErrorPanel error={view.error} onRetry={reload} />;
  }
  return (
    <section className="screen" aria-labelledby="staff-title" data-testid="staff-screen">
      <h1 id="staff-title" className="screen__title">
        {t('staffAdmin.title')}
      </h1>
      {notice ? (
        notice.kind === 'ok' ? (
          <p role="status" data-testid="staff-notice">
            {notice.text}
          </p>
        ) : (
          <p className="form-error" role="alert" data-testid="staff-error" data-code={notice.error.code}>
            {errorText(notice.error)}
          </p>
        )
      ) : null}
      {isAdmin ? <AddMemberForm onAdded={(name) => { setNotice({ kind: 'ok', text: t('staffAdmin.added', { name }) }); reload(); }} onError={(error) => setNotice({ kind: 'error', error })} /> : null}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('staffAdmin.id')}</th>
              <th scope="col">{t('staffAdmin.name')}</th>
              <th scope="col">{t('staffAdmin.role')}</th>
              <th scope="col">{t('staffAdmin.state')}</th>
              <th scope="col">{t('staffAdmin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {view.value.map((member) => (
              <MemberRow key={member.id} member={member} isAdmin={isAdmin} act={act} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Act = (run: () => Promise<Result<StaffInfo>>, done: (name: string) => string) => Promise<boolean>;

function MemberRow({ member, isAdmin, act }: { member: RosterMember; isAdmin: boolean; act: Act }) {
  const { t } = useTranslation();
  const client = useClient();
  const [name, setName] = useState(member.name);
  const [pin, setPin] = useState('');
  const id = member.id;
  return (
    <tr data-testid={`staff-row-${id}`}>
      <td className="code">{id}</td>
      <td>
        {isAdmin ? (
          <input className="orders-input" aria-label={t('staffAdmin.name')} data-testid={`staff-name-${id}`} value={name} onChange={(e) => setName(e.target.value)} />
        ) : (
          member.name
        )}
      </td>
      <td>
        {isAdmin ? (
          <select
            aria-label={t('staffAdmin.role')}
            data-testid={`staff-role-${id}`}
            value={member.role}
            onChange={(e) => void act(() => client.call('staff.setRole', { staffId: id, role: e.target.value as Role }), (n) => t('staffAdmin.saved', { name: n }))}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`roles.${member.role}`)
        )}
      </td>
      <td data-testid={`staff-state-${id}`}>
        {member.active ? t('staffAdmin.active') : t('staffAdmin.inactive')}
        {member.locked ? ` · ${t('staffAdmin.locked')}` : ''}
        {member.awaitingCode ? ` · ${t('staffAdmin.awaitingCode')}` : ''}
      </td>
      <td className="order-actions">
        {isAdmin && name.trim() !== member.name ? (
          <button type="button" className="button" data-testid={`staff-rename-${id}`} onClick={() => void act(() => client.call('staff.rename', { staffId: id, name: name.trim() }), (n) => t('staffAdmin.saved', { name: n }))}>
            {t('staffAdmin.save')}
          </button>
        ) : null}
        {member.locked ? (
          <button type="button" className="button" data-testid={`staff-unlock-${id}`} onClick={() => void act(() => client.call('staff.unlock', { staffId: id }), (n) => t('staffAdmin.unlocked', { name: n }))}>
            {t('staffAdmin.unlock')}
          </button>
        ) : null}
        {isAdmin ? (
          <>
            <input
              className="orders-input"
              type="password"
              inputMode="numeric"
              aria-label={t('staffAdmin.resetPin')}
              placeholder={t('staffAdmin.resetPin')}
              data-testid={`staff-pin-${id}`}
              value={pin}
              onChange={(e) => setPin(digits(e.target.value))}
            />
            <button
              type="button"
              className="button"
              data-testid={`staff-reset-${id}`}
              disabled={pin.length < 4}
              onClick={() => void act(() => client.call('staff.resetPin', { staffId: id, pin }), (n) => t('staffAdmin.pinReset', { name: n })).then(() => setPin(''))}
            >
              {t('staffAdmin.resetPin')}
            </button>
          </>
        ) : null}
        {isAdmin && member.active ? (
          <button
            type="button"
            className="button"
            data-testid={`staff-deactivate-${id}`}
            onClick={() => {
              if (window.confirm(t('staffAdmin.confirmDeactivate', { name: member.name }))) {
                void act(() => client.call('staff.deactivate', { staffId: id }), (n) => t('staffAdmin.deactivated', { name: n }));
              }
            }}
          >
            {t('staffAdmin.deactivate')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

function AddMemberForm({ onAdded, onError }: { onAdded(name: string): void; onError(error: ApiError): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [staffId, setStaffId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('associate');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const fields = useFieldProblems<'id' | 'name' | 'pin'>('staff-add');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fields.check({ id: { value: staffId, format: 'staffId' }, name: { value: name, format: 'text' }, pin: { value: pin, format: 'pin' } })) return;
    setBusy(true);
    const result = await client.call('staff.add', { staffId, name, role, pin });
    setBusy(false);
    if (!result.ok) return onError(result.error);
    setStaffId('');
    setName('');
    setPin('');
    onAdded(result.value.name);
  };

  return (
    <form className="panel" data-testid="staff-add-form" aria-labelledby="staff-add-title" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id="staff-add-title" className="panel__title">
        {t('staffAdmin.addTitle')}
      </h2>
      {fields.field('id', t('staffAdmin.id'), <input className="orders-input" data-testid="staff-add-id" value={staffId} onChange={(e) => setStaffId(e.target.value.trim())} />)}
      {fields.field('name', t('staffAdmin.name'), <input className="orders-input" data-testid="staff-add-name" value={name} onChange={(e) => setName(e.target.value)} />)}
      <label className="field">
        <span className="field__label">{t('staffAdmin.role')}</span>
        <select data-testid="staff-add-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {fields.field('pin', t('staffAdmin.pin'), <input className="orders-input" data-testid="staff-add-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(digits(e.target.value))} />)}
      <button type="submit" className="button button--primary" data-testid="staff-add-submit" disabled={busy}>
        {t('staffAdmin.add')}
      </button>
    </form>
  );
}
