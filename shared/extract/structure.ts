/**
 * Title, subheadings, paragraphs, sentences and lead, from the blocks left after the dateline.
 *
 * - Title: what the markup or metadata gives; in plain text, the headline line above the
 *   dateline (page-head.ts), or a short first line followed by a blank line or by page furniture
 *   (the BBC/Reuters layout). Wire copy like SANA's has none, and then the title is null: a
 *   subheading, a section label, a time stamp or a photo caption is never the title.
 * - Subheadings: marked-up headings; in plain text, a short line without final punctuation that
 *   sits between two paragraphs (SANA puts the next story's headline there).
 * - Wire trailers (`// انتهى //`, `20:26 ت م`) and separator lines are not text a reader counts.
 * - Lead: the first body paragraph after the dateline.
 */
import { stripInvisible, toAsciiDigits } from './arabic';
import { capText, LIMITS, rejected, type Block, type BodyUnit, type Extractor } from './draft';
import { splitSentences } from './sentences';
import { headTitle } from './page-head';
import { endsInWord, endsWithOneOf, wordCount as words } from './shape';

const visible = (text: string): string => stripInvisible(text).trim();

const SEPARATOR_LINE = /^[^\p{L}\p{N}]*$/u;
const WIRE_TRAILER = /^(\/+\s*[\p{L}\s]{2,20}\s*\/+|\d{1,2}:\d{2}\s*(ت\s*م|ت\s*غ|gmt|utc)?)$/iu;

/** Lines that are layout, not text: `-----`, `* * *`, `// انتهى //`, `19:52 ت م`. */
export function isLayoutLine(text: string): boolean {
  if (SEPARATOR_LINE.test(text)) return true;
  return text.length <= 40 && WIRE_TRAILER.test(toAsciiDigits(visible(text)));
}

/** Short, and ending in a letter or digit: how headlines look, and sentences do not. */
function isHeadlineShaped(text: string): boolean {
  if (text.length > 300) return false;
  const line = visible(text);
  return line.length <= 200 && words(line) <= 25 && endsInWord(line);
}

function plainTitle(blocks: readonly Block[]): string | null {
  const [first, second] = blocks;
  if (!first || !second || first.heading !== null || !second.separated) return null;
  const line = visible(first.text);
  return words(line) <= 20 && line.length <= 200 && !endsWithOneOf(line, '.!:؛،,') ? line : null;
}

const BULLET = /^[*•·▪■◆\-–]\s+/u;

interface Sorted {
  readonly subheadings: string[];
  readonly paragraphs: string[];
  readonly body: BodyUnit[];
}

function sortBlocks(blocks: readonly Block[]): Sorted {
  const subheadings: string[] = [];
  const paragraphs: string[] = [];
  const body: BodyUnit[] = [];
  const shaped = blocks.map((b) => b.heading === null && isHeadlineShaped(b.text));
  const paragraphLike = (i: number) => blocks[i]?.heading === null && !shaped[i];
  blocks.forEach((block, i) => {
    const betweenParagraphs = i > 0 && paragraphLike(i - 1) && paragraphLike(i + 1);
    if (block.heading !== null || (betweenParagraphs && shaped[i])) {
      const text = visible(block.text).replace(BULLET, '');
      subheadings.push(text);
      body.push({ kind: 'subheading', text });
    } else {
      body.push({ kind: 'paragraph', text: block.text, index: paragraphs.length });
      paragraphs.push(block.text);
    }
  });
  return { subheadings, paragraphs, body };
}

export const buildStructure: Extractor = (draft) => {
  let blocks = draft.blocks.filter((b) => !isLayoutLine(b.text));
  let title = draft.metadata.title;
  let decks: string[] = [];
  if (title === null && draft.format === 'text') {
    const head = headTitle(blocks, draft.datelineBlock);
    if (head) {
      title = head.title;
      decks = head.decks;
      blocks = blocks.slice(head.bodyFrom);
    } else {
      title = plainTitle(blocks);
      if (title !== null) blocks = blocks.slice(1);
    }
  }
  const sorted = sortBlocks(blocks);
  const subheadings = [...decks, ...sorted.subheadings];
  const { paragraphs } = sorted;
  if (paragraphs.length === 0 && subheadings.length === 0 && !title) return rejected(draft, 'no-text', 'The file holds no article text.');
  const problems = paragraphs.length === 0 ? [...draft.problems, { code: 'no-body', message: 'The file has a title or headings but no body paragraphs.' }] : draft.problems;

  const truncated: Record<string, number> = { ...draft.truncated };
  const cappedTitle = title === null ? null : capText(title, LIMITS.titleChars);
  if (cappedTitle?.cut && title) truncated['title'] = title.length;
  const lead = paragraphs[0] === undefined ? null : capText(paragraphs[0], LIMITS.leadChars);
  if (lead?.cut && paragraphs[0]) truncated['lead'] = paragraphs[0].length;
  if (subheadings.length > LIMITS.subheadings) truncated['subheadings'] = subheadings.length;
  const keptSubheadings = subheadings.slice(0, LIMITS.subheadings).map((s) => capText(s, LIMITS.subheadingChars).text);

  return {
    ...draft,
    problems,
    blocks,
    title: cappedTitle?.text ?? null,
    subheadings: keptSubheadings,
    paragraphs,
    // Decks (lines under the headline) read before the body, as the subheadings list has them.
    body: [...decks.map((text): BodyUnit => ({ kind: 'subheading', text })), ...sorted.body],
    sentences: paragraphs.reduce((n, p) => n + splitSentences(p).length, 0),
    lead: lead?.text ?? null,
    truncated,
  };
};
