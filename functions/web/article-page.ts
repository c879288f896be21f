/**
 * One article's page: its headline (the title, or "untitled"; never a subheading), then its text
 * read from its file (shared/article-text.ts: the paragraphs numbered as everywhere else,
 * subheadings where they stand) in its own direction with people, organisations and places marked
 * and linked, a link to download the file, then its entities, quotes (with the paragraph each is
 * in), dates, keywords, near-duplicates and the source file's details. Interface text comes from
 * i18n.ts; everything from the record or the file is text, escaped by `html`, and every line that
 * mixes it with interface text isolates it (`dir`, `<bdi>`).
 */
import { showDirectionControls } from '../../shared/direction-controls';
import { paragraphNumber } from '../../shared/article-text';
import { ENTITY_TYPES, type ArticleRecord, type Entity, type EntityType, type Quote } from '../../shared/record';
import type { DuplicateLink } from '../../shared/queries';
import { decodeHeaderValue } from '../../shared/extract/object-metadata';
import type { TextAnswer } from '../article-files';
import { directionOf, html, langOf, type SafeHtml } from './html';
import type { Messages, Ui } from './i18n';
import { articleFileUrl, articleJsonUrl, articlePageUrl, entityPageUrl, layout, listPageUrl, type Shell } from './layout';
import { articleName } from './list-page';
import { markEntities } from './marks';

/** The `data-entity` value tying an entity in a list to its marks in the text. */
const entityId = (type: EntityType, name: string): string => `${type}:${name}`;

/** The anchor of a numbered paragraph (quotes link to it). */
const paragraphAnchor = (number: number): string => `p${number}`;

export function renderArticlePage(shell: Shell, record: ArticleRecord, duplicates: readonly DuplicateLink[], text: TextAnswer): string {
  const { t } = shell.ui;
  const heading = record.title ?? t.untitled;
  const textLang = langOf(record.language.code);
  // Attributes of every element holding article text: its direction and language (dir isolates it).
  const textAttributes = html` dir="${directionOf(record.language)}"${textLang ? html` lang="${textLang}"` : null}`;
  const marked = (part: string) => markedText(part, record);
  const agency = record.dateline?.agencyCode ?? record.dateline?.agency ?? null;

  const body = html`
<p class="muted"><a href="/">${t.allArticles}</a>${agency ? html` · <a href="${listPageUrl({ agency })}"><bdi>${agency}</bdi></a>` : null} · <a href="${articleJsonUrl(record.source.key)}">${t.article.json}</a></p>
<article class="record">
<header>
<h1 id="title"${textAttributes}${record.title ? null : html` class="untitled-heading"`}>${record.title ? marked(record.title) : html`<bdi class="untitled" lang="${shell.ui.lang}">${t.untitled}</bdi>`}</h1>
${metaLine(t, record)}
<a class="download" id="download" href="${articleFileUrl(record.source.key)}" download>${t.article.download}</a>
</header>
${record.problems.length ? problems(t, record) : null}
<section class="text" id="text"${textAttributes} aria-label="${t.article.text}">
${articleText(shell.ui, record, text, marked)}
</section>
<p class="legend muted"><span><mark class="entity person">${t.article.legend.person}</mark></span><span><mark class="entity organization">${t.article.legend.organization}</mark></span><span><mark class="entity place">${t.article.legend.place}</mark></span></p>
<h2>${t.article.entities}</h2>
<div class="columns">${ENTITY_TYPES.map((type) => entityList(t, type, record.entities[type], textAttributes))}</div>
${quotes(t, record.quotes, textAttributes, marked)}
${datesSection(t, record, textAttributes)}
${keywords(t, record, textAttributes)}
${duplicatesSection(t, record, duplicates)}
${sourceDetails(t, record)}
</article>`;
  return layout(shell, heading, body);
}

/**
 * The text read from the file: the dateline, then subheadings and numbered paragraphs in reading
 * order, the first paragraph being the lead. When the file cannot be read (changed since, or no
 * file reader), the record's own lead and subheadings, and a note saying why.
 */
