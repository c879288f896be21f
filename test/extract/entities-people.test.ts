/**
 * People in Arabic text (entities-arabic-people.ts, roles.ts, entities.ts): ranks with their
 * qualifiers go to the role, pronoun-suffixed nouns are nobody, full names stay whole.
 * Invented sentences.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../shared/record';
import { extract } from './helpers';

const people = (record: ArticleRecord) => record.entities.person.map((e) => e.name);

describe('people in Arabic text', () => {
  it('reads a qualified rank (الفريق أول، اللواء الركن) as the title, not the name', () => {
    const record = extract('وصل الفريق أول عبد الكريم الزيدي إلى العاصمة، واستقبله اللواء الركن نادر السعدي في المطار.');
    expect(people(record)).toEqual(expect.arrayContaining(['عبد الكريم الزيدي', 'نادر السعدي']));
    expect(people(record).some((name) => name.startsWith('أول') || name.startsWith('الركن'))).toBe(false);
  });

  it('takes no noun with a possessive pronoun for a name', () => {
    const record = extract('وقال سعادته إن الزيارة ناجحة. ونقل الوزير تحياته وتمنياته للشعب بالتقدم.');
    expect(people(record)).toEqual([]);
  });

  it('reads علي with a dotted ya as the name, not the preposition على', () => {
    const record = extract('ورفع المشاركون صورا للمرشد علي الحسيني، وقال المرشد علي الحسيني إن الحوار مستمر على كل حال.');
    expect(people(record)).toContain('علي الحسيني');
  });

  it('keeps a father’s and grandfather’s given names in the name', () => {
    const record = extract('وشارك في الاجتماع اللواء أحمد الكعبي خالد يوسف ممثلا عن الحكومة.');
    expect(people(record)).toContain('أحمد الكعبي خالد يوسف');
  });
});
