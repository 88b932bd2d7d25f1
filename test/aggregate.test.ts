import { describe, expect, it } from 'vitest';
import { aggregateMonth, buildDigests, combineAggregates, monthOfArticle, periodDateOf } from '../lambda/core/aggregate.ts';
import { DigestSchema, MonthAggregateSchema } from '../lambda/core/digest-model.ts';
import { ARTICLE_SCHEMA_VERSION, type Article, type Rejection } from '../lambda/core/model.ts';
import { monthsOf } from '../lambda/core/periods.ts';
import {
  article,
  commentary,
  seed001,
  seed002,
  seed002Echo,
  seedArticles,
  undatedArticle,
  uploadDated,
} from './fixtures/digest/articles.ts';

const GOLD_PERIODS: Record<string, string> = {
  '000_4ebbb8be58c93479.txt': '2021-09-23',
  '001_74d7446270d97ccb.txt': '2023-06-07',
  '002_467a0e42bdf0f961.txt': '2023-02-16',
  '003_7b32a01fed08cab9.txt': '2019-08-16',
  '004_f045dc37bff4123b.txt': '2024-09-18',
};

describe('periodDateOf', () => {
  it('uses the meeting date first', () => {
    expect(periodDateOf(seed001)).toEqual({ date: '2023-06-07', basis: 'meeting' });
  });
  it('falls back to publication, then upload (in Vietnam time), then nothing', () => {
    expect(periodDateOf(commentary)).toEqual({ date: '2023-04-03', basis: 'published' });
    const partial = { ...uploadDated, publishedAt: '2023-05-22T10:00' };
    expect(periodDateOf(partial)).toEqual({ date: '2023-05-22', basis: 'published' });
    // A meeting day without a year takes the year of the upload: the latest 20 May on or before
    // the upload (18:30 UTC on 31 May is 01:30 on 1 June in Vietnam).
    expect(periodDateOf(uploadDated)).toEqual({ date: '2023-05-20', basis: 'meeting-upload-year' });
    expect(periodDateOf({ ...uploadDated, uploadedAt: '2023-05-10T03:00:00.000Z' })).toEqual({ date: '2022-05-20', basis: 'meeting-upload-year' });
    expect(periodDateOf({ ...uploadDated, primaryEvent: { ...uploadDated.primaryEvent!, date: '--02-29' }, uploadedAt: '2023-05-10T03:00:00.000Z' })).toEqual({ date: '2023-05-10', basis: 'uploaded' });
    // No meeting date at all: the upload day itself.
    expect(periodDateOf({ ...uploadDated, primaryEvent: null })).toEqual({ date: '2023-06-01', basis: 'uploaded' });
    expect(periodDateOf(undatedArticle)).toEqual({ date: null, basis: 'unknown' });
    expect(monthOfArticle(undatedArticle)).toBe('undated');
  });
});

describe('aggregateMonth', () => {
  it('counts the same content uploaded twice once, keeping both sources', () => {
    const copy: Article = { ...seed001, source: { key: 'copy/so-ket.txt', outlet: null, url: null }, uploadedAt: '2024-11-01T00:00:00.000Z' };
    const month = aggregateMonth('2023-06', [seed001, copy]);
    expect(MonthAggregateSchema.parse(month)).toEqual(month);
    expect(month.articles).toHaveLength(1);
    expect(month.articles[0]!.sources.map((s) => s.key)).toEqual(['001_74d7446270d97ccb.txt', 'copy/so-ket.txt']);
    expect(month.meetings).toHaveLength(1);
    expect(month.meetings[0]!.articleIds).toEqual([seed001.id]);
  });

  it('merges one meeting reported by two articles, listing both sources', () => {
    const month = aggregateMonth('2023-02', [seed002, seed002Echo]);
    expect(month.articles).toHaveLength(2);
    expect(month.meetings).toHaveLength(1);
    const m = month.meetings[0]!;
    expect(m.articleIds).toEqual([seed002.id, seed002Echo.id].sort());
    expect(m.documents).toEqual(expect.arrayContaining(['05-NQ/TU', '04-ĐA/TU', '05-CT/TW']));
    expect(m.attendance?.printed).toEqual(expect.arrayContaining(['35/37', '237 điểm cầu', 'hơn 5.000']));
    // Both articles point at the merged entry; the document index points at it too.
    expect(month.articles.every((a) => a.meetingKey === m.key)).toBe(true);
    const nq05 = month.documents.find((d) => d.code === '05-NQ/TU')!;
    expect(nq05.meetingKeys).toEqual([m.key]);
    expect(nq05.articleIds).toHaveLength(2);
    expect(nq05.issuedOn).toBe('2022-12-14');
  });

  it('keeps meetings apart when kind, date or organiser differ', () => {
    const otherKind = article({ key: 'x/other-kind.txt', primaryEvent: { ...seed002.primaryEvent!, type: 'hop' } });
    const otherDay = article({ key: 'x/other-day.txt', primaryEvent: { ...seed002.primaryEvent!, date: '2023-02-17' } });
    const otherOrg = article({ key: 'x/other-org.txt', primaryEvent: { ...seed002.primaryEvent!, organizer: 'Huyện ủy Nghi Lộc' } });
    const month = aggregateMonth('2023-02', [seed002, otherKind, otherDay, otherOrg]);
    expect(month.meetings).toHaveLength(4);
  });

  it('stores rejections and articles without meeting', () => {
    const rejection: Rejection = { schemaVersion: ARTICLE_SCHEMA_VERSION, key: 'scan.pdf', reason: 'binary', message: 'binary file (PDF document)', bytes: 1000, rejectedAt: '2023-04-10T02:00:00.000Z' };
    const month = aggregateMonth('2023-04', [commentary], [rejection]);
    expect(month.rejections).toEqual([rejection]);
    expect(month.meetings).toHaveLength(0);
    expect(month.articles[0]!.meetingKey).toBeNull();
    expect(month.documents[0]!.code).toBe('05-NQ/TU');
  });
});

