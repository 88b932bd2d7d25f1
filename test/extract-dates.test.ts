import { describe, expect, it } from 'vitest';
import { DATE_SEPARATORS, DAY_WORDS, PARTS_OF_DAY, RANGE_LINKS, findDates, mentionsToday } from '../lambda/core/extract/dates.ts';

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

  describe('the date word lists drive the patterns', () => {
    // One row per entry of each list: adding a word or a separator adds its rows here.
    it.each(PARTS_OF_DAY.map((p) => [p.word, Boolean(p.numericOnly)] as const))('part of the day %s (numeric only: %s)', (word, numericOnly) => {
      expect(findDates(`${word} 16/8, Tỉnh ủy`)).toMatchObject([{ day: 16, month: 8, start: 0, prefixed: true }]);
      expect(findDates(`${word} nay (16/8)`)).toMatchObject([{ day: 16, month: 8, start: 0 }]);
      expect(mentionsToday(`${word} nay, Tỉnh ủy`)).toBe(!numericOnly);
      expect(findDates(`Tỉnh ủy, ${word} ngày 5 tháng 7 năm 2023`)).toMatchObject([{ day: 5, month: 7, year: 2023, start: numericOnly ? 'Tỉnh ủy, '.length + word.length + 1 : 'Tỉnh ủy, '.length }]);
    });

    it.each(DAY_WORDS)('day word %s', (word) => {
      expect(findDates(`${word} 16/8, Tỉnh ủy`)).toMatchObject([{ day: 16, month: 8, start: 0, prefixed: true }]);
    });

    it.each(DATE_SEPARATORS.map((s) => [s.mark, Boolean(s.needsPrefix), Boolean(s.inRanges)] as const))('separator %s (needs a prefix: %s, in ranges: %s)', (mark, needsPrefix, inRanges) => {
      expect(findDates(`ngày 16${mark}8${mark}2021`)).toMatchObject([{ day: 16, month: 8, year: 2021, prefixed: true }]);
      expect(findDates(`có 16${mark}8 đơn vị`)).toMatchObject(needsPrefix ? [] : [{ day: 16, month: 8, prefixed: false }]);
      const range = findDates(`từ ngày 15 đến 17${mark}5`)[0];
      if (inRanges) expect(range).toMatchObject({ day: 15, month: 5 });
      else expect(range?.day).not.toBe(15);
    });

    it.each(RANGE_LINKS.map((l) => [l.word, Boolean(l.betweenDatesOnly)] as const))('range link %s (between full dates only: %s)', (word, betweenDatesOnly) => {
      expect(findDates(`từ ngày 15 ${word} 17/5`)[0]?.day).toBe(betweenDatesOnly ? 17 : 15);
      expect(findDates(`từ ngày 5/5 ${word} ngày 10/5/2017`)[0]).toMatchObject({ day: 5, month: 5, year: 2017 });
    });
  });
});
