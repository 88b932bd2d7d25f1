/**
 * Month summaries reduced into long periods (lambda/core/summary.ts): reducing the summaries of
 * months gives the summary of their union, the ledger's sums are the printed figures, and a summary
 * digest is a valid digest that says it is a summary, with the figures of the full digest.
 */
import { describe, expect, it } from 'vitest';
import { aggregateMonth, combineAggregates } from '../lambda/core/aggregate.ts';
import { DigestSchema, PeriodSummarySchema, type MonthAggregate } from '../lambda/core/digest-model.ts';
import type { Article } from '../lambda/core/model.ts';
import { monthsOf } from '../lambda/core/periods.ts';
import { renderDigestHtml } from '../lambda/core/render/html.ts';
import { printedParticipants } from '../lambda/core/report.ts';
import { mergeSummaries, meetingLines, summarize, summaryDigest } from '../lambda/core/summary.ts';
import { commentary, fakeId, seed002Echo, seedArticles } from './fixtures/digest/articles.ts';

const POOL = [...seedArticles, seed002Echo, commentary];

/** Record i: pool article i mod pool with its own id, a date in months[] and one of 5 organising units (so some reports merge). */
function record(i: number, months: string[]): Article {
  const base = POOL[i % POOL.length]!;
  const month = months[i % months.length]!;
  const date = `${month}-${String(1 + (Math.floor(i / months.length) % 27)).padStart(2, '0')}`;
  const unit = `đơn vị ${i % 5}`;
  return {
    ...base,
    id: fakeId(`${base.id}:${i}`),
    source: { ...base.source, key: `r/${i}/${base.source.key}` },
    publishedAt: `${date}T08:00`,
    primaryEvent: base.primaryEvent ? { ...base.primaryEvent, date, organizer: `${base.primaryEvent.organizer ?? 'Chi bộ'} ${unit}` } : null,
  };
}

function monthAggregates(n: number, months: string[]): MonthAggregate[] {
  const records = Array.from({ length: n }, (_, i) => record(i, months));
  return months.map((m) => aggregateMonth(m, records.filter((r) => (r.primaryEvent?.date ?? r.publishedAt!).startsWith(m))));
}

const Q1 = monthsOf('2023-Q1');
const Q4_2022 = monthsOf('2022-Q4');

