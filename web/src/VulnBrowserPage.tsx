import { useEffect, useMemo, useRef, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from './api.js';
import { ErrorNotice } from './ErrorNotice.js';
import { plural } from './format.js';
import { paths } from './routes.js';
import { navigate } from './router.js';
import { SearchForm } from './SearchForm.js';
import { apiQuery, DEFAULT_PAGE_SIZE, filtersFromParams, filtersToParams, pageSizeFromParams, type SearchFilters } from './searchQuery.js';
import type { VulnSummary } from './types.js';
import { VulnTable } from './VulnTable.js';

/** Search and filter the knowledge base; results page with "Load more" following `nextCursor`. */
export function VulnBrowserPage({ params }: { params: URLSearchParams }) {
  const key = filtersToParams(filtersFromParams(params)).toString();
  const pageSize = pageSizeFromParams(params);
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(key)), [key]);
  const [items, setItems] = useState<VulnSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'more' | 'idle'>('loading');
  const [error, setError] = useState<ApiError>();
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    document.title = filters.q ? `${filters.q} · Vulnerabilities · AICC` : 'Vulnerabilities · AICC';
  }, [filters.q]);

  useEffect(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setStatus('loading');
    setError(undefined);
    api.searchVulns(apiQuery(filters, null, pageSize), current.signal).then(
      (page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setStatus('idle');
      },
      (caught: unknown) => {
        if (isAbort(caught)) return;
        setItems([]);
        setNextCursor(null);
        setError(asApiError(caught));
        setStatus('idle');
      },
    );
    return () => current.abort();
  }, [filters, pageSize]);

  const loadMore = async () => {
    if (!nextCursor) return;
    const current = new AbortController();
    controller.current = current;
    setStatus('more');
    setError(undefined);
    try {
      const page = await api.searchVulns(apiQuery(filters, nextCursor, pageSize), current.signal);
      setItems((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      if (isAbort(caught)) return;
      setError(asApiError(caught));
    }
    setStatus('idle');
  };

  const search = (next: SearchFilters) => {
    const query = filtersToParams(next);
    if (pageSize !== DEFAULT_PAGE_SIZE) query.set('limit', String(pageSize));
    navigate(paths.vulns(query));
  };
  const filtered = key !== '';

  return (
    <section>
      <div className="page-head">
        <h1>Vulnerabilities</h1>
        <p className="muted">The knowledge base: OSV and CVE records enriched with CISA KEV and FIRST EPSS.</p>
      </div>
      <SearchForm filters={filters} onSearch={search} />
      <ErrorNotice error={error} title="Search failed" />
      <div className="results" aria-busy={status === 'loading'}>
        <p className="results-count" aria-live="polite">
          {status === 'loading'
            ? 'Searching…'
            : error && items.length === 0
              ? ''
              : `${plural(items.length, 'record')}${nextCursor ? ' shown, more available' : ''}${filtered ? ' matching' : ''}`}
        </p>
        {items.length > 0 ? <VulnTable items={items} /> : null}
        {status !== 'loading' && !error && items.length === 0 ? (
          <div className="empty-state">
            <p>No vulnerabilities match {filtered ? 'these filters' : 'yet: import OSV or CVE records to fill the knowledge base'}.</p>
          </div>
        ) : null}
        {nextCursor && status !== 'loading' ? (
          <div className="load-more">
            <button
              type="button"
              className="button"
              disabled={status === 'more'}
              onClick={() => {
                void loadMore();
              }}
            >
              {status === 'more' ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
