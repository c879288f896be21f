/**
 * When the story was published: the file's own metadata (front matter, `<meta>`, JSON field)
 * when it states a readable date, else the dateline's date. Dates mentioned in the text
 * (source `text`) are the dates extractor's business, not this one's.
 */
import { parseLooseDate } from './calendar';
import { withProblem, type Extractor } from './draft';

export const findPublished: Extractor = (draft) => {
  let next = draft;
  const stated = draft.metadata.published;
  if (stated && draft.metadataSource) {
    const value = parseLooseDate(stated);
    if (value) return { ...draft, published: { value, source: draft.metadataSource } };
    next = withProblem(next, 'unreadable-date', `The publication date "${stated.slice(0, 80)}" could not be read.`);
  }
  // A dateline without its year (`--02-26`) dates nothing by itself.
  const fromDateline = draft.dateline?.date && /^\d{4}/.test(draft.dateline.date) ? draft.dateline.date : null;
  return { ...next, published: fromDateline ? { value: fromDateline, source: 'dateline' } : null };
};