describe('month summaries', () => {
  const months = monthAggregates(400, Q1);
  const summaries = months.map((m) => summarize([m.periodId], m, { topPerSection: 3 }));

  it('reduce: merging the summaries of months equals the summary of their union', () => {
    const union = combineAggregates('2023-Q1', months);
    expect(union.meetings.length).toBeGreaterThan(50);
    // Some reports merged into one meeting (several reporting articles), so the ranking is tested.
    expect(union.meetings.some((m) => m.articleIds.length > 1)).toBe(true);
    const whole = summarize(Q1, union, { topPerSection: 3 });
    const merged = mergeSummaries(summaries, { topPerSection: 3 });
    expect(PeriodSummarySchema.parse(merged)).toEqual(merged);
    expect(merged).toEqual(whole);
    // Order-independent and associative: months reduced in any grouping give the same summary.
    expect(mergeSummaries([...summaries].reverse(), { topPerSection: 3 })).toEqual(merged);
    expect(mergeSummaries([mergeSummaries(summaries.slice(0, 2), { topPerSection: 3 }), summaries[2]!], { topPerSection: 3 })).toEqual(merged);
  });

  it('ledger totals equal the sum of the printed figures of the meetings that discussed each document', () => {
    const union = combineAggregates('2023-Q1', months);
    const merged = mergeSummaries(summaries);
    expect(merged.ledger.length).toBeGreaterThan(0);
    for (const e of merged.ledger) {
      const held = union.meetings.filter((m) => m.documents.includes(e.document));
      const printed = held.map((m) => printedParticipants(m.attendance)).filter((x) => x !== null);
      expect(e.meetings).toBe(held.length);
      expect(e.attendance.total).toBe(printed.length ? printed.reduce((s, x) => s + x!.value, 0) : null);
      expect(e.attendance.printed).toBe(printed.length);
      const bridges = held.map((m) => m.attendance?.bridgePoints).filter((x): x is number => x !== undefined);
      expect(e.bridgePoints.total).toBe(bridges.length ? bridges.reduce((s, x) => s + x, 0) : null);
    }
    // The period's attendance figure is the sum of every printed figure, and the ledger's rows add up within it.
    const all = union.meetings.map((m) => printedParticipants(m.attendance)).filter((x) => x !== null);
    expect(merged.attendance.total).toBe(all.reduce((s, x) => s + x!.value, 0));
    expect(merged.attendance.total).toBeGreaterThan(0);
  });

  it('a summary digest has the full digest figures, counts, ledger sums and comparisons, and says it is a summary', () => {
    const earlier = monthAggregates(300, Q4_2022);
    const full = combineAggregates('2023-Q1', [...months, ...earlier]);
    const earlierSummaries = earlier.map((m) => summarize([m.periodId], m));
    const digest = summaryDigest('2023-Q1', [...summaries, ...earlierSummaries], {
      meetingCap: 10,
      generatedAt: full.generatedAt,
      monthHref: (m) => `../../../${m}/digest.html`,
    });
    expect(DigestSchema.parse(digest)).toEqual(digest);
    expect(digest.figures).toEqual(full.figures);
    expect(digest.comparisons).toEqual(full.comparisons);
    expect(digest.comparisons[0]!.figures).not.toBeNull();
    expect(digest.counts).toEqual(full.counts);
    expect(digest.meetingsByKind).toEqual(full.meetingsByKind);
    expect(digest.meetingsByMonth).toEqual(full.meetingsByMonth);
    expect(digest.sections.map((s) => s.count)).toEqual(full.sections.map((s) => s.count));
    expect(digest.ledger.map((e) => [e.document, e.meetings, e.attendance, e.bridgePoints])).toEqual(
      full.ledger.map((e) => [e.document, e.meetingKeys.length, e.attendance, e.bridgePoints]),
    );
    // Bounded: at most the top meetings of each section, and their articles.
    expect(digest.meetings.length).toBeLessThanOrEqual(10 * digest.sections.length);
    expect(digest.meetings.length).toBeLessThan(full.meetings.length);
    expect(digest.summary!.months.map((m) => m.periodId)).toEqual(Q1);
    expect(digest.summary!.months.reduce((s, m) => s + m.meetings, 0)).toBe(full.counts.meetings);

    const vi = renderDigestHtml(digest, { lang: 'vi' });
    expect(vi).toContain('Bản tin dạng tóm tắt');
    expect(vi).toContain('vượt mức 10 của một bản tin đầy đủ');
    expect(vi).toContain('href="../../../2023-02/digest.html"');
    const en = renderDigestHtml(digest, { lang: 'en' });
    expect(en).toContain('Summary digest');
    expect(en).toContain('more than the 10 of a full digest');
    // A full digest says nothing of the kind.
    expect(renderDigestHtml(full, { lang: 'vi' })).not.toContain('Bản tin dạng tóm tắt');
  });

  it('the meetings file of a month lists every meeting with its articles, and every other article', () => {
    const m = months[0]!;
    const lines = [...meetingLines(m)].map((l) => JSON.parse(l) as { meeting?: { key: string }; articles?: unknown[]; article?: unknown });
    expect(lines.filter((l) => l.meeting).map((l) => l.meeting!.key)).toEqual(m.meetings.map((x) => x.key));
    expect(lines.filter((l) => l.article)).toHaveLength(m.articles.filter((a) => a.meetingKey === null).length);
    expect(lines.filter((l) => l.meeting).reduce((s, l) => s + l.articles!.length, 0)).toBe(m.articles.filter((a) => a.meetingKey !== null).length);
  });
});
