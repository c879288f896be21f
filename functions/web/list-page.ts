/** The home page: the archive's articles newest first, with the list's filters as a form. */
import { showDirectionControls } from '../../shared/direction-controls';
import { AGENCIES } from '../../shared/extract/agencies';
import { dateLabel, type ArticleSummary } from '../../shared/summary';
import { directionOf, html, langOf, type SafeHtml } from './html';
import type { Messages } from './i18n';
import { articlePageUrl, layout, listPageUrl, type Shell } from './layout';

export interface ListFilters {
  readonly agency?: string | undefined;
  readonly lang?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  /** `true`: only the articles without a date of record. */
  readonly undated?: string | undefined;
  readonly limit?: string | undefined;
}

export interface ListPageInput {
  readonly filters: ListFilters;
  readonly articles: readonly ArticleSummary[];
  readonly cursor: string | null;
  /** Set when the filters were refused; the form is shown again with the message. */
  readonly error?: string | null;
  /** True when this page continues an earlier one. */
  readonly continued?: boolean;
}

/** The languages the filter offers, by code (their names come from the interface language). */
const LANGUAGE_CODES: readonly string[] = ['ar', 'en', 'fa', 'ur', 'fr', 'und'];

export function renderListPage(shell: Shell, input: ListPageInput): string {
  const { t } = shell.ui;
  const { filters, articles } = input;
  const filtered = Boolean(filters.agency || filters.lang || filters.since || filters.until || filters.undated);
  const heading = filters.undated ? t.list.undatedHeading : filtered ? t.list.filtered : t.list.all;
  const body = html`
<h1>${heading}</h1>
${filterForm(t, filters)}
${input.error ? html`<p class="error" role="alert"><bdi>${input.error}</bdi></p>` : null}
${input.error ? null : articleTable(t, articles, input.continued ?? false)}
${input.cursor ? html`<p class="pager"><a rel="next" href="${listPageUrl({ ...filters, cursor: input.cursor })}">${t.list.older}</a></p>` : null}
`;
  return layout(shell, heading, body);
}

function filterForm(t: Messages, filters: ListFilters): SafeHtml {
  const codes = !filters.lang || LANGUAGE_CODES.includes(filters.lang) ? LANGUAGE_CODES : [...LANGUAGE_CODES, filters.lang];
  return html`<form class="filters" method="get" action="/" role="search">
<label>${t.list.agency} <input name="agency" list="agencies" value="${filters.agency ?? ''}" placeholder="SANA" autocomplete="off" dir="auto"></label>
<datalist id="agencies">${AGENCIES.map((a) => html`<option value="${a.code}"></option>`)}</datalist>
<label>${t.list.language} <select name="lang"><option value="">${t.list.anyLanguage}</option>${codes.map(
    (code) => html`<option value="${code}"${code === filters.lang ? html` selected` : null}>${t.languages[code] ?? code} (${code})</option>`,
  )}</select></label>
<label>${t.list.since} <input name="since" value="${filters.since ?? ''}" placeholder="2015-09-01" inputmode="numeric" size="12" dir="ltr"></label>
<label>${t.list.until} <input name="until" value="${filters.until ?? ''}" placeholder="2015-12" inputmode="numeric" size="12" dir="ltr"></label>
<label class="check"><input type="checkbox" name="undated" value="true"${filters.undated ? html` checked` : null}> ${t.list.undatedOnly}</label>
<button type="submit">${t.list.filter}</button>
${filters.agency || filters.lang || filters.since || filters.until || filters.undated ? html`<a href="/">${t.list.clear}</a>` : null}
</form>`;
}

function articleTable(t: Messages, articles: readonly ArticleSummary[], continued: boolean): SafeHtml {
  if (articles.length === 0) return html`<p class="muted">${continued ? t.list.noMore : t.list.none}</p>`;
  return html`<table class="articles">
<thead><tr>${t.list.columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>
${articles.map((a, i) => html`${i > 0 && a.published === null && articles[i - 1]?.published !== null ? undatedDivider(t) : null}${articleRow(t, a)}`)}
</tbody>
</table>`;
}

/** Undated articles follow the dated ones: a row that says so, so their order is not read as dates. */
function undatedDivider(t: Messages): SafeHtml {
  return html`<tr class="undated-divider"><td colspan="6">${t.list.undatedDivider}</td></tr>`;
}

/** The date cell: the date of record, or "undated"; never the upload day. */
export function dateCell(t: Messages, published: string | null, label: string): SafeHtml {
  return published
    ? html`<td class="date" data-label="${label}"><time datetime="${published}" dir="ltr">${dateLabel(published)}</time></td>`
    : html`<td class="date" data-label="${label}"><span class="undated">${t.undated}</span></td>`;
}

/**
 * An article's name: its headline, else "untitled" and the lead's first sentence, marked as a
 * quotation of the text. Bidi-isolated: it sits in an element of the article's direction.
 */
export function articleName(t: Messages, a: Pick<ArticleSummary, 'headline' | 'opening'>): SafeHtml {
  if (a.headline) return html`${a.headline}`;
  // The label is interface text: isolated, so the link's `dir="auto"` takes its direction from the opening.
  return html`<bdi class="untitled">${t.untitled}</bdi>${a.opening ? html` — <q class="opening">${a.opening}</q>` : null}`;
}

export function articleRow(t: Messages, a: ArticleSummary): SafeHtml {
  const lang = langOf(a.language);
  const [date, title, agency, place, language, words] = t.list.columns;
  return html`<tr>
${dateCell(t, a.published, date ?? '')}
<td class="title" data-label="${title}"><a href="${articlePageUrl(a.key)}" dir="${directionOf(a.language)}"${lang ? html` lang="${lang}"` : null}>${articleName(t, a)}</a>${
    a.status === 'ok' ? null : html` <span class="status-${a.status}">${a.status}</span>`
  }<div class="muted key" dir="ltr">${showDirectionControls(a.key)}</div></td>
<td data-label="${agency}"><bdi>${a.agency ?? '—'}</bdi></td>
<td data-label="${place}"><bdi>${a.place ?? '—'}</bdi></td>
<td data-label="${language}">${a.language}</td>
<td data-label="${words}">${a.words}</td>
</tr>`;
}
