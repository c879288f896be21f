/**
 * Hand-built records for the page and API tests: Arabic wire stories written for these tests (not
 * produced by the extractor), so that what the page must show does not move when extraction
 * improves. They go into the table through the real store, like ingest writes them.
 */
import { fingerprintText } from '../../shared/duplicates';
import { ArticleRecord, SCHEMA_VERSION, recordId } from '../../shared/record';

const BUCKET = 'dateline-articles';

function record(key: string, fields: Partial<ArticleRecord>): ArticleRecord {
  return ArticleRecord.parse({
    schemaVersion: SCHEMA_VERSION,
    id: recordId(BUCKET, key),
    status: 'ok',
    problems: [],
    source: {
      bucket: BUCKET,
      key,
      versionId: null,
      etag: '5d41402abc4b2a76b9719d911017c592',
      size: 2214,
      contentType: 'text/plain; charset=utf-8',
      sequencer: '0062F1A0B1C2D3E4F5',
      uploadedAt: '2016-03-16T09:00:00.000Z',
      metadata: { desk: 'local' },
    },
    extractor: { version: 'test', extractedAt: '2016-03-16T09:00:01.000Z', durationMs: 4.2 },
    format: 'text',
    encoding: 'utf-8',
    language: { code: 'ar', confidence: 0.99, script: 'Arab', direction: 'rtl' },
    dateline: { raw: 'حلب – سانا', place: 'حلب', agency: 'سانا', agencyCode: 'SANA', date: null },
    title: null,
    subheadings: [],
    lead: null,
    published: null,
    stats: { paragraphs: 5, sentences: 9, words: 240, characters: 1320, readingMinutes: 1.2 },
    entities: { person: [], organization: [], place: [] },
    quotes: [],
    dates: [],
    keywords: [],
    fingerprints: { sha256: 'b'.repeat(64), simhash: '3c1f00aa9e07d2b4' },
    duplicates: [],
    ...fields,
  });
}

export const BRIDGE_KEY = 'web/حلب/bridge reopens.txt';
export const WATER_KEY = 'web/حلب/water+mains 2016.txt';

/**
 * The bridge story's body, for its near-duplicate fingerprint (the re-publication's body differs
 * in a few words, as a newspaper's edit does): readers find near-duplicates by these.
 */
const BRIDGE_BODY = [
  'أعلن محافظ حلب حسين دياب أمس افتتاح الجسر الحجري القديم فوق نهر قويق بعد أعمال ترميم استمرت ثمانية أشهر نفذتها وزارة الأشغال العامة بالتعاون مع جامعة حلب.',
  'وقال دياب إن الجسر يعيد وصل الأحياء الغربية بوسط المدينة ويختصر على طلاب جامعة حلب طريقهم اليومي إلى كلياتهم.',
  'وأوضحت مديرة المشروع رنا العلي أن فريق الترميم استخدم الحجر نفسه الذي بني به الجسر قبل قرن وأن الأعمال شملت الأساسات والأقواس والأرصفة.',
].join('\n');
const REPOST_BODY = BRIDGE_BODY.replace('أمس', 'يوم الثلاثاء').replace('اليومي', '');

