/**
 * Bad (and good) input, made on the spot: the articles are our own fixtures
 * (test/fixtures/reliability), re-encoded or wrapped here; the binary files are small but valid
 * files of their formats; the 50 MB body is a stream, never held in memory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'reliability');

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export const ARABIC_ARTICLE = fixture('aleppo-bakeries.ar.txt').toString('utf8');
export const ENGLISH_ARTICLE = fixture('port-cranes.en.txt').toString('utf8');

/** `text` in UTF-16 with its byte order mark. */
export function utf16WithBom(text: string, order: 'le' | 'be'): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (order === 'be') body.swap16();
  return Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

/** Encodes with a single-byte code page, the table taken from the platform's own decoder. */
export function encodeSingleByte(text: string, encoding: 'windows-1256' | 'windows-1252'): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Buffer.from(
    [...text].map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
      const byte = table.get(ch);
      if (byte === undefined) throw new Error(`${encoding} has no byte for ${JSON.stringify(ch)}`);
      return byte;
    }),
  );
}

/** Bytes that are neither UTF-8 nor text in a legacy code page: broken sequences, no spaces. */
export function invalidUtf8(): Buffer {
  return Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]);
}

/** A valid 2x2 RGB PNG: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC. */
export function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter, no interlace
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A valid ZIP archive holding one stored (uncompressed) text file. */
export function zip(): Buffer {
  const name = Buffer.from('article.txt');
  const data = Buffer.from(ENGLISH_ARTICLE);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** `size` bytes of article-like text, produced 64 KiB at a time. */
export function textStream(size: number): Readable {
  const line = Buffer.from('The council met again on Monday to discuss the budget of the water authority.\n');
  const chunk = Buffer.concat(Array.from({ length: Math.ceil(65_536 / line.length) }, () => line)).subarray(0, 65_536);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += piece.length;
      this.push(piece);
    },
  });
}

const GIVEN = [
  'Omar', 'Layla', 'James', 'Sara', 'Karim', 'Maya', 'Daniel', 'Rania', 'Samir', 'Hannah', 'Youssef', 'Nadia', 'Peter', 'Lina', 'Tarek', 'Emma',
  'Fadi', 'Grace', 'Hassan', 'Julia', 'Khaled', 'Laura', 'Majid', 'Nora', 'Adam', 'Salma', 'Rami', 'Clara', 'Walid', 'Dina', 'Ziad', 'Helen',
  'Bassam', 'Mona', 'George', 'Huda', 'Nabil', 'Alice', 'Jamal', 'Rima', 'Michael', 'Amal', 'Fares', 'Susan', 'Imad', 'Leila', 'David', 'Reem',
];
const FAMILY_START = ['Had', 'Nas', 'Kar', 'Bel', 'Sab', 'Tam', 'Dar', 'Qas', 'Mar', 'Fal', 'Gor', 'Hal', 'Jab', 'Lut', 'Wes', 'Zar', 'Ash', 'Bor', 'Cal', 'Dun'];
const FAMILY_END = ['dad', 'ser', 'imi', 'ton', 'bagh', 'ari', 'wish', 'oun', 'dell', 'ford', 'ani', 'ouri'];
const TITLES = ['Mr.', 'Ms.', 'Dr.'];

/** The name of the `i`th person: 48 given names x 240 family names (11,520 combinations). */
function personName(i: number): string {
  const given = GIVEN[i % GIVEN.length]!;
  const family = Math.floor(i / GIVEN.length);
  const start = FAMILY_START[family % FAMILY_START.length]!;
  const end = FAMILY_END[Math.floor(family / FAMILY_START.length) % FAMILY_END.length]!;
  // Past 11,520 a middle initial keeps names distinct.
  const round = Math.floor(i / (GIVEN.length * FAMILY_START.length * FAMILY_END.length));
  return round === 0 ? `${given} ${start}${end}` : `${given} ${String.fromCharCode(65 + round - 1)}. ${start}${end}`;
}

/**
 * A wire story naming `people` distinct people, ten to a paragraph, each with a courtesy title
 * (a pattern every person recogniser knows).
 */
export function articleNamingPeople(people: number): string {
  const paragraphs: string[] = [
    'DAMASCUS, (SANA) - Delegates from across the region met on Sunday for the opening of the annual conference on water and agriculture, the organisers said.',
  ];
  for (let start = 0; start < people; start += 10) {
    const names = Array.from({ length: Math.min(10, people - start) }, (_, j) => `${TITLES[(start + j) % TITLES.length]} ${personName(start + j)}`);
    paragraphs.push(`The session was attended by ${names.join(', ')}, the organisers said.`);
  }
  return `${paragraphs.join('\n\n')}\n`;
}

/** How many distinct names `articleNamingPeople` can produce. */
export function distinctNames(people: number): number {
  return new Set(Array.from({ length: people }, (_, i) => personName(i))).size;
}
