/**
 * splitParagraphs splits at "\n\n" without a regex when no line starts with a space or tab
 * (issue 14); it must give what the blank-line pattern gives on every input.
 */
import { describe, expect, it } from 'vitest';
import { splitParagraphs } from '../lambda/core/extract/vietnamese.ts';
import { randomTexts } from './helpers/plain-forms.ts';

/** The plain form: blocks at every blank line (spaces or tabs allowed on it), as before the fast path. */
function plainSplit(body: string): string[] {
  const paragraphs: string[] = [];
  for (const block of body.split(/\n[ \t]*\n/)) {
    let current = /^\s*\p{Ll}/u.test(block) ? (paragraphs.pop() ?? '') : '';
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (current && /^[\p{Ll}]/u.test(line)) current += ' ' + line;
      else {
        if (current) paragraphs.push(current);
        current = line;
      }
    }
    if (current) paragraphs.push(current);
  }
  return paragraphs;
}

const BODIES = [
  'Hội nghị sơ kết.\n\nĐồng chí Nguyễn Văn A chủ trì.',
  'Một.\n\n\nHai.\n\n\n\nBa.',
  'Một.\n \nHai.\n\t\nBa.\n  \t \nBốn.',
  'Phó Giám đốc phụ trách Sở\nchủ trì Hội nghị.\n\nthêm một dòng thường.',
  'Dòng một.\n  thụt lề\n\nDòng hai.',
  '\n\nĐầu.\n\n',
  '',
  'Một dòng.',
  'Mục a\n\n\tmục b viết thường\n\nMục C.',
];

describe('splitParagraphs', () => {
  it.each(BODIES.map((b) => [JSON.stringify(b).slice(0, 60), b]))('splits %s as the blank-line pattern does', (_name, body) => {
    expect(splitParagraphs(body)).toEqual(plainSplit(body));
  });

  it('splits random bodies of letters, spaces, tabs and line ends as the blank-line pattern does', () => {
    const pieces = ['a', 'ư', 'B', 'Đ', '1', '-', ' ', '\t', '\n', '\n', '\n\n'];
    for (const body of randomTexts(pieces, 2000, { min: 30, spread: 1 }, 7)) {
      expect(splitParagraphs(body), JSON.stringify(body)).toEqual(plainSplit(body));
    }
  });

  it('keeps a blank line made of spaces as a paragraph break', () => {
    expect(splitParagraphs('Một.\n \nHai.')).toEqual(['Một.', 'Hai.']);
  });
});
