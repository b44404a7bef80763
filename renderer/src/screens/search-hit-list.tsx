import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format/store-formats';
import type { SearchHits } from '../lookup/use-product-lookup';

/**
 * The hits for what is typed so far. The lookup field keeps the focus and moves `activeIndex`
 * with the arrow keys (a combobox); a click or Enter opens the product.
 */
export function SearchHitList({
  search,
  selectedSku,
  activeIndex,
  onPick,
}: {
  search: SearchHits;
  selectedSku: string | null;
  activeIndex: number;
  onPick(sku: string): void;
}) {
  const { t, i18n } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (activeIndex >= 0) list.current?.children[activeIndex]?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);
  return (
    <nav className="search-hits" aria-label={t('lookup.searchHits', { text: search.text })} data-testid="search-hits" data-query={search.text} data-count={search.hits.length}>
      <h2 className="search-hits__title">{t('lookup.searchHits', { text: search.text })}</h2>
      {search.hits.length === 0 ? <p className="muted search-hits__more" data-testid="search-no-matches">{t('lookup.searchNoMatches')}</p> : null}
      <ul className="search-hits__list" id="search-hit-options" role="listbox" ref={list} aria-label={t('lookup.searchKeys')}>
        {search.hits.map((hit, index) => (
          <li key={hit.sku} id={`search-option-${hit.sku}`} role="option" aria-selected={index === activeIndex}>
            <button
              type="button"
              tabIndex={-1}
              className={index === activeIndex ? 'search-hit search-hit--active' : 'search-hit'}
              data-testid={`search-hit-${hit.sku}`}
              data-active={index === activeIndex || undefined}
              aria-current={hit.sku === selectedSku || undefined}
              onClick={() => onPick(hit.sku)}
            >
              <span className="search-hit__name">{hit.name}</span>
              <span className="search-hit__price">{hit.unit === 'g' ? t('lookup.pricePerKg', { price: formatMoney(hit.priceCents, i18n.language) }) : formatMoney(hit.priceCents, i18n.language)}</span>
              <span className="search-hit__meta">
                {hit.brand} · <span className="code">{hit.sku}</span>
                {hit.primaryBarcode ? <> · <span className="code">{hit.primaryBarcode}</span></> : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {search.hits.length > 0 ? <p className="muted search-hits__more">{t('lookup.searchKeys')}</p> : null}
      {search.hits.length >= search.limit ? <p className="muted search-hits__more">{t('lookup.searchMore', { shown: search.limit })}</p> : null}
    </nav>
  );
}
