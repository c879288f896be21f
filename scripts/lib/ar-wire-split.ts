/**
 * The fixed split of ../shared/corpus/ar-wire into a development part and a held-out part
 * (the rule every engineer uses, COMMON.md): a file is held out when the first 8 hex digits of
 * sha256(`<lang>/<file>`) mod 10 are below 3, about 30 % of the files.
 */
import { createHash } from 'node:crypto';

export function isHeldOut(lang: string, file: string): boolean {
  const hex = createHash('sha256').update(`${lang}/${file}`).digest('hex');
  return parseInt(hex.slice(0, 8), 16) % 10 < 3;
}