describe('combineAggregates and buildDigests', () => {
  const all = [...seedArticles, seed002Echo, commentary, uploadDated, undatedArticle];

  it('combining month aggregates equals aggregating all articles at once', () => {
    const generatedAt = '2024-01-01T00:00:00.000Z';
    const direct = buildDigests(all, { generatedAt }).find((d) => d.periodId === '2023-H1')!;
    const months = monthsOf('2023-H1').map((m) => aggregateMonth(m, all.filter((a) => monthOfArticle(a) === m)));
    // Order of months must not matter either.
    const combined = combineAggregates('2023-H1', [...months].reverse(), { generatedAt });
    expect(combined).toEqual(direct);
    // A year built from its halves' months equals the direct year.
    const year = combineAggregates('2023', monthsOf('2023').map((m) => aggregateMonth(m, all.filter((a) => monthOfArticle(a) === m))), { generatedAt });
    expect(year).toEqual(buildDigests(all, { generatedAt, kinds: ['year'] }).find((d) => d.periodId === '2023'));
  });

  it('2023-H1 holds exactly the meetings of seeds 001 and 002 and their documents', () => {
    const h1 = buildDigests(seedArticles).find((d) => d.periodId === '2023-H1')!;
    expect(DigestSchema.parse(h1)).toEqual(h1);
    expect(h1.meetings.map((m) => m.articleIds)).toEqual([[seed002.id], [seed001.id]]);
    expect(h1.meetings.map((m) => m.date)).toEqual(['2023-02-16', '2023-06-07']);
    expect(h1.documents.map((d) => d.code).sort()).toEqual(['04-ĐA/TU', '05-CT/TW', '05-NQ/TU']);
    expect(h1.meetingsByMonth.map((c) => c.count)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(h1.meetingsByKind).toEqual([{ key: 'so-ket', count: 1 }, { key: 'quan-triet', count: 1 }]);
    expect(h1.officials.find((o) => o.name === 'Võ Trọng Phú')?.chaired).toHaveLength(1);
  });

  it('builds every period of every seed', () => {
    const ids = buildDigests(seedArticles).map((d) => d.periodId);
    for (const date of Object.values(GOLD_PERIODS)) {
      const y = date.slice(0, 4);
      const m = Number(date.slice(5, 7));
      const expected = [y, `${y}-H${m <= 6 ? 1 : 2}`, `${y}-Q${Math.ceil(m / 3)}`, date.slice(0, 7)];
      expect(ids).toEqual(expect.arrayContaining(expected));
    }
    // Five seeds x four kinds, minus 2023 and 2023-H1 shared by seeds 001 and 002.
    expect(ids).toHaveLength(18);
  });

  it('lists undated articles apart and flags fallback dates', () => {
    const digests = buildDigests(all);
    const undated = digests.find((d) => d.periodId === 'undated')!;
    expect(undated.kind).toBe('undated');
    expect(undated.articles.map((a) => a.id)).toEqual([undatedArticle.id]);
    const may = digests.find((d) => d.periodId === '2023-05')!;
    const flagged = may.articles.find((a) => a.id === uploadDated.id)!;
    expect(flagged.dateBasis).toBe('meeting-upload-year');
    expect(may.counts.fallbackDated).toBe(1);
    const april = digests.find((d) => d.periodId === '2023-04')!;
    expect(april.counts.otherArticles).toBe(1);
    expect(april.articles[0]!.dateBasis).toBe('published');
  });

  it('derives generatedAt from the input, not the clock', () => {
    const a = buildDigests(seedArticles, { kinds: ['half'] });
    const b = buildDigests(seedArticles, { kinds: ['half'] });
    expect(a).toEqual(b);
    const h1 = a.find((d) => d.periodId === '2023-H1')!;
    expect(h1.generatedAt).toBe(seed001.uploadedAt);
    expect(h1.generation).toBe(0);
  });

  it('puts copies of one article in one month even when only upload times date them', () => {
    const early = { ...uploadDated, primaryEvent: null };
    const late = { ...early, source: { key: 'again.txt', outlet: null, url: null }, uploadedAt: '2023-08-02T00:00:00.000Z' };
    const digests = buildDigests([late, early], { kinds: ['month'] });
    expect(digests.map((d) => d.periodId)).toEqual(['2023-06']);
    expect(digests[0]!.articles[0]!.sources).toHaveLength(2);
  });
});
