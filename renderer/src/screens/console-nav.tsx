import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { plainT } from '../i18n/plain-t';
import type { ConsolePage } from './role-pages';
import { tabsThatFit } from './tabs-that-fit';

/**
 * The pages of the console, as a tab bar under the status bar. Tab reaches the current page's
 * tab; the arrow keys, Home and End move between all the role's pages. The pages that do not fit
 * the width go under "More" (a menu button), so every page is one or two keys or clicks away and
 * nothing hides behind a sideways scroll; the current page always keeps its own tab.
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
  const pt = plainT(t);
  const tabs = useRef(new Map<ConsolePage, HTMLButtonElement>());
  const bar = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState<readonly ConsolePage[]>(pages);
  const [menuOpen, setMenuOpen] = useState(false);
  const focusAfter = useRef<ConsolePage | null>(null);

  // Which tabs fit: each label's width is read from a hidden row of the same tabs, again whenever
  // the bar or a label changes size (a narrower window, another language).
  useLayoutEffect(() => {
    const fit = () => {
      const row = measure.current;
      const available = bar.current?.clientWidth ?? 0;
      if (!row || available === 0) return;
      const widths = [...row.querySelectorAll<HTMLElement>('[data-measure]')].map((e) => e.getBoundingClientRect().width);
      const more = row.querySelector<HTMLElement>('[data-measure-more]')?.getBoundingClientRect().width ?? 0;
      const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
      const next = tabsThatFit(pages, widths, { available, more, gap, current: page });
      setShown((before) => (before.length === next.length && before.every((p, i) => p === next[i]) ? before : next));
    };
    fit();
    const observer = new ResizeObserver(fit);
    if (bar.current) observer.observe(bar.current);
    if (measure.current) observer.observe(measure.current);
    return () => observer.disconnect();
  }, [pages, page]);

  // A page chosen by keyboard gets the focus on its tab once that tab is drawn.
  useEffect(() => {
    const target = focusAfter.current;
    if (target && shown.includes(target) && page === target) {
      tabs.current.get(target)?.focus();
      focusAfter.current = null;
    }
  }, [shown, page]);

  const overflow = pages.filter((p) => !shown.includes(p));

  const go = (target: ConsolePage, focus: boolean) => {
    onChange(target);
    setMenuOpen(false);
    if (focus) {
      focusAfter.current = target;
      tabs.current.get(target)?.focus();
    }
  };

  const move = (event: KeyboardEvent) => {
    const at = pages.indexOf(page);
    const last = pages.length - 1;
    const next =
      event.key === 'ArrowRight' ? (at === last ? 0 : at + 1) : event.key === 'ArrowLeft' ? (at === 0 ? last : at - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (next === null) return;
    event.preventDefault();
    go(pages[next]!, true);
  };

  return (
    <nav className="console-nav" aria-label={t('nav.label')} data-pages={pages.join(' ')}>
      <div className="console-nav__bar" ref={bar}>
        <div className="console-nav__tabs" role="tablist" aria-label={t('nav.label')} onKeyDown={move}>
          {shown.map((name) => (
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
              onClick={() => go(name, false)}
            >
              {pt(`nav.${name}`)}
              {badges[name] ? (
                <span className="nav-badge" data-testid={`nav-badge-${name}`} aria-label={t('alerts.badge', { n: badges[name] })}>
                  {badges[name]}
                </span>
              ) : null}
            </button>
          ))}
        </div>
        {overflow.length > 0 ? (
          <MoreMenu open={menuOpen} onOpen={setMenuOpen} button={moreButton} pages={overflow} onChoose={(name) => go(name, true)} />
        ) : null}
      </div>
      {/* Every tab at its natural width, never seen: what decides which tabs fit. */}
      <div className="console-nav__measure" ref={measure} aria-hidden="true">
        {pages.map((name) => (
          <span key={name} className="console-nav__tab" data-measure={name}>
            {pt(`nav.${name}`)}
            {badges[name] ? <span className="nav-badge">{badges[name]}</span> : null}
          </span>
        ))}
        <span className="console-nav__tab console-nav__more" data-measure-more="">
          {t('nav.more')} ▾
        </span>
      </div>
    </nav>
  );
}

function MoreMenu({
  open,
  onOpen,
  button,
  pages,
  onChoose,
}: {
  open: boolean;
  onOpen(open: boolean): void;
  button: RefObject<HTMLButtonElement | null>;
  pages: readonly ConsolePage[];
  onChoose(page: ConsolePage): void;
}) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const menu = useRef<HTMLUListElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const outside = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) onOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open, onOpen, button]);

  const close = () => {
    onOpen(false);
    button.current?.focus();
  };

  const keys = (event: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % all.length : event.key === 'ArrowUp' ? (at - 1 + all.length) % all.length : event.key === 'Home' ? 0 : event.key === 'End' ? all.length - 1 : null;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') onOpen(false);
    else if (next !== null) {
      event.preventDefault();
      all[next]?.focus();
    }
  };

  return (
    <div className="console-nav__more-wrap">
      <button
        ref={button}
        type="button"
        className="console-nav__tab console-nav__more"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="nav-more-menu"
        data-testid="nav-more"
        onClick={() => onOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            onOpen(true);
          }
        }}
      >
        {t('nav.more')} ▾
      </button>
      {open ? (
        <ul className="console-nav__menu" id="nav-more-menu" role="menu" aria-label={t('nav.more')} ref={menu} onKeyDown={keys}>
          {pages.map((name) => (
            <li key={name} role="none">
              <button type="button" role="menuitem" tabIndex={-1} className="console-nav__menu-item" data-testid={`nav-more-${name}`} onClick={() => onChoose(name)}>
                {pt(`nav.${name}`)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
