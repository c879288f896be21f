/**
 * Shapes shared by the entity and quote extractors: the units of text they read (title,
 * subheadings, paragraphs in document order), the candidate spans ("seeds") that rules and the
 * statistical tagger propose, and the mentions the entity extractor leaves for quotes.
 */
import type { EntityType } from '../record';
import type { Tok } from './entities-tokens';
import type { LexiconEntry } from '../ner/lexicon';

/**
 * A statistical sequence tagger (shared/ner's `Tagger` fits): IOB2 tags (B-PERS/B-PER, B-ORG,
 * B-LOC…) for the sentences of one document, one tag per token.
 */
export interface SequenceTagger {
  tagDocument(sentences: readonly (readonly string[])[]): string[][];
  /** What unlabeled text says about a word (shared/ner/lexicon), when the tagger knows. */
  wordEvidence?(token: string): LexiconEntry | undefined;
}

/** Taggers by language; a language without one is read with rules and gazetteers only. */
export interface NerTaggers {
  readonly ar?: SequenceTagger;
  readonly en?: SequenceTagger;
}

/**
 * `dateline` is the dateline's place; `credit` the agency or outlet the dateline or sign-off
 * credits: each of these is one name, known by where it stands.
 */
export type UnitKind = 'title' | 'subheading' | 'paragraph' | 'dateline' | 'credit';

/** One piece of the article's text, in document order. */
export interface TextUnit {
  /** Position in document order. */
  readonly index: number;
  readonly kind: UnitKind;
  /** Index in draft.paragraphs (body paragraphs, subheadings excluded), or null. */
  readonly paragraph: number | null;
  readonly text: string;
  readonly toks: readonly Tok[];
}

/** `team`: a side of a match report (فاز الأهلي على الزمالك), an organisation whatever the lists say. */
export type SeedSource = 'listed' | 'pattern' | 'role' | 'given-name' | 'quoted' | 'dateline' | 'ner' | 'cue' | 'team';

/** How much a source is trusted when spans overlap or disagree on the type. */
export const SOURCE_PRIORITY: Readonly<Record<SeedSource, number>> = {
  team: 7,
  listed: 6,
  pattern: 5,
  role: 5,
  quoted: 5,
  cue: 4,
  dateline: 4,
  'given-name': 3,
  ner: 2,
};

/** A span proposed as an entity mention, before spans are reconciled and merged into entities. */
export interface Seed {
  readonly type: EntityType;
  readonly unit: number;
  /** First and last token (inclusive). */
  readonly first: number;
  readonly last: number;
  /** Which clitic form of the first token the name starts with. */
  readonly form: number;
  readonly source: SeedSource;
  /** Gazetteer line (variants of one place or organisation share it). */
  readonly listedId?: string;
  /** Only counts where a cue announces it (روسيا اليوم): not searched for elsewhere. */
  readonly cueOnly?: boolean;
  /** The role written before the name, as text. */
  readonly role?: string;
  /** A rank or honorific before the name (الجنرال): a role of last resort. */
  readonly honorific?: string;
  /** Apposition: this span is another name of the entity whose span ends right before it. */
  readonly appositionOf?: { readonly unit: number; readonly last: number };
}

/** Where an entity was mentioned: quotes read these to name speakers. */
export interface EntityMention {
  readonly type: EntityType;
  /** The entity's canonical name. */
  readonly name: string;
  readonly unit: number;
  readonly paragraph: number | null;
  /** UTF-16 offsets of the mention in its unit's text. */
  readonly start: number;
  readonly end: number;
  /** The role written before this mention, if any. */
  readonly role: string | null;
}
