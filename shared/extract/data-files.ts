/**
 * Files that are data, not articles: JSON Lines, CSV/TSV tables and CoNLL-style token columns
 * (one token per line with its tags). Read as text they would "succeed" (a corpus manifest came out
 * `ok`, a CoNLL file with 100 "quotes"), so they are rejected with a problem that says what they are.
 *
 * Told by their shape over a bounded prefix (the first SAMPLE_LINES lines of at most PREFIX_CHARS):
 * every sampled line a JSON object; or nearly every line a token and a few tag-like columns, in the
 * same number; or every line the same number of delimited fields. Linear: each sampled character is
 * looked at a fixed number of times, and the rest of the file only to count its lines.
 */
import { rejected, type Extractor } from './draft';

const PREFIX_CHARS = 64 * 1024;
const SAMPLE_LINES = 200;
/** Fewer lines than this say nothing about a shape. */
const MIN_LINES = 3;

export const NOT_AN_ARTICLE = 'not-an-article';

/** A tag column: NER (`O`, `B-PER`, `I_LOC`), POS (`NNP`, `PRP$`, `,`), chunk (`B-NP`), `_`, CoNLL-U features. */
const TAG = /^(?:O|[BIESLU][-_][\p{L}]+(?:[-_][\p{L}]+)?|[A-Z][A-Z0-9$_-]{0,11}|[^\p{L}\p{N}\s]{1,3}|_|[A-Za-z]+=[^\s|]+(?:\|[A-Za-z]+=[^\s|]+)*|\d{1,4})$/u;
const DOCSTART = /^-DOCSTART-/;
const SENTENCE_END = /[.!?؟…]["'”»)]?$/u;

/** The non-empty lines of the prefix (a line cut by the prefix left out), and how many the whole text has. */
function sampleLines(text: string): { lines: string[]; total: number } {
  const head = text.length > PREFIX_CHARS ? text.slice(0, text.lastIndexOf('\n', PREFIX_CHARS) + 1) : text;
  const lines: string[] = [];
  for (const raw of head.split('\n')) {
    const line = raw.trim();
    if (line) lines.push(line);
    if (lines.length >= SAMPLE_LINES) break;
  }
  let total = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (!blank) total++;
      blank = true;
    } else if (c !== 32 && c !== 9 && c !== 13) blank = false;
  }
  if (!blank) total++;
  return { lines, total };
}

function jsonLines(lines: readonly string[]): string | null {
  let objects = 0;
  for (const line of lines) {
    if (!/^[[{]/.test(line) || !/[\]}]$/.test(line)) return null;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) objects++;
    } catch {
      return null;
    }
  }
  return objects === lines.length ? 'objects' : 'JSON values';
}

/** The most common value of a list and how many times it occurs. */
function mode(values: readonly number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  let best = { value: 0, count: 0 };
  for (const v of values) {
    const count = (counts.get(v) ?? 0) + 1;
    counts.set(v, count);
    if (count > best.count) best = { value: v, count };
  }
  return best;
}

/** Columns of a token line (`token tag…`), or 0 when the line is not one. */
function tokenColumns(line: string): number {
  const fields = line.split(/\s+/);
  if (fields.length < 2 || fields.length > 12 || fields.some((f) => f.length > 40)) return 0;
  return TAG.test(fields[fields.length - 1]!) ? fields.length : 0;
}

function tokenLines(lines: readonly string[]): number | null {
  const rows = lines.filter((l) => !DOCSTART.test(l));
  if (rows.length < MIN_LINES) return null;
  const columns = rows.map(tokenColumns);
  const common = mode(columns.filter((c) => c > 0));
  return common.value > 0 && common.count >= 0.9 * rows.length ? common.value : null;
}

/** Fields of a delimited line; a field in double quotes may hold the delimiter (`""` is a quote). */
function fieldCount(line: string, delimiter: string): number {
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && (i === 0 || line[i - 1] === delimiter)) quoted = true;
    else if (c === delimiter) fields++;
  }
  return fields;
}

const DELIMITERS = [
  { char: '\t', name: 'TSV', minFields: 2, minLines: MIN_LINES },
  { char: ',', name: 'CSV', minFields: 3, minLines: 5 },
  { char: ';', name: 'semicolon-separated', minFields: 3, minLines: 5 },
  { char: '|', name: 'pipe-separated', minFields: 3, minLines: 5 },
] as const;

function delimited(lines: readonly string[]): { name: string; columns: number } | null {
  // Prose ends its paragraphs with a full stop; rows of a table mostly do not.
  if (lines.filter((l) => SENTENCE_END.test(l)).length >= lines.length / 2) return null;
  for (const d of DELIMITERS) {
    if (lines.length < d.minLines) continue;
    const counts = lines.map((l) => fieldCount(l, d.char));
    const common = mode(counts);
    // A last line cut short (or a trailing total) may differ; every other line has the same fields.
    if (common.value >= d.minFields && common.count >= lines.length - 1) return { name: d.name, columns: common.value };
  }
  return null;
}

/** Why the text is data and not an article, or null when it may be an article. */
export function dataShapeOf(text: string): string | null {
  const { lines, total } = sampleLines(text);
  if (lines.length < MIN_LINES) return null;
  // Formatted only for a rejection: toLocaleString costs more than the checks (ICU).
  const count = (): string => total.toLocaleString('en-US');
  const json = jsonLines(lines);
  if (json) return `JSON Lines data (${count()} lines of ${json}), not an article`;
  const columns = tokenLines(lines);
  if (columns) {
    const tags = columns - 1;
    return `CoNLL-style token columns (${count()} lines, one token per line with ${tags} tag column${tags === 1 ? '' : 's'}), not an article`;
  }
  const table = delimited(lines);
  if (table) return `${table.name} data (${count()} rows of ${table.columns} columns), not an article`;
  return null;
}

export const rejectDataFiles: Extractor = (draft) => {
  const shape = dataShapeOf(draft.text);
  return shape ? rejected(draft, NOT_AN_ARTICLE, shape) : draft;
};