/** A bridge reopens in Aleppo: two people with roles, quotes, a date, keywords. */
export const BRIDGE = record(BRIDGE_KEY, {
  title: 'إعادة افتتاح الجسر الحجري فوق نهر قويق في حلب بعد ترميمه',
  subheadings: ['دياب: الجسر يعيد وصل الأحياء الغربية بوسط المدينة'],
  lead:
    'أعلن محافظ حلب حسين دياب أمس افتتاح الجسر الحجري القديم فوق نهر قويق بعد أعمال ترميم استمرت ثمانية أشهر نفذتها وزارة الأشغال العامة بالتعاون مع جامعة حلب.',
  published: { value: '2016-03-15', source: 'text' },
  entities: {
    person: [
      { name: 'حسين دياب', normalized: 'حسين دياب', aliases: ['دياب'], mentions: 3, role: 'محافظ حلب' },
      { name: 'رنا العلي', normalized: 'رنا العلي', aliases: ['العلي'], mentions: 2, role: 'مديرة المشروع' },
    ],
    organization: [
      { name: 'وزارة الأشغال العامة', normalized: 'وزاره الاشغال العامه', aliases: [], mentions: 2 },
      { name: 'جامعة حلب', normalized: 'جامعه حلب', aliases: [], mentions: 2 },
    ],
    place: [
      { name: 'حلب', normalized: 'حلب', aliases: [], mentions: 4 },
      { name: 'نهر قويق', normalized: 'نهر قويق', aliases: [], mentions: 1 },
    ],
  },
  quotes: [
    { text: 'الجسر يعيد وصل الأحياء الغربية بوسط المدينة ويختصر على طلاب جامعة حلب طريقهم', speaker: 'حسين دياب', speakerType: 'person', verb: 'قال', paragraph: 1 },
    { text: 'استخدمنا الحجر نفسه الذي بني به الجسر قبل قرن', speaker: 'رنا العلي', speakerType: 'person', verb: 'أوضحت', paragraph: 3 },
  ],
  dates: [{ text: 'الخامس عشر من آذار 2016', value: '2016-03-15', precision: 'day', calendar: 'gregorian' }],
  keywords: [
    { term: 'الجسر', score: 0.92 },
    { term: 'ترميم', score: 0.71 },
    { term: 'حلب', score: 0.66 },
  ],
  fingerprints: { sha256: 'b'.repeat(64), simhash: '3c1f00aa9e07d2b4', ...fingerprintText(BRIDGE_BODY) },
});

/** Water mains in Aleppo a month earlier: shares the place and a spelling variant of an organisation. */
export const WATER = record(WATER_KEY, {
  title: 'استبدال خطوط المياه الرئيسية في أحياء حلب الشرقية',
  lead: 'بدأت المؤسسة العامة لمياه الشرب في حلب استبدال خطوط المياه الرئيسية في ثلاثة أحياء شرقية بإشراف المهندس سامي قباني.',
  published: { value: '2016-02-02', source: 'text' },
  entities: {
    person: [{ name: 'سامي قباني', normalized: 'سامي قباني', aliases: ['قباني'], mentions: 2, role: 'مدير المؤسسة' }],
    organization: [{ name: 'المؤسسة العامة لمياه الشرب', normalized: 'المؤسسه العامه لمياه الشرب', aliases: [], mentions: 1 }],
    place: [{ name: 'حلب', normalized: 'حلب', aliases: [], mentions: 2 }],
  },
  quotes: [{ text: 'ستنتهي الأعمال قبل الصيف', speaker: 'سامي قباني', speakerType: 'person', verb: 'قال', paragraph: 2 }],
  fingerprints: { sha256: 'c'.repeat(64), simhash: '91e0c2f7a4b85d13' },
});

export const REPOST_KEY = 'web/reposts/bridge-copy.txt';

/** A newspaper re-publishing the bridge story a day later with light edits: its near-duplicate. */
export const REPOST = record(REPOST_KEY, {
  ...BRIDGE,
  id: recordId(BUCKET, REPOST_KEY),
  source: { ...BRIDGE.source, key: REPOST_KEY, etag: '7215ee9c7d9dc229d2921a40e899ec5f', uploadedAt: '2016-03-17T07:30:00.000Z' },
  dateline: { raw: 'حلب:', place: 'حلب', agency: null, agencyCode: null, date: null },
  title: 'افتتاح الجسر الحجري فوق نهر قويق في حلب بعد ترميمه',
  published: { value: '2016-03-16', source: 'text' },
  // Two bits from the bridge story's simhash: the distance a reader reports.
  fingerprints: { sha256: 'd'.repeat(64), simhash: '3c1f00aa9e07d2b7', ...fingerprintText(REPOST_BODY) },
});
