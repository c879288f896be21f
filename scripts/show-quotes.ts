/**
 * `npx tsx scripts/show-quotes.ts [--source unlabeled|corpus-ar|corpus-en] [--count n] [--seed s]`:
 * prints each quote the extractor finds, with its speaker and the words around it, for judging
 * speakers by reading (development text beyond ar-wire's gold; read from ../shared at run time,
 * never copied). The sample is fixed by the seed: articles that hold a quotation mark and a
 * speech verb, ranked by a hash of seed and position, the first `count` taken.
 *
 * Output: one block per article (`## <id>`), one line per quote:
 * `[n] p<paragraph> <speaker> (<type>, <verb>) «<quote start>» || <context before the quote>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extractRecord } from '../shared/extract/index';
import { readArticleText } from '../shared/article-text';
import { fileSource } from '../bench/lib/articles';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');

const { values } = parseArgs({
  options: {
    source: { type: 'string', default: 'unlabeled' },
    count: { type: 'string', default: '50' },
    seed: { type: 'string', default: 'h9-quotes' },
    context: { type: 'string', default: '160' },
  },
});
const count = Number(values.count);
const contextChars = Number(values.context);

const SPEECH = /(^|[\s(«"“])(و|ف)?(قال|قالت|يقول|تقول|أضاف|وأضاف|أكد|أوضح|أشار|صرح|تابع|أردف|اعتبر|رأى|شدد|نوه|أفاد|ذكر|أعلن|بين|مضيفا|مشيرا|موضحا|لافتا|مؤكدا)/u;
const ARABIC_MARKS = /[«»“”"]/;
const ENGLISH_SPEECH = /\b(said|says|told|added|according to)\b/;

interface Candidate {
  readonly id: string;
  readonly text: string;
}

function rank(seed: string, id: string): string {
  return createHash('sha256').update(`${seed}:${id}`).digest('hex');
}

function unlabeled(): Candidate[] {
  const file = path.join(corpusDir, 'unlabeled', 'ar-news.jsonl.gz');
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const out: Candidate[] = [];
  lines.forEach((line, i) => {
    if (!line) return;
    const { text } = JSON.parse(line) as { text: string };
    // Stories of a readable length with quotation marks and a speech verb.
    if (text.length < 600 || text.length > 6000 || !ARABIC_MARKS.test(text) || !SPEECH.test(text)) return;
    out.push({ id: `unlabeled#${i}`, text });
  });
  return out;
}

function corpus(lang: 'ar' | 'en'): Candidate[] {
  const dir = path.join(corpusDir, lang);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ id: `${lang}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }))
    .filter(({ text }) => (lang === 'ar' ? ARABIC_MARKS.test(text) && SPEECH.test(text) : /["“]/.test(text) && ENGLISH_SPEECH.test(text)));
}

function candidates(): Candidate[] {
  if (values.source === 'unlabeled') return unlabeled();
  if (values.source === 'corpus-ar') return corpus('ar');
  if (values.source === 'corpus-en') return corpus('en');
  throw new Error(`unknown --source ${values.source}`);
}

if (!existsSync(corpusDir)) {
  console.log(`${corpusDir} is absent: nothing to show.`);
  process.exit(0);
}

const sample = candidates()
  .map((c) => ({ c, r: rank(values.seed!, c.id) }))
  .sort((a, b) => (a.r < b.r ? -1 : 1))
  .slice(0, count)
  .map(({ c }) => c);

let quotes = 0;
for (const { id, text } of sample) {
  const bytes = new TextEncoder().encode(text);
  const source = fileSource('show', id, bytes.length);
  const record = extractRecord({ bytes, source, now: '2024-01-01T00:00:00.000Z' });
  if (record.quotes.length === 0) continue;
  const paragraphs = (readArticleText(bytes, source)?.blocks ?? []).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
  console.log(`## ${id} (dateline ${record.dateline?.raw ?? '-'})`);
  record.quotes.forEach((q, n) => {
    quotes++;
    const para = paragraphs[q.paragraph] ?? '';
    const at = para.indexOf(q.text.slice(0, 20));
    const before = at < 0 ? para.slice(0, contextChars) : para.slice(Math.max(0, at - contextChars), at);
    const after = at < 0 ? '' : para.slice(at + q.text.length, at + q.text.length + 60);
    console.log(`[${n}] p${q.paragraph} ${q.speaker ?? '∅'} (${q.speakerType ?? '-'}, ${q.verb ?? '-'}) «${q.text.slice(0, 50)}» || ${before.replace(/\s+/g, ' ')} ⟦Q⟧ ${after.replace(/\s+/g, ' ')}`);
  });
}
console.log(`\n${sample.length} articles, ${quotes} quotes`);
