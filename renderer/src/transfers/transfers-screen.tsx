import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { DocumentCursor, TransferInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import type { StoreQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';
import { PagedVirtualList, usePagedQuery } from '../lists/paged-virtual-list';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { plainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import { useFieldProblems } from '../forms/use-field-problems';

/** Counts a receipt is building at the destination, per SKU, before it is sent. */
type Counted = Record<string, { received: number; damaged: number; lost: number }>;

/** A receipt's id, made once per receipt: sending it again (a retry) changes nothing at the store. */
const newReceiptId = () => `r-${crypto.randomUUID()}`;

/** Transfers between stores: outgoing and incoming lists, a draft to fill and ship, and receiving by scanning. */
export function TransfersScreen() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  // The open transfer is read on its own: it may be pages down either list.
  const opened = useStoreQuery('transfers.detail', { transferId: selected ?? '' }, { enabled: selected !== null });
  const [to, setTo] = useState('');
  const toField = useFieldProblems<'to'>('transfer-create');
  const [error, setError] = useState<ApiError | null>(null);
  const client = useClient();
  const errorText = useErrorText();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!toField.check({ to: { value: to, format: 'id' } })) return;
    const result = await client.call('transfers.create', { to: to.trim() });
    if (!result.ok) return setError(result.error);
    setTo('');
    setSelected(result.value.transferId);
  };

  const current = selected !== null && opened.view.kind === 'ready' && opened.view.value.transferId === selected ? opened.view.value : null;

  return (
    <section className="screen" aria-labelledby="transfers-title" data-testid="transfers-screen">
      <h1 id="transfers-title" className="screen__title">
        {t('transfers.title')}
      </h1>
      <form className="form-row" noValidate onSubmit={(e) => void create(e)}>
        {toField.field('to', t('transfers.destination'), <input data-testid="transfer-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="store-12" />)}
        <button type="submit" className="button" data-testid="transfer-create">
          {t('transfers.create')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="notice notice--error" data-testid="transfers-error">
          {errorText(error)}
        </p>
      ) : null}
      <TransferList direction="outgoing" testId="transfers-outgoing" title={t('transfers.outgoing')} selected={selected} onSelect={setSelected} />
      <TransferList direction="incoming" testId="transfers-incoming" title={t('transfers.incoming')} selected={selected} onSelect={setSelected} />
      {selected !== null && opened.view.kind === 'error' ? <StatePanel tone="error" title={errorText(opened.view.error)} /> : null}
      {current ? (
        current.direction === 'outgoing' && current.state === 'draft' ? (
          <DraftEditor key={current.transferId} transfer={current} />
        ) : current.direction === 'incoming' && (current.state === 'shipped' || current.state === 'receiving') ? (
          <ReceiveByScanning key={current.transferId} transfer={current} />
        ) : (
          <TransferLines transfer={current} />
        )
      ) : null}
    </section>
  );
}

const transferPageSize = 50;

/** One direction's transfers, newest first, a page at a time by (created, id), drawn virtualised. */
function TransferList({ direction, testId, title, selected, onSelect }: { direction: 'outgoing' | 'incoming'; testId: string; title: string; selected: string | null; onSelect(id: string): void }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const fetchPage = useCallback(
    async (before: DocumentCursor | undefined) => {
      const result = await client.call('transfers.list', { direction, limit: transferPageSize, ...(before === undefined ? {} : { before }) });
      if (!result.ok) throw result.error;
      return result.value[direction];
    },
    [client, direction],
  );
  // Keyed by transfers.list, so transfers.changed re-reads its pages (query-cache.ts).
  const queryKey: StoreQueryKey = useMemo(() => ['transfers.list', { direction, paged: true }], [direction]);
  const list = usePagedQuery<TransferInfo, DocumentCursor>({ queryKey, pageSize: transferPageSize, fetchPage, cursorOf: (tr) => ({ at: tr.createdAt, id: tr.transferId }) });
  return (
    <section aria-label={title} data-testid={testId}>
      <h2 className="screen__subtitle">{title}</h2>
      <div className="document-row document-row--head transfer-row" aria-hidden="true">
        <span>{t('transfers.id')}</span>
        <span>{t('transfers.otherStore')}</span>
        <span>{t('transfers.state')}</span>
        <span>{t('transfers.units')}</span>
      </div>
      <PagedVirtualList
        list={list}
        testId={`${testId}-list`}
        label={title}
        rowHeight={45}
        height={240}
        itemKey={(tr) => tr.transferId}
        empty={<p className="muted">{t('transfers.none')}</p>}
        renderRow={(tr) => (
          <div className="document-row transfer-row" data-testid={`transfer-row-${tr.transferId}`} data-state={tr.state} aria-current={tr.transferId === selected}>
            <span>
              <button type="button" className="link-button" onClick={() => onSelect(tr.transferId)}>
                {tr.transferId}
              </button>
            </span>
            <span>{tr.direction === 'outgoing' ? tr.to : tr.from}</span>
            <span data-testid="transfer-state">{pt(`transfers.states.${tr.state}`)}</span>
            <span>{tr.lines.reduce((sum, l) => sum + l.qty, 0)}</span>
          </div>
        )}
      />
    </section>
  );
}

function TransferLines({ transfer }: { transfer: TransferInfo }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="transfer-lines">
      <thead>
        <tr>
          <th>{t('transfers.product')}</th>
          <th>{t('transfers.shipped')}</th>
          <th>{t('transfers.received')}</th>
          <th>{t('transfers.damaged')}</th>
          <th>{t('transfers.lost')}</th>
        </tr>
      </thead>
      <tbody>
        {transfer.lines.map((l) => (
          <tr key={l.sku} data-testid={`transfer-line-${l.sku}`}>
            <td>
              {l.name} <span className="muted">{l.sku}</span>
            </td>
            <td>{l.qty}</td>
            <td>{l.received}</td>
            <td>{l.damaged}</td>
            <td>{l.lost}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A draft: scan (one unit) or type a SKU and its units; then ship it (a manager's decision). */
function DraftEditor({ transfer }: { transfer: TransferInfo }) {
  const { t } = useTranslation();
  const client = useClient();
  const manager = useManagerCall();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [qty, setQty] = useState('');
  const fields = useFieldProblems<'code' | 'qty'>('transfer-line');
  const [error, setError] = useState<ApiError | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!fields.check({ code: { value: code, format: 'text' }, qty: { value: qty, format: 'wholeNumber', min: 1, max: 1_000_000_000, optional: true } })) return;
    const units = Number.parseInt(qty, 10);
    const result = await client.call('transfers.addLine', { transferId: transfer.transferId, code: code.trim(), ...(units > 0 ? { qty: units } : {}) });
    if (!result.ok) return setError(result.error);
    setCode('');
    setQty('');
  };
  const ship = async () => {
    setError(null);
    const result = await manager.call('transfers.ship', { transferId: transfer.transferId });
    if (result && !result.ok) setError(result.error);
  };

  return (
    <section data-testid="transfer-draft" aria-label={t('transfers.draftTitle', { id: transfer.transferId })}>
      <h2 className="screen__subtitle">{t('transfers.draftTitle', { id: transfer.transferId })}</h2>
      <p>{t('transfers.draftHelp', { to: transfer.to })}</p>
      <form className="form-row" noValidate onSubmit={(e) => void add(e)}>
        {fields.field('code', t('transfers.code'), <input data-testid="transfer-code" value={code} onChange={(e) => setCode(e.target.value)} autoFocus />)}
        {fields.field('qty', t('transfers.qty'), <input data-testid="transfer-qty" inputMode="numeric" value={qty} onChange={(e) => setQty(e.target.value)} size={5} />)}
        <button type="submit" className="button" data-testid="transfer-add">
          {t('transfers.add')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="notice notice--error" data-testid="transfer-draft-error">
          {errorText(error)}
        </p>
      ) : null}
      <ul data-testid="transfer-draft-lines">
        {transfer.lines.map((l) => (
          <li key={l.sku} data-testid={`draft-line-${l.sku}`} data-qty={l.qty}>
            {l.qty} × {l.name} <span className="muted">{l.sku}</span>{' '}
            <button type="button" className="link-button" onClick={() => void client.call('transfers.removeLine', { transferId: transfer.transferId, sku: l.sku })}>
              {t('transfers.remove')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--primary" data-testid="transfer-ship" disabled={transfer.lines.length === 0} onClick={() => void ship()}>
        {t('transfers.ship')}
      </button>
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </section>
  );
}

/** Receiving at the destination: each scan counts one unit received; damaged and lost are typed per line. */
function ReceiveByScanning({ transfer }: { transfer: TransferInfo }) {
  const { t } = useTranslation();
  const client = useClient();
  const manager = useManagerCall();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [counted, setCounted] = useState<Counted>({});
  const [receiptId, setReceiptId] = useState(newReceiptId);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const codeField = useFieldProblems<'code'>('transfer-receive');
  const open = (sku: string) => {
    const line = transfer.lines.find((l) => l.sku === sku)!;
    return line.qty - line.received - line.damaged - line.lost;
  };
  const countOf = (sku: string) => counted[sku] ?? { received: 0, damaged: 0, lost: 0 };
  const setCount = (sku: string, field: 'received' | 'damaged' | 'lost', value: number) =>
    setCounted((all) => ({ ...all, [sku]: { ...countOf(sku), ...all[sku], [field]: Math.max(0, value) } }));

  const scan = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (!codeField.check({ code: { value: code, format: 'text' } })) return;
    const found = await client.call('catalog.lookup', { code: code.trim() });
    setCode('');
    if (!found.ok) return setError(found.error);
    const sku = found.value.product.sku;
    if (!transfer.lines.some((l) => l.sku === sku)) return setNotice(t('transfers.notInTransfer', { name: found.value.product.name }));
    setCount(sku, 'received', countOf(sku).received + 1);
  };

  const submit = async () => {
    setError(null);
    const lines = transfer.lines.map((l) => ({ sku: l.sku, ...countOf(l.sku) })).filter((l) => l.received + l.damaged + l.lost > 0);
    const result = await manager.call('transfers.receive', { transferId: transfer.transferId, receiptId, lines });
    if (!result) return;
    if (!result.ok) return setError(result.error);
    setCounted({});
    setReceiptId(newReceiptId());
    setNotice(result.value.state === 'closed' ? t('transfers.closedNotice') : t('transfers.partNotice'));
  };

  const anything = Object.values(counted).some((c) => c.received + c.damaged + c.lost > 0);
  return (
    <section data-testid="transfer-receive" aria-label={t('transfers.receiveTitle', { id: transfer.transferId })}>
      <h2 className="screen__subtitle">{t('transfers.receiveTitle', { id: transfer.transferId })}</h2>
      <p>{t('transfers.receiveHelp', { from: transfer.from })}</p>
      <form className="form-row" noValidate onSubmit={(e) => void scan(e)}>
        {codeField.field('code', t('transfers.scan'), <input data-testid="receive-code" value={code} onChange={(e) => setCode(e.target.value)} autoFocus />)}
      </form>
      {error ? (
        <p role="alert" className="notice notice--error" data-testid="transfer-receive-error">
          {errorText(error)}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="notice" data-testid="transfer-receive-notice">
          {notice}
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th>{t('transfers.product')}</th>
            <th>{t('transfers.open')}</th>
            <th>{t('transfers.received')}</th>
            <th>{t('transfers.damaged')}</th>
            <th>{t('transfers.lost')}</th>
          </tr>
        </thead>
        <tbody>
          {transfer.lines.map((l) => (
            <tr key={l.sku} data-testid={`receive-line-${l.sku}`} data-received={countOf(l.sku).received}>
              <td>
                {l.name} <span className="muted">{l.sku}</span>
              </td>
              <td>{open(l.sku)}</td>
              {(['received', 'damaged', 'lost'] as const).map((field) => (
                <td key={field}>
                  <input
                    data-testid={`receive-${field}-${l.sku}`}
                    aria-label={`${t(`transfers.${field}`)} ${l.name}`}
                    inputMode="numeric"
                    size={4}
                    value={String(countOf(l.sku)[field])}
                    onChange={(e) => setCount(l.sku, field, Number.parseInt(e.target.value, 10) || 0)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button--primary" data-testid="receive-submit" disabled={!anything} onClick={() => void submit()}>
        {t('transfers.confirmReceipt')}
      </button>
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </section>
  );
}
