import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../lambda/core/parse.ts';
import { cleanLines } from '../lambda/core/clean.ts';
import {
  extractTextMetadata, parseByline, parseOutletPrefix, parseSourceLine, parseStampLine, personName, toLocalDateTime, wordsUpTo,
} from '../lambda/core/metadata.ts';
import { SEEDS_DIR, SEEDS_GOLD } from './helpers/data.ts';

const gold = JSON.parse(readFileSync(SEEDS_GOLD, 'utf8')).articles as Record<
  string,
  { title: string; publishedAt: string | null; author: string }
>;
const OUTLETS: Record<string, string | null> = {
  '000_4ebbb8be58c93479.txt': null,
  '001_74d7446270d97ccb.txt': null,
  '002_467a0e42bdf0f961.txt': null,
  '003_7b32a01fed08cab9.txt': 'Baonghean.vn',
  '004_f045dc37bff4123b.txt': 'Báo Hải Phòng',
};

describe('metadata: the five seeds equal gold', () => {
  for (const [name, want] of Object.entries(gold)) {
    it(name, () => {
      const result = parseArticle({ bytes: readFileSync(path.join(SEEDS_DIR, name)), key: name });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const a = result.article;
      expect(a.title).toBe(want.title);
      expect(a.publishedAt).toBe(want.publishedAt);
      expect(a.author).toBe(want.author);
      expect(a.source.outlet).toBe(OUTLETS[name]);
    });
  }
});

describe('metadata: publication stamps', () => {
  it.each([
    ['(20:42 23/09/2021)', '2021-09-23T20:42', null],
    ['14-06-2023 14:15', '2023-06-14T14:15', null],
    ['Mai Hoa 16/08/2019 11:19', '2019-08-16T11:19', 'Mai Hoa'],
    ['Thứ Hai, 20/03/2023 09:15', '2023-03-20T09:15', null],
    ['Thứ hai, 16/08/2019 - 11:19 (GMT+7)', '2019-08-16T11:19', null],
    ['Cập nhật: 10:30 15/07/2024', '2024-07-15T10:30', null],
    ['25/09/2024', '2024-09-25', null],
  ])('%j -> %s', (line, at, author) => {
    expect(parseStampLine(line)).toEqual({ publishedAt: at, author });
  });

  it.each([
    'Ngày 23/9/2021, Đảng bộ Sở Thông tin và Truyền thông tổ chức Hội nghị gặp gỡ',
    '31/02/2024',
    '25:61 23/09/2021',
    `${'1/'.repeat(50_000)}2024`,
  ])('%j is not a stamp', (line) => {
    expect(parseStampLine(line.slice(0, 200_000))).toBeNull();
  });

  it('keeps a sapo printed between headline and stamp, and reads a byline there', () => {
    const meta = extractTextMetadata([
      'Chính trị',
      'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12',
      'Sáng nay, Ban Chấp hành Đảng bộ tỉnh khai mạc Hội nghị lần thứ 12.',
      'Thanh Lê',
      'Thứ Hai, 20/03/2023 09:15',
      'Nội dung bài viết.',
    ]);
    expect(meta.title).toBe('Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12');
    expect(meta.author).toBe('Thanh Lê');
    expect(meta.publishedAt).toBe('2023-03-20T09:15');
    expect(meta.bodyLines).toEqual(['Sáng nay, Ban Chấp hành Đảng bộ tỉnh khai mạc Hội nghị lần thứ 12.', 'Nội dung bài viết.']);
  });

  it('never takes a date from the related-news list for this page', () => {
    const text = readFileSync(path.join(SEEDS_DIR, '004_f045dc37bff4123b.txt'), 'utf8');
    expect(extractTextMetadata(cleanLines(text)).publishedAt).toBeNull();
  });

  it('converts machine timestamps to Vietnam local time', () => {
    expect(toLocalDateTime('2023-03-20T09:15:00+07:00')).toBe('2023-03-20T09:15');
    expect(toLocalDateTime('2023-03-20T02:15:00Z')).toBe('2023-03-20T09:15');
    expect(toLocalDateTime('2023-03-20T20:00:00.000-05:00')).toBe('2023-03-21T08:00');
    expect(toLocalDateTime('2025-06-28T23:43:45+0700')).toBe('2025-06-28T23:43');
    expect(toLocalDateTime('20201001')).toBe('2020-10-01');
    expect(toLocalDateTime('2023-03-20 09:15')).toBe('2023-03-20T09:15');
    expect(toLocalDateTime('hôm qua')).toBeNull();
  });
});