function articleText(ui: Ui, record: ArticleRecord, answer: TextAnswer, marked: (text: string) => SafeHtml): SafeHtml {
  const { t } = ui;
  // Interface text inside the article's text box: in the interface's language and direction.
  const uiAttributes = html` lang="${ui.lang}" dir="${ui.dir}"`;
  const dateline = record.dateline ? html`<p class="dateline"><strong>${record.dateline.raw}</strong></p>` : null;
  if (answer.kind === 'text' && answer.text && answer.text.blocks.length > 0) {
    return html`${dateline}${answer.text.blocks.map((block) =>
      block.kind === 'subheading'
        ? html`<h3 class="subheading">${marked(block.text)}</h3>`
        : html`<p class="para${block.number === paragraphNumber(0) ? ' lead' : ''}" id="${paragraphAnchor(block.number)}" data-paragraph="${block.number}">${marked(block.text)}</p>`,
    )}`;
  }
  const note = answer.kind === 'gone' ? t.article.textGone : answer.kind === 'unavailable' ? t.article.textUnavailable : null;
  return html`${note ? html`<p class="muted text-note"${uiAttributes}>${note}</p>` : null}${dateline}
${record.lead ? html`<p class="lead">${marked(record.lead)}</p>` : html`<p class="muted"${uiAttributes}>${t.article.noText}</p>`}
${record.subheadings.map((s) => html`<h3 class="subheading">${marked(s)}</h3>`)}`;
}

function markedText(text: string, record: ArticleRecord): SafeHtml {
  return html`${markEntities(text, record.entities).map((segment) =>
    segment.entity
      ? html`<mark class="entity ${segment.entity.type}" data-entity="${entityId(segment.entity.type, segment.entity.name)}"><a href="${entityPageUrl(segment.entity.type, segment.entity.name)}">${segment.text}</a></mark>`
      : segment.text,
  )}`;
}

function metaLine(t: Messages, record: ArticleRecord): SafeHtml {
  const published = record.published
    ? html`<time datetime="${record.published.value}" dir="ltr">${record.published.value}</time> ${t.article.publishedFrom(t.article.sources[record.published.source] ?? record.published.source)}`
    : html`<span class="undated">${t.undated}</span> ${t.article.noDate}`;
  const d = record.dateline;
  return html`<p class="meta">
${d?.place ? html`<span>${t.article.place}: <bdi>${d.place}</bdi></span>` : null}
${d?.agencyCode || d?.agency ? html`<span>${t.article.agency}: <bdi>${d.agency ?? ''}</bdi>${d.agencyCode && d.agencyCode !== d.agency ? html` (<bdi>${d.agencyCode}</bdi>)` : null}</span>` : null}
<span id="published">${t.article.published}: ${published}</span>
<span>${t.article.languageLabel}: ${t.languages[record.language.code] ?? record.language.code} <bdi dir="ltr">(${record.language.code}, ${record.language.script}, ${record.language.direction})</bdi></span>
<span>${t.article.figures(record.stats.words, record.stats.paragraphs, record.stats.readingMinutes)}</span>
<span class="status-${record.status}">${record.status}</span>
</p>`;
}

function problems(t: Messages, record: ArticleRecord): SafeHtml {
  return html`<div class="error" role="note"><strong>${t.article.problems}</strong><ul>${record.problems.map((p) => html`<li><code>${p.code}</code>: <bdi>${p.message}</bdi></li>`)}</ul></div>`;
}

function entityList(t: Messages, type: EntityType, entities: readonly Entity[], textAttributes: SafeHtml): SafeHtml {
  return html`<section id="${type === 'person' ? 'people' : `${type}s`}" class="entity-list">
<h3>${t.article.types[type]} <span class="count">(${entities.length})</span></h3>
${
  entities.length === 0
    ? html`<p class="muted">${t.article.noneFound}</p>`
    : html`<ul class="entities">${entities.map(
        (e) => html`<li class="entity" data-entity-item="${entityId(type, e.name)}"${textAttributes}>
<a class="name" href="${entityPageUrl(type, e.name)}">${e.name}</a> <span class="count">×${e.mentions}</span>
${e.role ? html`<span class="role">${e.role}</span>` : null}
${e.aliases.length ? html`<span class="aliases">${e.aliases.join('، ')}</span>` : null}
</li>`,
      )}</ul>`
}
</section>`;
}

