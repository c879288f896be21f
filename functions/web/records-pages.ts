/**
 * The web pages over the records mirror: search results (`/page/search?q=&lang=&agency=&status=&since=&until=&cursor=`)
 * and the archive in numbers (`/page/stats?since=&until=`). Rendered from shared/records-queries.ts,
 * escaped by construction (html.ts), in the shell and interface language of every page (layout.ts).
 */
import type { ArchiveStats, Count, SearchPage } from '../../shared/records-queries';
import { html, type SafeHtml } from './html';
import type { Messages } from './i18n';
import { layout, pageUrl, type Shell } from './layout';
import { articleRow } from './list-page';
import { SEARCH_PAGE, STATS_PAGE } from './paths';
import { RECORD_STATUSES } from '../../shared/record-status';

export { SEARCH_PAGE, STATS_PAGE };

export interface SearchFilters {
  readonly q?: string | undefined;
  readonly lang?: string | undefined;
  readonly agency?: string | undefined;
  readonly status?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
}

function searchForm(t: Messages, f: SearchFilters): SafeHtml {
  const r = t.records;
  const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}"${value === (current ?? '') ? html` selected` : null}>${label}</option>`;
  return html`<form class="filters" method="get" action="${SEARCH_PAGE}" role="search">
<label>${r.words} <input name="q" value="${f.q ?? ''}" dir="auto" required></label>
<label>${r.agency} <input name="agency" value="${f.agency ?? ''}" placeholder="SANA" autocomplete="off" dir="auto"></label>
<label>${r.language} <input name="lang" value="${f.lang ?? ''}" placeholder="ar" size="4" dir="ltr"></label>
<label>${r.status} <select name="status">${option('', r.any, f.status)}${RECORD_STATUSES.map((status) => option(status, status, f.status))}</select></label>
<label>${r.since} <input name="since" value="${f.since ?? ''}" placeholder="2015-09-01" size="12" dir="ltr"></label>
<label>${r.until} <input name="until" value="${f.until ?? ''}" placeholder="2015-12" size="12" dir="ltr"></label>
<button type="submit">${r.search}</button>
</form>`;
}

export function renderSearchPage(shell: Shell, filters: SearchFilters, page: SearchPage | null, error?: string): string {
  const { t } = shell.ui;
  const heading = filters.q ? t.records.searchFor(filters.q) : t.records.searchTitle;
  const results =
    page === null
      ? null
      : page.hits.length === 0
        ? html`<p class="muted">${t.records.noHits}</p>`
        : html`<table class="articles">
<thead><tr>${t.list.columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>${page.hits.map((hit) => articleRow(t, hit.summary))}</tbody>
</table>`;
  return layout(
    shell,
    heading,
    html`<h1><bdi>${heading}</bdi></h1>
${searchForm(t, filters)}
${error ? html`<p class="error" role="alert"><bdi>${error}</bdi></p>` : null}
${results}
${page?.cursor ? html`<p class="pager"><a rel="next" href="${pageUrl(SEARCH_PAGE, { ...filters, cursor: page.cursor })}">${t.records.more}</a></p>` : null}`,
  );
}

function countTable(t: Messages, title: string, counts: readonly Count[], empty: string): SafeHtml {
  return html`<section><h2>${title}</h2>${
    counts.length === 0
      ? html`<p class="muted">${t.records.none}</p>`
      : html`<table class="counts"><tbody>${counts.map((c) => html`<tr><td><bdi>${c.value || empty}</bdi></td><td>${c.count}</td></tr>`)}</tbody></table>`
  }</section>`;
}

export function renderStatsPage(shell: Shell, filters: { since?: string | undefined; until?: string | undefined }, stats: ArchiveStats | null, error?: string): string {
  const { t } = shell.ui;
  const r = t.records;
  return layout(
    shell,
    r.statsTitle,
    html`<h1>${r.statsTitle}</h1>
<form class="filters" method="get" action="${STATS_PAGE}">
<label>${r.since} <input name="since" value="${filters.since ?? ''}" placeholder="2015-09-01" size="12" dir="ltr"></label>
<label>${r.until} <input name="until" value="${filters.until ?? ''}" placeholder="2015-12" size="12" dir="ltr"></label>
<button type="submit">${r.count}</button>
</form>
${error ? html`<p class="error" role="alert"><bdi>${error}</bdi></p>` : null}
${
  stats
    ? html`<p>${r.total(stats.total)}</p>
${countTable(t, r.byStatus, stats.byStatus, '—')}
${countTable(t, r.byLanguage, stats.byLanguage, '—')}
${countTable(t, r.byAgency, stats.byAgency, r.noAgency)}
${countTable(t, r.byMonth, stats.byMonth, '—')}
${countTable(t, r.topPeople, stats.topPeople, '—')}
${countTable(t, r.topOrganizations, stats.topOrganizations, '—')}
${countTable(t, r.topPlaces, stats.topPlaces, '—')}`
    : null
}`,
  );
}
