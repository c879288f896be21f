/**
 * Articles for the soak, made up from sentences written for Dateline: a dateline, three to six
 * paragraphs drawn from a pool with places, names and numbers filled in, Arabic or English. Seeded,
 * so a run can be repeated; varied, so that near-duplicates happen only where the soak asks for one.
 */

import { seededRandom } from '../../../shared/ner/perceptron';

const AR_PLACES = ['دمشق', 'حلب', 'حمص', 'اللاذقية', 'طرطوس', 'درعا', 'السويداء', 'دير الزور', 'الحسكة', 'إدلب', 'حماة', 'القنيطرة'];
const AR_AGENCIES = ['سانا', 'واس', 'أ ف ب', 'رويترز', 'قنا'];
const AR_NAMES = ['سامر الخطيب', 'ليلى حداد', 'عمر النجار', 'رنا السيد', 'خالد العلي', 'هدى منصور', 'ماجد الحلبي', 'نادية يوسف'];
const AR_SENTENCES = [
  'أعلنت مديرية المياه في {place} اليوم إعادة تشغيل محطة الضخ الرئيسية بعد أعمال صيانة استمرت {n} أيام.',
  'وقال {name} مدير المشروع إن الأعمال شملت تبديل {n} مضخات وتركيب محولات كهربائية جديدة.',
  'افتتحت وزارة التربية {n} مدارس جديدة في ريف {place} مع بداية العام الدراسي.',
  'وأوضح {name} أن المدارس ستستقبل نحو {n} طالب وطالبة في المرحلتين الابتدائية والإعدادية.',
  'بدأت ورشات الطرق في {place} أعمال تأهيل الطريق الدولي على طول {n} كيلومترا.',
  'وأشار {name} إلى أن العمل سيستمر على مدار الساعة لإنهاء المشروع قبل موسم الأمطار.',
  'أقامت جمعية العاديات في {place} معرضا للصور القديمة يضم {n} صورة توثق تاريخ المدينة.',
  'وبين {name} أن المعرض سيبقى مفتوحا للزوار حتى نهاية الشهر الجاري.',
  'وصلت إلى مرفأ {place} باخرة محملة بـ {n} طن من القمح، بحسب المؤسسة العامة للحبوب.',
  'وقالت {name} إن الكميات الواصلة تكفي حاجة المطاحن لعدة أسابيع.',
  'نظمت مديرية الصحة في {place} حملة تلقيح شملت {n} طفل دون سن الخامسة.',
  'ولفت {name} إلى أن الفرق الجوالة وصلت إلى القرى البعيدة في الريف الشرقي.',
  'انطلقت في {place} فعاليات مهرجان الكتاب بمشاركة {n} دار نشر.',
  'ودعا {name} الأهالي إلى زيارة المهرجان الذي يضم ندوات وأمسيات شعرية.',
];
const EN_PLACES = ['DAMASCUS', 'BEIRUT', 'AMMAN', 'RIYADH', 'CAIRO', 'BAGHDAD', 'DOHA', 'MUSCAT', 'TUNIS', 'RABAT'];
const EN_AGENCIES = ['(Reuters)', '(SANA)', '(AFP)', '(AP)'];
const EN_NAMES = ['Omar Haddad', 'Layla Nasser', 'Karim Saleh', 'Rania Khoury', 'Daniel Brooks', 'Maya Farah', 'Peter Lund', 'Salma Aziz'];
const EN_SENTENCES = [
  'The water authority in {place} reopened its main pumping station on Monday after {n} days of repairs, officials said.',
  '{name}, who runs the project, said engineers replaced {n} pumps and two transformers.',
  'The education ministry opened {n} new schools on the outskirts of {place} as the school year began.',
  'About {n} pupils will attend the new schools, {name} told reporters.',
  'Road crews in {place} began resurfacing a {n}-kilometre stretch of the main highway.',
  '{name} said work would continue around the clock to finish before the rainy season.',
  'A photography exhibition in {place} shows {n} pictures of the old city, the organisers said.',
  'The exhibition stays open until the end of the month, according to {name}.',
  'A ship carrying {n} tonnes of wheat docked at the port of {place}, the grain board said.',
  '{name} said the delivery would cover the mills for several weeks.',
  'Health workers in {place} vaccinated {n} children under five in a week-long campaign.',
  'Mobile teams reached remote villages in the east, {name} said.',
  'The book fair in {place} opened with {n} publishers taking part.',
  '{name} invited residents to the readings and talks held every evening.',
];

export type Rng = () => number;

/** A small seeded PRNG (mulberry32, the one NER training uses): the same seed gives the same run. */
export const seededRng: (seed: number) => Rng = seededRandom;

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** A new article: Arabic (2 in 3) or English, three to six paragraphs. */
export function generateArticle(rng: Rng): string {
  const arabic = rng() < 2 / 3;
  const place = pick(rng, arabic ? AR_PLACES : EN_PLACES);
  const fill = (sentence: string) =>
    sentence
      .replace('{place}', arabic ? pick(rng, AR_PLACES) : pick(rng, EN_PLACES).charAt(0) + pick(rng, EN_PLACES).slice(1).toLowerCase())
      .replace('{name}', pick(rng, arabic ? AR_NAMES : EN_NAMES))
      .replace('{n}', String(2 + Math.floor(rng() * 5000)));
  const pool = arabic ? AR_SENTENCES : EN_SENTENCES;
  const paragraphs = Array.from({ length: 3 + Math.floor(rng() * 4) }, () => `${fill(pick(rng, pool))} ${fill(pick(rng, pool))}`);
  const dateline = arabic ? `${place}-${pick(rng, AR_AGENCIES)}` : `${place} ${pick(rng, EN_AGENCIES)} -`;
  return arabic ? `${dateline}\n\n${paragraphs.join('\n\n')}\n` : `${dateline} ${paragraphs.join('\n\n')}\n`;
}

/** The same story lightly edited, as a re-published wire story is (a near-duplicate). */
export function editArticle(rng: Rng, article: string): string {
  const paragraphs = article.split('\n\n');
  const i = 1 + Math.floor(rng() * Math.max(1, paragraphs.length - 1));
  paragraphs[i] = `${paragraphs[i] ?? ''} ${/[\u0600-\u06ff]/.test(article) ? 'وأضاف المصدر أن العمل مستمر.' : 'Work continues, the source added.'}`;
  return paragraphs.join('\n\n');
}
