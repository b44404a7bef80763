import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import { useClient } from '../api/client-context';
import { readThrough, storeQueryKey } from '../api/query-cache';
import type { useManagerCall } from '../approval/use-manager-call';
import { useLocations } from '../lookup/use-locations';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import { blankDraft, draftFields, draftFrom, draftProblems, mappingsFrom, type DraftField, type FieldProblem, type ShelfDraft } from './shelf-map-draft';
import { useSkuNames, type SkuCheck } from './use-sku-names';
import { ErrorPanel } from '../screens/error-panel';

type ManagerCall = ReturnType<typeof useManagerCall>['call'];
type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready' };

const defaultLocation = 'sales_floor';
const fieldId = (key: number, field: DraftField) => `shelf-map-${key}-${field}`;

/** The SKU field's own problem once the catalog has answered: no such product, or a barcode rather than its SKU. */
function skuProblem(row: ShelfDraft, check: SkuCheck | undefined): 'unknown' | 'barcode' | null {
  if (check?.kind === 'unknown') return 'unknown';
  if (check?.kind === 'found' && check.sku !== row.sku.trim()) return 'barcode';
  return null;
}

/**
 * Which sensor weighs which product where: the manager's mapping for this station, edited
 * as a whole and saved in one shelves.configure. The demo store's simulated shelves are not in it.
 */
