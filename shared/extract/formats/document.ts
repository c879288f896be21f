/**
 * What a format parser gives back, and the one mapping from field names used by front matter,
 * `<meta>` tags and JSON objects to Dateline's metadata.
 */
import type { Problem } from '../../record';
import type { Block, DocumentMetadata } from '../draft';

export interface ParsedDocument {
  readonly metadata: DocumentMetadata;
  readonly blocks: Block[];
  readonly problems: Problem[];
}

/** Field names per metadata slot, most specific first. Keys are compared by fieldKey. */
const FIELD_NAMES: Record<keyof DocumentMetadata, readonly string[]> = {
  title: ['title', 'headline', 'og:title', 'twitter:title', 'dc.title'],
  published: [
    'published',
    'datePublished',
    'article:published_time',
    'published_at',
    'publishedAt',
    'publish_date',
    'publication_date',
    'pubdate',
    'pubDate',
    'date',
    'dc.date',
    'dcterms.created',
    'created_at',
    'created',
    'parsely-pub-date',
    'sailthru.date',
  ],
  dateline: ['dateline'],
  agency: ['agency', 'source', 'source_name', 'wire', 'provider', 'outlet', 'publisher', 'og:site_name', 'site_name'],
  place: ['place', 'location', 'city'],
  author: ['author', 'byline', 'article:author', 'creator', 'writer', 'by'],
};

/** `og:site_name`, `site_name` and `siteName` are one key. */
export const fieldKey = (name: string): string => name.toLowerCase().replace(/[\s_:.\-]/g, '');

const CLEAN = (value: string): string => value.replace(/\s+/g, ' ').trim();

/** Picks the metadata slots out of flat `name -> value` fields (names in any case or spelling). */
export function metadataFromFields(fields: ReadonlyMap<string, string>): DocumentMetadata {
  const byKey = new Map<string, string>();
  for (const [name, value] of fields) {
    const key = fieldKey(name);
    const cleaned = CLEAN(value);
    if (cleaned && !byKey.has(key)) byKey.set(key, cleaned);
  }
  const pick = (slot: keyof DocumentMetadata): string | null => {
    for (const name of FIELD_NAMES[slot]) {
      const value = byKey.get(fieldKey(name));
      if (value) return value;
    }
    return null;
  };
  return {
    title: pick('title'),
    published: pick('published'),
    dateline: pick('dateline'),
    agency: pick('agency'),
    place: pick('place'),
    author: pick('author'),
  };
}