describe('metadata: bylines and outlets', () => {
  it.each([
    ['Trường Giang', 'Trường Giang'],
    ['Phạm Thảo, Chi bộ Sở Thông tin và Truyền thông', 'Phạm Thảo'],
    ['Bùi Thị Hoa – Sở TT&TT', 'Bùi Thị Hoa'],
    ['Tin: Lê Oanh; Ảnh: Hoàng Phước', 'Lê Oanh'],
    ['Mai Chi (tổng hợp)', 'Mai Chi'],
    ['M. Hà', 'M. Hà'],
    ['Quang cảnh buổi sinh hoạt chi bộ.', null],
    ['Sở Thông tin và Truyền thông', null],
    ['Việt Nam', null],
  ])('%j -> %s', (line, name) => {
    expect(parseByline(line)).toBe(name);
  });

  it('reads outlets from source lines and lead prefixes', () => {
    expect(parseSourceLine('Nguồn tin: Báo Hải Phòng')).toBe('Báo Hải Phòng');
    expect(parseSourceLine('Theo TTXVN')).toBe('TTXVN');
    expect(parseSourceLine('Theo đó, các đơn vị cần triển khai ngay.')).toBeNull();
    expect(parseOutletPrefix('(Baonghean.vn) - Dự kiến hơn 800 cán bộ')).toEqual({ outlet: 'Baonghean.vn', rest: 'Dự kiến hơn 800 cán bộ' });
    expect(parseOutletPrefix('(Dân trí) - Sáng nay')).toEqual({ outlet: 'Dân trí', rest: 'Sáng nay' });
    expect(parseOutletPrefix('(theo báo cáo của Sở) - năm nay')).toBeNull();
  });

  it('splits a byline glued to its source (dantri)', () => {
    const meta = extractTextMetadata(['Tiêu đề bài báo về kinh tế thế giới', 'Nội dung dài của bài báo. '.repeat(10), 'Kim DungTheo Bloomberg']);
    expect(meta.author).toBe('Kim Dung');
    expect(meta.outlet).toBe('Bloomberg');
    expect(meta.bodyLines).toHaveLength(1);
  });

  it('rejects organisation phrases as names', () => {
    expect(personName('Ban Thường vụ')).toBeNull();
    expect(personName('Hà Nội')).toBeNull();
    expect(personName('Nguyễn Văn Được')).toBe('Nguyễn Văn Được');
    expect(personName('Bà Đinh Hoài Giang')).toBeNull();
  });

  it('takes a newspaper name on the last line as the outlet, not the author', () => {
    const meta = extractTextMetadata(['Tiêu đề bài báo về kinh tế thế giới', 'Nội dung dài của bài báo. '.repeat(10), 'Tiền Phong']);
    expect(meta.author).toBeNull();
    expect(meta.outlet).toBe('Tiền Phong');
  });
});

describe('metadata: corpus file layouts', () => {
  it('dantri: url and date from the header; the first line is the headline only when it matches the URL slug', () => {
    const header = [
      '# doc_id = news_business_002',
      '# url = https://dantri.com.vn/kinh-doanh/nganh-thue-that-thu-vi-hang-chuc-ngan-doanh-nghiep-chet-yeu-20201001130442778.htm',
      '# date = 20201001',
    ];
    const withTitle = extractTextMetadata([...header, 'Ngành thuế "thất thu" vì hàng chục ngàn doanh nghiệp... "chết yểu"', 'Bình quân mỗi tháng cả nước có hơn 8.700 doanh nghiệp rút khỏi thị trường.']);
    expect(withTitle.title).toBe('Ngành thuế "thất thu" vì hàng chục ngàn doanh nghiệp... "chết yểu"');
    expect(withTitle.url).toContain('dantri.com.vn/kinh-doanh/nganh-thue');
    expect(withTitle.publishedAt).toBe('2020-10-01T13:04');
    expect(withTitle.notes).toEqual(['publication time read from the article id in the URL']);
    const caption = extractTextMetadata([...header, 'Cục Thuế TPHCM cho biết số thu giảm mạnh (ảnh minh họa)', 'Bình quân mỗi tháng cả nước có hơn 8.700 doanh nghiệp rút khỏi thị trường.']);
    expect(caption.title).toBeNull();
    expect(caption.bodyLines).toHaveLength(2);
  });

  it('baomoi: line 1 is the headline, even when it starts with a label like "Clip:"', () => {
    const meta = extractTextMetadata(['Clip: Vòi rồng hiếm gặp ở Bắc Ninh', 'Trưa 28/6, một hiện tượng vòi rồng hiếm gặp đã xuất hiện.', 'Nội dung.']);
    expect(meta.title).toBe('Clip: Vòi rồng hiếm gặp ở Bắc Ninh');
  });
});

describe('wordsUpTo', () => {
  it("is line.split(' ').length up to the limit, for lines with and without spaces at any place", () => {
    const lines = ['', ' ', '  ', 'a', 'a b', ' a b ', 'a  b', 'Hội nghị Ban Chấp hành', 'một hai ba bốn năm sáu bảy', 'a\u00a0b c', 'a\tb c'];
    for (const line of lines) {
      for (let limit = 1; limit <= 8; limit++) expect(wordsUpTo(line, limit)).toBe(Math.min(line.split(' ').length, limit));
    }
  });
});
