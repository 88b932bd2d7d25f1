/**
 * codeUnits (lambda/core/code-units.ts) gives the same units as charCodeAt, for any text: one-byte
 * and two-byte strings, astral characters and lone surrogates, slices, texts longer than the array
 * it starts with, and a 0 after the text.
 */
import { describe, expect, it } from 'vitest';
import { codeUnits } from '../lambda/core/code-units.ts';

const plainUnits = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('codeUnits', () => {
  const long = 'Hội nghị Ban Chấp hành Đảng bộ tỉnh. '.repeat(400);
  const texts = [
    '', 'a', 'abc', 'Hội nghị', 'x\u00e9y', '𝐀Nguyễn Văn A', '\ud835', 'a\udc00b', '\ud835\ud835', '\u0000\uffff',
    long, long.slice(7, 5000), 'ngắn', `${long}${long}`, 'sau cùng',
  ];
  it.each(texts.map((t, i) => [i, t]))('text %i: the same units as charCodeAt, then 0', (_, text) => {
    const units = codeUnits(text);
    expect(Array.from(units.subarray(0, text.length))).toEqual(plainUnits(text));
    expect(units[text.length]).toBe(0);
  });
});
