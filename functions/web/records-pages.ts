/**
 * The web pages over the records mirror: search results (`/page/search?q=&lang=&agency=&status=&since=&until=&cursor=`)
 * and the archive in numbers (`/page/stats?since=&until=`). Rendered from shared/records-queries.ts,
 * escaped by construction (html.ts). Kept apart from the list and article pages so that the shell
 * they share (layout.ts) only gains the search box and a link.
 */
import type { ArchiveStats, Count, SearchPage } from '../../shared/records-queries';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { articleRow } from './list-page';

export const SEARCH_PAGE = '/page/search';
export const STATS_PAGE = '/page/stats';

export interface SearchFilters {
  readonly q?: string | undefined;
  readonly lang?: string | undefined;
  readonly agency?: string | undefined;
  readonly status?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
}

const pageUrl = (path: string, params: Readonly<Record<string, string | undefined | null>>): string => {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return query ? `${path}?${query}` : path;
};

function searchForm(f: SearchFilters): SafeHtml {
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${value === (current ?? '') ? html` selected` : null}>${label}</option>`;
  return html`<form class="filters" method="get" action="${SEARCH_PAGE}" role="search">
<label>Words <input name="q" value="${f.q ?? ''}" dir="auto" required></label>
<label>Agency or outlet <input name="agency" value="${f.agency ?? ''}" placeholder="SANA" autocomplete="off"></label>
<label>Language <input name="lang" value="${f.lang ?? ''}" placeholder="ar" size="4"></label>
<label>Status <select name="status">${option('', 'any', f.status)}${option('ok', 'ok', f.status)}${option('rejected', 'rejected', f.status)}${option('error', 'error', f.status)}</select></label>
<label>Since <input name="since" value="${f.since ?? ''}" placeholder="2015-09-01" size="12"></label>
<label>Until <input name="until" value="${f.until ?? ''}" placeholder="2015-12" size="12"></label>
<button type="submit">Search</button>
</form>`;
}

export function renderSearchPage(filters: SearchFilters, page: SearchPage | null, error?: string): string {
  const heading = filters.q ? `Search: ${filters.q}` : 'Search';
  const results =
    page === null
      ? null
      : page.hits.length === 0
        ? html`<p class="muted">No articles hold these words.</p>`
        : html`<table class="articles">
<thead><tr><th>Date</th><th>Title</th><th>Agency</th><th>Place</th><th>Language</th><th>Words</th></tr></thead>
<tbody>${page.hits.map((hit) => articleRow(hit.summary))}</tbody>
</table>`;
  return layout(
    heading,
    html`<h1 dir="auto">${heading}</h1>
${searchForm(filters)}
${error ? html`<p class="error" role="alert">${error}</p>` : null}
${results}
${page?.cursor ? html`<p class="pager"><a rel="next" href="${pageUrl(SEARCH_PAGE, { ...filters, cursor: page.cursor })}">More results →</a></p>` : null}`,
  );
}

function countTable(title: string, counts: readonly Count[], empty: string): SafeHtml {
  return html`<section><h2>${title}</h2>${
    counts.length === 0
      ? html`<p class="muted">none</p>`
      : html`<table class="counts"><tbody>${counts.map((c) => html`<tr><td dir="auto">${c.value || empty}</td><td>${c.count}</td></tr>`)}</tbody></table>`
  }</section>`;
}

export function renderStatsPage(filters: { since?: string | undefined; until?: string | undefined }, stats: ArchiveStats | null, error?: string): string {
  const heading = 'The archive in numbers';
  return layout(
    heading,
    html`<h1>${heading}</h1>
<form class="filters" method="get" action="${STATS_PAGE}">
<label>Since <input name="since" value="${filters.since ?? ''}" placeholder="2015-09-01" size="12"></label>
<label>Until <input name="until" value="${filters.until ?? ''}" placeholder="2015-12" size="12"></label>
<button type="submit">Count</button>
</form>
${error ? html`<p class="error" role="alert">${error}</p>` : null}
${
  stats
    ? html`<p>${stats.total} records</p>
${countTable('By status', stats.byStatus, '—')}
${countTable('By language', stats.byLanguage, '—')}
${countTable('By agency', stats.byAgency, 'no agency')}
${countTable('By month', stats.byMonth, '—')}
${countTable('Top people', stats.topPeople, '—')}
${countTable('Top organisations', stats.topOrganizations, '—')}
${countTable('Top places', stats.topPlaces, '—')}`
    : null
}`,
  );
}
