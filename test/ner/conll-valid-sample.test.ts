import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONLL_VALID_FILE, loadNerModel, readCorpusFile } from '../../models/load';
import { scoreSentences } from '../../shared/ner/score';
import { createTagger } from '../../shared/ner/tagger';

const SENTENCES = 200;
const available = existsSync(CONLL_VALID_FILE);
if (!available) console.warn(`skipping the CoNLL-2003 sample: ${CONLL_VALID_FILE} not found`);

describe.skipIf(!available)('English model on the first 200 sentences of conll2003_valid', () => {
  it('scores span F1 above 80 for PER/ORG/LOC', () => {
    const tagger = createTagger(loadNerModel('en'));
    const scored: { gold: string[]; predicted: string[] }[] = [];
    for (const doc of readCorpusFile(CONLL_VALID_FILE)) {
      if (scored.length >= SENTENCES) break;
      const sentences = doc.sentences.slice(0, SENTENCES - scored.length);
      const predicted = tagger.tagDocument(sentences.map((s) => s.tokens));
      sentences.forEach((s, i) => scored.push({ gold: s.tags, predicted: predicted[i]! }));
    }
    const score = scoreSentences(scored);
    expect(scored).toHaveLength(SENTENCES);
    expect(score.byType.PERS.gold + score.byType.ORG.gold + score.byType.LOC.gold).toBeGreaterThan(100);
    expect(score.f1).toBeGreaterThan(80);
  });
});
