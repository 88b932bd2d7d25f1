/** collapseWhiteSpace (lambda/core/white-space.ts) gives what `replace(/\s+/g, ' ')` gives, for any white space. */
import { describe, expect, it } from 'vitest';
import { collapseWhiteSpace } from '../lambda/core/white-space.ts';
import { randomTexts } from './helpers/plain-forms.ts';

describe('collapseWhiteSpace', () => {
  it('is replace(/\\s+/g, " ") on random mixes of every white-space character, letters and punctuation', () => {
    const blanks = [...Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => /\s/.test(c))];
    expect(blanks.length).toBeGreaterThan(20);
    const parts = [...blanks, ' ', ' ', ' ', 'a', 'ệ', '.', '\ud835'];
    for (const text of randomTexts(parts, 20000, { spread: 16 }, 5)) expect(collapseWhiteSpace(text)).toBe(text.replace(/\s+/g, ' '));
  });
});
