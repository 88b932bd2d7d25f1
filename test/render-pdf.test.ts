import { describe, expect, it } from 'vitest';
import { buildDigests } from '../lambda/core/aggregate.ts';
import { renderDigestPdf, MARGIN } from '../lambda/core/render/pdf.ts';
import type { Digest } from '../lambda/core/digest-model.ts';
import { article, commentary, seed001, seed002, seed002Echo, seedArticles, uploadDated } from './fixtures/digest/articles.ts';
import { pdfInfo, pdfOutline, pdfToText, pdfWords } from './fixtures/digest/pdf-tools.ts';

const generatedAt = '2023-07-01T02:00:00.000Z';
const h1 = buildDigests([...seedArticles, seed002Echo, commentary, uploadDated], { generatedAt }).find((d) => d.periodId === '2023-H1')!;

describe('renderDigestPdf', async () => {
  const pdf = await renderDigestPdf(h1);
  const text = pdfToText(pdf);
  const flat = text.replace(/\s+/g, ' ');

  it('is a PDF with Vietnamese metadata', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Bản tin tổng hợp 6 tháng đầu năm 2023');
    expect(info['Page size']).toContain('595.28 x 841.89');
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (vi-VN)');
  });

  it('prints exact Vietnamese text (read back with pdftotext, NFC)', () => {
    expect(flat).toContain('Bản tin tổng hợp 6 tháng đầu năm 2023');
    expect(flat).toContain('Đảng ủy Khối Các cơ quan tỉnh Nghệ An');
    expect(flat).toContain('Nghị quyết');
    expect(flat).toContain('Võ Trọng Phú — Phó Bí thư Chi bộ');
    expect(flat).toContain('Nguyễn Trọng Hùng — Quyền Bí thư Chi bộ, Phó Giám đốc phụ trách Sở');
    expect(flat).toContain('35/37 có mặt; 237 điểm cầu; hơn 5.000 người tham dự');
    expect(flat).toContain('Trang 1/');
    for (const code of ['05-NQ/TU', '04-ĐA/TU', '05-CT/TW']) expect(flat).toContain(code);
  });

  it('has a cover with scope, generation date and key figures', () => {
    const cover = text.split('\f')[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain('BẢN TIN TỔNG HỢP');
    expect(cover).toContain('01/01/2023 – 30/06/2023');
    expect(cover).toContain(`${h1.counts.articles} bài viết · ${h1.counts.meetings} hội nghị, hoạt động · ${h1.counts.documents} văn bản`);
    expect(cover).toContain('01/07/2023');
    expect(cover).toContain('Số hội nghị, hoạt động theo tháng');
    for (const m of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']) expect(cover).toContain(m);
  });

  it('has an outline with every section and meeting', () => {
    const { hasOutlinesRoot, titles } = pdfOutline(pdf);
    expect(hasOutlinesRoot).toBe(true);
    expect(titles).toEqual(expect.arrayContaining([
      'Bản tin tổng hợp 6 tháng đầu năm 2023',
      'Hội nghị, hoạt động trong kỳ',
      'Văn bản được đề cập',
      'Cán bộ chủ trì, phát biểu',
      'Nguồn tin',
      '1. 16/02/2023 · Học tập, quán triệt, triển khai',
    ]));
    expect(titles.filter((t) => /^\d+\. /.test(t))).toHaveLength(h1.meetings.length);
  });

  it('embeds Be Vietnam Pro and draws the chart as vectors', () => {
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+BeVietnamPro-Regular/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+BeVietnamPro-Bold/);
    expect(raw).not.toContain('/Subtype /Image');
  });

  it('keeps every word inside the margins', () => {
    const words = pdfWords(pdf);
    expect(words.length).toBeGreaterThan(200);
    for (const w of words) {
      expect(w.xMax).toBeLessThanOrEqual(w.pageWidth - MARGIN.right + 0.5);
      expect(w.xMin).toBeGreaterThanOrEqual(MARGIN.left - 0.5);
    }
  });

  it('gives the same bytes for the same digest', async () => {
    expect(Buffer.compare(await renderDigestPdf(h1), pdf)).toBe(0);
  });

  it('speaks English on request', async () => {
    const en = pdfToText(await renderDigestPdf(h1, { lang: 'en' })).replace(/\s+/g, ' ');
    expect(en).toContain('Digest — First half of 2023');
    expect(en).toContain('DOCUMENTS CITED');
    expect(en).toContain('Page 1 of');
  });
});

describe('long tables', () => {
  it('continue across pages with the header repeated and codes unbroken', async () => {
    const docs = Array.from({ length: 90 }, (_, i) => ({
      code: `${String(i + 1).padStart(2, '0')}-NQ/TU`,
      type: 'Nghị quyết',
      number: String(i + 1),
      issuer: 'TU',
      issuerName: 'Ban Chấp hành Đảng bộ tỉnh',
      issuedOn: '2022-12-14',
      subject: 'đẩy mạnh cải cách hành chính, chuyển đổi số và nâng cao chất lượng phục vụ người dân, doanh nghiệp trên địa bàn tỉnh',
    }));
    const big = article({ ...seed002, key: 'big.txt', documents: docs });
    const digest: Digest = buildDigests([big, seed001], { kinds: ['half'], generatedAt }).find((d) => d.periodId === '2023-H1')!;
    const pdf = await renderDigestPdf(digest);
    const pages = pdfToText(pdf).split('\f').filter((p) => p.includes('TRÍCH YẾU'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // pdftotext -bbox gives words; each code must be one word on one line.
    const words = pdfWords(pdf).map((w) => w.text.normalize('NFC'));
    for (const d of docs) expect(words).toContain(d.code);
  });
});
