/**
 * The head of a page above the story: section labels (`أخبار`, `اقتصاد`, `Politics`), the
 * headline, decks (sub-headlines), time stamps, photo captions, breadcrumbs and widgets. The
 * headline is the first line there that is shaped like one; decks become subheadings, and the
 * rest is page furniture, which is not the story's text. A subheading is never the title.
 */
import { matchKey, toAsciiDigits, visibleText } from './arabic';
import type { Block } from './draft';
import { endsWithOneOf, wordCount as words } from './shape';

/** Lines the head may hold before the story begins, when no dateline marks where it begins. */
const HEAD_LINES = 8;

/** Words of section labels, navigation and widgets; glued labels (`عاجلصورة`) are read too. */
const SECTION_WORDS = [
  'الأخبار', 'أخبار', 'اخبار', 'خبر', 'عاجل', 'صورة', 'فيديو', 'حوادث', 'قضايا', 'اقتصاد', 'اقتصادية', 'رياضة', 'سياسة', 'محليات', 'محلي',
  'دولي', 'دولية', 'عربي', 'عربية', 'عالمي', 'عالمية', 'مثبتة', 'أهم', 'الرئيسية', 'تقارير', 'منوعات', 'ثقافة', 'صحة', 'آخر', 'مقالات',
  'رأي', 'الصفحة', 'الأولى', 'حجم', 'الخط', 'طباعة', 'مشاركة', 'نشر', 'و',
  'politics', 'news', 'breaking', 'world', 'business', 'sports', 'home', 'latest', 'print', 'share', 'comments', 'comment',
].map((w) => matchKey(w)).sort((a, b) => b.length - a.length);

const PHOTO = /(?:صورة|تصوير|أرشيفية|ارشيفية|\bphoto\b|\bfile\b|\(الإنترنت\))/iu;
const CLOCK = /\d{1,2}:\d{2}/;


/** Every word made of section words only (`حوادث وقضاياخبر عاجلصورة و خبر`). */
function isSectionLabel(line: string): boolean {
  return matchKey(line)
    .split(/[\s|/>»:-]+/)
    .filter(Boolean)
    .every((word) => {
      let rest = word;
      for (let guard = 0; rest && guard < 8; guard++) {
        const found = SECTION_WORDS.find((w) => rest.startsWith(w));
        if (!found) return false;
        rest = rest.slice(found.length);
      }
      return rest === '';
    });
}

/** A date or time stamp, an id line, a breadcrumb, a caption, a widget: not a headline. */
function isFurniture(line: string): boolean {
  const ascii = toAsciiDigits(line);
  if (isSectionLabel(line)) return true;
  if (CLOCK.test(ascii) || (/\b\d{4}\b/.test(ascii) && words(line) <= 6)) return true;
  if ((line.match(/\s\/\s/g) ?? []).length >= 2 || /^[{<]/.test(line) || line.includes('||')) return true;
  return PHOTO.test(line);
}

/** Shaped like a headline: three to thirty words, not a sentence, not furniture. */
const isHeadline = (line: string): boolean =>
  !isFurniture(line) && words(line) >= 3 && words(line) <= 30 && line.length <= 250 && !endsWithOneOf(line, '.،,:؛');

/** A line of the story itself: long, or a sentence. */
const isBody = (line: string): boolean => words(line) >= 25 || (words(line) >= 8 && endsWithOneOf(line, '.!؟?"”»') && !PHOTO.test(line));

export interface HeadTitle {
  readonly title: string;
  /** Sub-headlines below the title, above the story. */
  readonly decks: string[];
  /** Index of the first block of the story. */
  readonly bodyFrom: number;
}

/**
 * The headline of a page head. With a dateline (its line's index given), the head is what
 * stands above it; without one, the lines before the first paragraph of the story, and then
 * the headline must be set apart from the story by a blank line or by page furniture.
 */
export function headTitle(blocks: readonly Block[], datelineBlock: number | null): HeadTitle | null {
  let end = datelineBlock ?? blocks.findIndex((b, i) => i >= HEAD_LINES || isBody(visibleText(b.text)));
  if (end < 0) end = Math.min(blocks.length, HEAD_LINES);
  if (end === 0 || end > blocks.length) return null;
  const head = blocks.slice(0, end).map((b) => visibleText(b.text));
  const at = head.findIndex(isHeadline);
  const line = head[at];
  if (at < 0 || line === undefined) return null;
  // `خبر السلطات ترفع …`: a section word glued before the headline is the page's, not the title's.
  const [first, ...rest] = line.split(' ');
  const glued = first !== undefined && /^[\u0600-\u06FF]+$/.test(first) && isSectionLabel(first) && rest.length >= 4 && isHeadline(rest.join(' '));
  const title = glued ? rest.join(' ') : line;
  if (datelineBlock === null) {
    const setApart = blocks[at + 1]?.separated === true || head.slice(at + 1).some(isFurniture) || head.slice(0, at).some(isFurniture);
    if (!setApart) return null;
  }
  const key = matchKey(title).replace(/["“”«»]/g, '');
  const decks = head.slice(at + 1).filter((line) => isHeadline(line) && matchKey(line).replace(/["“”«»]/g, '') !== key);
  return { title, decks, bodyFrom: end };
}
