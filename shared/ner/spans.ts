// IOB2 tags <-> entity spans, and the BILOU encoding the model uses internally
// (BILOU separates single-token names and name ends, which a first-order tagger learns better).

export interface Span {
  type: string;
  /** index of the first token */
  start: number;
  /** index of the last token (inclusive) */
  end: number;
}

function splitTag(tag: string): { prefix: string; type: string } {
  const dash = tag.indexOf('-');
  if (tag === 'O' || dash < 0) return { prefix: 'O', type: '' };
  return { prefix: tag.slice(0, dash), type: tag.slice(dash + 1) };
}

/**
 * Spans of an IOB2 tag sequence, read the way conlleval and ../shared/tools/score-ner.mjs
 * read it: an I- tag that does not continue an entity of its type starts a new one.
 */
export function iobToSpans(tags: readonly string[]): Span[] {
  const spans: Span[] = [];
  let current: Span | null = null;
  tags.forEach((tag, index) => {
    const { prefix, type } = splitTag(tag);
    if (current && (prefix !== 'I' || type !== current.type)) {
      spans.push(current);
      current = null;
    }
    if (prefix === 'B' || (prefix === 'I' && !current)) current = { type, start: index, end: index };
    else if (prefix === 'I' && current) current.end = index;
  });
  if (current) spans.push(current);
  return spans;
}

export function spansToIob(spans: readonly Span[], length: number): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const span of spans) {
    tags[span.start] = `B-${span.type}`;
    for (let i = span.start + 1; i <= span.end; i++) tags[i] = `I-${span.type}`;
  }
  return tags;
}

export function iobToBilou(tags: readonly string[]): string[] {
  const bilou = new Array<string>(tags.length).fill('O');
  for (const span of iobToSpans(tags)) {
    if (span.start === span.end) {
      bilou[span.start] = `U-${span.type}`;
      continue;
    }
    bilou[span.start] = `B-${span.type}`;
    for (let i = span.start + 1; i < span.end; i++) bilou[i] = `I-${span.type}`;
    bilou[span.end] = `L-${span.type}`;
  }
  return bilou;
}

export function bilouToSpans(tags: readonly string[]): Span[] {
  // Viterbi only emits well-formed BILOU sequences, so B/I/L/U map straight to IOB2 spans.
  const iob = tags.map((tag) => {
    const { prefix, type } = splitTag(tag);
    if (prefix === 'O') return 'O';
    return prefix === 'B' || prefix === 'U' ? `B-${type}` : `I-${type}`;
  });
  return iobToSpans(iob);
}

/** Whether BILOU tag `next` may follow tag `previous` ('' = sentence start / end). */
export function bilouAllowed(previous: string, next: string): boolean {
  const p = splitTag(previous);
  const n = splitTag(next);
  const previousOpen = p.prefix === 'B' || p.prefix === 'I';
  const nextContinues = n.prefix === 'I' || n.prefix === 'L';
  if (previousOpen) return nextContinues && n.type === p.type;
  return !nextContinues;
}
