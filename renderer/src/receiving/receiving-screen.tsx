import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { DocumentCursor, ReceiptDetail, ReceiptSummary, ReceivingScan } from '../../../main/api/types';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { useClient } from '../api/client-context';
import type { StoreQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';
import { PagedVirtualList, usePagedQuery } from '../lists/paged-virtual-list';
import { formatDateTime, formatDay } from '../format/store-formats';
import { printableCode } from '../lookup/lookup-text';
import { useLocations } from '../lookup/use-locations';
import { playCue } from '../orders/order-sounds';
import { useOrderScans } from '../orders/use-order-scans';
import { ErrorPanel } from '../screens/error-panel';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import '../styles/orders.css';
import '../styles/receiving.css';
import { plainT } from '../i18n/plain-t';
import { useFieldProblems } from '../forms/use-field-problems';

/**
 * Receiving: the deliveries HQ announced (ASNs) and the receipts in progress; a receipt is driven
 * by the scanner. Nothing moves in the ledger until the receipt closes with its packing slip.
 */
export function ReceivingScreen({ active }: { active: boolean }) {
  const [receiptId, setReceiptId] = useState<string | null>(null);
  return receiptId === null ? <ReceivingList onOpen={setReceiptId} /> : <ReceiptScreen receiptId={receiptId} active={active} onBack={() => setReceiptId(null)} />;
}

const receiptPageSize = 50;

function ReceivingList({ onOpen }: { onOpen(receiptId: string): void }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const errorText = useErrorText();
  // The ASNs come with every page; the smallest page brings them, and the receipts are paged below.
  const client = useClient();
  const { view, reload } = useStoreQuery('receiving.list', { limit: 1 });
  const fetchReceipts = useCallback(
    async (before: DocumentCursor | undefined) => {
      const result = await client.call('receiving.list', { limit: receiptPageSize, ...(before === undefined ? {} : { before }) });
      if (!result.ok) throw result.error;
      return result.value.receipts;
    },
    [client],
  );
  // Keyed by receiving.list, so receiving.changed re-reads its pages (query-cache.ts).
  const receiptsKey: StoreQueryKey = useMemo(() => ['receiving.list', { paged: true }], []);
  const receipts = usePagedQuery<ReceiptSummary, DocumentCursor>({ queryKey: receiptsKey, pageSize: receiptPageSize, fetchPage: fetchReceipts, cursorOf: (r) => ({ at: r.openedAt, id: r.id }) });
  const manager = useManagerCall();
  const [supplier, setSupplier] = useState('');
  const supplierField = useFieldProblems<'supplier'>('receiving-without-asn');
  const [error, setError] = useState<ApiError | null>(null);

  const open = async (input: { asnId: string } | { supplier: string }) => {
    setError(null);
    const result = await manager.call('receiving.open', input);
    if (result === null) return;
    if (result.ok) onOpen(result.value.id);
    else setError(result.error);
  };
  const openWithout = (event: FormEvent) => {
    event.preventDefault();
    if (supplierField.check({ supplier: { value: supplier.trim(), format: 'text' } })) void open({ supplier: supplier.trim() });
  };

  if (view.kind === 'loading') return <StatePanel tone="loading" title={t('receiving.loading')} />;
  if (view.kind === 'error') return <ErrorPanel error={view.error} onRetry={reload} />;
  const { expected } = view.value;
  return (
    <section className="receiving" data-testid="receiving-list" aria-labelledby="receiving-title">
      <h2 id="receiving-title">{t('receiving.title')}</h2>
      {error ? (
        <p className="form-error" role="alert" data-testid="receiving-error" data-code={error.code}>
          {errorText(error)}
        </p>
      ) : null}
      <section className="panel">
        <h3 className="panel__title">{t('receiving.inProgress')}</h3>
        <div className="document-row document-row--head receipt-row" aria-hidden="true">
          <span>{t('receiving.receipt')}</span>
          <span>{t('receiving.supplier')}</span>
          <span>{t('receiving.state')}</span>
          <span>{t('receiving.receivedOf')}</span>
          <span />
        </div>
        <PagedVirtualList
          list={receipts}
          testId="receipts-list"
          label={t('receiving.inProgress')}
          rowHeight={49}
          height={300}
          itemKey={(r) => r.id}
          empty={<p className="muted">{t('receiving.noneInProgress')}</p>}
          renderRow={(r) => (
            <div className="document-row receipt-row" data-testid={`receipt-row-${r.id}`} data-state={r.state}>
              <span>
                {r.id} <span className="muted">{r.asnId ?? t('receiving.withoutAsn')}</span>
              </span>
              <span>{r.supplier}</span>
              <span>{pt(`receiving.states.${r.state}`)}</span>
              <span>
                {r.received}/{r.expected}
              </span>
              <span>
                <button type="button" className="button" data-testid={`receipt-continue-${r.id}`} onClick={() => onOpen(r.id)}>
                  {t('receiving.continue')}
                </button>
              </span>
            </div>
          )}
        />
      </section>
      <section className="panel">
        <h3 className="panel__title">{t('receiving.expected')}</h3>
        {expected.length === 0 ? (
          <p className="muted">{t('receiving.noneExpected')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('receiving.asn')}</th>
                  <th>{t('receiving.supplier')}</th>
                  <th>{t('receiving.expectedAt')}</th>
                  <th>{t('receiving.units')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {expected.map((asn) => (
                  <tr key={asn.asnId} data-testid={`asn-row-${asn.asnId}`}>
                    <td>{asn.asnId}</td>
                    <td>{asn.supplier}</td>
                    <td>{formatDateTime(asn.expectedAt, i18n.language)}</td>
                    <td>
                      {t('receiving.linesUnits', { lines: asn.lines, units: asn.units })}
                      {asn.cartons > 0 ? ` · ${t('receiving.cartonCount', { count: asn.cartons })}` : ''}
                    </td>
                    <td>
                      <button type="button" className="button button--primary" data-testid={`asn-receive-${asn.asnId}`} onClick={() => void open({ asnId: asn.asnId })}>
                        {t('receiving.receive')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <form className="panel" noValidate onSubmit={openWithout}>
        <h3 className="panel__title">{t('receiving.withoutAsnTitle')}</h3>
        <p className="muted">{t('receiving.withoutAsnHint')}</p>
        {supplierField.field('supplier', t('receiving.supplier'), <input data-testid="receiving-supplier" value={supplier} maxLength={200} onChange={(e) => setSupplier(e.target.value)} />)}
        <button type="submit" className="button" data-testid="receiving-open-without-asn">
          {t('receiving.openWithoutAsn')}
        </button>
      </form>
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </section>
  );
}

type Outcome = { kind: 'added'; code: string; scan: ReceivingScan } | { kind: 'refused'; code: string; error: ApiError } | null;

function ReceiptScreen({ receiptId, active, onBack }: { receiptId: string; active: boolean; onBack(): void }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const errorText = useErrorText();
  const locations = useLocations();
  const { view, reload, set } = useStoreQuery('receiving.detail', { receiptId });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [typed, setTyped] = useState('');
  const codeField = useFieldProblems<'code'>('receipt');
  const [packingSlip, setPackingSlip] = useState('');
  const [location, setLocation] = useState('back_room');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const receipt = view.kind === 'ready' ? view.value : null;

  const scan = async (raw: string, symbology: string | null = null) => {
    const code = raw.trim();
    if (!code) return;
    const result = await client.call('receiving.scan', { receiptId, code, symbology });
    if (result.ok) {
      playCue('accepted');
      set(result.value.receipt);
      setOutcome({ kind: 'added', code, scan: result.value });
    } else {
      // An item not in the delivery, or past its tolerance: the low cue, heard without looking.
      playCue('refused');
      setOutcome({ kind: 'refused', code, error: result.error });
      reload();
    }
  };
  useOrderScans(active && receipt?.state === 'open', (code, symbology) => void scan(code, symbology));

  const act = async (name: 'receiving.pause' | 'receiving.resume') => {
    setActionError(null);
    const result = await client.call(name, { receiptId });
    if (result.ok) set(result.value);
    else setActionError(result.error);
  };
  const close = async (event: FormEvent) => {
    event.preventDefault();
    setActionError(null);
    const result = await client.call('receiving.close', { receiptId, packingSlip: packingSlip.trim(), location });
    if (result.ok) set(result.value);
    else setActionError(result.error);
  };

  if (view.kind === 'error') return <ErrorPanel error={view.error} onRetry={reload} />;
  if (!receipt) return <StatePanel tone="loading" title={t('receiving.loading')} />;
  const shortDated = outcome?.kind === 'added' ? outcome.scan.shortDated : undefined;
  const internal = [...locations.values()].filter((l) => l.kind === 'internal');

  return (
    <section className="receiving receipt" data-testid="receipt-screen" data-receipt={receipt.id} data-state={receipt.state} aria-labelledby="receipt-title">
      <header className="order-detail__header">
        <button type="button" className="button button--quiet" data-testid="receipt-back" onClick={onBack}>
          ← {t('receiving.back')}
        </button>
        <h2 id="receipt-title" className="order-detail__title">
          {t('receiving.receiptTitle', { id: receipt.id })}
        </h2>
        <span data-testid="receipt-state">{pt(`receiving.states.${receipt.state}`)}</span>
      </header>
      <p className="muted">
        {receipt.asnId ? t('receiving.fromAsn', { asnId: receipt.asnId, supplier: receipt.supplier }) : t('receiving.noAsn', { supplier: receipt.supplier })}
        {' · '}
        {t('receiving.ownedBy', { owner: receipt.owner })}
        {receipt.approvedBy ? ` · ${t('receiving.approvedBy', { manager: receipt.approvedBy })}` : ''}
      </p>

      {receipt.state === 'open' ? (
        <div className="pick__feedback" aria-live="assertive">
          {outcome?.kind === 'refused' ? (
            <p className="pick__message pick__message--refused" role="alert" data-testid="receipt-refused" data-code={outcome.error.code}>
              <strong>{t('receiving.refused')}</strong> {errorText(outcome.error)} <span className="code">{printableCode(outcome.code)}</span>
            </p>
          ) : outcome?.kind === 'added' ? (
            <p className="pick__message pick__message--picked" role="status" data-testid="receipt-added">
              {outcome.scan.sscc ? `${t('receiving.carton', { sscc: outcome.scan.sscc })}: ` : ''}
              {outcome.scan.added.map((a) => `${a.name} +${a.qty}`).join(', ')}
              {outcome.scan.added[0]?.batch ? (
                <span data-testid="receipt-added-batch">
                  {' · '}
                  {t('lookup.batch')} {outcome.scan.added[0].batch}
                </span>
              ) : null}
              {outcome.scan.added[0]?.expiry ? (
                <span data-testid="receipt-added-expiry" data-expiry={outcome.scan.added[0].expiry}>
                  {' · '}
                  {t('lookup.expiry')} {formatDay(outcome.scan.added[0].expiry, i18n.language)}
                </span>
              ) : null}
            </p>
          ) : (
            <p className="pick__message muted">{t('receiving.scanPrompt')}</p>
          )}
          {shortDated ? (
            <p className="pick__message pick__message--refused" role="alert" data-testid="receipt-short-dated" data-expiry={shortDated.expiry} data-days-left={shortDated.daysLeft}>
              {t(shortDated.daysLeft < 0 ? 'receiving.expired' : 'receiving.shortDated', {
                label: shortDated.ai === '17' ? t('lookup.expiry') : t('lookup.bestBefore'),
                date: formatDay(shortDated.expiry, i18n.language),
              })}
            </p>
          ) : null}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!codeField.check({ code: { value: typed, format: 'text' } })) return;
              void scan(typed);
              setTyped('');
            }}
          >
            {codeField.field('code', t('receiving.typeCode'), <input data-testid="receipt-code" value={typed} maxLength={128} onChange={(e) => setTyped(e.target.value)} />)}
          </form>
        </div>
      ) : null}

      <div className="table-scroll">
        <table className="data-table" data-testid="receipt-lines">
          <thead>
            <tr>
              <th>{t('receiving.product')}</th>
              <th>{t('receiving.expectedQty')}</th>
              <th>{t('receiving.receivedQty')}</th>
              <th>{t('receiving.difference')}</th>
              <th>{t('receiving.lots')}</th>
            </tr>
          </thead>
          <tbody>
            {receipt.lines.map((line) => {
              const difference = line.received - line.expected;
              return (
                <tr key={line.sku} data-testid={`receipt-line-${line.sku}`} data-expected={line.expected} data-received={line.received} data-difference={difference}>
                  <td>
                    {line.name} <span className="muted code">{line.sku}</span>
                  </td>
                  <td>{line.expected}</td>
                  <td>{line.received}</td>
                  <td className={difference < 0 ? 'receipt__short' : undefined}>{difference === 0 ? '—' : difference > 0 ? `+${difference}` : difference}</td>
                  <td>
                    {line.lots
                      .filter((lot) => lot.batch || lot.expiry)
                      .map((lot) => (
                        <div key={`${lot.batch}|${lot.expiry}`} data-testid={`receipt-lot-${line.sku}`} data-batch={lot.batch ?? ''} data-expiry={lot.expiry ?? ''}>
                          {lot.batch ? `${t('lookup.batch')} ${lot.batch}` : ''}
                          {lot.expiry ? ` · ${t('lookup.expiry')} ${formatDay(lot.expiry, i18n.language)}` : ''} ×{lot.qty}
                        </div>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {receipt.cartons.length > 0 ? (
        <p className="muted" data-testid="receipt-cartons">
          {t('receiving.cartonsReceived', { received: receipt.cartons.filter((c) => c.received).length, total: receipt.cartons.length })}
        </p>
      ) : null}
      {receipt.unexpected.length > 0 ? (
        <section className="panel" data-testid="receipt-unexpected">
          <h3 className="panel__title">{t('receiving.unexpected')}</h3>
          <ul>
            {receipt.unexpected.map((u) => (
              <li key={u.code} data-testid={`receipt-unexpected-${u.sku ?? u.code}`}>
                {u.name ?? printableCode(u.code)} ×{u.qty}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {actionError ? (
        <p className="form-error" role="alert" data-testid="receipt-error" data-code={actionError.code}>
          {errorText(actionError)}
        </p>
      ) : null}
      {receipt.state === 'open' ? (
        <>
          <button type="button" className="button" data-testid="receipt-pause" onClick={() => void act('receiving.pause')}>
            {t('receiving.pause')}
          </button>
          <form className="panel" onSubmit={(e) => void close(e)}>
            <h3 className="panel__title">{t('receiving.closeTitle')}</h3>
            <label className="field">
              <span className="field__label">{t('receiving.packingSlip')}</span>
              <input data-testid="receipt-packing-slip" value={packingSlip} maxLength={64} onChange={(e) => setPackingSlip(e.target.value)} />
            </label>
            <label className="field">
              <span className="field__label">{t('receiving.location')}</span>
              <select data-testid="receipt-location" value={location} onChange={(e) => setLocation(e.target.value)}>
                {(internal.length > 0 ? internal.map((l) => l.code) : ['back_room']).map((code) => (
                  <option key={code} value={code}>
                    {pt(`stock.locations.${code}`, { defaultValue: locations.get(code)?.name ?? code })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button button--primary" data-testid="receipt-close" disabled={!packingSlip.trim()}>
              {t('receiving.close')}
            </button>
          </form>
        </>
      ) : receipt.state === 'paused' ? (
        <button type="button" className="button button--primary" data-testid="receipt-resume" onClick={() => void act('receiving.resume')}>
          {t('receiving.resume')}
        </button>
      ) : (
        <ClosedSummary receipt={receipt} />
      )}
    </section>
  );
}

function ClosedSummary({ receipt }: { receipt: ReceiptDetail }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const differing = receipt.lines.filter((l) => l.received !== l.expected).length + receipt.unexpected.length;
  return (
    <p className="panel" role="status" data-testid="receipt-closed" data-differences={differing}>
      {t('receiving.closedSummary', {
        slip: receipt.packingSlip ?? '',
        at: receipt.closedAt ? formatDateTime(receipt.closedAt, i18n.language) : '',
        location: receipt.location ? pt(`stock.locations.${receipt.location}`, { defaultValue: receipt.location }) : '',
      })}{' '}
      {differing === 0 ? t('receiving.noDifferences') : t('receiving.differencesSent', { count: differing })}
    </p>
  );
}
