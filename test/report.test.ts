/**
 * The report's figures: meetings by area of work (sections as data), the dissemination ledger
 * (only printed figures summed, never a guess), comparisons with named earlier periods, and
 * rejection reasons in the digest's language.
 */
import { describe, expect, it } from 'vitest';
import { buildDigests } from '../lambda/core/aggregate.ts';
import { DigestSchema, type Digest } from '../lambda/core/digest-model.ts';
import { MEETING_KIND_LIST } from '../lambda/core/kinds.ts';
import { ARTICLE_SCHEMA_VERSION, type Article, type Attendance } from '../lambda/core/model.ts';
import { printedParticipants } from '../lambda/core/report.ts';
import { REPORT_SECTIONS, sectionOf } from '../lambda/core/sections.ts';
import { renderDigestHtml } from '../lambda/core/render/html.ts';
import { buildView } from '../lambda/core/render/view.ts';
import { article, seed001, seed002 } from './fixtures/digest/articles.ts';

const GENERATED = '2023-07-01T02:00:00.000Z';

function meeting(key: string, date: string, type: string, attendance: Attendance | null, codes: string[], organizer: string | null = 'Huyện ủy A'): Article {
  return article({
    key,
    title: key,
    primaryEvent: { type: type as never, date, dateInferred: false, planned: false, organizer, chair: null, format: null, attendance, coversPeriod: null },
    documents: codes.map((code) => ({ code, type: 'Nghị quyết', number: code.split('-')[0]!, issuer: 'TU', issuerName: null, issuedOn: null, subject: null })),
  });
}

const articles: Article[] = [
  seed001,
  seed002,
  meeting('a.txt', '2023-03-02', 'quan-triet', { total: 120, printed: ['120'] }, ['05-NQ/TU']),
  meeting('b.txt', '2023-03-09', 'bao-cao-vien', { present: 40, expected: 45, printed: ['40/45'] }, ['05-NQ/TU', '18-NQ/TW'], 'Đảng ủy xã B'),
  meeting('c.txt', '2023-04-11', 'quan-triet', null, ['05-NQ/TU']),
  meeting('d.txt', '2023-04-20', 'ky-hop', { bridgePoints: 12, printed: ['12 điểm cầu'] }, ['18-NQ/TW'], null),
  meeting('e.txt', '2023-05-05', 'tiep-xuc-cu-tri', { members: 30, printed: ['30 đảng viên'] }, []),
  meeting('f.txt', '2023-05-06', 'le', null, []),
  // The previous half-year: two meetings, one printed attendance.
  meeting('p1.txt', '2022-09-01', 'quan-triet', { total: 300, printed: ['300'] }, ['05-NQ/TU']),
  meeting('p2.txt', '2022-11-01', 'dai-hoi', null, []),
];
const digests = buildDigests(articles, { generatedAt: GENERATED });
const h1 = DigestSchema.parse(digests.find((d) => d.periodId === '2023-H1')) as Digest;

describe('sections by area of work', () => {
  it('put every meeting kind in exactly one section (the mapping is data)', () => {
    for (const kind of MEETING_KIND_LIST) {
      expect(REPORT_SECTIONS.filter((s) => (s.kinds as readonly string[]).includes(kind.slug)), kind.slug).toHaveLength(1);
    }
    expect(sectionOf('ky-hop')).toBe('bch-hdnd');
    expect(sectionOf('tiep-xuc-cu-tri')).toBe('doi-thoai');
    expect(sectionOf('bao-cao-vien')).toBe('hoc-tap');
    expect(sectionOf('le')).toBe('khac');
    expect(sectionOf('a-kind-of-a-later-version')).toBe('khac');
  });

  it('count every meeting of the period once, every section listed', () => {
    expect(h1.sections.map((s) => s.key)).toEqual(REPORT_SECTIONS.map((s) => s.slug));
    expect(h1.sections.reduce((n, s) => n + s.count, 0)).toBe(h1.meetings.length);
    const count = Object.fromEntries(h1.sections.map((s) => [s.key, s.count]));
    expect(count).toEqual({ 'hoc-tap': 4, 'so-ket-tong-ket': 1, 'sinh-hoat-chi-bo': 0, 'doi-thoai': 1, 'dai-hoi': 0, 'bch-hdnd': 1, khac: 1 });
  });
});

