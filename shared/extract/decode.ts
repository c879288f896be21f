/**
 * Bytes to text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; bytes that
 * are not valid UTF-8 are tried as the legacy Arabic code page windows-1256, then as
 * windows-1252, and each is accepted only when the result reads like text in that script.
 * Binary files (magic numbers, NUL bytes, control characters) are rejected, never decoded.
 */
import { ARABIC_SCRIPT_LETTER } from './arabic';
import { LIMITS, rejected, withProblem, type Draft, type Extractor } from './draft';

const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
] as const;

/** File signatures of formats that are certainly not articles. */
const MAGIC: readonly { name: string; bytes: readonly number[] }[] = [
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'ZIP (or Office document)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'OLE document (.doc/.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'WebP/RIFF media', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'MP3 audio', bytes: [0x49, 0x44, 0x33] },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** Control characters that never occur in text (tab, line feed, carriage return, form feed do). */
const isControlByte = (b: number): boolean => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f;

/** Why these BOM-less bytes are binary, or null when they may be text. */
function binaryReason(bytes: Uint8Array): string | null {
  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes));
  if (magic) return `starts with the signature of a ${magic.name}`;
  if (bytes.indexOf(0) !== -1) return 'contains NUL bytes';
  const sample = bytes.subarray(0, 65_536);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) if (isControlByte(sample[i] ?? 0)) controls++;
  if (controls > 8 && controls / sample.length > 0.02) return `${controls} control bytes in the first ${sample.length}`;
  return null;
}

function decodeStrict(encoding: string, bytes: Uint8Array): { text: string; cutTail: boolean } | null {
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), cutTail: false };
  } catch {
    // A reader that stops at the size limit may cut a multi-byte character in two: accept the
    // bytes if the only fault is an incomplete character at the very end.
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
      return { text, cutTail: true };
    } catch {
      return null;
    }
  }
}

/** Does text decoded from a legacy code page read like text: words, and high bytes in `script`? */
function readsLike(text: string, script: RegExp): boolean {
  const sample = text.slice(0, 65_536);
  let nonAscii = 0;
  let inScript = 0;
  let spaces = 0;
  for (const ch of sample) {
    if (/\s/.test(ch)) spaces++;
    if (ch.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (script.test(ch) || /[\u060C\u061B\u061F\u0640«»\u2013\u2014\u2018\u2019\u201C\u201D\u2026\u00A0]/.test(ch)) inScript++;
  }
  return nonAscii > 0 && inScript / nonAscii >= 0.8 && spaces / sample.length >= 0.04;
}

const LEGACY = [
  { encoding: 'windows-1256', script: ARABIC_SCRIPT_LETTER },
  { encoding: 'windows-1252', script: /\p{Script=Latin}/u },
] as const;

function cleanText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029\u000B\u000C]/g, '\n')
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '');
}

export const decode: Extractor = (draft) => {
  const { bytes } = draft;
  if (bytes.length === 0) return rejected(draft, 'empty', 'The file is empty (0 bytes).');

  let encoding: string;
  let decoded: { text: string; cutTail: boolean } | null;
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  if (bom) {
    encoding = bom.encoding;
    const body = bytes.subarray(bom.bytes.length);
    decoded = decodeStrict(encoding, body);
    if (!decoded) return rejected(draft, 'undecodable', `The file starts with a ${encoding} byte order mark but is not valid ${encoding}.`);
  } else {
    const binary = binaryReason(bytes);
    if (binary) return rejected(draft, 'binary', `Binary data, not text: the file ${binary}.`);
    encoding = 'utf-8';
    decoded = decodeStrict('utf-8', bytes);
    if (!decoded) {
      const legacy = LEGACY.map((l) => ({ encoding: l.encoding, text: new TextDecoder(l.encoding).decode(bytes), script: l.script })).find((l) =>
        readsLike(l.text, l.script),
      );
      if (!legacy) return rejected(draft, 'undecodable', 'The bytes are not UTF-8 and do not read as windows-1256 or windows-1252 text.');
      encoding = legacy.encoding;
      decoded = { text: legacy.text, cutTail: false };
    }
  }

  let next: Draft = { ...draft, encoding };
  if (decoded.cutTail) next = withProblem(next, 'truncated-character', 'The file ends inside a multi-byte character (cut at the size limit?); the partial character was dropped.');
  let text = cleanText(decoded.text);
  if (text.trim().length === 0) return rejected(next, 'empty', 'The file holds only whitespace.');
  if (text.length > LIMITS.analysedChars) {
    const end = /[\uD800-\uDBFF]/.test(text.charAt(LIMITS.analysedChars - 1)) ? LIMITS.analysedChars - 1 : LIMITS.analysedChars;
    next = withProblem(next, 'text-capped', `Only the first ${end} of ${text.length} characters were analysed.`);
    text = text.slice(0, end);
  }
  return { ...next, text };
};
