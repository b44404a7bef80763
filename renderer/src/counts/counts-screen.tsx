import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/result';
import type { CountDetail, CountInfo, DocumentCursor } from '../../../main/api/types';
import { countApprovalReasons } from '../../../main/api/input-schemas';
import { useClient } from '../api/client-context';
import type { StoreQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';
import { PagedVirtualList, usePagedQuery } from '../lists/paged-virtual-list';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { useFieldProblems } from '../forms/use-field-problems';
import { plainT } from '../i18n/plain-t';
import { useLocations } from '../lookup/use-locations';
import { useErrorText } from '../screens/error-text';
import { useWedgeScanner } from '../scanner/use-wedge-scanner';
import { AdjustmentForm } from './adjustment-form';

type CreateMode = ProcedureInput<'counts.create'>['by'];
const createModes: readonly CreateMode[] = ['location', 'category', 'skus', 'not-counted'];
/** Where stock is counted: the store's own places that hold sellable or held stock. */
const countableLocations = ['sales_floor', 'back_room', 'pickup_hold', 'damaged'] as const;

/** Stock counts: the list and a new one, then one count: blind counting by scan, review with variances and recounts, a manager's approval. */
export function CountsScreen({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <section className="screen" aria-labelledby="counts-title" data-testid="counts-screen">
      <h1 id="counts-title" className="screen__title">
        {t('counts.title')}
      </h1>
      {error ? (
        <p className="form-error" role="alert" data-testid="counts-error" data-code={error.code}>
          {errorText(error)}
        </p>
      ) : null}
      {open ? (
        <CountView countId={open} active={active} onClose={() => setOpen(null)} />
      ) : (
        <>
          <CreateCountForm onCreated={(count) => { setError(null); setOpen(count.countId); }} onError={setError} />
          <CountList onOpen={setOpen} />
          <AdjustmentForm />
        </>
      )}
    </section>
  );
}

const countPageSize = 50;

/** Counts newest first, a page at a time by (created, id), drawn virtualised: a store's years of counts stay light. */
function CountList({ onOpen }: { onOpen(countId: string): void }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const fetchPage = useCallback(
    async (before: DocumentCursor | undefined) => {
      const result = await client.call('counts.list', { limit: countPageSize, ...(before === undefined ? {} : { before }) });
      if (!result.ok) throw result.error;
      return result.value;
    },
    [client],
  );
  // Keyed by counts.list, so a change event naming counts re-reads its pages (query-cache.ts).
  const queryKey: StoreQueryKey = useMemo(() => ['counts.list', { paged: true }], []);
  const list = usePagedQuery<CountInfo, DocumentCursor>({ queryKey, pageSize: countPageSize, fetchPage, cursorOf: (c) => ({ at: c.createdAt, id: c.countId }) });
  return (
    <div className="document-list">
      <div className="document-row document-row--head count-row" aria-hidden="true">
        <span>{t('counts.id')}</span>
        <span>{t('counts.location')}</span>
        <span>{t('counts.origin')}</span>
        <span>{t('counts.status')}</span>
        <span className="number">{t('counts.progress')}</span>
        <span>{t('counts.actions')}</span>
      </div>
      <PagedVirtualList
        list={list}
        testId="counts-list"
        label={t('counts.title')}
        rowHeight={49}
        height={360}
        itemKey={(c) => c.countId}
        empty={<p className="muted">{t('counts.none')}</p>}
        renderRow={(c) => (
          <div className="document-row count-row" data-testid={`count-row-${c.countId}`} data-origin={c.origin} data-status={c.status}>
            <span className="code">{c.countId}</span>
            <span>{pt(`stock.locations.${c.location}`, { defaultValue: c.location })}</span>
            <span>
              {pt(`counts.origins.${c.origin}`)}
              {c.originRef ? <span className="code muted"> {c.originRef}</span> : null}
            </span>
            <span>{pt(`counts.statuses.${c.status}`)}</span>
            <span className="number">
              {c.countedLines} / {c.lines}
            </span>
            <span>
              <button type="button" className="button" data-testid="count-open" onClick={() => onOpen(c.countId)}>
                {t('counts.open')}
              </button>
            </span>
          </div>
        )}
      />
    </div>
  );
}

function CreateCountForm({ onCreated, onError }: { onCreated(count: CountInfo): void; onError(error: ApiError): void }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const [by, setBy] = useState<CreateMode>('location');
  const [location, setLocation] = useState<string>('sales_floor');
  const [category, setCategory] = useState('');
  const [skus, setSkus] = useState('');
  const [days, setDays] = useState('30');
  const [busy, setBusy] = useState(false);
  const fields = useFieldProblems<'category' | 'skus' | 'days'>('count-create');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = fields.check({
      category: { value: category, format: 'text', optional: by !== 'category' },
      skus: { value: skus, format: 'text', optional: by !== 'skus' },
      days: { value: days, format: 'wholeNumber', min: 1, max: 3650, optional: by !== 'not-counted' },
    });
    if (!ok) return;
    const input: ProcedureInput<'counts.create'> =
      by === 'category'
        ? { by, location, category }
        : by === 'skus'
          ? { by, location, skus: skus.split(/[\s,;]+/).filter(Boolean) }
          : by === 'not-counted'
            ? { by, location, days: Number(days) }
            : { by, location };
    setBusy(true);
    const result = await client.call('counts.create', input);
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else onError(result.error);
  };

  return (
    <form className="panel" aria-labelledby="count-new-title" noValidate onSubmit={(e) => void submit(e)} data-testid="count-create">
      <h2 id="count-new-title" className="panel__title">{t('counts.newTitle')}</h2>
      <label className="field">
        <span className="field__label">{t('counts.by')}</span>
        <select className="orders-input" value={by} onChange={(e) => setBy(e.target.value as CreateMode)} data-testid="count-create-by">
          {createModes.map((mode) => (
            <option key={mode} value={mode}>
              {pt(`counts.modes.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      <LocationSelect value={location} onChange={setLocation} testId="count-create-location" />
      {by === 'category' ? (
        fields.field('category', t('counts.category'), <input className="orders-input" value={category} onChange={(e) => setCategory(e.target.value)} data-testid="count-create-category" />)
      ) : null}
      {by === 'skus' ? (
        fields.field('skus', t('counts.skus'), <input className="orders-input" value={skus} onChange={(e) => setSkus(e.target.value)} data-testid="count-create-skus" />)
      ) : null}
      {by === 'not-counted' ? (
        fields.field('days', t('counts.days'), <input className="orders-input" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} data-testid="count-create-days" />)
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy} data-testid="count-create-submit">
        {t('counts.create')}
      </button>
    </form>
  );
}

export function LocationSelect({ value, onChange, testId }: { value: string; onChange(value: string): void; testId: string }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const locations = useLocations();
  return (
    <label className="field">
      <span className="field__label">{t('counts.location')}</span>
      <select className="orders-input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {countableLocations.map((code) => (
          <option key={code} value={code}>
            {pt(`stock.locations.${code}`, { defaultValue: locations.get(code)?.name ?? code })}
          </option>
        ))}
      </select>
    </label>
  );
}

function CountView({ countId, active, onClose }: { countId: string; active: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const errorText = useErrorText();
  const manager = useManagerCall();
  const { view, set } = useStoreQuery('counts.detail', { countId });
  const [error, setError] = useState<ApiError | null>(null);
  const [reason, setReason] = useState<(typeof countApprovalReasons)[number]>('unexplained');
  const count = view.kind === 'ready' ? view.value : null;
  const counting = count?.status === 'counting' || count?.status === 'recount';

  const answered = (result: { ok: true; value: CountDetail } | { ok: false; error: ApiError } | null) => {
    if (!result) return;
    if (result.ok) {
      setError(null);
      set(result.value);
    } else setError(result.error);
  };

  const scan = async (code: string, qty: number) => answered(await client.call('counts.scan', { countId, code, ...(qty !== 1 ? { qty } : {}) }));
  const submit = async () => answered(await client.call('counts.submit', { countId }));
  const approve = async () => answered(await manager.call('counts.approve', { countId, reasonCode: reason }));

  if (view.kind === 'error') {
    return (
      <p className="form-error" role="alert" data-code={view.error.code}>
        {errorText(view.error)}
      </p>
    );
  }
  if (!count) return <p className="muted">{t('counts.loading')}</p>;
  const shown = count.figuresShown;
  return (
    <div data-testid="count-view" data-status={count.status} data-count-id={count.countId}>
      <p>
        <button type="button" className="button" onClick={onClose} data-testid="count-back">
          {t('counts.back')}
        </button>
      </p>
      <h2>
        <span className="code">{count.countId}</span> · {pt(`stock.locations.${count.location}`, { defaultValue: count.location })} ·{' '}
        <span data-testid="count-status">{pt(`counts.statuses.${count.status}`)}</span>
      </h2>
      {!shown ? (
        <p role="note" data-testid="count-blind">
          {t('counts.blindNote')}
        </p>
      ) : null}
      {count.status === 'recount' ? <p role="note">{t('counts.recountNote')}</p> : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="count-error" data-code={error.code}>
          {errorText(error)}
        </p>
      ) : null}
      {counting ? <ScanForm active={active} onScan={(code, qty) => void scan(code, qty)} /> : null}
      <div className="table-scroll">
        <table className="data-table" data-testid="count-lines">
          <thead>
            <tr>
              <th scope="col">{t('counts.product')}</th>
              <th scope="col" className="number">{t('counts.counted')}</th>
              {shown ? (
                <>
                  <th scope="col" className="number">{t('counts.snapshot')}</th>
                  <th scope="col" className="number">{t('counts.movesSince')}</th>
                  <th scope="col" className="number">{t('counts.expected')}</th>
                  <th scope="col" className="number">{t('counts.variance')}</th>
                </>
              ) : null}
              <th scope="col">{t('counts.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {count.items.map((line) => (
              <tr key={line.sku} data-testid={`count-line-${line.sku}`} className={line.overTolerance ? 'negative' : undefined}>
                <th scope="row">
                  {line.name ?? line.sku} <span className="code muted">{line.sku}</span>
                </th>
                <td className="number" data-testid="line-counted">
                  {line.recounted ?? line.counted ?? '—'}
                </td>
                {shown ? (
                  <>
                    <td className="number" data-testid="line-snapshot">{line.snapshot ?? '—'}</td>
                    <td className="number" data-testid="line-moves">{line.movesSince ?? '—'}</td>
                    <td className="number" data-testid="line-expected">{line.expected ?? '—'}</td>
                    <td className="number" data-testid="line-variance" data-value={line.variance ?? ''}>
                      {line.variance === null ? '—' : line.variance > 0 ? `+${line.variance}` : line.variance}
                    </td>
                  </>
                ) : null}
                <td>
                  {line.zeroed ? <span data-testid="line-zeroed">{t('counts.zeroed')} </span> : null}
                  {line.recountNeeded ? (
                    <span data-testid="line-recount">{line.recounted === null ? t('counts.recountAsked') : t('counts.recountedBy', { who: line.recountedBy ?? '', first: line.counted ?? '—' })}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {counting ? (
        <button type="button" className="button button--primary" onClick={() => void submit()} data-testid="count-submit">
          {count.status === 'recount' ? t('counts.submitRecount') : t('counts.submit')}
        </button>
      ) : null}
      {count.status === 'review' ? (
        <form className="panel" onSubmit={(e) => { e.preventDefault(); void approve(); }} data-testid="count-approve-form">
          <label className="field">
            <span className="field__label">{t('counts.reason')}</span>
            <select className="orders-input" value={reason} onChange={(e) => setReason(e.target.value as typeof reason)} data-testid="count-reason">
              {countApprovalReasons.map((code) => (
                <option key={code} value={code}>
                  {pt(`adjust.reasons.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--primary" data-testid="count-approve">
            {t('counts.approve')}
          </button>
        </form>
      ) : null}
      {count.status === 'approved' ? (
        <p role="status" data-testid="count-approved">
          {t('counts.approvedBy', { who: count.closedBy ?? '', reason: pt(`adjust.reasons.${count.reasonCode ?? 'unexplained'}`) })}
        </p>
      ) : null}
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </div>
  );
}

/** A scanner (wedge or serial) or typing adds to the count; the quantity is 1 unless typed. */
function ScanForm({ active, onScan }: { active: boolean; onScan(code: string, qty: number): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [code, setCode] = useState('');
  const [qty, setQty] = useState('1');
  const before = useRef('');
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  useEffect(() => {
    if (!active) return;
    return client.subscribe((event) => {
      if (event.event === 'device.scan') latest.current(event.payload.text, 1);
    });
  }, [client, active]);
  useWedgeScanner(active, {
    onBurstStart: () => {
      before.current = code;
    },
    onScan: (scanned) => {
      setCode(before.current);
      onScan(scanned, 1);
    },
  });
  const fields = useFieldProblems<'code' | 'qty'>('count-scan');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fields.check({ code: { value: code, format: 'text' }, qty: { value: qty, format: 'wholeNumber', min: 1, max: 1_000_000 } })) return;
    const units = Number(qty);
    onScan(code.trim(), units);
    setCode('');
    setQty('1');
  };
  return (
    <form className="panel" noValidate onSubmit={submit} data-testid="count-scan-form">
      {fields.field('code', t('counts.scanLabel'), <input className="orders-input" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} data-testid="count-scan-code" />)}
      {fields.field('qty', t('counts.qty'), <input className="orders-input" inputMode="numeric" value={qty} onChange={(e) => setQty(e.target.value)} data-testid="count-scan-qty" />)}
      <button type="submit" className="button" data-testid="count-scan-add">
        {t('counts.add')}
      </button>
    </form>
  );
}
