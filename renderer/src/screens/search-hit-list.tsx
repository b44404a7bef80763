import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format/store-formats';
import type { SearchHits } from '../lookup/use-product-lookup';

export function SearchHitList({ search, selectedSku, onPick }: { search: SearchHits; selectedSku: string | null; onPick(sku: string): void }) {
  const { t, i18n } = useTranslation();
  return (
    <nav className="search-hits" aria-label={t('lookup.searchHits', { text: search.text })}>
      <h2 className="search-hits__title">{t('lookup.searchHits', { text: search.text })}</h2>
      <ul className="search-hits__list">
        {search.hits.map((hit) => (
          <li key={hit.sku}>
            <button
              type="button"
              className="search-hit"
              data-testid={`search-hit-${hit.sku}`}
              aria-current={hit.sku === selectedSku || undefined}
              onClick={() => onPick(hit.sku)}
            >
              <span className="search-hit__name">{hit.name}</span>
              <span className="search-hit__price">{formatMoney(hit.priceCents, i18n.language)}</span>
              <span className="search-hit__meta">
                {hit.brand} · {hit.sku}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {search.hits.length >= search.limit ? <p className="muted search-hits__more">{t('lookup.searchMore', { shown: search.limit })}</p> : null}
    </nav>
  );
}
