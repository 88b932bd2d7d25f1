/**
 * `mayHavePlannedDate` (dates.ts) lets the meeting extractor skip reading the dates of a sentence
 * that has no digit or no word able to make a date planned. It must never say no where a date is planned.
 */
import { describe, expect, it } from 'vitest';
import { findDates, mayHavePlannedDate } from '../lambda/core/extract/dates.ts';

const planned = (text: string) => findDates(text).some((d) => d.planned);

describe('mayHavePlannedDate', () => {
  const sentences = [
    'Hội nghị sẽ diễn ra vào ngày 28/9.',
    'Kỳ họp dự kiến khai mạc sáng 20/5.',
    'Các đơn vị chuẩn bị cho hội nghị ngày 3/7.',
    'Hội nghị được tổ chức vào ngày 28/9 tới.',
    'Đại hội diễn ra ngày 15/10 sắp tới.',
    'HỘI NGHỊ SẼ DIỄN RA NGÀY 28/9.',
    'Dự kiến ngày 20/5, Quốc hội khai mạc.',
    'Hội nghị diễn ra (ngày 28/9) Tới đây sẽ có thông báo.',
    'Sáng 16/8, Tỉnh ủy tổ chức hội nghị.',
    'Hội nghị đã diễn ra ngày 28/9.',
  ];

  it('says yes wherever a date is planned', () => {
    const plannedOnes = sentences.filter(planned);
    expect(plannedOnes.length).toBeGreaterThanOrEqual(7);
    for (const s of plannedOnes) expect(mayHavePlannedDate(s), s).toBe(true);
  });

  it('says no for a sentence without those words', () => {
    expect(mayHavePlannedDate('Sáng 16/8, Tỉnh ủy tổ chức hội nghị.')).toBe(false);
    expect(mayHavePlannedDate('Hội nghị đã diễn ra ngày 28/9.')).toBe(false);
    // No digit, no date.
    expect(mayHavePlannedDate('Hội nghị sẽ diễn ra vào tuần tới.')).toBe(false);
  });
});
