/**
 * Entities and quotes over the real corpus (../shared/corpus/{ar,en}, read at run time): what
 * must hold for every article whatever the text — no time word or generic noun as an entity,
 * aliases that are other names, counts that cover them, quotes that point into the body and
 * name a speaker the record lists — plus printed figures. Skipped with a notice when absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../shared/record';
import { extract, sharedAvailable, sharedDir } from './helpers';

const present = sharedAvailable('corpus/ar', 'the corpus entity and quote checks');

/** Never an entity, in any article (SPEC §5 and the SANA checklist's must-not list, generalised). */
const NEVER = ['اليوم', 'أمس', 'غدا', 'المتحدث', 'الوزيرين', 'الطرفين', 'الإرهاب', 'الحكومة', 'today', 'yesterday', 'He', 'She', 'The'];
const key = (s: string) => s.normalize('NFC').replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي').toLowerCase();

function load(): { file: string; record: ArticleRecord }[] {
  return ['ar', 'en'].flatMap((lang) => {
    const dir = path.join(sharedDir, 'corpus', lang);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((file) => ({ file, record: extract(readFileSync(path.join(dir, file)), file) }));
  });
}

describe.skipIf(!present)('entities and quotes on the corpus', () => {
  const articles = present ? load() : [];
  const entitiesOf = (r: ArticleRecord) => [...r.entities.person, ...r.entities.organization, ...r.entities.place];

  it('reports no time word or generic noun as an entity', () => {
    const never = new Set(NEVER.map(key));
    const bad = articles.flatMap(({ file, record }) => entitiesOf(record).flatMap((e) => [e.name, ...e.aliases].filter((n) => never.has(key(n))).map((n) => `${file}: ${n}`)));
    expect(bad).toEqual([]);
  });

  it('lists aliases that differ from the name and counts every one of them', () => {
    const bad = articles.flatMap(({ file, record }) =>
      entitiesOf(record)
        .filter((e) => e.aliases.some((a) => key(a) === key(e.name)) || e.mentions < 1 + e.aliases.length || e.name.trim() !== e.name || e.name === '')
        .map((e) => `${file}: ${JSON.stringify(e)}`),
    );
    expect(bad).toEqual([]);
  });

  it('attributes quotes to entities the record lists, or to a subject as the text writes it, in body paragraphs that exist', () => {
    // A role or a body nothing names as an entity speaks as written (`مصدر أوروبي`, `المتحدث باسم …`):
    // a few words, never the statement it was made in (`في بيان`) or whom it was said to (`لإذاعة`).
    const writtenSubject = (speaker: string) => {
      const words = speaker.split(/\s+/);
      return words.length <= 7 && !/(^|\s)(في|عبر|خلال) (بيان|تصريح|تغريدة|مقابلة|حديث|رسالة)|(^|\s)عن(\s|$)/.test(speaker) && !words.slice(1).some((w) => /^ل(ل|[اإأ])/.test(w));
    };
    const bad = articles.flatMap(({ file, record }) =>
      record.quotes
        .filter((q) => {
          if (q.paragraph >= record.stats.paragraphs || q.text.length === 0) return true;
          if ((q.speaker === null) !== (q.speakerType === null)) return true;
          if (q.speaker === null || q.speakerType === null) return false;
          const list = q.speakerType === 'person' ? record.entities.person : record.entities.organization;
          return !list.some((e) => e.name === q.speaker) && !writtenSubject(q.speaker);
        })
        .map((q) => `${file}: ${JSON.stringify(q)}`),
    );
    expect(bad).toEqual([]);
  });

  it('never takes a quoted name for a quotation', () => {
    const bad = articles.flatMap(({ file, record }) => {
      const names = new Set(entitiesOf(record).flatMap((e) => [e.name, ...e.aliases]).map(key));
      return record.quotes.filter((q) => names.has(key(q.text))).map((q) => `${file}: ${q.text}`);
    });
    expect(bad).toEqual([]);
  });

  it('reports figures (no assertion beyond sanity)', () => {
    for (const lang of ['ar', 'en']) {
      const mine = articles.filter(({ record }) => record.language.code === lang);
      const quotes = mine.flatMap(({ record }) => record.quotes);
      const per = (n: number) => (n / Math.max(1, mine.length)).toFixed(1);
      const count = (type: 'person' | 'organization' | 'place') => mine.reduce((n, { record }) => n + record.entities[type].length, 0);
      console.log(
        `[corpus entities] ${lang}: ${mine.length} articles; per article ${per(count('person'))} people, ${per(count('organization'))} organisations, ${per(count('place'))} places; ` +
          `${quotes.length} quotes, ${quotes.filter((q) => q.speaker).length} with a speaker`,
      );
    }
    expect(articles.length).toBeGreaterThanOrEqual(400);
  });
});
