import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsolePage } from './role-pages';


/**
 * The pages of the console, as a tab bar under the status bar. Tab reaches the
 * current page's tab; the arrow keys, Home and End move between tabs.
 */
export function ConsoleNav({
  page,
  pages,
  onChange,
  badges = {},
}: {
  page: ConsolePage;
  pages: readonly ConsolePage[];
  onChange(page: ConsolePage): void;
  /** News waiting on a page (the alert center's): a count on its tab. */
  badges?: Partial<Record<ConsolePage, number>>;
}) {
  const { t } = useTranslation();
  const tabs = useRef(new Map<ConsolePage, HTMLButtonElement>());

  const move = (event: KeyboardEvent) => {
    const at = pages.indexOf(page);
    const last = pages.length - 1;
    const next =
      event.key === 'ArrowRight' ? (at === last ? 0 : at + 1) : event.key === 'ArrowLeft' ? (at === 0 ? last : at - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (next === null) return;
    event.preventDefault();
    const target = pages[next]!;
    onChange(target);
    tabs.current.get(target)?.focus();
  };

  return (
    <nav className="console-nav" aria-label={t('nav.label')}>
      <div className="console-nav__tabs" role="tablist" aria-label={t('nav.label')} onKeyDown={move}>
        {pages.map((name) => (
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
            {badges[name] ? (
              <span className="nav-badge" data-testid={`nav-badge-${name}`} aria-label={t('alerts.badge', { n: badges[name] })}>
                {badges[name]}
              </span>
            ) : null}
          </button>
        ))}
      </div>
    </nav>
  );
}
