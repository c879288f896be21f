/**
 * `dateline ner` through the real binary: every input line comes back, token lines with one more
 * column holding a well-formed IOB2 tag, and the obvious names in sentences written for this test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const ENGLISH = ['-DOCSTART- -X- O O', '', 'Angela NNP', 'Morrow NNP', 'flew VBD', 'to TO', 'Cairo NNP', 'on IN', 'Monday NNP', '. .', '', 'Morrow NNP', 'met VBD', 'officials NNS', '. .', ''].join('\n');
const ARABIC = ['وصل', 'الرئيس', 'الفرنسي', 'إيمانويل', 'ماكرون', 'إلى', 'بيروت', 'أمس', '.', '', 'وقال', 'ماكرون', 'إن', 'الزيارة', 'مهمة', '.', ''].join('\n');

function writeTemp(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-ner-')), name);
  writeFileSync(file, text);
  return file;
}

const tagsOf = (stdout: string): string[] => stdout.split('\n').filter((line) => line.trim() && !line.startsWith('-DOCSTART-')).map((line) => line.split(' ').at(-1)!);

describe('dateline ner', () => {
  it('appends a tag column to every token line of English CoNLL and passes the rest through', async () => {
    const result = await runCli(['ner', '--lang', 'en', writeTemp('en.conll', ENGLISH)]);

    expect(result.status).toBe(0);
    const inLines = ENGLISH.split('\n');
    const outLines = result.stdout.split('\n');
    expect(outLines).toHaveLength(inLines.length);
    outLines.forEach((line, i) => {
      const original = inLines[i]!;
      if (original === '' || original.startsWith('-DOCSTART-')) expect(line).toBe(original);
      else expect(line).toMatch(new RegExp(`^${original} (O|[BI]-(PER|ORG|LOC))$`));
    });
    expect(outLines.slice(2, 4)).toEqual(['Angela NNP B-PER', 'Morrow NNP I-PER']);
    expect(outLines[6]).toBe('Cairo NNP B-LOC');
  });

  it('uses the Arabic tag set (PERS) and finds a person and a place', async () => {
    const result = await runCli(['ner', '--lang', 'ar', writeTemp('ar.conll', ARABIC)]);

    expect(result.status).toBe(0);
    const tags = tagsOf(result.stdout);
    expect(tags).toHaveLength(ARABIC.split('\n').filter((l) => l.trim()).length);
    expect(tags.every((t) => /^(O|[BI]-(PERS|ORG|LOC))$/.test(t))).toBe(true);
    expect(result.stdout).toContain('ماكرون I-PERS');
    expect(result.stdout).toContain('بيروت B-LOC');
  });

  it('refuses a missing --lang and an unreadable file with a non-zero exit', async () => {
    const noLang = await runCli(['ner', writeTemp('x.conll', 'word\n')]);
    expect(noLang.status).toBe(2);
    expect(noLang.stderr).toMatch(/--lang/);

    const missing = await runCli(['ner', '--lang', 'en', '/nonexistent/file.conll']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/file\.conll/);
  });
});
