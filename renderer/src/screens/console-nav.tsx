import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const consolePages = ['lookup', 'sync', 'orders', 'counts', 'devices', 'staff', 'import'] as const;
export type ConsolePage = (typeof consolePages)[number];

/**
 * The pages of the console, as a tab bar under the status bar. Tab reaches the
 * current page's tab; the arrow keys, Home and End move between tabs.
 */
export function ConsoleNav({ page, onChange }: { page: ConsolePage; onChange(page: ConsolePage): void }) {
  const { t } = useTranslation();
  const tabs = useRef(new Map<ConsolePage, HTMLButtonElement>());

  const move = (event: KeyboardEvent) => {
    const at = consolePages.indexOf(page);
    const last = consolePages.length - 1;
    const next =
      event.key === 'ArrowRight' ? (at === last ? 0 : at + 1) : event.key === 'ArrowLeft' ? (at === 0 ? last : at - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (next === null) return;
    event.preventDefault();
    const target = consolePages[next]!;
    onChange(target);
    tabs.current.get(target)?.focus();
  };

  return (
    <nav className="console-nav" aria-label={t('nav.label')}>
      <div className="console-nav__tabs" role="tablist" aria-label={t('nav.label')} onKeyDown={move}>
        {consolePages.map((name) => (
          <button
            key={name}
            ref={(element) => {
              if (element) tabs.current.set(name, element);
              else tabs.current.delete(name);
            }}
            type="button"
            role="tab"
            id={`nav-tab-${name}`}
            aria-controls={`page-${name}`}
            aria-selected={page === name}
            tabIndex={page === name ? 0 : -1}
            className="console-nav__tab"
            data-testid={`nav-${name}`}
            onClick={() => onChange(name)}
          >
            {t(`nav.${name}`)}
          </button>
        ))}
      </div>
    </nav>
  );
}
