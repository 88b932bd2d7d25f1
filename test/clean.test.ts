import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanLines, finishBody, isChromeLine, isEndMarker, nearDuplicate, stripCredits } from '../lambda/core/clean.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { SEEDS_DIR, SEEDS_GOLD } from './helpers/data.ts';

const SEEDS = SEEDS_DIR;
const gold = JSON.parse(readFileSync(SEEDS_GOLD, 'utf8')).articles as Record<string, { mustNotContain: string[] }>;

function bodyOf(name: string): string {
  const result = parseArticle({ bytes: readFileSync(`${SEEDS}/${name}`), key: name });
  if (!result.ok) throw new Error(`${name} rejected: ${result.rejection.message}`);
  return result.article.body;
}

/** Real content each seed must keep (first words of paragraphs, captions naming officials). */
const KEEPS: Record<string, string[]> = {
  '000_4ebbb8be58c93479.txt': [
    'Ngày 23/9/2021, Đảng bộ Sở Thông tin và Truyền thông tổ chức Hội nghị gặp gỡ',
    'Quy định số 24-QĐ/TW ngày 30/7/2021',
    'Ông Lã Hoàng Trung, Bí thư Đảng ủy, Giám đốc Sở TTTT chủ trì Hội nghị',
    'giao./.',
  ],
  '001_74d7446270d97ccb.txt': [
    'Ngày 7/6/2023, Chi bộ Sở Thông tin và Truyền thông đã tổ chức Hội nghị sơ kết',
    'Đồng chí Nguyễn Trọng Hùng, Quyền Bí thư Chi bộ, Phó Giám đốc phụ trách Sở chủ trì Hội nghị',
    'thắng lợi mọi mặt công tác 6 tháng cuối năm 2023.',
  ],
  '002_467a0e42bdf0f961.txt': [
    'Chiều ngày 16/2, toàn thể cán bộ, đảng viên Chi bộ Sở Thông tin và Truyền thông',
    '35/37 cán bộ, đảng viên tham dự',
    '237 điểm cầu',
    'Chỉ thị 05-CT/TW',
  ],
  '003_7b32a01fed08cab9.txt': [
    'Dự kiến hơn 800 cán bộ lãnh đạo cấp phòng',
    'Sáng 16/8, Đảng ủy Khối Các cơ quan tỉnh tổ chức cuộc họp',
    'Đồng chí Chu Bá Long - Phó Bí thư Đảng ủy Khối',
    'Đồng chí Ngô Đức Kiên - Phó Tổng Biên tập Báo Nghệ An cho rằng hội nghị gặp mặt',
  ],
  '004_f045dc37bff4123b.txt': [
    'Thực hiện Quy chế làm việc của Ban chỉ đạo thực hiện Chỉ thị 10 của Thành ủy, chiều 18-9',
    'Chi bộ Phòng Công nghệ thông tin có 5 đảng viên.',
    'Quang cảnh buổi sinh hoạt chi bộ.',
  ],
};

describe('clean: the five seeds', () => {
  for (const [name, facts] of Object.entries(gold)) {
    describe(name, () => {
      const body = bodyOf(name);
      it.each(facts.mustNotContain)('body does not contain %j', (chrome) => {
        expect(body).not.toContain(chrome);
      });
      it.each(KEEPS[name]!)('body keeps %j', (text) => {
        expect(body).toContain(text);
      });
      it('joins paragraphs with a blank line and has no blank-line runs or edge whitespace', () => {
        expect(body.split('\n\n').length).toBeGreaterThan(3);
        expect(body).not.toMatch(/\n{3,}/);
        expect(body).toBe(body.trim());
      });
    });
  }

  it('keeps the byline, source line and photo credits out of the body', () => {
    expect(bodyOf('000_4ebbb8be58c93479.txt')).not.toMatch(/Trường Giang$/);
    expect(bodyOf('002_467a0e42bdf0f961.txt')).not.toContain('Bùi Thị Hoa');
    const b4 = bodyOf('004_f045dc37bff4123b.txt');
    expect(b4).not.toContain('Lê Oanh');
    expect(b4).not.toContain('Nguồn tin');
    const b3 = bodyOf('003_7b32a01fed08cab9.txt');
    expect(b3).not.toContain('Ảnh: Mai Hoa');
    expect(b3).not.toContain('(Baonghean.vn)');
  });

  it('prints a caption repeated twice only once, and drops the headline repeated at the end', () => {
    const body = bodyOf('003_7b32a01fed08cab9.txt');
    expect(body.match(/Đồng chí Chu Bá Long/g)).toHaveLength(1);
    expect(body.match(/Đồng chí Ngô Đức Kiên/g)).toHaveLength(1);
    expect(body).not.toContain('Thường trực Tỉnh ủy Nghệ An sẽ gặp mặt hơn 800');
    expect(body.split('\n\n')).not.toContain('b');
  });
});

