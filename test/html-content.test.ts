import { describe, expect, it } from 'vitest';
import { extractHtml } from '../lambda/core/html.ts';
import { buildTree, HTML_BOUNDS } from '../lambda/core/html-tree.ts';
import { extractContent, isToolText } from '../lambda/core/html-content.ts';

const prose = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Đoạn ${i + 1}: hội nghị đã thảo luận, đánh giá kết quả thực hiện nghị quyết, chỉ ra hạn chế và đề ra giải pháp cho thời gian tới.</p>`).join('');

describe('main text', () => {
  it('keeps the lead (sapo) that sits outside the content container', () => {
    const html = `<html><body><nav><a href="/">Trang chủ</a></nav><h1>Tiêu đề</h1><p class="sapo">Sáng 20/3, Đảng ủy Khối tổ chức hội nghị quán triệt nghị quyết với sự tham dự của nhiều cán bộ.</p><div class="content">${prose(5)}</div><div class="related"><a href="/x">Tin khác một</a><a href="/y">Tin khác hai</a></div></body></html>`;
    const r = extractContent(buildTree(html));
    const lines = r.text.split('\n');
    expect(lines[0]).toMatch(/^Sáng 20\/3, Đảng ủy Khối/);
    expect(r.text).toContain('Đoạn 5:');
    // a short lead no density pass would take is put back in front
    const short = extractContent(buildTree(html.replace(/với sự tham dự của nhiều cán bộ/, 'mới')));
    expect(short.text.split('\n')[0]).toBe('Sáng 20/3, Đảng ủy Khối tổ chức hội nghị quán triệt nghị quyết mới.');
    expect(short.leadAdded).toBe(true);
    expect(r.text).not.toMatch(/Tin khác|Trang chủ/);
  });

  it('removes tool links, print/back bars and view counters', () => {
    const html = `<html><body><h1>Tiêu đề</h1><div class="content"><div><a href="#">Bản in</a> | <a href="#">Gửi email</a> | <a href="#">Quay lại</a></div>${prose(4)}<p>Lượt xem: 1.234</p><p><a href="/x">Xem chi tiết tại đây</a></p><span>A+</span></div></body></html>`;
    const text = extractContent(buildTree(html)).text;
    expect(text).toContain('Đoạn 4:');
    for (const tool of ['Bản in', 'Gửi email', 'Quay lại', 'Lượt xem', 'Xem chi tiết tại đây', 'A+']) expect(text, tool).not.toContain(tool);
    expect(isToolText('Bản in | Gửi email | Quay lại')).toBe(true);
    expect(isToolText('Số lần xem: 45')).toBe(true);
    expect(isToolText('Quay lại trường học sau kỳ nghỉ')).toBe(false);
  });

  it('keeps an article whose wrapper has a chrome-like class (print-news) when it holds the headline', () => {
    const html = `<html><body><div class="print-news"><h1>Tiêu đề bài</h1><div class="article-content">${prose(4)}</div></div><div class="comment-box"><p>Bạn đọc hoan nghênh ý kiến, các thảo luận sẽ được xem xét trước khi đăng tải, rất dài dòng và đầy đủ câu chữ.</p></div></body></html>`;
    const text = extractContent(buildTree(html)).text;
    expect(text).toContain('Đoạn 1:');
    expect(text).not.toContain('hoan nghênh');
  });
});

describe('bounds on hostile input', () => {
  const timed = (html: string) => {
    const start = performance.now();
    const result = extractHtml(html);
    return { ms: performance.now() - start, result };
  };

  it('cuts nesting depth and element count before the tree grows', () => {
    const deep = buildTree(`${'<div>'.repeat(5000)}<p>chữ</p>`);
    expect(deep.truncated.depth).toBe(true);
    const many = buildTree('<b>x</b>'.repeat(HTML_BOUNDS.MAX_ELEMENTS + 10));
    expect(many.truncated.elements).toBe(true);
    expect(many.elements).toBe(HTML_BOUNDS.MAX_ELEMENTS);
    // Line-breaking elements go on past the bound, up to a reserve, so text keeps its lines.
    const paragraphs = buildTree('<p>x'.repeat(HTML_BOUNDS.MAX_ELEMENTS + HTML_BOUNDS.BLOCK_RESERVE + 10));
    expect(paragraphs.elements).toBe(HTML_BOUNDS.MAX_ELEMENTS + HTML_BOUNDS.BLOCK_RESERVE);
  });

  it('keeps a paragraph after the bounds on a line of its own, and the tree shallow', () => {
    const line = 'Sáng 16/2/2023, Huyện ủy tổ chức hội nghị sơ kết.';
    for (const html of [`${'<b>x'.repeat(5000)}<p>${line}</p>`, `${'<i>x</i>'.repeat(HTML_BOUNDS.MAX_ELEMENTS)}<p>${line}</p>`, `${'<div>'.repeat(5000)}<p>a</p><p>${line}</p>`]) {
      const { text } = extractHtml(`<html><body>${html}</body></html>`);
      expect(text.split('\n')).toContain(line);
    }
    const deep = buildTree(`${'<div>'.repeat(5000)}x`);
    let depth = 0;
    for (let el = deep.root; el.children.length > 0 && typeof el.children[0] !== 'string'; el = el.children[0] as typeof el) depth++;
    expect(depth).toBeLessThanOrEqual(HTML_BOUNDS.MAX_DEPTH + 2);
  });

  it('returns text for huge, deep and tag-heavy pages without throwing', () => {
    const cases = [
      `<html><body>${'<div>'.repeat(200_000)}<p>Nội dung sâu</p></body></html>`,
      `<html><body>${'<b>'.repeat(200_000)}${'</i>'.repeat(200_000)}Nội dung</body></html>`,
      `<html><body>${'<span><a href="#">x</a></span>'.repeat(50_000)}</body></html>`,
      `<html><body><div ${'a=1 '.repeat(100_000)}>Nội dung</div></body></html>`,
      `<html><body>${'&amp;'.repeat(300_000)}</body></html>`,
      `<html><body>${'<table><tr><td>'.repeat(30_000)}ô</body></html>`,
    ];
    for (const html of cases) {
      const { result } = timed(html);
      expect(typeof result.text).toBe('string');
    }
    expect(timed(cases[0]!).result.text).toContain('Nội dung sâu');
  });
});
