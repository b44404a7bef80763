import type { ReactNode } from 'react';

export type PanelTone = 'empty' | 'loading' | 'error' | 'warning';

/** The designed stand-in for content that is not there: nothing yet, on its way, or failed. */
export function StatePanel({
  tone,
  title,
  children,
  action,
  testId,
}: {
  tone: PanelTone;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <section
      className={`state-panel state-panel--${tone}`}
      data-testid={testId}
      role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}
      aria-busy={tone === 'loading' || undefined}
    >
      <div className="state-panel__icon" aria-hidden="true">
        {tone === 'loading' ? <span className="spinner" /> : icons[tone]}
      </div>
      <h2 className="state-panel__title">{title}</h2>
      {children ? <div className="state-panel__body">{children}</div> : null}
      {action ? <div className="state-panel__action">{action}</div> : null}
    </section>
  );
}

const icons: Record<Exclude<PanelTone, 'loading'>, string> = { empty: '▦', error: '!', warning: '?' };
