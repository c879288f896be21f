/** An entity's page: the articles that mention it, newest first, each with the name as written there. */
import { showDirectionControls } from '../../shared/direction-controls';
import type { EntityPage } from '../../shared/queries';
import type { EntityType } from '../../shared/record';
import { directionOf, html, langOf } from './html';
import { articlePageUrl, entityPageUrl, layout } from './layout';
import { articleName, dateCell } from './list-page';

const TYPE_NAMES: Readonly<Record<EntityType, string>> = { person: 'Person', organization: 'Organisation', place: 'Place' };

export function renderEntityPage(page: EntityPage, filters: { since?: string | undefined; until?: string | undefined }, continued: boolean): string {
  const { entity, hits } = page;
  const title = `${TYPE_NAMES[entity.type]}: ${entity.name}`;
  const body = html`
<p class="muted"><a href="/">All articles</a></p>
<h1>${TYPE_NAMES[entity.type]}: <bdi dir="auto">${entity.name}</bdi></h1>
<p class="muted">Articles that mention it, newest first. Names are matched after normalisation (hamza and alef forms, ة/ه, ى/ي, diacritics), and a person is also found by the last word of the name.</p>
${
  hits.length === 0
    ? html`<p class="muted" id="no-articles">${continued ? 'No more articles.' : 'No article mentions it.'}</p>`
    : html`<table class="articles"><thead><tr><th>Date</th><th>Article</th><th>Named there as</th><th>Mentions</th><th>Agency</th></tr></thead><tbody>
${hits.map(({ article: a, entity: e }) => {
  const lang = langOf(a.language);
  return html`<tr>
${dateCell(a.published)}
<td class="title"><a href="${articlePageUrl(a.key)}" dir="${directionOf(a.language)}"${lang ? html` lang="${lang}"` : null}>${articleName(a)}</a><div class="muted key" dir="ltr">${showDirectionControls(a.key)}</div></td>
<td class="named" dir="auto"><a href="${entityPageUrl(e.type, e.name)}">${e.name}</a>${e.role ? html`<div class="muted">${e.role}</div>` : null}</td>
<td>${e.mentions}</td>
<td>${a.agency ?? '—'}</td>
</tr>`;
})}
</tbody></table>`
}
${page.cursor ? html`<p class="pager"><a rel="next" href="${nextPageUrl(page, filters)}">Older articles →</a></p>` : null}
`;
  return layout(title, body);
}

/** The cursor belongs to the filters it was made with, so the link carries them too. */
function nextPageUrl(page: EntityPage, filters: { since?: string | undefined; until?: string | undefined }): string {
  const params = new URLSearchParams();
  if (filters.since) params.set('since', filters.since);
  if (filters.until) params.set('until', filters.until);
  params.set('cursor', page.cursor ?? '');
  return `${entityPageUrl(page.entity.type, page.entity.name)}?${params.toString()}`;
}
