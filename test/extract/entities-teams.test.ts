/**
 * Sports teams named without نادي (entities-teams.ts): the sides of a result verb are
 * organisations, even with a city's name; people on either side are left to be people.
 * Invented sentences.
 */
import { describe, expect, it } from 'vitest';
import type { SequenceTagger } from '../../shared/extract/entities-types';
import { extractRecord } from '../../shared/extract/index';
import type { ArticleRecord } from '../../shared/record';
import { extract, NOW, sourceFor } from './helpers';

const names = (record: ArticleRecord, type: 'person' | 'organization' | 'place') => record.entities[type].map((e) => e.name);

describe('teams in match reports', () => {
  it('reads both sides of a result verb as organisations, a city’s name too', () => {
    const record = extract('وفاز الرمثا على الجزيرة بهدفين، وتعادل أتلتيكو بلباو مع الوحدات في عمان.');
    expect(names(record, 'organization')).toEqual(expect.arrayContaining(['الرمثا', 'الجزيرة', 'أتلتيكو بلباو', 'الوحدات']));
    expect(names(record, 'place')).not.toContain('الجزيرة');
  });

  it('leaves a side that is a person alone', () => {
    const tagger: SequenceTagger = {
      tagDocument: (sentences) => sentences.map((tokens) => tokens.map(() => 'O')),
      // Unlabeled news puts كارسون where people's names stand.
      wordEvidence: (token) => (token === 'كارسون' ? { cluster: '0010', freq: 'f3', person: 'p4', place: 'l0' } : undefined),
    };
    const bytes = new TextEncoder().encode('وفاز كارسون على منافسه في الانتخابات، وفاز محمد العلي على زميله في السباق.');
    const record = extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner: { ar: tagger } });
    expect(names(record, 'organization')).toEqual([]);
  });
});
