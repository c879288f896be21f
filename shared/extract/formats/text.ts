/**
 * Plain text to blocks. Wire copy puts one paragraph on a line (SANA, SPA), English files
 * separate paragraphs with blank lines (BBC, Reuters); either way a line is a block. Only text
 * hard-wrapped at a fixed width (most lines inside a paragraph run on without final punctuation)
 * has its lines joined back into paragraphs.
 */
import { stripInvisible } from '../arabic';
import type { Block } from '../draft';
import { endsInWord, endsWithOneOf } from '../shape';

interface Line {
  readonly text: string;
  readonly separated: boolean;
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let blankBefore = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.length === 0 || stripInvisible(line).trim().length === 0) {
      blankBefore = true;
      continue;
    }
    lines.push({ text: line, separated: blankBefore && lines.length > 0 });
    blankBefore = false;
  }
  return lines;
}

/** Lines that have a next line in the same paragraph-chunk (no blank line between). */
function innerLines(lines: readonly Line[]): Line[] {
  return lines.filter((_, i) => i + 1 < lines.length && !lines[i + 1]?.separated);
}

function isHardWrapped(lines: readonly Line[]): boolean {
  const inner = innerLines(lines);
  if (inner.length < 3) return false;
  const lengths = inner.map((l) => l.text.length).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const longest = lengths[lengths.length - 1] ?? 0;
  const runOn = inner.filter((l) => endsInWord(l.text) || endsWithOneOf(l.text, ',،')).length;
  return longest <= 120 && median >= 40 && runOn >= 0.6 * inner.length;
}

function joinWrapped(lines: readonly Line[]): Block[] {
  const width = lines.reduce((max, l) => Math.max(max, l.text.length), 0);
  const blocks: Block[] = [];
  let current: string[] = [];
  let separated = false;
  const flush = () => {
    if (current.length > 0) blocks.push({ text: current.join(' '), heading: null, separated });
    current = [];
  };
  for (const line of lines) {
    if (line.separated) flush();
    if (current.length === 0) separated = line.separated;
    current.push(line.text);
    // A short line that closes a sentence ends its paragraph even without a blank line.
    if (endsWithOneOf(line.text, '.!?؟"”»') && line.text.length < 0.85 * width) flush();
  }
  flush();
  return blocks;
}

export function parseText(text: string): Block[] {
  const lines = readLines(text);
  if (isHardWrapped(lines)) return joinWrapped(lines);
  return lines.map((l) => ({ text: l.text, heading: null, separated: l.separated }));
}
