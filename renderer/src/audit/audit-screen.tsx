import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { procedureNames, type ProcedureInput } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/result';
import type { AuditEntryDetail, AuditRow } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import type { StoreQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';
import { formatDateTime } from '../format/store-formats';
import { PagedVirtualList, usePagedQuery } from '../lists/paged-virtual-list';
import { useErrorText } from '../screens/error-text';
import '../styles/alerts.css';

const pageSize = 100;
type Filter = Omit<ProcedureInput<'audit.list'>, 'before' | 'limit'>;

/** A datetime-local field's value as an ISO instant (the station's clock zone), or undefined when empty or unreadable. */
const instant = (local: string): string | undefined => {
  if (local === '') return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
};

/**
 * The audit log viewer (issue 15, managers and admins): filter by member, approver, procedure,
 * document and date; pages read by id (keyset) as the list scrolls, only the rows in view drawn,
 * so it stays smooth at millions of entries. Opening an entry shows its input, and is logged.
 */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const staff = useStoreQuery('staff.list', {});
  const members = staff.view.kind === 'ready' ? staff.view.value : [];
  const [draft, setDraft] = useState({ staff: '', approvedBy: '', command: '', document: '', from: '', to: '' });
  const [filter, setFilter] = useState<Filter>({});
  const [opened, setOpened] = useState<AuditEntryDetail | null>(null);
  const [openError, setOpenError] = useState<ApiError | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const from = instant(draft.from);
    const to = instant(draft.to);
    setFilter({
      ...(draft.staff ? { staff: draft.staff } : {}),
      ...(draft.approvedBy ? { approvedBy: draft.approvedBy } : {}),
      ...(draft.command ? { command: draft.command } : {}),
      ...(draft.document.trim() ? { document: draft.document.trim() } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  };

  const fetchPage = useCallback(
    async (before: number | undefined) => {
      const result = await client.call('audit.list', { ...filter, limit: pageSize, ...(before === undefined ? {} : { before }) });
      if (!result.ok) throw result.error;
      return result.value;
    },
    [client, filter],
  );
  const queryKey: StoreQueryKey = useMemo(() => ['audit.list', { ...filter, paged: true }], [filter]);
  const list = usePagedQuery<AuditRow>({ queryKey, pageSize, fetchPage, cursorOf: (row) => row.id });

  const open = async (id: number) => {
    const result = await client.call('audit.entry', { id });
    if (result.ok) {
      setOpened(result.value);
      setOpenError(null);
    } else setOpenError(result.error);
  };

  const field = (name: keyof typeof draft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: event.target.value })),
  });

  return (
    <section className="screen audit" aria-labelledby="audit-title" data-testid="audit-screen">
      <h1 id="audit-title" className="screen__title">
        {t('audit.title')}
      </h1>
      <form className="panel audit__filters" onSubmit={apply} role="search" aria-label={t('audit.filters')}>
        <MemberFilter label={t('audit.member')} testId="audit-filter-staff" members={members} {...field('staff')} />
        <MemberFilter label={t('audit.approver')} testId="audit-filter-approver" members={members} {...field('approvedBy')} />
        <label className="field">
          <span className="field__label">{t('audit.procedure')}</span>
          <select className="code" data-testid="audit-filter-command" {...field('command')}>
            <option value="">{t('audit.anyProcedure')}</option>
            {[...procedureNames].sort().map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.document')}</span>
          <input type="text" autoComplete="off" spellCheck={false} maxLength={128} data-testid="audit-filter-document" placeholder={t('audit.documentHint')} {...field('document')} />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.from')}</span>
          <input type="datetime-local" data-testid="audit-filter-from" {...field('from')} />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.to')}</span>
          <input type="datetime-local" data-testid="audit-filter-to" {...field('to')} />
        </label>
        <button type="submit" className="button button--primary" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
        <button type="button" className="button" data-testid="audit-refresh" onClick={() => void list.refetch()}>
          {t('audit.refresh')}
        </button>
      </form>

      <div className="panel">
        <div className="audit-row audit-row--head" aria-hidden="true">
          <span>{t('audit.at')}</span>
          <span>{t('audit.member')}</span>
          <span>{t('audit.approver')}</span>
          <span>{t('audit.procedure')}</span>
          <span>{t('audit.document')}</span>
          <span>{t('audit.outcome')}</span>
        </div>
        <PagedVirtualList
          // A new filter starts at the top of its own list.
          key={JSON.stringify(filter)}
          list={list}
          testId="audit-list"
          label={t('audit.listLabel')}
          rowHeight={41}
          height={440}
          itemKey={(row) => String(row.id)}
          empty={
            <p className="muted" data-testid="audit-list-empty">
              {t('audit.empty')}
            </p>
          }
          renderRow={(row) => (
            <button
              type="button"
              className="audit-row"
              data-testid="audit-row"
              data-id={row.id}
              data-ok={row.ok}
              aria-pressed={opened?.id === row.id}
              onClick={() => void open(row.id)}
            >
              <span>{formatDateTime(row.at, i18n.language)}</span>
              <span>{row.staff ?? '—'}</span>
              <span>{row.approvedBy ?? '—'}</span>
              <span className="code">{row.command}</span>
              <span className="code">{row.document ?? ''}</span>
              <span className="audit-row__outcome">{row.ok ? t('audit.ok') : t('audit.refused')}</span>
            </button>
          )}
        />
      </div>

      {openError ? (
        <p className="form-error" role="alert" data-testid="audit-entry-error">
          {errorText(openError)}
        </p>
      ) : null}
      {opened ? (
        <section className="panel audit-entry" aria-labelledby="audit-entry-title" data-testid="audit-entry" data-id={opened.id}>
          <h2 id="audit-entry-title" className="panel__title">
            {t('audit.entryTitle', { id: opened.id })}
          </h2>
          <dl className="audit-entry__facts">
            <dt>{t('audit.at')}</dt>
            <dd>{formatDateTime(opened.at, i18n.language)}</dd>
            <dt>{t('audit.station')}</dt>
            <dd>{opened.station}</dd>
            <dt>{t('audit.member')}</dt>
            <dd>{opened.staff ?? '—'}</dd>
            <dt>{t('audit.approver')}</dt>
            <dd>{opened.approvedBy ?? '—'}</dd>
            <dt>{t('audit.procedure')}</dt>
            <dd className="code">{opened.command}</dd>
            <dt>{t('audit.outcome')}</dt>
            <dd>{opened.ok ? t('audit.ok') : opened.errorCode ? errorText({ code: opened.errorCode, message: opened.errorMessage ?? '' } as ApiError) : t('audit.refused')}</dd>
          </dl>
          <pre data-testid="audit-entry-input">{prettyJson(opened.input)}</pre>
        </section>
      ) : null}
    </section>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A filter by one member of staff (who did it, who approved it); empty is anyone. */
function MemberFilter({ label, testId, members, value, onChange }: { label: string; testId: string; members: readonly { id: string; name: string }[]; value: string; onChange(event: { target: { value: string } }): void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select data-testid={testId} value={value} onChange={onChange}>
        <option value="">{t('audit.anyone')}</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.id})
          </option>
        ))}
      </select>
    </label>
  );
}
