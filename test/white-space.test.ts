/** collapseWhiteSpace (lambda/core/white-space.ts) gives what `replace(/\s+/g, ' ')` gives, for any white space. */
import { describe, expect, it } from 'vitest';
import { collapseWhiteSpace } from '../lambda/core/white-space.ts';

describe('collapseWhiteSpace', () => {
  it('is replace(/\\s+/g, " ") on random mixes of every white-space character, letters and punctuation', () => {
    const blanks = [...Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => /\s/.test(c))];
    expect(blanks.length).toBeGreaterThan(20);
    const parts = [...blanks, ' ', ' ', ' ', 'a', 'ệ', '.', '\ud835'];
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20000; i++) {
      const text = Array.from({ length: Math.floor(next() * 16) }, () => parts[Math.floor(next() * parts.length)]).join('');
      expect(collapseWhiteSpace(text)).toBe(text.replace(/\s+/g, ' '));
    }
  });
});