describe('dissemination ledger', () => {
  it('sums for every document exactly the printed figures of the meetings listed under it', () => {
    const byKey = new Map(h1.meetings.map((m) => [m.key, m]));
    expect(h1.ledger.length).toBeGreaterThan(0);
    for (const row of h1.ledger) {
      const held = row.meetingKeys.map((k) => byKey.get(k)!);
      const printed = held.map((m) => printedParticipants(m.attendance)).filter((x) => x !== null);
      expect(row.attendance.total, row.document).toBe(printed.length ? printed.reduce((n, x) => n + x!.value, 0) : null);
      expect(row.attendance.printed).toBe(printed.length);
      expect(row.attendance.meetings).toBe(held.length);
      const bridges = held.map((m) => m.attendance?.bridgePoints).filter((x): x is number => x !== undefined);
      expect(row.bridgePoints.total, row.document).toBe(bridges.length ? bridges.reduce((a, b) => a + b, 0) : null);
      // Every meeting that discussed the document, and no other.
      expect(new Set(row.meetingKeys)).toEqual(new Set(h1.meetings.filter((m) => m.documents.includes(row.document)).map((m) => m.key)));
    }
  });

  it('lists 05-NQ/TU with its four conferences, their organisers, dates and printed figures', () => {
    const row = h1.ledger.find((r) => r.document === '05-NQ/TU')!;
    expect(row.meetingKeys).toHaveLength(4);
    expect(row.organizers).toEqual(['Đảng ủy Khối các cơ quan tỉnh', 'Huyện ủy A', 'Đảng ủy xã B']);
    expect([row.first, row.last]).toEqual(['2023-02-16', '2023-04-11']);
    // 5,000 ("hơn 5.000") + 120 + 40 present: three printed, one (c.txt) not.
    expect(row.attendance).toEqual({ total: 5160, printed: 3, meetings: 4, approximate: true });
    expect(row.bridgePoints).toEqual({ total: 237, printed: 1, meetings: 4, approximate: false });
    expect(row.presentOfExpected.map((p) => `${p.present}/${p.expected}`)).toEqual(['35/37', '40/45']);
    const view = buildView(h1, 'vi').ledger.find((r) => r.code === '05-NQ/TU')!;
    expect(view.attendance).toBe('hơn 5.160 (3/4 hội nghị nêu số liệu)');
    expect(view.presentOfExpected).toBe('35/37; 40/45');
  });

  it('says plainly when no figure was printed, and never guesses one', () => {
    const row = h1.ledger.find((r) => r.document === '18-NQ/TW')!;
    expect(row.attendance.total).toBe(40);
    const lone = buildDigests([meeting('x.txt', '2023-08-01', 'quan-triet', null, ['09-NQ/TU'])], { generatedAt: GENERATED }).find((d) => d.periodId === '2023-08')!;
    expect(lone.ledger[0]!.attendance).toEqual({ total: null, printed: 0, meetings: 1, approximate: false });
    const view = buildView(lone, 'vi').ledger[0]!;
    expect(view.attendance).toBe('không nêu số người dự');
    expect(view.bridgePoints).toBe('không nêu số điểm cầu');
    expect(buildView(lone, 'en').ledger[0]!.attendance).toBe('attendance not printed');
  });
});

describe('comparisons', () => {
  it('compare with the previous half-year and the same half a year earlier, naming both', () => {
    expect(h1.comparisons.map((c) => [c.basis, c.periodId])).toEqual([['previous', '2022-H2'], ['year-earlier', '2022-H1']]);
    const previous = h1.comparisons[0]!.figures!;
    expect(previous.meetings).toBe(2);
    expect(previous.documentsDisseminated).toBe(1);
    expect(previous.attendance.total).toBe(300);
    expect(h1.comparisons[1]!.figures).toBeNull();
    const v = buildView(h1, 'vi');
    expect(v.comparisons[0]!.heading).toBe('So với 6 tháng cuối năm 2022');
    expect(v.comparisons[0]!.rows[0]).toEqual({ label: 'Tổng số hội nghị, hoạt động', current: '8', compared: '2', change: 'tăng 6 (300%)' });
    expect(v.comparisons[1]!.note).toBe('Không có số liệu của 6 tháng đầu năm 2022 để so sánh.');
    const html = renderDigestHtml(h1);
    expect(html).toContain('So với 6 tháng cuối năm 2022');
    expect(html).toContain('Không có số liệu của 6 tháng đầu năm 2022 để so sánh.');
  });

  it('compare a year once (its previous period is the year before), and an undated digest with nothing', () => {
    const year = digests.find((d) => d.periodId === '2023')!;
    expect(year.comparisons.map((c) => c.periodId)).toEqual(['2022']);
    const month = digests.find((d) => d.periodId === '2023-03')!;
    expect(month.comparisons.map((c) => c.periodId)).toEqual(['2023-02', '2022-03']);
  });
});

describe('rejection reasons', () => {
  const rejection = { schemaVersion: ARTICLE_SCHEMA_VERSION as 1, key: 'scan.pdf', reason: 'binary' as const, message: 'binary file (PDF document)', bytes: 1000, rejectedAt: '2023-04-10T02:00:00.000Z' };
  const q2 = buildDigests([seed001], { generatedAt: GENERATED, rejections: [rejection] }).find((d) => d.periodId === '2023-Q2')!;

  it('are entirely Vietnamese in a Vietnamese digest, with the English message only in an English one', () => {
    const vi = renderDigestHtml(q2, { lang: 'vi' });
    expect(vi).toContain('Không phải văn bản');
    expect(vi).not.toContain('binary file');
    expect(renderDigestHtml(q2, { lang: 'en' })).toContain('Not a text file <span class="muted">(binary file (PDF document))</span>');
  });
});
