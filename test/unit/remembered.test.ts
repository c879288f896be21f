import { describe, expect, it } from 'vitest';
import { rememberedByText } from '../../shared/remembered';

function counting(perGeneration: number, maxLength?: number) {
  const asked: string[] = [];
  const remembered = rememberedByText((text) => {
    asked.push(text);
    return text.toUpperCase();
  }, perGeneration, maxLength);
  return { remembered, asked };
}

describe('rememberedByText', () => {
  it('works a text out once while it is in use, and gives the same answer', () => {
    const { remembered, asked } = counting(10);
    expect(remembered('damascus')).toBe('DAMASCUS');
    expect(remembered('damascus')).toBe('DAMASCUS');
    expect(asked).toEqual(['damascus']);
  });

  it('keeps two generations: a text used in the old one moves back, one unused for two is worked out again', () => {
    const { remembered, asked } = counting(2);
    for (const text of ['a', 'b', 'c', 'a', 'd', 'e', 'b']) remembered(text);
    // 'a' was found in the older generation when asked again; 'b' had been let go by then.
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e', 'b']);
  });

  it('does not remember texts longer than maxLength', () => {
    const { remembered, asked } = counting(10, 5);
    remembered('a long quotation');
    remembered('a long quotation');
    remembered('short');
    remembered('short');
    expect(asked).toEqual(['a long quotation', 'a long quotation', 'short']);
  });

  it('works the answer out from its own copy of a slice, equal to the slice', () => {
    const article = `${'كلمة '.repeat(2000)}وزارة التعليم العالي والبحث العلمي`;
    const name = article.slice(article.indexOf('وزارة'));
    const { remembered, asked } = counting(10);
    expect(remembered(name)).toBe(name.toUpperCase());
    expect(asked[0]).toBe(name);
    expect(remembered(`${name}`)).toBe(name.toUpperCase());
    expect(asked).toHaveLength(1);
  });
});
