/**
 * The CPU time of one extractor in two source trees, alternating article by article in one
 * process so that a loaded machine's noise hits both alike:
 * `npx tsx bench/extractor-ab.ts <extractor> <tree A> <tree B> [ar|en] [repetitions]`, e.g.
 * `npx tsx bench/extractor-ab.ts findKeywords /tmp/before . ar 7` where /tmp/before is a checkout
 * of an earlier commit (`git archive <commit> | tar -x -C /tmp/before`, node_modules linked).
 * Each tree runs its own PIPELINE (with its own NER taggers) up to the extractor once per corpus
 * article; then the extractor alone runs on a copy of that draft (its blocks copied, so that
 * caches kept per blocks array start empty as in a real run). Printed: the median and the least
 * over repetitions of the mean CPU µs per article. The extractor alone runs with warm caches of
 * its own: in the whole pipeline it costs more (bench/extraction-cpu.ts), the other stages'
 * tables having pushed its own out of the processor's caches.
 */
import path from 'node:path';
import type { Draft, Extractor } from '../shared/extract/draft';
import type { ExtractOptions } from '../shared/extract';
import { fileSource, loadArticles } from './lib/articles';
import { cpuMicros, median } from './lib/stats';

interface Tree {
  readonly root: string;
  readonly pipeline: readonly Extractor[];
  readonly newDraft: (bytes: Uint8Array, source: Draft['source']) => Draft;
  readonly ner: NonNullable<ExtractOptions['ner']>;
}

async function loadTree(root: string): Promise<Tree> {
  const at = (file: string) => path.resolve(root, file);
  const { PIPELINE } = (await import(at('shared/extract/index.ts'))) as { PIPELINE: readonly Extractor[] };
  const { newDraft } = (await import(at('shared/extract/draft.ts'))) as { newDraft: Tree['newDraft'] };
  const { loadNerModel } = (await import(at('models/load.ts'))) as typeof import('../models/load');
  const { createTagger } = (await import(at('shared/ner/tagger.ts'))) as typeof import('../shared/ner/tagger');
  return { root, pipeline: PIPELINE, newDraft, ner: { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) } };
}

/** The draft the extractor receives in this tree, and the extractor; null when an earlier stage rejected the file. */
function stageInput(tree: Tree, name: string, bytes: Uint8Array, key: string): { draft: Draft; extractor: Extractor } | null {
  let draft: Draft = { ...tree.newDraft(bytes, fileSource('bench', key, bytes.length)), ner: tree.ner };
  for (const extractor of tree.pipeline) {
    if (extractor.name === name) return { draft, extractor };
    draft = extractor(draft);
    if (draft.rejection) return null;
  }
  throw new Error(`${tree.root} has no extractor ${name}; its PIPELINE: ${tree.pipeline.map((e) => e.name).join(', ')}`);
}

async function main(): Promise<void> {
  const [name, rootA, rootB, lang = 'ar', reps = '5'] = process.argv.slice(2);
  if (!name || !rootA || !rootB) throw new Error('usage: npx tsx bench/extractor-ab.ts <extractor> <tree A> <tree B> [ar|en] [repetitions]');
  const trees = [await loadTree(path.resolve(rootA)), await loadTree(path.resolve(rootB))];
  const articles = loadArticles().articles.filter((a) => a.lang === lang);
  const inputs = trees.map((tree) => articles.map((a) => stageInput(tree, name, a.bytes, a.name)));
  const means = trees.map(() => [] as number[]);
  // Repetition 0 warms up and is not counted.
  for (let r = 0; r <= Number(reps); r++) {
    const spent = trees.map(() => 0);
    articles.forEach((_, i) => {
      trees.forEach((_, t) => {
        const input = inputs[t]![i];
        if (!input) return;
        const start = cpuMicros();
        input.extractor({ ...input.draft, blocks: [...input.draft.blocks] });
        spent[t]! += cpuMicros() - start;
      });
    });
    if (r > 0) spent.forEach((us, t) => means[t]!.push(us / articles.length));
  }
  trees.forEach((tree, t) => console.log(`${name} ${lang} ${tree.root}: ${median(means[t]!).toFixed(0)} µs CPU per article (least ${Math.min(...means[t]!).toFixed(0)})`));
}

await main();
