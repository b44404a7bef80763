import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { useErrorText } from './error-text';

/** For IT: one zip with the logs, the configuration without secrets and a ledger check. */
export function DiagnosticsPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const manager = useManagerCall();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; file: string } | { kind: 'error'; error: ApiError }>({ kind: 'idle' });

  const save = async () => {
    setState({ kind: 'saving' });
    const result = await manager.call('diagnostics.save', {});
    if (!result) return setState({ kind: 'idle' });
    setState(result.ok ? { kind: 'saved', file: result.value.file } : { kind: 'error', error: result.error });
  };

  return (
    <section className="panel" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title" className="panel__title">
        {t('diagnostics.title')}
      </h2>
      <p className="muted">{t('diagnostics.body')}</p>
      <button type="button" className="button button--large" data-testid="diagnostics-save" disabled={state.kind === 'saving'} onClick={() => void save()}>
        {state.kind === 'saving' ? t('diagnostics.saving') : t('diagnostics.save')}
      </button>
      {state.kind === 'saved' ? (
        <p role="status" data-testid="diagnostics-saved">
          {t('diagnostics.saved')} <code className="code">{state.file}</code>
        </p>
      ) : null}
      {state.kind === 'error' ? (
        <p className="form-error" role="alert">
          {errorText(state.error)}
        </p>
      ) : null}
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </section>
  );
}
