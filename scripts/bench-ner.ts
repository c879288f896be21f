// NER speed: npx tsx scripts/bench-ner.ts [--runs 3] [--loads 5] [--save name] [--compare name]
// Tagging speed in tokens/s (tagDocument per document, after a warm-up pass; median of --runs)
// on conll2003_valid and the Arabic dev split, and model load time (read + decode + tagger +
// one tagged sentence) in fresh node processes, median of --loads. --save writes every
// predicted tag to .tmp/ner-bench/<name>.json; --compare checks the tags against such a file,
// so a change meant to be output-preserving can be shown to be.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONLL_VALID_FILE, loadNerModel, nerCorpusAvailable, readCorpusFile, readTrainingSplit, REPO_ROOT } from '../models/load';
import type { NerLang } from '../shared/ner/labels';
import { createTagger } from '../shared/ner/tagger';

const OUT_DIR = path.join(REPO_ROOT, '.tmp/ner-bench');

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Runs in a child process: prints the milliseconds to load one model and tag one sentence. */
function loadOnce(lang: NerLang): void {
  const started = performance.now();
  const tagger = createTagger(loadNerModel(lang));
  tagger.tagDocument([['.']]);
  console.log(JSON.stringify({ loadMs: performance.now() - started }));
}

function loadTimes(lang: NerLang, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child-load', lang], { encoding: 'utf8' });
    samples.push((JSON.parse(out.trim().split('\n').at(-1)!) as { loadMs: number }).loadMs);
  }
  return median(samples);
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    loads: { type: 'string', default: '5' },
    save: { type: 'string' },
    compare: { type: 'string' },
    'child-load': { type: 'string' },
    'skip-load': { type: 'boolean', default: false },
  },
});

if (values['child-load']) {
  loadOnce(values['child-load'] as NerLang);
  process.exit(0);
}
if (!nerCorpusAvailable()) {
  console.error('NER corpus not found under ../shared/corpus/ner; nothing to measure');
  process.exit(1);
}

if (!values['skip-load']) {
  for (const lang of ['ar', 'en'] as const) {
    const loadMs = loadTimes(lang, Number(values.loads));
    console.log(`load ${lang}: ${loadMs.toFixed(1)} ms (read + decode + tagger + first sentence; median of ${values.loads} fresh processes)`);
  }
}

const sets: { name: string; lang: NerLang; documents: string[][][] }[] = [
  { name: 'conll2003-valid', lang: 'en', documents: readCorpusFile(CONLL_VALID_FILE).map((d) => d.sentences.map((s) => s.tokens)) },
  { name: 'ar-dev', lang: 'ar', documents: readTrainingSplit('ar').dev.map((d) => d.sentences.map((s) => s.tokens)) },
];
const allTags: Record<string, string[][][]> = {};
for (const set of sets) {
  const tagger = createTagger(loadNerModel(set.lang));
  const tokens = set.documents.reduce((n, doc) => n + doc.reduce((m, s) => m + s.length, 0), 0);
  allTags[set.name] = set.documents.map((doc) => tagger.tagDocument(doc)); // warm-up
  const rates: number[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    const started = performance.now();
    for (const doc of set.documents) tagger.tagDocument(doc);
    rates.push(tokens / ((performance.now() - started) / 1000));
  }
  const best = Math.max(...rates);
  console.log(`${set.name.padEnd(16)} ${tokens} tokens, ${Math.round(median(rates))} tokens/s median, ${Math.round(best)} best of ${values.runs} runs`);
}

mkdirSync(OUT_DIR, { recursive: true });
if (values.save) writeFileSync(path.join(OUT_DIR, `${values.save}.json`), JSON.stringify(allTags));
if (values.compare) {
  const file = path.join(OUT_DIR, `${values.compare}.json`);
  if (!existsSync(file)) throw new Error(`nothing saved as ${values.compare}`);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[][][]>;
  for (const [name, docs] of Object.entries(allTags)) {
    let tokens = 0;
    let differing = 0;
    docs.forEach((doc, d) =>
      doc.forEach((tags, s) =>
        tags.forEach((tag, t) => {
          tokens++;
          if (saved[name]?.[d]?.[s]?.[t] !== tag) differing++;
        }),
      ),
    );
    console.log(`${name}: ${differing} of ${tokens} tags differ from ${values.compare}`);
  }
}
