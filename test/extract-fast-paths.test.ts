/**
 * The fast forms of the extraction patterns find what the plain forms find (issue 14: speed without
 * changing output): vietnamese.ts notAfter, text-memo.ts, the lazy year evidence
 * and the headline-repeat check of clean.ts.
 */
import { describe, expect, it } from 'vitest';
import { execAll } from './helpers/plain-forms.ts';
import { notAfter } from '../lambda/core/extract/vietnamese.ts';
import { clearTextMemos, memoByText } from '../lambda/core/extract/text-memo.ts';
import { buildYearContext, resolveDate } from '../lambda/core/extract/years.ts';
import { finishBody, repeatsTitle } from '../lambda/core/clean.ts';

const TEXTS = [
  'Sáng 16/8, Tỉnh ủy Nghệ An tổ chức hội nghị tại TP. Vinh; tỉnhNghệ An, BáoHải Phòng, xNghệ An.',
  'Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy và ông Trần Thị B (Hà Nội) dự; 2Nguyễn Văn C; aNguyễn Văn D.',
  'Nghị quyết số 05 và nghị   quyết 12, xNghị quyết 7, "Quyết định 3", Kế hoạch số 40-KH/TW.',
  'Thái Bình Dương, Thái Bình, Hà Nội Mới, Ông Ted Osius, 𝐀Nguyễn Văn E, ÉNguyễn Văn F, Nguyễn\u00a0Văn G.',
  '',
];

describe('notAfter', () => {
  const WORDS = String.raw`Nghệ An|Hải Phòng|nghị\s+quyết|Nguyễn Văn`;
  it.each([
    ['a letter before (the default)', String.raw`[\p{L}]`],
    ['a letter or digit before', String.raw`[\p{L}\d]`],
    ['a capitalised word and a space before', String.raw`(?:[\p{L}]|[\p{Lu}][\p{Ll}]{0,7}\s)`],
  ])('finds what a leading lookbehind finds: %s', (_name, before) => {
    const plain = new RegExp(String.raw`(?<!${before})(?:${WORDS})(?![\p{L}])`, 'giu');
    const fast = new RegExp(String.raw`${notAfter('w', WORDS, before)}(?![\p{L}])`, 'giu');
    for (const text of TEXTS) expect(execAll(fast, text)).toEqual(execAll(plain, text));
  });

  it('names the words as a group', () => {
    const m = new RegExp(notAfter('place', 'Nghệ An|Hải Phòng'), 'u').exec('tại Hải Phòng');
    expect(m?.groups?.place).toBe('Hải Phòng');
    expect(m?.index).toBe(4);
  });
});

describe('memoByText', () => {
  it('computes a text once until the memos are cleared', () => {
    let calls = 0;
    const length = memoByText((text: string) => {
      calls++;
      return { length: text.length };
    });
    const first = length('Hội nghị');
    expect(length('Hội nghị')).toBe(first);
    expect(calls).toBe(1);
    clearTextMemos();
    const second = length('Hội nghị');
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(calls).toBe(2);
  });
});

describe('year evidence', () => {
  it('is read only when a date must be resolved without a publication date', () => {
    const published = buildYearContext(['', 'Trong quý I/2025, thu ngân sách tăng.'], '2019-08-16T11:19');
    let read = false;
    const withPublication = Object.create(published, { evidence: { get: () => ((read = true), published.evidence) } });
    expect(resolveDate({ day: 16, month: 8, year: null, planned: false }, withPublication).date).toBe('2019-08-16');
    expect(read).toBe(false);

    const unpublished = buildYearContext(['', 'Sáng 16/4, Sở tổ chức hội nghị.', 'Trong quý I/2025, thu ngân sách tăng.'], null);
    expect(resolveDate({ day: 16, month: 4, year: null, planned: false }, unpublished).date).toBe('2025-04-16');
    expect(unpublished.evidence).toBe(unpublished.evidence);
  });
});

describe('headline repeats in the body', () => {
  const title = 'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12';
  it('are removed however the line is punctuated or cased, and long lines that only start like it stay', () => {
    const long = `${title}: ${'các đại biểu thảo luận nhiều nội dung quan trọng. '.repeat(20)}`;
    const dotted = `${title}${' .'.repeat(40)}`;
    const lines = [`HỘI NGHỊ BAN CHẤP HÀNH  Đảng bộ tỉnh, lần thứ 12.`, long, `“${title}”`, dotted, 'Nội dung chính của hội nghị.'];
    const body = finishBody(lines, { title });
    expect(body.split('\n\n')).toEqual([long.trim(), 'Nội dung chính của hội nghị.']);
  });
});

describe('repeatsTitle (a line looked at only when its first letter starts the title)', () => {
  const plainNorm = (s: string) => s.toLowerCase().replace(/[\s.:,;!?"“”]+/g, ' ').trim();
  const titles = ['Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12', 'Đại hội Đảng bộ xã', 'İstanbul và Hà Nội', 'Σ Σίσυφος', '...', '', '“Khai mạc” kỳ họp'];
  const lines = titles.flatMap((t) => [t, t.toUpperCase(), t.toLowerCase(), `“${t}”`, `... ${t} !`, `\u00a0${t}`, `${t} thêm`, `x${t}`, `${t.slice(0, 5)}`]);
  lines.push('...', ' ', '“”', 'hội', 'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12 và nhiều nội dung khác', '𐐀bc', '𐐨bc');
  it.each(titles.map((t) => [t]))('gives the plain answer for every line with the title %j', (title) => {
    const normalised = plainNorm(title);
    const wrong = lines.filter((line) => repeatsTitle(line, normalised) !== (plainNorm(line) === normalised));
    expect(wrong).toEqual([]);
    expect(lines.some((line) => repeatsTitle(line, normalised))).toBe(true);
  });
});
