/**
 * One article's page: its text (title, lead, subheadings) in its own direction with the entities
 * marked and linked, then its people, organisations and places, quotes with speakers, dates,
 * keywords, near-duplicates and the source file's details. Everything from the record is text,
 * escaped by `html`.
 */
import { showDirectionControls } from '../../shared/direction-controls';
import { ENTITY_TYPES, type ArticleRecord, type Entity, type EntityType, type Quote } from '../../shared/record';
import type { DuplicateLink } from '../../shared/queries';
import { decodeHeaderValue } from '../../shared/extract/object-metadata';
import { nameLabel, openingOf, UNDATED_LABEL } from '../../shared/summary';
import { directionOf, html, langOf, type SafeHtml } from './html';
import { articleJsonUrl, articlePageUrl, entityPageUrl, layout, listPageUrl } from './layout';
import { articleName } from './list-page';
import { markEntities } from './marks';

const TYPE_HEADINGS: Readonly<Record<EntityType, string>> = { person: 'People', organization: 'Organisations', place: 'Places' };

/** The `data-entity` value tying an entity in a list to its marks in the text. */
const entityId = (type: EntityType, name: string): string => `${type}:${name}`;

export function renderArticlePage(record: ArticleRecord, duplicates: readonly DuplicateLink[]): string {
  // Without a title the page says so, with the lead's first sentence as a quotation (never a subheading as the headline).
  const untitled = { headline: null, opening: openingOf(record.lead) };
  const heading = record.title ?? nameLabel(untitled);
  const textLang = langOf(record.language.code);
  // Attributes of every element holding article text: its direction and language.
  const textAttributes = html` dir="${directionOf(record.language)}"${textLang ? html` lang="${textLang}"` : null}`;
  const marked = (text: string) => markedText(text, record);

  const body = html`
<p class="muted"><a href="/">All articles</a>${
    record.dateline?.agencyCode || record.dateline?.agency
      ? html` · <a href="${listPageUrl({ agency: record.dateline.agencyCode ?? record.dateline.agency ?? undefined })}">${record.dateline.agencyCode ?? record.dateline.agency}</a>`
      : null
  } · <a href="${articleJsonUrl(record.source.key)}">JSON</a></p>
<article class="record">
<header>
<h1 id="title"${textAttributes}${record.title ? null : html` class="untitled-heading"`}>${record.title ? marked(record.title) : articleName(untitled)}</h1>
${metaLine(record)}
</header>
${record.problems.length ? problems(record) : null}
<section class="text" id="text"${textAttributes} aria-label="Article text">
${record.dateline ? html`<p class="dateline"><strong>${record.dateline.raw}</strong></p>` : null}
${record.lead ? html`<p class="lead">${marked(record.lead)}</p>` : html`<p class="muted">No text was extracted.</p>`}
${record.subheadings.map((s) => html`<h3 class="subheading">${marked(s)}</h3>`)}
</section>
<p class="legend muted"><span><mark class="entity person">person</mark></span><span><mark class="entity organization">organisation</mark></span><span><mark class="entity place">place</mark></span></p>
<h2>Entities</h2>
<div class="columns">${ENTITY_TYPES.map((type) => entityList(type, record.entities[type], textAttributes))}</div>
${quotes(record.quotes, textAttributes, marked)}
${datesSection(record, textAttributes)}
${keywords(record, textAttributes)}
${duplicatesSection(record, duplicates)}
${sourceDetails(record)}
</article>`;
  return layout(heading, body);
}

function markedText(text: string, record: ArticleRecord): SafeHtml {
  return html`${markEntities(text, record.entities).map((segment) =>
    segment.entity
      ? html`<mark class="entity ${segment.entity.type}" data-entity="${entityId(segment.entity.type, segment.entity.name)}"><a href="${entityPageUrl(segment.entity.type, segment.entity.name)}">${segment.text}</a></mark>`
      : segment.text,
  )}`;
}

function metaLine(record: ArticleRecord): SafeHtml {
  const published = record.published
    ? html`<time datetime="${record.published.value}">${record.published.value}</time> (from the ${record.published.source})`
    : html`<span class="undated">${UNDATED_LABEL}</span> (no date of record found)`;
  return html`<p class="meta">
${record.dateline?.place ? html`<span>Place: <bdi>${record.dateline.place}</bdi></span>` : null}
${record.dateline?.agencyCode || record.dateline?.agency ? html`<span>Agency: <bdi>${record.dateline.agency ?? ''}</bdi>${record.dateline.agencyCode && record.dateline.agencyCode !== record.dateline.agency ? ` (${record.dateline.agencyCode})` : ''}</span>` : null}
<span id="published">Published: ${published}</span>
<span>Language: ${record.language.code} (${record.language.script}, ${record.language.direction})</span>
<span>${record.stats.words} words · ${record.stats.paragraphs} paragraphs · ${record.stats.readingMinutes} min</span>
<span class="status-${record.status}">${record.status}</span>
</p>`;
}