function quotes(t: Messages, list: readonly Quote[], textAttributes: SafeHtml, marked: (text: string) => SafeHtml): SafeHtml {
  return html`<section id="quotes"><h2>${t.article.quotes} <span class="count">(${list.length})</span></h2>
${
  list.length === 0
    ? html`<p class="muted">${t.article.noneFound}</p>`
    : html`<ol class="quotes">${list.map((q) => {
        const number = paragraphNumber(q.paragraph);
        return html`<li class="quote"><blockquote${textAttributes}>${marked(q.text)}</blockquote>
<span class="speaker">— ${
          q.speaker
            ? q.speakerType
              ? html`<a class="speaker-name" href="${entityPageUrl(q.speakerType, q.speaker)}"${textAttributes}>${q.speaker}</a>`
              : html`<span class="speaker-name"${textAttributes}>${q.speaker}</span>`
            : html`<span class="muted">${t.article.speakerUnknown}</span>`
        }${q.verb ? html` (<bdi>${q.verb}</bdi>)` : null} <a class="muted paragraph-link" href="#${paragraphAnchor(number)}">${t.article.paragraph(number)}</a></span></li>`;
      })}</ol>`
}
</section>`;
}

function datesSection(t: Messages, record: ArticleRecord, textAttributes: SafeHtml): SafeHtml {
  return html`<section id="dates"><h2>${t.article.dates} <span class="count">(${record.dates.length})</span></h2>
${
  record.dates.length === 0
    ? html`<p class="muted">${t.article.noneFound}</p>`
    : html`<div class="scroll"><table><thead><tr>${t.article.dateColumns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${record.dates.map(
        (d) => html`<tr><td${textAttributes}>${d.text}</td><td><time datetime="${d.value}" dir="ltr">${d.value}</time>${d.relative ? html` ${t.article.relative}` : null}</td><td>${d.precision}</td><td>${d.calendar}</td></tr>`,
      )}</tbody></table></div>`
}
</section>`;
}

function keywords(t: Messages, record: ArticleRecord, textAttributes: SafeHtml): SafeHtml {
  return html`<section id="keywords"><h2>${t.article.keywords}</h2>
${record.keywords.length === 0 ? html`<p class="muted">${t.article.noneFound}</p>` : html`<ul class="keywords"${textAttributes}>${record.keywords.map((k) => html`<li>${k.term}</li>`)}</ul>`}
</section>`;
}

function duplicatesSection(t: Messages, record: ArticleRecord, duplicates: readonly DuplicateLink[]): SafeHtml {
  return html`<section id="duplicates"><h2>${t.article.duplicates} <span class="count">(${duplicates.length})</span></h2>
${
  duplicates.length === 0
    ? html`<p class="muted">${t.article.noDuplicates}</p>`
    : html`<ul>${duplicates.map(
        (d) => html`<li><a href="${articlePageUrl(d.key)}" dir="auto">${d.article ? articleName(t, d.article) : showDirectionControls(d.key)}</a> <span class="muted">${t.article.distance(d.distance)}${d.article ? null : html` · ${t.article.recordGone}`}</span></li>`,
      )}</ul>`
}
${record.fingerprints.simhash ? html`<p class="muted">simhash <code>${record.fingerprints.simhash}</code></p>` : null}
</section>`;
}

function sourceDetails(t: Messages, record: ArticleRecord): SafeHtml {
  const s = record.source;
  const label = t.article.sourceRows;
  const rows: [string, string | null][] = [
    [label.bucket, s.bucket],
    [label.key, showDirectionControls(s.key)],
    [label.size, t.article.bytes(s.size)],
    [label.contentType, s.contentType],
    [label.uploaded, s.uploadedAt],
    [label.etag, s.etag],
    [label.version, s.versionId],
    [label.sequencer, s.sequencer],
    [label.format, record.format],
    [label.encoding, record.encoding],
    [label.sha256, record.fingerprints.sha256 || null],
    [label.extracted, t.article.extractedBy(record.extractor.extractedAt, record.extractor.version, record.extractor.durationMs.toFixed(1))],
    ...Object.entries(s.metadata).map(([name, value]): [string, string] => [`x-amz-meta-${name}`, decodeHeaderValue(value)]),
    ...Object.entries(record.truncated ?? {}).map(([field, count]): [string, string] => [`${label.cut}: ${field}`, t.article.keptPartOf(count)]),
  ];
  return html`<section id="source"><h2>${t.article.source}</h2>
<dl class="details">${rows.map(([name, value]) => html`<dt>${name}</dt><dd dir="auto">${value ?? '—'}</dd>`)}</dl>
</section>`;
}
