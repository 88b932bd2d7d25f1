import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildDigests } from '../lambda/core/aggregate.ts';
import { renderDigestHtml } from '../lambda/core/render/html.ts';
import { renderIndexHtml } from '../lambda/core/render/index.ts';
import { commentary, seed002Echo, seedArticles, uploadDated } from './fixtures/digest/articles.ts';

const digests = buildDigests([...seedArticles, seed002Echo, commentary, uploadDated], { generatedAt: '2023-07-01T02:00:00.000Z' });
const h1 = digests.find((d) => d.periodId === '2023-H1')!;

function dom(html: string): ReturnType<typeof parseHTML>['document'] {
  return parseHTML(html).document;
}

describe('renderDigestHtml', () => {
  const html = renderDigestHtml(h1);
  const doc = dom(html);

  it('is one Vietnamese, self-contained page', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('vi');
    expect(doc.querySelector('title')!.textContent).toBe('Bản tin tổng hợp 6 tháng đầu năm 2023');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('link, img, iframe, object, embed')).toHaveLength(0);
    const css = doc.querySelector('style')!.textContent!;
    expect(css).toContain('@page');
    expect(css).toContain('@media (max-width');
    expect(css).not.toMatch(/@import|url\(/);
    expect(doc.querySelector('meta[name=viewport]')).not.toBeNull();
  });

  it('shows the cover, figures and a bar per month', () => {
    expect(doc.querySelector('h1')!.textContent).toBe('Bản tin tổng hợp 6 tháng đầu năm 2023');
    expect(doc.querySelector('.meta')!.textContent).toContain('01/01/2023 – 30/06/2023');
    expect(doc.querySelector('.meta')!.textContent).toContain('01/07/2023');
    const bars = doc.querySelectorAll('.chart svg rect');
    expect(bars.length).toBe(h1.meetingsByMonth.filter((m) => m.count > 0).length);
    expect(doc.querySelector('.chart svg')!.getAttribute('aria-label')).toContain('T2: 1');
  });

  it('lists meetings in date order with chair, format, attendance, documents and sources', () => {
    const meetings = [...doc.querySelectorAll('article.meeting')];
    // The second is dated by upload (1 June); its own date has no year.
    expect(meetings.map((m) => m.querySelector('time')!.textContent)).toEqual(['16/02/2023', '20/05', '07/06/2023']);
    expect(meetings[1]!.querySelector('.note')!.textContent).toBe('(không rõ năm)');
    const first = meetings[0]!.textContent!;
    expect(first).toContain('Học tập, quán triệt, triển khai');
    expect(first).toContain('Đảng ủy Khối Các cơ quan tỉnh Nghệ An');
    expect(first).toContain('Võ Trọng Phú — Phó Bí thư Chi bộ');
    expect(first).toContain('Trực tuyến');
    expect(first).toContain('35/37 có mặt; 237 điểm cầu; hơn 5.000 người tham dự');
    // Seed 002 inferred the year, but the second report printed the full date.
    expect(first).not.toContain('năm được suy ra');
    const seedsOnly = dom(renderDigestHtml(buildDigests(seedArticles).find((d) => d.periodId === '2023-H1')!));
    expect(seedsOnly.querySelector('article.meeting .note')!.textContent).toBe('(năm được suy ra)');
    // One meeting, two reports.
    expect(meetings[0]!.querySelectorAll('.refs a')).toHaveLength(2);
    expect(meetings[1]!.querySelector('.warning')!.textContent).toContain('ngày tải lên');
    // Codes are kept on one line.
    expect([...meetings[0]!.querySelectorAll('.code')].map((e) => e.textContent)).toEqual(expect.arrayContaining(['05-NQ/TU', '04-ĐA/TU']));
  });

  it('indexes documents with issuer, date, meetings and mentions', () => {
    const rows = [...doc.querySelectorAll('.doc-table tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    const nq = rows.find((r) => r[0] === '05-NQ/TU')!;
    expect(nq).toEqual(['05-NQ/TU', 'Nghị quyết', 'Ban Chấp hành Đảng bộ tỉnh', '14/12/2022', 'đẩy mạnh cải cách hành chính trên địa bàn tỉnh giai đoạn 2021 - 2030', '#1', '16/02/2023 – 03/04/2023']);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['04-ĐA/TU', '05-CT/TW']));
  });

  it('lists officials, other articles and sources', () => {
    expect(doc.querySelector('.official-table')!.textContent).toContain('Nguyễn Trọng Hùng');
    expect(doc.querySelector('#other')!.textContent).toContain('Cải cách hành chính: từ nghị quyết đến hành động');
    const sources = [...doc.querySelectorAll('#sources li')];
    expect(sources).toHaveLength(h1.articles.length);
    expect(doc.querySelector('#sources a.url')!.getAttribute('href')).toBe('https://baonghean.vn/quan-triet-nq05');
  });

  it('speaks English on request', () => {
    const en = dom(renderDigestHtml(h1, { lang: 'en' }));
    expect(en.documentElement.getAttribute('lang')).toBe('en');
    expect(en.querySelector('h1')!.textContent).toBe('Digest — First half of 2023');
    expect(en.querySelector('#meetings h2')!.textContent).toBe('Meetings and activities');
  });

  it('is deterministic', () => {
    expect(renderDigestHtml(h1)).toBe(html);
  });

  it('uses a user template folder, falling back to the built-in partials', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-tpl-'));
    mkdirSync(path.join(dir, 'partials'));
    writeFileSync(path.join(dir, 'partials', 'cover.hbs'), '<header class="my-cover"><h1>Văn phòng Tỉnh ủy — {{view.periodLabel}}</h1></header>');
    writeFileSync(path.join(dir, 'style.css'), 'body { color: rgb(1, 2, 3); }');
    const custom = dom(renderDigestHtml(h1, { templateDir: dir }));
    expect(custom.querySelector('.my-cover h1')!.textContent).toBe('Văn phòng Tỉnh ủy — 6 tháng đầu năm 2023');
    expect(custom.querySelector('style')!.textContent).toContain('rgb(1, 2, 3)');
    expect(custom.querySelectorAll('article.meeting')).toHaveLength(3);
  });
});

describe('renderIndexHtml', () => {
  it('links every digest, grouped by year, newest year first', () => {
    const entries = digests.map((d) => ({ periodId: d.periodId, meetings: d.counts.meetings, articles: d.counts.articles, href: `${d.periodId}/digest.html` }));
    const doc = dom(renderIndexHtml(entries));
    const links = [...doc.querySelectorAll('td:first-child a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toContainEqual(['6 tháng đầu năm 2023', '2023-H1/digest.html']);
    expect(links).toContainEqual(['Quý II năm 2023', '2023-Q2/digest.html']);
    expect(links).toHaveLength(entries.length);
    expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Năm 2024', 'Năm 2023', 'Năm 2021', 'Năm 2019']);
    const in2023 = links.map(([, href]) => href!).filter((h) => h.startsWith('2023'));
    expect(in2023.slice(0, 3)).toEqual(['2023/digest.html', '2023-H1/digest.html', '2023-Q1/digest.html']);
    expect(doc.querySelector('a[href="2023-H1/digest.pdf"]')).not.toBeNull();
  });
});