function problems(record: ArticleRecord): SafeHtml {
  return html`<div class="error" role="note"><strong>Problems</strong><ul>${record.problems.map((p) => html`<li><code>${p.code}</code>: ${p.message}</li>`)}</ul></div>`;
}

function entityList(type: EntityType, entities: readonly Entity[], textAttributes: SafeHtml): SafeHtml {
  return html`<section id="${type === 'person' ? 'people' : `${type}s`}" class="entity-list">
<h3>${TYPE_HEADINGS[type]} <span class="count">(${entities.length})</span></h3>
${
  entities.length === 0
    ? html`<p class="muted">None found.</p>`
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

function quotes(list: readonly Quote[], textAttributes: SafeHtml, marked: (text: string) => SafeHtml): SafeHtml {
  return html`<section id="quotes"><h2>Quotes <span class="count">(${list.length})</span></h2>
${
  list.length === 0
    ? html`<p class="muted">None found.</p>`
    : html`<ol class="quotes">${list.map(
        (q) => html`<li class="quote"><blockquote${textAttributes}>${marked(q.text)}</blockquote>
<span class="speaker"${textAttributes}>— ${
          q.speaker
            ? q.speakerType
              ? html`<a class="speaker-name" href="${entityPageUrl(q.speakerType, q.speaker)}">${q.speaker}</a>`
              : html`<span class="speaker-name">${q.speaker}</span>`
            : html`<span class="muted">speaker unknown</span>`
        }${q.verb ? html` (${q.verb})` : null} <span class="muted" dir="ltr">paragraph ${q.paragraph + 1}</span></span></li>`,
      )}</ol>`
}
</section>`;
}

function datesSection(record: ArticleRecord, textAttributes: SafeHtml): SafeHtml {
  return html`<section id="dates"><h2>Dates <span class="count">(${record.dates.length})</span></h2>
${
  record.dates.length === 0
    ? html`<p class="muted">None found.</p>`
    : html`<table><thead><tr><th>As written</th><th>Date</th><th>Precision</th><th>Calendar</th></tr></thead><tbody>${record.dates.map(
        (d) => html`<tr><td${textAttributes}>${d.text}</td><td><time datetime="${d.value}">${d.value}</time>${d.relative ? ' (relative)' : ''}</td><td>${d.precision}</td><td>${d.calendar}</td></tr>`,
      )}</tbody></table>`
}
</section>`;
}

function keywords(record: ArticleRecord, textAttributes: SafeHtml): SafeHtml {
  return html`<section id="keywords"><h2>Keywords</h2>
${record.keywords.length === 0 ? html`<p class="muted">None found.</p>` : html`<ul class="keywords"${textAttributes}>${record.keywords.map((k) => html`<li>${k.term}</li>`)}</ul>`}
</section>`;
}

function duplicatesSection(record: ArticleRecord, duplicates: readonly DuplicateLink[]): SafeHtml {
  return html`<section id="duplicates"><h2>Near-duplicates <span class="count">(${duplicates.length})</span></h2>
${
  duplicates.length === 0
    ? html`<p class="muted">No near-duplicate in the archive.</p>`
    : html`<ul>${duplicates.map(
        (d) => html`<li><a href="${articlePageUrl(d.key)}" dir="auto">${d.article ? articleName(d.article) : showDirectionControls(d.key)}</a> <span class="muted">distance ${d.distance}${d.article ? null : ' · record gone'}</span></li>`,
      )}</ul>`
}
${record.fingerprints.simhash ? html`<p class="muted">simhash <code>${record.fingerprints.simhash}</code></p>` : null}
</section>`;
}

function sourceDetails(record: ArticleRecord): SafeHtml {
  const s = record.source;
  const rows: [string, string | null][] = [
    ['Bucket', s.bucket],
    ['Key', showDirectionControls(s.key)],
    ['Size', `${s.size} bytes`],
    ['Content type', s.contentType],
    ['Uploaded', s.uploadedAt],
    ['ETag', s.etag],
    ['Version', s.versionId],
    ['Sequencer', s.sequencer],
    ['Format', record.format],
    ['Encoding', record.encoding],
    ['SHA-256', record.fingerprints.sha256 || null],
    ['Extracted', `${record.extractor.extractedAt} by extractor ${record.extractor.version} in ${record.extractor.durationMs.toFixed(1)} ms`],
    ...Object.entries(s.metadata).map(([name, value]): [string, string] => [`x-amz-meta-${name}`, decodeHeaderValue(value)]),
    ...Object.entries(record.truncated ?? {}).map(([field, count]): [string, string] => [`Cut: ${field}`, `kept part of ${count}`]),
  ];
  return html`<section id="source"><h2>Source file</h2>
<dl class="details">${rows.map(([label, value]) => html`<dt>${label}</dt><dd dir="auto">${value ?? '—'}</dd>`)}</dl>
</section>`;
}
