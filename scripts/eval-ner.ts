// NER evaluation: npx tsx scripts/eval-ner.ts [--check]
// Span F1 for PERS/ORG/LOC (exact span and type, MISC not scored) on the Arabic dev split, the
// English dev split (last 10% of sentences of each training file, never trained on) and
// conll2003_valid.txt. Each set goes through tagConll, the code path of `dateline ner`; its
// output ("token gold pred" lines) is kept in .tmp/ner-eval/ and, when
// ../shared/tools/score-ner.mjs is present, scored by it too so both numbers are shown.
// With --check, exits 1 when a score is below its bar.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CONLL_VALID_FILE, loadNerModel, nerCorpusAvailable, nerModelPath, readTrainingSplit, REPO_ROOT } from '../models/load';
import { parseConll, tagConll } from '../shared/ner/conll';
import type { TaggedDocument } from '../shared/ner/corpus';
import type { NerLang } from '../shared/ner/labels';
import { scoreSentences } from '../shared/ner/score';
import { createTagger, type Tagger } from '../shared/ner/tagger';
import { entityRows } from './eval-entities';

const SCORER = path.resolve(REPO_ROOT, '../shared/tools/score-ner.mjs');
const OUT_DIR = path.join(REPO_ROOT, '.tmp/ner-eval');

interface EvalSet {
  name: string;
  lang: NerLang;
  /** gold CoNLL text: token and gold tag per line */
  conll: () => string;
  bar: number | null;
}

/** Gold documents back as CoNLL text, with -DOCSTART- lines when the source had them. */
function toConll(documents: readonly TaggedDocument[], docStart: boolean): string {
  return documents
    .map((doc) => {
      const sentences = doc.sentences.map((s) => s.tokens.map((token, i) => `${token} ${s.tags[i]}\n`).join(''));
      return (docStart ? '-DOCSTART- O\n\n' : '') + sentences.join('\n');
    })
    .join('\n');
}

const SETS: EvalSet[] = [
  { name: 'ar-dev', lang: 'ar', conll: () => toConll(readTrainingSplit('ar').dev, false), bar: 70 },
  { name: 'en-dev', lang: 'en', conll: () => toConll(readTrainingSplit('en').dev, true), bar: null },
  { name: 'conll2003-valid', lang: 'en', conll: () => readFileSync(CONLL_VALID_FILE, 'utf8'), bar: 90 },
];

function evaluate(set: EvalSet, tagger: Tagger): { f1: number; report: string } {
  const gold = set.conll();
  const started = performance.now();
  const tagged = tagConll(gold, tagger, set.lang);
  const seconds = (performance.now() - started) / 1000;
  const file = path.join(OUT_DIR, `${set.name}.txt`);
  writeFileSync(file, tagged.split('\n').filter((line) => !line.startsWith('-DOCSTART-')).join('\n'));

  const sentences = parseConll(tagged).flatMap((doc) =>
    doc.sentences.map(({ columns }) => ({ gold: columns.map((c) => c.at(-2) ?? 'O'), predicted: columns.map((c) => c.at(-1) ?? 'O') })),
  );
  const tokens = sentences.reduce((n, s) => n + s.gold.length, 0);
  const score = scoreSentences(sentences);
  const types = Object.entries(score.byType).map(([type, s]) => `${type} ${s.f1.toFixed(1)}`).join(', ');
  let report =
    `${set.name.padEnd(16)} F1 ${score.f1.toFixed(1)} (P ${score.p.toFixed(1)} R ${score.r.toFixed(1)}; ${types}) ` +
    `${score.sentences} sentences, ${tokens} tokens, ${Math.round(tokens / seconds)} tokens/s`;
  if (existsSync(SCORER)) {
    const output = execFileSync(process.execPath, [SCORER, file], { encoding: 'utf8' }).trim().split('\n').at(-1);
    report += `\n${''.padEnd(16)} score-ner.mjs: ${output}`;
  }
  return { f1: score.f1, report };
}

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
if (!nerCorpusAvailable()) {
  console.error('NER corpus not found under ../shared/corpus/ner; nothing to evaluate');
  process.exit(values.check ? 1 : 0);
}
mkdirSync(OUT_DIR, { recursive: true });
const taggers = new Map<NerLang, Tagger>();
for (const lang of ['ar', 'en'] as const) {
  const started = performance.now();
  taggers.set(lang, createTagger(loadNerModel(lang)));
  const ms = performance.now() - started;
  const file = readFileSync(nerModelPath(lang));
  // Shipped as it is (the deployment zip compresses it); issue #10 counts models gzipped.
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);
  console.log(`model ${lang}: ${mb(file.length)} MB (${mb(gzipSync(file, { level: 9 }).length)} MB gzipped), read + decode + tagger ${ms.toFixed(0)} ms`);
}
let failed = false;
for (const set of SETS) {
  const { f1, report } = evaluate(set, taggers.get(set.lang)!);
  const below = set.bar !== null && f1 < set.bar;
  failed ||= below;
  console.log(report + (set.bar === null ? '' : below ? `  BELOW BAR ${set.bar}` : `  (bar ${set.bar} met)`));
}
// Entities against the ar-wire gold: reported here too, checked by npm run eval.
for (const row of entityRows()) console.log(`${row.measure.padEnd(48)} ${row.result}`);
if (values.check && failed) process.exit(1);
