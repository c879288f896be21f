/** The home page: the archive's articles newest first, with the list's filters as a form. */
import { showDirectionControls } from '../../shared/direction-controls';
import { AGENCIES } from '../../shared/extract/agencies';
import { dateLabel, UNDATED_LABEL, UNTITLED_LABEL, type ArticleSummary } from '../../shared/summary';
import { directionOf, html, langOf, type SafeHtml } from './html';
import { articlePageUrl, layout, listPageUrl } from './layout';

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

const LANGUAGES: readonly [string, string][] = [
  ['ar', 'Arabic'],
  ['en', 'English'],
  ['fa', 'Persian'],
  ['ur', 'Urdu'],
  ['fr', 'French'],
  ['und', 'undetermined'],
];

export function renderListPage(input: ListPageInput): string {
  const { filters, articles } = input;
  const filtered = Boolean(filters.agency || filters.lang || filters.since || filters.until || filters.undated);
  const heading = filters.undated ? 'Undated articles' : filtered ? 'Articles matching the filters' : 'All articles';
  const body = html`
<h1>${heading}</h1>
${filterForm(filters)}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : null}
${input.error ? null : articleTable(articles, input.continued ?? false)}
${input.cursor ? html`<p class="pager"><a rel="next" href="${listPageUrl({ ...filters, cursor: input.cursor })}">Older articles →</a></p>` : null}
`;
  return layout(heading, body);
}

function filterForm(filters: ListFilters): SafeHtml {
  const languages = LANGUAGES.some(([code]) => code === filters.lang) || !filters.lang ? LANGUAGES : [...LANGUAGES, [filters.lang, filters.lang] as [string, string]];
  return html`<form class="filters" method="get" action="/" role="search">
<label>Agency or outlet <input name="agency" list="agencies" value="${filters.agency ?? ''}" placeholder="SANA" autocomplete="off"></label>
<datalist id="agencies">${AGENCIES.map((a) => html`<option value="${a.code}"></option>`)}</datalist>
<label>Language <select name="lang"><option value="">any</option>${languages.map(
    ([code, name]) => html`<option value="${code}"${code === filters.lang ? html` selected` : null}>${name} (${code})</option>`,
  )}</select></label>
<label>Since <input name="since" value="${filters.since ?? ''}" placeholder="2015-09-01" inputmode="numeric" size="12"></label>
<label>Until <input name="until" value="${filters.until ?? ''}" placeholder="2015-12" inputmode="numeric" size="12"></label>
<label class="check"><input type="checkbox" name="undated" value="true"${filters.undated ? html` checked` : null}> Undated only</label>
<button type="submit">Filter</button>
${filters.agency || filters.lang || filters.since || filters.until || filters.undated ? html`<a href="/">Clear</a>` : null}
</form>`;
}

function articleTable(articles: readonly ArticleSummary[], continued: boolean): SafeHtml {
  if (articles.length === 0) return html`<p class="muted">${continued ? 'No more articles in the months searched; older ones may follow.' : 'No articles.'}</p>`;
  return html`<table class="articles">
<thead><tr><th>Date</th><th>Title</th><th>Agency</th><th>Place</th><th>Language</th><th>Words</th></tr></thead>
<tbody>
${articles.map((a, i) => html`${i > 0 && a.published === null && articles[i - 1]?.published !== null ? undatedDivider() : null}${articleRow(a)}`)}
</tbody>
</table>`;
}

/** Undated articles follow the dated ones: a row that says so, so their order is not read as dates. */
function undatedDivider(): SafeHtml {
  return html`<tr class="undated-divider"><td colspan="6">Undated: no date of record (in upload order)</td></tr>`;
}

/** The date cell: the date of record, or "undated"; never the upload day. */
export function dateCell(published: string | null): SafeHtml {
  return published
    ? html`<td class="date"><time datetime="${published}">${dateLabel(published)}</time></td>`
    : html`<td class="date"><span class="undated">${UNDATED_LABEL}</span></td>`;
}

/** An article's name: its headline, else "untitled" and the lead's first sentence, marked as a quotation of the text. */
export function articleName(a: Pick<ArticleSummary, 'headline' | 'opening'>): SafeHtml {
  if (a.headline) return html`${a.headline}`;
  return html`<span class="untitled">${UNTITLED_LABEL}</span>${a.opening ? html` — <q class="opening">${a.opening}</q>` : null}`;
}

export function articleRow(a: ArticleSummary): SafeHtml {
  const lang = langOf(a.language);
  return html`<tr>
${dateCell(a.published)}
<td class="title"><a href="${articlePageUrl(a.key)}" dir="${directionOf(a.language)}"${lang ? html` lang="${lang}"` : null}>${articleName(a)}</a>${
    a.status === 'ok' ? null : html` <span class="status-${a.status}">${a.status}</span>`
  }<div class="muted key" dir="ltr">${showDirectionControls(a.key)}</div></td>
<td>${a.agency ?? '—'}</td>
<td dir="auto">${a.place ?? '—'}</td>
<td>${a.language}</td>
<td>${a.words}</td>
</tr>`;
}
