/** An entity's page: the articles that mention it, newest first, each with the name as written there. */
import { showDirectionControls } from '../../shared/direction-controls';
import type { EntityPage } from '../../shared/queries';
import type { EntityType } from '../../shared/record';
import { directionOf, html, langOf } from './html';
import { articlePageUrl, entityPageUrl, layout, type Shell } from './layout';
import { articleName, dateCell } from './list-page';

export function renderEntityPage(shell: Shell, page: EntityPage, filters: { since?: string | undefined; until?: string | undefined }, continued: boolean): string {
  const { t } = shell.ui;
  const { entity, hits } = page;
  const typeName = t.entity.types[entity.type as EntityType];
  const title = `${typeName}: ${entity.name}`;
  const [date, article, named, mentions, agency] = t.entity.columns;
  const body = html`
<p class="muted"><a href="/">${t.allArticles}</a></p>
<h1>${typeName}: <bdi dir="auto">${entity.name}</bdi></h1>
<p class="muted">${t.entity.explain}</p>
${
  hits.length === 0
    ? html`<p class="muted" id="no-articles">${continued ? t.entity.noMore : t.entity.none}</p>`
    : html`<table class="articles"><thead><tr>${t.entity.columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>
${hits.map(({ article: a, entity: e }) => {
  const lang = langOf(a.language);
  return html`<tr>
${dateCell(t, a.published, date ?? '')}
<td class="title" data-label="${article}"><a href="${articlePageUrl(a.key)}" dir="${directionOf(a.language)}"${lang ? html` lang="${lang}"` : null}>${articleName(t, a)}</a><div class="muted key" dir="ltr">${showDirectionControls(a.key)}</div></td>
<td class="named" data-label="${named}" dir="auto"><a href="${entityPageUrl(e.type, e.name)}">${e.name}</a>${e.role ? html`<div class="muted">${e.role}</div>` : null}</td>
<td data-label="${mentions}">${e.mentions}</td>
<td data-label="${agency}"><bdi>${a.agency ?? '—'}</bdi></td>
</tr>`;
})}
</tbody></table>`
}
${page.cursor ? html`<p class="pager"><a rel="next" href="${nextPageUrl(page, filters)}">${t.list.older}</a></p>` : null}
`;
  return layout(shell, title, body);
}

/** The cursor belongs to the filters it was made with, so the link carries them too. */
function nextPageUrl(page: EntityPage, filters: { since?: string | undefined; until?: string | undefined }): string {
  const params = new URLSearchParams();
  if (filters.since) params.set('since', filters.since);
  if (filters.until) params.set('until', filters.until);
  params.set('cursor', page.cursor ?? '');
  return `${entityPageUrl(page.entity.type, page.entity.name)}?${params.toString()}`;
}
