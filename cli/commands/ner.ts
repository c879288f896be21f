/**
 * `dateline ner --lang ar|en FILE`: tags CoNLL text with the tagger the extractor runs. Every input
 * line comes back on stdout; token lines get the predicted IOB2 tag as a last column (PERS for
 * Arabic, PER for English), blank and -DOCSTART- lines are passed through. `-` reads stdin.
 */
import { readFile } from 'node:fs/promises';
import { loadNerModel } from '../../models/load';
import { tagConll } from '../../shared/ner/conll';
import type { NerLang } from '../../shared/ner/labels';
import { createTagger } from '../../shared/ner/tagger';
import { CliError } from '../errors';

export async function runNer(file: string, lang: NerLang): Promise<number> {
  const text = await readInput(file);
  const tagger = createTagger(loadNerModel(lang));
  process.stdout.write(tagConll(text, tagger, lang));
  return 0;
}

async function readInput(file: string): Promise<string> {
  try {
    return file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
