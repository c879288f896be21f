/** Bytes to text: encodings we must read, and inputs we must reject with a reason. */
import { describe, expect, it } from 'vitest';
import { decode } from '../../shared/extract/decode';
import { LIMITS, newDraft } from '../../shared/extract/draft';
import { extract, sourceFor } from './helpers';

const ARTICLE = 'دمشق – سانا\nافتتح وزير النقل اليوم طريقاً جديداً يربط المدينة بالمطار.\nوقال الوزير إن الطريق يختصر زمن الرحلة إلى النصف.\n';

/** windows-1256 positions of the Arabic letters and marks the article uses (from the code page chart). */
const CP1256: Record<string, number> = {
  'ء': 0xc1, 'آ': 0xc2, 'أ': 0xc3, 'ؤ': 0xc4, 'إ': 0xc5, 'ئ': 0xc6, 'ا': 0xc7, 'ب': 0xc8, 'ة': 0xc9, 'ت': 0xca,
  'ث': 0xcb, 'ج': 0xcc, 'ح': 0xcd, 'خ': 0xce, 'د': 0xcf, 'ذ': 0xd0, 'ر': 0xd1, 'ز': 0xd2, 'س': 0xd3, 'ش': 0xd4,
  'ص': 0xd5, 'ض': 0xd6, 'ط': 0xd8, 'ظ': 0xd9, 'ع': 0xda, 'غ': 0xdb, 'ـ': 0xdc, 'ف': 0xdd, 'ق': 0xde, 'ك': 0xdf,
  'ل': 0xe1, 'م': 0xe3, 'ن': 0xe4, 'ه': 0xe5, 'و': 0xe6, 'ى': 0xec, 'ي': 0xed, 'ً': 0xf0, '،': 0xa1, '؟': 0xbf,
  '–': 0x96,
};

function encodeCp1256(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    const byte = CP1256[ch];
    if (byte === undefined) throw new Error(`no windows-1256 byte for ${ch} in the test table`);
    return byte;
  });
}

function encodeUtf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [first, second] = littleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    bytes[2 + 2 * i] = first;
    bytes[3 + 2 * i] = second;
  }
  return bytes;
}

const decodeBytes = (bytes: Uint8Array) => decode(newDraft(bytes, sourceFor('a.txt', bytes.length)));

describe('decode: encodings', () => {
  it('reads UTF-8 without a BOM', () => {
    const draft = decodeBytes(new TextEncoder().encode(ARTICLE));
    expect(draft.encoding).toBe('utf-8');
    expect(draft.text).toBe(ARTICLE);
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const body = new TextEncoder().encode(ARTICLE);
    const draft = decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...body]));
    expect(draft.encoding).toBe('utf-8');
    expect(draft.text).toBe(ARTICLE);
  });

  it.each([
    ['utf-16le', true],
    ['utf-16be', false],
  ])('reads %s with a BOM', (encoding, littleEndian) => {
    const draft = decodeBytes(encodeUtf16(ARTICLE, littleEndian));
    expect(draft.rejection).toBeNull();
    expect(draft.encoding).toBe(encoding);
    expect(draft.text).toBe(ARTICLE);
  });

  it('reads windows-1256 Arabic, which is not valid UTF-8', () => {
    const bytes = encodeCp1256(ARTICLE);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const draft = decodeBytes(bytes);
    expect(draft.encoding).toBe('windows-1256');
    expect(draft.text).toBe(ARTICLE);
  });

  it('extracts a windows-1256 article end to end', () => {
    const record = extract(encodeCp1256(ARTICLE));
    expect(record.status).toBe('ok');
    expect(record.encoding).toBe('windows-1256');
    expect(record.dateline).toMatchObject({ place: 'دمشق', agencyCode: 'SANA' });
    expect(record.lead).toBe('افتتح وزير النقل اليوم طريقاً جديداً يربط المدينة بالمطار.');
    expect(record.language.code).toBe('ar');
  });

  it('reads Latin-1 French as windows-1252', () => {
    const text = 'Le président a été réélu à la tête du comité régional, a annoncé la préfecture mercredi.';
    const bytes = Uint8Array.from([...text], (ch) => ch.charCodeAt(0));
    const draft = decodeBytes(bytes);
    expect(draft.encoding).toBe('windows-1252');
    expect(draft.text).toBe(text);
  });

  it('normalises CRLF and CR line endings and drops stray control characters', () => {
    const draft = decodeBytes(new TextEncoder().encode('سطر أول\r\nسطر\u0007 ثان\rسطر ثالث'));
    expect(draft.text).toBe('سطر أول\nسطر ثان\nسطر ثالث');
  });

  it('accepts UTF-8 cut inside the last character (size limit) and says so', () => {
    const whole = new TextEncoder().encode('خبر عاجل');
    const draft = decodeBytes(whole.subarray(0, whole.length - 1));
    expect(draft.rejection).toBeNull();
    expect(draft.text).toBe('خبر عاج');
    expect(draft.problems.map((p) => p.code)).toContain('truncated-character');
  });
});

describe('decode: rejections', () => {
  const rejection = (bytes: Uint8Array) => decodeBytes(bytes).rejection?.code;

  it('rejects an empty file', () => expect(rejection(new Uint8Array())).toBe('empty'));
  it('rejects a file of whitespace', () => expect(rejection(new TextEncoder().encode(' \n\t\r\n'))).toBe('empty'));

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
    ['PDF', [...new TextEncoder().encode('%PDF-1.7\n')]],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00]],
  ])('rejects %s by its signature', (_name, magic) => {
    expect(rejection(Uint8Array.from([...magic, ...new TextEncoder().encode(' some trailing text')]))).toBe('binary');
  });

  it('rejects bytes with NUL in them', () => expect(rejection(new TextEncoder().encode('text\u0000more text'))).toBe('binary'));

  it('rejects bytes full of control characters', () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26)));
    expect(rejection(bytes)).toBe('binary');
  });

  it('rejects high bytes that read as neither UTF-8 nor a legacy code page', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 37) % 128));
    expect(rejection(bytes)).toBe('undecodable');
  });

  it('rejects a UTF-16 BOM followed by a lone surrogate', () => {
    expect(rejection(Uint8Array.from([0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00]))).toBe('undecodable');
  });

  it('caps huge text and says how much was analysed', () => {
    const bytes = new TextEncoder().encode('كلمة '.repeat(LIMITS.analysedChars / 4));
    const draft = decodeBytes(bytes);
    expect(draft.rejection).toBeNull();
    expect(draft.text.length).toBe(LIMITS.analysedChars);
    expect(draft.problems.map((p) => p.code)).toContain('text-capped');
  });
});
