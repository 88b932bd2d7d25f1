import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildDigests } from '../lambda/core/aggregate.ts';
import { renderDigestHtml } from '../lambda/core/render/html.ts';
import { renderIndexHtml } from '../lambda/core/render/index.ts';
import { MARGIN, renderDigestPdf } from '../lambda/core/render/pdf.ts';
import { hostile, seed002 } from './fixtures/digest/articles.ts';
import { pdfToText, pdfWords } from './fixtures/digest/pdf-tools.ts';

const digest = buildDigests([hostile, seed002], { kinds: ['quarter'], generatedAt: '2023-04-01T00:00:00.000Z' }).find((d) => d.periodId === '2023-Q1')!;

describe('hostile article in HTML', () => {
  const html = renderDigestHtml(digest);
  const doc = parseHTML(html).document;

  it('has no script, no injected elements, no javascript: links', () => {
    expect(html).not.toMatch(/<script/i);
    expect(doc.querySelectorAll('script, iframe, img, svg[onload], b')).toHaveLength(0);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/\son(error|load)=/i);
    // Only our own <style> element; article `</style>` cannot close it.
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('shows the article text literally, template syntax included', () => {
    const text = doc.body.textContent!;
    expect(text).toContain('<script>alert("x")</script> {{constructor.constructor "alert(1)"}} {{{body}}} </style><b>bold</b>');
    expect(text).toContain('Hội nghị {{#each this}}{{/each}} </style><script>alert(1)</script>');
    expect(text).toContain('{{{chair}}} — <svg onload=alert(1)>');
    expect(doc.querySelector('#sources a.url')).toBeNull();
    expect(text).toContain('<img src=x onerror=alert(1)>');
  });

  it('keeps long words breakable for narrow screens', () => {
    expect(doc.querySelector('style')!.textContent).toContain('overflow-wrap: anywhere');
  });

  it('index links cannot be turned into javascript:', () => {
    const index = renderIndexHtml([{ periodId: '2023-Q1', label: '<script>x</script>', meetings: 1, articles: 2, href: 'javascript:alert(1)' }]);
    expect(index).not.toMatch(/<script>x/);
    expect(index).not.toMatch(/href="javascript:/);
    expect(index).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe('hostile article in PDF', async () => {
  const pdf = await renderDigestPdf(digest);

  it('renders, with the text shown literally', () => {
    const text = pdfToText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert("x")</script>');
    expect(text).toContain('{{{chair}}}');
    expect(text).toContain('Đảng ủy Khối các cơ quan tỉnh');
  });

  it('breaks 10,000-character words and keeps every word within the margins', () => {
    const words = pdfWords(pdf);
    const longest = Math.max(...words.map((w) => w.text.length));
    expect(longest).toBeGreaterThan(40); // the huge words are there, in pieces
    for (const w of words) {
      expect(w.xMax, `"${w.text.slice(0, 30)}" on page ${w.page}`).toBeLessThanOrEqual(w.pageWidth - MARGIN.right + 0.5);
      expect(w.yMax).toBeLessThanOrEqual(w.pageHeight);
    }
  });
});