describe('clean: rules', () => {
  it.each([
    '-A', '+A', 'A+', 'image banner', 'image002.jpg (44)', 'IMG_2034.JPG', 'Thống kê truy cập', '• Đang online: 17',
    'Hôm nay: 109', 'Trong tuần: 1 497', 'Tất cả: 44642', 'THÔNG BÁO', 'This website uses cookies. See Our policy to learn more.',
    'Read More', 'POWERED BY ONECMS - A PRODUCT OF NEKO', 'Ảnh: Hoàng Phước', '(Ảnh minh họa)', 'b', '***', 'Chia sẻ',
  ])('%j is chrome', (line) => {
    expect(isChromeLine(line)).toBe(true);
  });

  it.each([
    'Chi bộ Phòng Công nghệ thông tin có 5 đảng viên.',
    'Quang cảnh buổi sinh hoạt chi bộ.',
    'Hôm nay, Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.',
    'Tất cả đảng viên đều có mặt.',
    'Clip: Chập điện ở chùa Hương, du khách hoảng loạn bỏ chạy',
    'x'.repeat(1_000_000),
  ])('%j is content', (line) => {
    expect(isChromeLine(line.slice(0, 2_000_000))).toBe(false);
  });

  it.each(['Tin liên quan', 'Tin khác', 'Bài liên quan', 'Tin cùng chuyên mục', 'Xem thêm:', 'Các tin khác', 'TIN LIÊN QUAN'])(
    '%j ends the article',
    (line) => expect(isEndMarker(line)).toBe(true),
  );

  it('cuts everything after a related-news heading that follows content', () => {
    const long = 'Nội dung bài viết rất dài về hội nghị sơ kết công tác Đảng của chi bộ trong sáu tháng đầu năm. '.repeat(2);
    expect(cleanLines(`${long}\nTin khác\nBắt giữ đối tượng ma túy\n25/09/2024`)).toEqual([long.trim()]);
    // a related-news sidebar before any content is dropped, not a cut
    expect(cleanLines(`Tin liên quan\n${long}`)).toEqual([long.trim()]);
  });

  it('strips photo credits but keeps captions', () => {
    expect(stripCredits('Đồng chí Chu Bá Long phát biểu tại hội nghị. Ảnh: Mai Hoa')).toBe('Đồng chí Chu Bá Long phát biểu tại hội nghị.');
    expect(stripCredits('Toàn cảnh hội nghị (Ảnh: TTXVN) tại Hà Nội')).toBe('Toàn cảnh hội nghị tại Hà Nội');
  });

  it('detects near-duplicate captions but not different sentences', () => {
    expect(nearDuplicate('Đồng chí Chu Bá Long - Phó Bí thư Đảng ủy Khối các cơ quan cấp tỉnh thông tin', 'Đồng chí Chu Bá Long - Phó Bí thư Đảng ủy Khối Các cơ quan tỉnh thông tin')).toBe(true);
    expect(nearDuplicate('Hội nghị đã thảo luận về công tác cán bộ.', 'Đại hội bầu Ban Chấp hành khóa mới gồm 35 đồng chí.')).toBe(false);
  });

  it('joins a caption broken across two lines and removes headline repeats', () => {
    const body = finishBody(['Đồng chí Nguyễn Văn A, Bí thư Chi bộ', 'chủ trì Hội nghị', 'Nội dung.', 'Tiêu đề bài báo'], { title: 'Tiêu đề bài báo' });
    expect(body).toBe('Đồng chí Nguyễn Văn A, Bí thư Chi bộ chủ trì Hội nghị\n\nNội dung.');
  });
});
