/**
 * A function of a text, remembered for the texts asked about most: two generations of at most
 * `perGeneration` texts each (a full generation becomes the old one; a text found there moves
 * back), so a long-running ingest keeps its frequent words and names warm in bounded memory.
 *
 * Bounded in bytes too. The texts asked about are slices of an article, and V8 keeps a slice of
 * 13 characters or more as a view that holds the whole article alive: a remembered slice would
 * keep every article it came from. So a text is remembered as its own copy, and the answer is
 * worked out from that copy (an answer that is the text unchanged is then the copy, not the view).
 * Texts longer than `maxLength` (quotes, paragraphs) are rarely asked about twice: not remembered.
 */
export function rememberedByText<T>(compute: (text: string) => T, perGeneration: number, maxLength = 48): (text: string) => T {
  let current = new Map<string, T>();
  let older = new Map<string, T>();
  return (text) => {
    if (current.has(text)) return current.get(text) as T;
    if (text.length > maxLength) return compute(text);
    if (current.size >= perGeneration) {
      older = current;
      current = new Map();
    }
    const own = ownCopy(text);
    const value = older.has(own) ? (older.get(own) as T) : compute(own);
    current.set(own, value);
    return value;
  };
}

/** Shorter strings are always copied when sliced (V8 makes no view of them). */
const SHORTEST_VIEW = 13;

function ownCopy(text: string): string {
  return text.length < SHORTEST_VIEW ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}