export function ShelfMapForm({
  managerCall,
  watchedSensors,
  onSaved,
  onCancel,
}: {
  managerCall: ManagerCall;
  /** The sensors the core watches now; those no manager mapped are the demo's, which this form cannot change. */
  watchedSensors: readonly string[];
  onSaved(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const cache = useQueryClient();
  const errorText = useErrorText();
  const locations = useLocations();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [rows, setRows] = useState<ShelfDraft[]>([]);
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [coreError, setCoreError] = useState<ApiError | null>(null);
  const nextKey = useRef(0);
  const pendingFocus = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const checks = useSkuNames(rows.map((row) => row.sku));

  // The draft starts from the saved mapping, read afresh through the cache, and is the manager's from then on.
  const fetchMapping = useCallback(() => {
    cache
      .fetchQuery({ queryKey: storeQueryKey('shelves.mapping', {}), queryFn: readThrough(client, 'shelves.mapping', {}), staleTime: 0 })
      .then(
        (mappings) => {
          setRows(mappings.map((mapping) => draftFrom(mapping, nextKey.current++)));
          setSaved(new Set(mappings.map((mapping) => mapping.sensorId)));
          setLoad({ kind: 'ready' });
        },
        (error: ApiError) => setLoad({ kind: 'error', error }),
      );
  }, [cache, client]);
  useEffect(fetchMapping, [fetchMapping]);
  const retry = () => {
    setLoad({ kind: 'loading' });
    fetchMapping();
  };

  // Focus follows an added or removed row once it is drawn.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const target = pendingFocus.current === 'add' ? addButton.current : document.getElementById(pendingFocus.current);
    pendingFocus.current = null;
    target?.focus();
  }, [rows]);

  const problems = draftProblems(rows);
  const demoSensors = watchedSensors.filter((sensor) => !saved.has(sensor));
  const shown = (row: ShelfDraft, field: DraftField): FieldProblem | undefined =>
    submitted || touched.has(`${row.key}.${field}`) ? problems.get(row.key)?.[field] : undefined;

  const change = (key: number, patch: Partial<ShelfDraft>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setCoreError(null);
  };
  const touch = (key: number, field: DraftField) => setTouched((current) => new Set(current).add(`${key}.${field}`));

  const add = () => {
    const location = locations.has(defaultLocation) ? defaultLocation : ([...locations.keys()][0] ?? defaultLocation);
    const row = blankDraft(nextKey.current++, location);
    pendingFocus.current = fieldId(row.key, 'sensorId');
    setRows((current) => [...current, row]);
    setCoreError(null);
  };

  const remove = (key: number) => {
    const index = rows.findIndex((row) => row.key === key);
    const neighbour = rows[index + 1] ?? rows[index - 1];
    pendingFocus.current = neighbour ? fieldId(neighbour.key, 'sensorId') : 'add';
    setRows((current) => current.filter((row) => row.key !== key));
    setCoreError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSubmitted(true);
    setCoreError(null);
    const firstBad = rows
      .map((row) => {
        if (skuProblem(row, checks.get(row.sku.trim()))) return fieldId(row.key, 'sku');
        const found = problems.get(row.key);
        const field = found ? draftFields.find((f) => found[f] !== undefined) : undefined;
        return field ? fieldId(row.key, field) : null;
      })
      .find((id) => id !== null);
    if (firstBad) {
      document.getElementById(firstBad)?.focus();
      return;
    }
    setSaving(true);
    const result = await managerCall('shelves.configure', { shelves: mappingsFrom(rows) });
    setSaving(false);
    if (!result) return;
    if (!result.ok) {
      setCoreError(result.error);
      return;
    }
    onSaved();
  };

  // Internal locations are where a shelf can stand; one already saved elsewhere stays choosable.
  const locationCodes = (row: ShelfDraft) => {
    const codes = [...locations.values()].filter((l) => l.kind === 'internal').map((l) => l.code);
    return row.location === '' || codes.includes(row.location) ? codes : [row.location, ...codes];
  };

  return (
    <form className="device-form shelf-map" data-testid="shelf-map-form" aria-labelledby="shelf-map-title" noValidate onSubmit={(event) => void submit(event)}>
      <div>
        <h3 id="shelf-map-title" className="device-form__title">
          {t('devices.shelfMap.title')}
        </h3>
        <p className="muted">{t('devices.shelfMap.intro')}</p>
      </div>
      {load.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('devices.shelfMap.loading')} testId="shelf-map-loading" />
      ) : load.kind === 'error' ? (
        <ErrorPanel testId="shelf-map-load-error" error={load.error} onRetry={retry} />
      ) : (
        <>
          {rows.length === 0 ? (
            <StatePanel tone="empty" title={t('devices.shelfMap.emptyTitle')} testId="shelf-map-empty">
              {t('devices.shelfMap.emptyBody')}
            </StatePanel>
          ) : (
            <ol className="shelf-map__rows">
              {rows.map((row, index) => {
                const check = checks.get(row.sku.trim());
                const skuTrouble = skuProblem(row, check);
                const fieldProps = (field: DraftField, hint?: boolean) => {
                  const ownProblem = shown(row, field) !== undefined;
                  const described = [ownProblem ? `${fieldId(row.key, field)}-problem` : null, hint ? `${fieldId(row.key, field)}-hint` : null].filter(Boolean).join(' ');
                  return {
                    id: fieldId(row.key, field),
                    'aria-invalid': ownProblem || (field === 'sku' && skuTrouble !== null),
                    'aria-describedby': described || undefined,
                    onBlur: () => touch(row.key, field),
                  };
                };
                return (
                  <li key={row.key}>
                    <fieldset className="shelf-map__row" data-testid="shelf-map-row" data-sensor={row.sensorId.trim()}>
                      <legend className="shelf-map__legend">
                        {t('devices.shelfMap.rowTitle', { n: index + 1 })}
                        {row.sensorId.trim() ? <span className="code muted"> · {row.sensorId.trim()}</span> : null}
                      </legend>
                      <div className="shelf-map__fields">
                        <Field label={t('devices.shelfMap.sensorId')} htmlFor={fieldId(row.key, 'sensorId')} problem={shown(row, 'sensorId')} problemId={`${fieldId(row.key, 'sensorId')}-problem`}>
                          <input
                            {...fieldProps('sensorId')}
                            className="device-input shelf-map__sensor"
                            data-testid="shelf-map-sensor-id"
                            value={row.sensorId}
                            autoComplete="off"
                            spellCheck={false}
                            maxLength={32}
                            placeholder="aisle-1"
                            onChange={(e) => change(row.key, { sensorId: e.target.value })}
                          />
                        </Field>
                        <Field
                          label={t('devices.shelfMap.sku')}
                          htmlFor={fieldId(row.key, 'sku')}
                          problem={shown(row, 'sku')}
                          problemId={`${fieldId(row.key, 'sku')}-problem`}
                          wide
                          after={<SkuLine row={row} check={check} trouble={skuTrouble} onUse={(sku) => change(row.key, { sku })} />}
                        >
                          <input
                            {...fieldProps('sku', true)}
                            className="device-input"
                            data-testid="shelf-map-sku"
                            value={row.sku}
                            autoComplete="off"
                            spellCheck={false}
                            maxLength={128}
                            placeholder="MS-000001"
                            onChange={(e) => change(row.key, { sku: e.target.value })}
                          />
                        </Field>
                        <Field label={t('devices.shelfMap.location')} htmlFor={fieldId(row.key, 'location')} problem={shown(row, 'location')} problemId={`${fieldId(row.key, 'location')}-problem`}>
                          <select {...fieldProps('location')} className="device-input" data-testid="shelf-map-location" value={row.location} onChange={(e) => change(row.key, { location: e.target.value })}>
                            {locationCodes(row).map((code) => (
                              <option key={code} value={code}>
                                {t(`stock.locations.${code}`, { defaultValue: locations.get(code)?.name ?? code })}
                              </option>
                            ))}
                          </select>
                        </Field>
                        <Field label={t('devices.shelfMap.unitWeight')} htmlFor={fieldId(row.key, 'unitWeight')} problem={shown(row, 'unitWeight')} problemId={`${fieldId(row.key, 'unitWeight')}-problem`}>
                          <input
                            {...fieldProps('unitWeight')}
                            className="device-input device-input--short"
                            data-testid="shelf-map-unit-weight"
                            inputMode="decimal"
                            value={row.unitWeight}
                            onChange={(e) => change(row.key, { unitWeight: e.target.value })}
                          />
                        </Field>
                        <Field label={t('devices.shelfMap.tare')} htmlFor={fieldId(row.key, 'tare')} problem={shown(row, 'tare')} problemId={`${fieldId(row.key, 'tare')}-problem`}>
                          <input
                            {...fieldProps('tare')}
                            className="device-input device-input--short"
                            data-testid="shelf-map-tare"
                            inputMode="decimal"
                            value={row.tare}
                            onChange={(e) => change(row.key, { tare: e.target.value })}
                          />
                        </Field>
                        <Field label={t('devices.shelfMap.low')} htmlFor={fieldId(row.key, 'low')} problem={shown(row, 'low')} problemId={`${fieldId(row.key, 'low')}-problem`}>
                          <input
                            {...fieldProps('low')}
                            className="device-input device-input--short"
                            data-testid="shelf-map-low"
                            inputMode="numeric"
                            value={row.low}
                            onChange={(e) => change(row.key, { low: e.target.value })}
                          />
                        </Field>
                        <Field label={t('devices.shelfMap.tolerance')} htmlFor={fieldId(row.key, 'tolerance')} problem={shown(row, 'tolerance')} problemId={`${fieldId(row.key, 'tolerance')}-problem`}>
                          <input
                            {...fieldProps('tolerance')}
                            className="device-input device-input--short"
                            data-testid="shelf-map-tolerance"
                            inputMode="numeric"
                            value={row.tolerance}
                            onChange={(e) => change(row.key, { tolerance: e.target.value })}
                          />
                        </Field>
                        <button
                          type="button"
                          className="button button--danger shelf-map__remove"
                          data-testid="shelf-map-remove"
                          aria-label={t('devices.shelfMap.removeLabel', { n: index + 1 })}
                          disabled={saving}
                          onClick={() => remove(row.key)}
                        >
                          {t('devices.shelfMap.remove')}
                        </button>
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
          )}
          <div>
            <button ref={addButton} type="button" className="button" data-testid="shelf-map-add" disabled={saving} onClick={add}>
              {t('devices.shelfMap.add')}
            </button>
          </div>
          {demoSensors.length > 0 ? (
            <p className="muted device-form__note" data-testid="shelf-map-demo-note">
              {t('devices.shelfMap.demoNote', { sensors: demoSensors.join(', ') })}
            </p>
          ) : null}
          <p className="muted device-form__note">{t('devices.shelfMap.managerNote')}</p>
        </>
      )}
      {coreError ? (
        <p className="form-error" role="alert" data-testid="shelf-map-error" data-code={coreError.code}>
          {errorText(coreError)}
          {detailOf(coreError) ? <span className="code"> ({detailOf(coreError)})</span> : null}
        </p>
      ) : null}
      <div className="device-actions">
        <button type="submit" className="button button--primary" data-testid="shelf-map-save" disabled={saving || load.kind !== 'ready'}>
          {saving ? t('devices.shelfMap.saving') : t('devices.shelfMap.save')}
        </button>
        <button type="button" className="button" data-testid="shelf-map-cancel" onClick={onCancel}>
          {t('devices.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Which shelf the core's refusal is about: the sensor, SKU or location it names. */
function detailOf(error: ApiError): string | null {
  const details = error.details ?? {};
  for (const name of ['sensorId', 'sku', 'location']) {
    const value = details[name];
    if (typeof value === 'string') return value;
  }
  return null;
}

function Field({
  label,
  htmlFor,
  problem,
  problemId,
  wide = false,
  after,
  children,
}: {
  label: string;
  htmlFor: string;
  problem: FieldProblem | undefined;
  problemId: string;
  wide?: boolean;
  after?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={wide ? 'field shelf-map__field shelf-map__field--wide' : 'field shelf-map__field'}>
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {problem ? (
        <p className="shelf-map__problem" id={problemId} data-testid="shelf-map-problem">
          {t(`devices.shelfMap.problems.${problem}`)}
        </p>
      ) : null}
      {after}
    </div>
  );
}

/** Under the SKU: the product's name once the catalog knows it, or why it does not. */
function SkuLine({ row, check, trouble, onUse }: { row: ShelfDraft; check: SkuCheck | undefined; trouble: 'unknown' | 'barcode' | null; onUse(sku: string): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = `${fieldId(row.key, 'sku')}-hint`;
  const sku = row.sku.trim();
  if (sku === '' || check === undefined) return <span id={id} className="visually-hidden" />;
  if (check.kind === 'checking') {
    return (
      <p id={id} className="muted shelf-map__product" role="status">
        {t('devices.shelfMap.checking')}
      </p>
    );
  }
  if (check.kind === 'error') {
    return (
      <p id={id} className="shelf-map__problem" role="status">
        {errorText(check.error)}
      </p>
    );
  }
  if (check.kind === 'unknown') {
    return (
      <p id={id} className="shelf-map__problem" role="alert" data-testid="shelf-map-sku-error">
        {t('devices.shelfMap.unknownSku', { sku })}
      </p>
    );
  }
  if (trouble === 'barcode') {
    return (
      <div id={id} className="shelf-map__barcode" role="status">
        <p className="shelf-map__problem" data-testid="shelf-map-sku-error">
          {t('devices.shelfMap.barcodeOf', { name: check.name, sku: check.sku })}
        </p>
        <button type="button" className="button button--quiet" data-testid="shelf-map-use-sku" onClick={() => onUse(check.sku)}>
          {t('devices.shelfMap.useSku', { sku: check.sku })}
        </button>
      </div>
    );
  }
  return (
    <p id={id} className="shelf-map__product" role="status" data-testid="shelf-map-product">
      {check.name}
    </p>
  );
}
