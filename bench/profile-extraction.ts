/**
 * A CPU profile of extraction alone, for speed work: `node --import tsx --cpu-prof
 * --cpu-prof-dir=<dir> bench/profile-extraction.ts <ar|en> [passes]` extracts the corpus
 * articles of one language with the NER taggers (after one warm-up pass); read the profile with
 * bench/profile-extraction-report.ts or Chrome's DevTools.
 */
import { extractRecord } from '../shared/extract';
import { fileSource, loadArticles } from './lib/articles';

const lang = process.argv[2] ?? 'ar';
const passes = Number(process.argv[3] ?? 3);
const { loadNerModel } = await import('../models/load');
const { createTagger } = await import('../shared/ner/tagger');
const options = { ner: { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) } };
const articles = loadArticles().articles.filter((a) => a.lang === lang);
let words = 0;
for (let p = 0; p <= passes; p++) {
  for (const a of articles) {
    words += extractRecord({ bytes: a.bytes, source: fileSource('b', a.name, a.bytes.length), now: '2024-01-01T00:00:00.000Z' }, options).stats.words;
  }
}
console.log(`${articles.length} ${lang} articles × ${passes + 1}; ${words} words`);
