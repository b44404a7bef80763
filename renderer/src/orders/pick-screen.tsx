import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { OrderDetail, OrderLineInfo, ShortDatedWarning } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { formatDay } from '../format/store-formats';
import { printableCode } from '../lookup/lookup-text';
import { useErrorText } from '../screens/error-text';
import { allLinesDone, lineDone, pickProgress } from './order-progress';
import { playCue } from './order-sounds';
import { shortReasons } from './reasons';
import { useOrderAction } from './use-order-action';
import { useOrderScans } from './use-order-scans';
import { useLineProducts, type LineProduct } from './use-products';

type ScanOutcome = { kind: 'picked'; lineId: string; code: string; shortDated?: ShortDatedWarning } | { kind: 'refused'; code: string; error: ApiError } | null;

const unknownLocation = '';

/**
 * The pick list, grouped by where the stock is; the scanner drives it. Every
 * scan is confirmed by the core (orders.pick); the wrong product is refused
 * with the low cue and a message that stays until the next scan.
 */
export function PickScreen({
  order,
  active,
  firstScan,
  onDone,
}: {
  order: OrderDetail;
  active: boolean;
  firstScan: { code: string; symbology: string | null; n: number } | null;
  onDone(): void;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const client = useClient();
  const action = useOrderAction();
  const products = useLineProducts(order.lines.map((l) => l.sku));
  const [outcome, setOutcome] = useState<ScanOutcome>(null);
  const [shortLine, setShortLine] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const { orderId } = order;
  const progress = pickProgress(order);
  const done = allLinesDone(order);
  const screen = useRef<HTMLElement>(null);
  const refusalTitle = (code: string) =>
    code === 'WRONG_ITEM' ? t('orders.pick.wrongItem') : code === 'LINE_COMPLETE' ? t('orders.pick.lineComplete') : code === 'PACK_TOO_LARGE' ? t('orders.pick.packTooLarge') : t('orders.pick.refused');

  const pick = async (raw: string, symbology: string | null = null) => {
    const code = raw.trim();
    if (!code) return;
    const result = await client.call('orders.pick', { orderId, code, symbology });
    if (result.ok) {
      // A good scan clears what an earlier failure left on screen; the scan that completes a line sounds its own cue.
      action.clear();
      const line = result.value.order.lines.find((l) => l.lineId === result.value.lineId);
      playCue(line && lineDone(line) ? 'lineComplete' : 'accepted');
      setOutcome(result.value.shortDated ? { kind: 'picked', lineId: result.value.lineId, code, shortDated: result.value.shortDated } : { kind: 'picked', lineId: result.value.lineId, code });
    } else {
      playCue(result.error.code === 'LINE_COMPLETE' ? 'alreadyComplete' : 'refused');
      setOutcome({ kind: 'refused', code, error: result.error });
    }
  };

  useOrderScans(active && shortLine === null, (code, symbology) => void pick(code, symbology));

  const handled = useRef(0);
  useEffect(() => {
    if (firstScan && firstScan.n !== handled.current) {
      handled.current = firstScan.n;
      void pick(firstScan.code, firstScan.symbology);
    }
    // Only a new first scan from the detail page triggers this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstScan]);

  useEffect(() => {
    if (active) screen.current?.focus();
  }, [active]);

  const groups = groupByLocation(order.lines, products);

  const submitTyped = (event: FormEvent) => {
    event.preventDefault();
    void pick(typed);
    setTyped('');
  };

  return (
    <section ref={screen} tabIndex={-1} className="pick" data-testid="pick-screen" data-order={orderId} aria-labelledby="pick-title">
      <header className="order-detail__header">
        <button type="button" className="button button--quiet" data-testid="pick-back" onClick={onDone}>
          ← {t('orders.pick.backToOrder')}
        </button>
        <h2 id="pick-title" className="order-detail__title">
          {t('orders.pick.title', { orderId })}
        </h2>
        <div className="pick__progress" aria-label={t('orders.pick.progressLabel')}>
          <span data-testid="pick-progress" data-picked={progress.picked} data-total={progress.total} aria-live="polite">
            {progress.picked}/{progress.total}
          </span>
          {progress.short > 0 ? <span className="muted"> · {t('orders.pick.shortCount', { count: progress.short })}</span> : null}
        </div>
      </header>
      {/* The bar fills with units picked: a short unit is settled, but it is not in the bag. */}
      <progress className="pick__bar" data-testid="pick-bar" max={progress.total} value={progress.picked} />

      <div className="pick__feedback" aria-live="assertive">
        {outcome?.kind === 'refused' ? (
          <p className="pick__message pick__message--refused" role="alert" data-testid="pick-error" data-code={outcome.error.code}>
            <strong>{refusalTitle(outcome.error.code)}</strong> {errorText(outcome.error)}{' '}
            <span className="code">{printableCode(outcome.code)}</span>
          </p>
        ) : outcome?.kind === 'picked' ? (
          <p className="pick__message pick__message--picked" role="status" data-testid="pick-ok">
            {t('orders.pick.picked', { name: nameOf(order.lines, outcome.lineId, products), code: printableCode(outcome.code) })}
          </p>
        ) : (
          <p className="pick__message muted">{t('orders.pick.scanPrompt')}</p>
        )}
        {outcome?.kind === 'picked' && outcome.shortDated ? (
          <p className="pick__message pick__message--refused" role="alert" data-testid="pick-short-dated" data-expiry={outcome.shortDated.expiry} data-days-left={outcome.shortDated.daysLeft}>
            {t(outcome.shortDated.daysLeft < 0 ? 'orders.pick.expired' : 'orders.pick.shortDated', {
              label: outcome.shortDated.ai === '17' ? t('lookup.expiry') : t('lookup.bestBefore'),
              date: formatDay(outcome.shortDated.expiry, i18n.language),
            })}
          </p>
        ) : null}
      </div>

      {groups.map(([location, lines]) => (
        <section key={location} className="pick__group" aria-label={location ? t(`stock.locations.${location}` as 'stock.locations.sales_floor', { defaultValue: location }) : t('orders.pick.locationUnknown')}>
          <h3 className="pick__group-title">
            {location ? t(`stock.locations.${location}` as 'stock.locations.sales_floor', { defaultValue: location }) : t('orders.pick.locationUnknown')}
          </h3>
          <ul className="pick__lines">
            {lines.map((line) => (
              <PickLine
                key={line.lineId}
                line={line}
                product={products.get(line.sku)}
                justPicked={outcome?.kind === 'picked' && outcome.lineId === line.lineId}
                asking={shortLine === line.lineId}
                busy={action.busy !== null}
                onShort={() => setShortLine(line.lineId)}
                onShortDone={() => setShortLine(null)}
                onShortConfirm={async (qty, reason) => {
                  if (await action.run('orders.short', { orderId, lineId: line.lineId, qty, reason })) setShortLine(null);
                }}
              />
            ))}
          </ul>
        </section>
      ))}

      {action.error ? (
        <p className="form-error" role="alert" data-testid="pick-action-error">
          {errorText(action.error.error)}
        </p>
      ) : null}

      <div className="pick__footer">
        <form className="pick__typed" onSubmit={submitTyped}>
          <label className="field">
            <span className="field__label">{t('orders.pick.typeCode')}</span>
            <input
              className="orders-input"
              data-testid="pick-code"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </label>
          <button type="submit" className="button button--large">
            {t('orders.pick.confirmCode')}
          </button>
        </form>
        <button
          type="button"
          className="button button--primary button--large"
          data-testid="order-ready"
          disabled={!done || action.busy !== null}
          onClick={() => void action.run('orders.ready', { orderId })}
        >
          {done ? t('orders.detail.ready') : t('orders.pick.notYetReady', { count: progress.total - progress.picked - progress.short })}
        </button>
      </div>
    </section>
  );
}

function PickLine({
  line,
  product,
  justPicked,
  asking,
  busy,
  onShort,
  onShortDone,
  onShortConfirm,
}: {
  line: OrderLineInfo;
  product: LineProduct | undefined;
  justPicked: boolean;
  asking: boolean;
  busy: boolean;
  onShort(): void;
  onShortDone(): void;
  onShortConfirm(qty: number, reason: string): void | Promise<void>;
}) {
  const { t } = useTranslation();
  const open = line.qty - line.picked - line.shortQty;
  const complete = lineDone(line);
  const state = !complete ? 'open' : line.shortQty > 0 ? 'short' : 'picked';
  return (
    <li className="pick-line" data-testid={`pick-line-${line.lineId}`} data-done={complete} data-state={state} data-just-picked={justPicked || undefined}>
      {/* A line closed with shortages is not the customer's full line: it is marked apart from a picked one. */}
      <span className={`pick-line__check pick-line__check--${state}`} data-testid="pick-line-mark" title={state === 'picked' ? t('orders.pick.lineDone') : state === 'short' ? t('orders.pick.lineShortDone') : undefined}>
        <span aria-hidden="true">{state === 'picked' ? '✓' : state === 'short' ? '!' : ''}</span>
        {state !== 'open' ? <span className="visually-hidden">{state === 'picked' ? t('orders.pick.lineDone') : t('orders.pick.lineShortDone')}</span> : null}
      </span>
      <span className="pick-line__product">
        <span className="pick-line__name">{product?.name ?? line.sku}</span>
        <span className="muted code">
          {line.sku}
          {product?.barcode ? ` · ${product.barcode}` : ''}
        </span>
        {product && product.locations.length > 0 ? (
          <span className="muted">
            {product.locations.map((l) => `${t(`stock.locations.${l.location}` as 'stock.locations.sales_floor', { defaultValue: l.location })}: ${l.qty}`).join(' · ')}
          </span>
        ) : null}
        {line.ageRestricted ? <span className="badge badge--warning">{t('orders.ageRestricted')}</span> : null}
        {line.shortQty > 0 ? (
          <span className="pick-line__short">
            {t('orders.pick.lineShort', { count: line.shortQty, reason: t(`orders.reasons.short.${line.shortReason ?? 'other'}` as 'orders.reasons.short.other', { defaultValue: line.shortReason ?? '' }) })}
          </span>
        ) : null}
      </span>
      <span className="pick-line__count" data-testid="pick-line-count" data-picked={line.picked} data-qty={line.qty}>
        {line.picked}/{line.qty}
      </span>
      {open > 0 && !asking ? (
        <button type="button" className="button" data-testid={`pick-short-${line.lineId}`} disabled={busy} onClick={onShort}>
          {t('orders.pick.markShort')}
        </button>
      ) : null}
      {asking ? <ShortForm lineId={line.lineId} open={open} busy={busy} onCancel={onShortDone} onConfirm={onShortConfirm} /> : null}
    </li>
  );
}

function ShortForm({
  lineId,
  open,
  busy,
  onCancel,
  onConfirm,
}: {
  lineId: string;
  open: number;
  busy: boolean;
  onCancel(): void;
  onConfirm(qty: number, reason: string): void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [qty, setQty] = useState(open);
  const [reason, setReason] = useState<string>(shortReasons[0]);
  const valid = Number.isInteger(qty) && qty >= 1 && qty <= open;
  const invalidId = `pick-short-invalid-${lineId}`;
  return (
    <form
      className="short-form"
      data-testid={`pick-short-form-${lineId}`}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void onConfirm(qty, reason);
      }}
    >
      <label className="field">
        <span className="field__label">{t('orders.pick.shortQty', { open })}</span>
        <input
          className="orders-input orders-input--qty"
          data-testid={`pick-short-qty-${lineId}`}
          type="number"
          min={1}
          max={open}
          autoFocus
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : invalidId}
          value={Number.isNaN(qty) ? '' : qty}
          onChange={(event) => setQty(event.target.value === '' ? Number.NaN : Number(event.target.value))}
        />
        {valid ? null : (
          <span className="field__error" id={invalidId} role="alert" data-testid={`pick-short-invalid-${lineId}`}>
            {t('orders.pick.shortQtyInvalid', { open })}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field__label">{t('orders.pick.shortReason')}</span>
        <select className="orders-input" data-testid={`pick-short-reason-${lineId}`} value={reason} onChange={(event) => setReason(event.target.value)}>
          {shortReasons.map((code) => (
            <option key={code} value={code}>
              {t(`orders.reasons.short.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--primary" data-testid={`pick-short-confirm-${lineId}`} disabled={!valid || busy}>
        {t('orders.pick.shortConfirm')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('orders.back')}
      </button>
    </form>
  );
}

function groupByLocation(lines: OrderLineInfo[], products: ReadonlyMap<string, LineProduct>): [string, OrderLineInfo[]][] {
  const groups = new Map<string, OrderLineInfo[]>();
  for (const line of lines) {
    const location = products.get(line.sku)?.locations[0]?.location ?? unknownLocation;
    groups.set(location, [...(groups.get(location) ?? []), line]);
  }
  const order = ['sales_floor', 'back_room', unknownLocation];
  return [...groups.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

function nameOf(lines: OrderLineInfo[], lineId: string, products: ReadonlyMap<string, LineProduct>): string {
  const sku = lines.find((l) => l.lineId === lineId)?.sku ?? '';
  return products.get(sku)?.name ?? sku;
}
