import { describe, expect, it } from 'vitest';
import { buildYearContext, findDates, resolveDate } from '../lambda/core/extract/dates.ts';

const first = (text: string) => findDates(text)[0];

describe('findDates', () => {
  it.each([
    ['Ngày 23/9/2021, Đảng bộ Sở tổ chức', { day: 23, month: 9, year: 2021, prefixed: true }],
    ['Sáng 16/8, Đảng ủy Khối tổ chức', { day: 16, month: 8, year: null, prefixed: true }],
    ['Chiều ngày 16/2, toàn thể cán bộ', { day: 16, month: 2, year: null, prefixed: true }],
    ['Thành ủy, chiều 18-9, tại Sở', { day: 18, month: 9, year: null, prefixed: true }],
    ['Hôm nay 22.5, kỳ họp thứ 3 khai mạc', { day: 22, month: 5, year: null, prefixed: true }],
    ['Chiều nay (8/2), BTV Thị ủy tổ chức', { day: 8, month: 2, year: null, prefixed: true }],
    ['ngày 5 tháng 7 năm 2023', { day: 5, month: 7, year: 2023, prefixed: true }],
    ['Từ ngày 15 đến 17/5, Ủy ban họp', { day: 15, month: 5, year: null }],
  ])('reads %s', (text, expected) => {
    expect(first(text)).toMatchObject(expected);
  });

  it.each([
    'hơn 5.000 cán bộ',
    'giai đoạn 2021 - 2030',
    'Nghị quyết 05-NQ/TU',
    'chuyên đề tháng 9-2024',
    '35/37 cán bộ, đảng viên',
    'tháng 1/2017',
    'ngày 31/2',
    '99999999/99999999/9999',
  ])('finds no date in %s', (text) => {
    expect(findDates(text)).toEqual([]);
  });

  it('marks announced meetings as planned', () => {
    expect(first('cuộc gặp mặt do Thường trực Tỉnh ủy tổ chức vào ngày 28/9 tới')?.planned).toBe(true);
    expect(first('kỳ họp sẽ khai mạc vào ngày 3/7')?.planned).toBe(true);
    expect(first('Sáng 16/8, Đảng ủy Khối tổ chức cuộc họp')?.planned).toBe(false);
  });

  it('gives the first day of a range the year of the second', () => {
    expect(first('từ ngày 5-5 đến 10-5-2017, tại Thủ đô Hà Nội')).toMatchObject({ day: 5, month: 5, year: 2017 });
  });
});

describe('resolveDate (year inference)', () => {
  const ctx = (text: string, publishedAt: string | null, notBefore: string | null = null) => buildYearContext(text, publishedAt, notBefore);
  const mention = (day: number, month: number, planned = false) => ({ day, month, year: null, planned });

  it('keeps a printed year and does not flag it', () => {
    expect(resolveDate({ day: 7, month: 6, year: 2023, planned: false }, ctx('', null))).toEqual({ date: '2023-06-07', inferred: false, warning: null });
  });

  it('takes the publication year', () => {
    const r = resolveDate(mention(16, 8), ctx('', '2019-08-16T11:19'));
    expect(r).toMatchObject({ date: '2019-08-16', inferred: true });
    expect(r.warning).toMatch(/publication/);
  });

  it('puts a December meeting reported in January in the previous year', () => {
    expect(resolveDate(mention(28, 12), ctx('', '2024-01-03')).date).toBe('2023-12-28');
  });

  it('puts a January meeting announced in December in the next year', () => {
    expect(resolveDate(mention(5, 1, true), ctx('', '2023-12-20')).date).toBe('2024-01-05');
  });

  it('allows a meeting a day or two after the stamp (time zones, late stamps)', () => {
    expect(resolveDate(mention(17, 8), ctx('', '2019-08-16')).date).toBe('2019-08-17');
  });

  it('uses a month and year printed for the same month (`chuyên đề tháng 9-2024`)', () => {
    expect(resolveDate(mention(18, 9), ctx('sinh hoạt chuyên đề tháng 9-2024', null)).date).toBe('2024-09-18');
  });

  it('follows the latest full date printed and a document the meeting discusses', () => {
    const text = 'Ngày 01/10/2021 ban hành Đề án. Ngày 14/12/2022 ban hành Nghị quyết. Trong năm 2022, …';
    expect(resolveDate(mention(16, 2), ctx(text, null, '2022-12-14')).date).toBe('2023-02-16');
  });

  it('does not trust a full date far older than the years the text talks about', () => {
    const r = resolveDate(mention(22, 6), ctx('sinh ngày 1/1/1962. Kế hoạch năm 2017 và năm 2018', null));
    expect(r.date).toBe('--06-22');
    expect(r.warning).toMatch(/unknown/);
  });

  it('gives --MM-DD when nothing tells the year', () => {
    expect(resolveDate(mention(10, 5), ctx('Chiều 10/5, Hội nghị bế mạc', null))).toMatchObject({ date: '--05-10', inferred: true });
  });
});
