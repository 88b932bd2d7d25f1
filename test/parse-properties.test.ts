import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../lambda/core/parse.ts';
import { ArticleSchema, RejectionSchema } from '../lambda/core/model.ts';
import type { ParseResult } from '../lambda/core/model.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Every result must be a schema-valid Article or Rejection, and never an internal parser error. */
function expectValid(result: ParseResult): void {
  if (result.ok) {
    const check = ArticleSchema.safeParse(result.article);
    expect(check.success, JSON.stringify(check.error?.issues)).toBe(true);
    const markup = /<\/?(?:script|style|iframe|p|div|title|span|a|br|meta|table|td|h1|article)\b[^<>]*>/i;
    expect(result.article.body).not.toMatch(markup);
    expect(result.article.title ?? '').not.toMatch(markup);
  } else {
    expect(RejectionSchema.safeParse(result.rejection).success).toBe(true);
    expect(result.rejection.message).not.toMatch(/^parser error/);
  }
}

const vietnameseLine = fc
  .array(fc.constantFrom('Hội nghị', 'sơ kết', 'Đảng bộ', 'Tin liên quan', '-A', '+A', 'Ảnh:', '(20:42 23/09/2021)', '14-06-2023 14:15',
    'Nguồn tin: Báo Hải Phòng', 'Tin: Lê Oanh; Ảnh: Hoàng Phước', '&amp;', '&#7879;', '<p>', '</div>', '\u200b', '\u0008', '\u00a0',
    'image002.jpg (44)', 'Thống kê truy cập', '# url = https://dantri.com.vn/a-b-c-20201001130442778.htm', '# date = 20201001',
    '/', '1', '.', ' ', '\n', '\n\n', 'chủ trì', 'Nghị quyết 05-NQ/TU', 'ngày 16/2', '(Baonghean.vn) -'), { maxLength: 60 })
  .map((parts) => parts.join(''));

describe('parseArticle properties', () => {
  it('arbitrary bytes never throw and always yield a valid result', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expectValid(parseArticle({ bytes, key: 'random.bin' }));
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('arbitrary Unicode text never throws and always yields a valid result', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => {
        expectValid(parseArticle({ bytes: utf8(text), key: 'random.txt' }));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('article-like text mixing real chrome, stamps, entities and markup yields valid results', () => {
    fc.assert(
      fc.property(fc.array(vietnameseLine, { maxLength: 30 }), fc.option(fc.webUrl()), fc.option(fc.date({ noInvalidDate: true })), (lines, url, date) => {
        expectValid(parseArticle({ bytes: utf8(lines.join('\n')), key: 'a.txt', sourceUrl: url, publishedAt: date?.toISOString() ?? null }));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('arbitrary HTML-ish markup never throws', () => {
    const tag = fc.constantFrom('div', 'p', 'script', 'style', 'article', 'h1', 'span', 'iframe', 'meta', 'title', 'a', 'br', 'table', 'td');
    const node = fc.tuple(tag, fc.string({ maxLength: 40 }), fc.boolean()).map(([t, text, close]) => `<${t} class="x">${text}${close ? `</${t}>` : ''}`);
    fc.assert(
      fc.property(fc.array(node, { maxLength: 80 }), (nodes) => {
        expectValid(parseArticle({ bytes: utf8(`<!doctype html><html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":${JSON.stringify(nodes[0] ?? '')}}</script></head><body>${nodes.join('')}</body></html>`), key: 'a.html' }));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('is deterministic: equal bytes give equal records (rejections apart from their time stamp)', () => {
    const stable = (r: ParseResult) => (r.ok ? r : { ...r, rejection: { ...r.rejection, rejectedAt: null } });
    fc.assert(
      fc.property(fc.array(vietnameseLine, { maxLength: 20 }), (lines) => {
        const bytes = utf8(lines.join('\n'));
        expect(stable(parseArticle({ bytes, key: 'k' }))).toEqual(stable(parseArticle({ bytes, key: 'k' })));
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('pathological inputs finish (no catastrophic backtracking)', () => {
  it('a 1 MB line without spaces', () => {
    expectValid(parseArticle({ bytes: utf8('đ'.repeat(500_000)), key: 'long.txt' }));
    expectValid(parseArticle({ bytes: utf8(`Tiêu đề bài báo thử nghiệm\n${'a'.repeat(1_000_000)}`), key: 'long.txt' }));
  }, 20_000);

  it('200k digits and slashes, dashes and colons', () => {
    expectValid(parseArticle({ bytes: utf8('1/'.repeat(100_000)), key: 'digits.txt' }));
    expectValid(parseArticle({ bytes: utf8(`Tiêu đề\n${'12/'.repeat(70_000)}\n${'1-1:'.repeat(50_000)}\n(${'9 '.repeat(50_000)})`), key: 'digits.txt' }));
    expectValid(parseArticle({ bytes: utf8(Array.from({ length: 20_000 }, (_, i) => `${i % 31}/${i % 12}/20${i % 99} ${i % 24}:${i % 60}`).join('\n')), key: 'stamps.txt' }));
  }, 20_000);

  it('many short lines, many entities and many parentheses', () => {
    expectValid(parseArticle({ bytes: utf8('A\n'.repeat(200_000)), key: 'lines.txt' }));
    expectValid(parseArticle({ bytes: utf8('&amp;'.repeat(100_000)), key: 'entities.txt' }));
    expectValid(parseArticle({ bytes: utf8(`Tiêu đề bài\n${'(Ảnh: '.repeat(50_000)}`), key: 'credits.txt' }));
  }, 20_000);

  it('deeply nested HTML', () => {
    const depth = 20_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Hội nghị sơ kết công tác Đảng 6 tháng đầu năm.</p>${'</div>'.repeat(depth)}</body></html>`;
    expectValid(parseArticle({ bytes: utf8(html), key: 'nested.html' }));
    const unclosed = `<html><body>${'<span><b>'.repeat(depth)}Nội dung${'<script>'.repeat(1000)}</body></html>`;
    expectValid(parseArticle({ bytes: utf8(unclosed), key: 'unclosed.html' }));
  }, 20_000);

  it('a large legacy-encoded file without spaces', () => {
    const bytes = new Uint8Array(1_000_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0xa8 + (i % 0x50);
    expectValid(parseArticle({ bytes, key: 'legacy.txt' }));
  }, 20_000);
});
