/**
 * Month summaries reduced into long periods (issue 14, country scale).
 *
 * A digest of a period with more meetings than the render cap is not made from every article: when
 * a month aggregate is rebuilt, a small mergeable PeriodSummary of it is stored too (counts by kind,
 * section and month, figure sums, the documents ledger, officials, and the top meetings of each
 * section), and a long period is the reduce of its months' summaries. The size of a summary is
 * bounded by documents, officials and sections, not by articles.
 *
 * Reduce is exact because meetings of different months are distinct (reports of one meeting share
 * its date, and aggregation merges only reports of one date): counts and figure sums add, the
 * ledger adds per document, the top meetings of the union are the top of the months' tops. Two
 * approximations, both documented in docs/pipeline.md: a meeting a correction labelled across two
 * months counts once per month, and an article whose copies landed in two months counts twice.
 */
import { compareArticleRefs, compareDocuments, digestHeader, maxDate, mergeDocumentFacts, minDate, normalizeName, periodEndInstant, uniqueSorted } from './aggregate.ts';
import {
  DIGEST_SCHEMA_VERSION,
  type ArticleRef,
  type Comparison,
  type Digest,
  type DigestSummary,
  type DocumentEntry,
  type FigureSum,
  type LedgerEntry,
  type MeetingEntry,
  type OfficialEntry,
  type PeriodSummary,
  type ReportFigures,
  type SummaryLedgerEntry,
  type TopMeeting,
} from './digest-model.ts';
import { MEETING_KINDS, type Rejection } from './model.ts';
import { monthsOf, previousPeriod, UNDATED, yearEarlierPeriod } from './periods.ts';
import { attendanceSum, ledgerOf, printedParticipants, sectionsOf } from './report.ts';
import { REPORT_SECTION_SLUGS, sectionOf } from './sections.ts';
import { DEFAULT_TIME_ZONE } from './timezone.ts';

/** Top meetings kept per section in a summary (and shown in a summary digest). */
export const TOP_PER_SECTION = 10;
/** Officials shown in a summary digest. */
export const TOP_OFFICIALS = 100;
/** Reporting articles kept with a top meeting. */
export const ARTICLES_PER_TOP_MEETING = 5;
/** Units listed per ledger row in a summary digest (the count says how many there are). */
const ORGANIZERS_SHOWN = 10;

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What a month aggregate (or a digest) holds: the input of `summarize`. */
export interface SummaryInput {
  articles: ArticleRef[];
  meetings: MeetingEntry[];
  documents: DocumentEntry[];
  officials: OfficialEntry[];
  rejections: Rejection[];
}

const monthOfDate = (date: string | null): string => (date ? date.slice(0, 7) : UNDATED);

/** Most reporting articles first, then most participants printed, then date and key. */
export function compareTopMeetings(a: MeetingEntry, b: MeetingEntry): number {
  const people = (m: MeetingEntry): number => printedParticipants(m.attendance)?.value ?? -1;
  return (
    b.articleIds.length - a.articleIds.length ||
    people(b) - people(a) ||
    byCode(a.sortDate ?? '9999', b.sortDate ?? '9999') ||
    byCode(a.key, b.key)
  );
}

function top(candidates: TopMeeting[], n: number): TopMeeting[] {
  return [...candidates].sort((a, b) => compareTopMeetings(a.meeting, b.meeting)).slice(0, n);
}

/**
 * The summary of the months `months` from their aggregated parts (one month aggregate, or several
 * months' union: the result is the same as reducing the months' own summaries).
 */
export function summarize(months: string[], parts: SummaryInput, opts: { topPerSection?: number } = {}): PeriodSummary {
  const topN = opts.topPerSection ?? TOP_PER_SECTION;
  const { articles, meetings, documents, officials, rejections } = parts;
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const sorted = uniqueSorted(months);
  const perMonth = new Map(sorted.map((m) => [m, { key: m, articles: 0, meetings: 0 }]));
  for (const a of articles) {
    const row = perMonth.get(monthOfDate(a.periodDate));
    if (row) row.articles++;
  }
  for (const m of meetings) {
    const row = perMonth.get(monthOfDate(m.sortDate));
    if (row) row.meetings++;
  }
  const byMonth = new Map<string, number>();
  for (const m of meetings) byMonth.set(monthOfDate(m.sortDate), (byMonth.get(monthOfDate(m.sortDate)) ?? 0) + 1);
  const bySection = new Map<string, TopMeeting[]>();
  for (const m of meetings) {
    const key = sectionOf(m.type);
    const list = bySection.get(key) ?? [];
    list.push({ meeting: m, articles: [] });
    bySection.set(key, list);
  }
  return {
    schemaVersion: DIGEST_SCHEMA_VERSION,
    months: sorted,
    counts: {
      articles: articles.length,
      meetings: meetings.length,
      otherArticles: articles.filter((a) => a.meetingKey === null).length,
      rejected: rejections.length,
      fallbackDated: articles.filter((a) => a.dateBasis !== 'meeting').length,
    },
    perMonth: [...perMonth.values()],
    meetingsByKind: kindCounts(meetings.map((m) => [m.type, 1])),
    meetingsByMonth: [...byMonth].map(([key, count]) => ({ key, count })).sort((a, b) => byCode(a.key, b.key)),
    sections: sectionsOf(meetings).map((s) => ({ key: s.key, count: s.count })),
    attendance: attendanceSum(meetings),
    documents: documents
      .map(({ meetingKeys, articleIds, ...d }) => ({ ...d, meetings: meetingKeys.length, articles: articleIds.length }))
      .sort(compareDocuments),
    ledger: ledgerOf(meetings, documents).map(summaryLedgerEntry),
    officials: officials
      .map((o) => ({ name: o.name, positions: uniqueSorted(o.positions), chaired: o.chaired.length, mentioned: o.mentioned.length, articles: o.articleIds.length }))
      .sort((a, b) => byCode(normalizeName(a.name), normalizeName(b.name))),
    top: REPORT_SECTION_SLUGS.map((key) => ({
      key,
      meetings: top(bySection.get(key) ?? [], topN).map(({ meeting }) => ({
        meeting,
        articles: meeting.articleIds
          .map((id) => articleById.get(id))
          .filter((a): a is ArticleRef => a !== undefined)
          .slice(0, ARTICLES_PER_TOP_MEETING),
      })),
    })),
  };
}

function summaryLedgerEntry(e: LedgerEntry): SummaryLedgerEntry {
  return {
    document: e.document,
    meetings: e.meetingKeys.length,
    organizers: uniqueSorted(e.organizers),
    first: e.first,
    last: e.last,
    bridgePoints: e.bridgePoints,
    attendance: e.attendance,
    presentOfExpected: e.presentOfExpected.reduce(
      (acc, p) => ({ present: acc.present + p.present, expected: acc.expected + p.expected, meetings: acc.meetings + 1 }),
      { present: 0, expected: 0, meetings: 0 },
    ),
  };
}

function kindCounts(pairs: Iterable<[string, number]>): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const [k, n] of pairs) counts.set(k, (counts.get(k) ?? 0) + n);
  return Object.keys(MEETING_KINDS)
    .map((key) => ({ key, count: counts.get(key) ?? 0 }))
    .filter((c) => c.count > 0);
}

export function addFigureSums(a: FigureSum, b: FigureSum): FigureSum {
  return {
    total: a.total === null && b.total === null ? null : (a.total ?? 0) + (b.total ?? 0),
    printed: a.printed + b.printed,
    meetings: a.meetings + b.meetings,
    approximate: a.approximate || b.approximate,
  };
}


function addCounts<K extends string>(lists: { key: K; count: number }[][]): Map<K, number> {
  const out = new Map<K, number>();
  for (const list of lists) for (const c of list) out.set(c.key, (out.get(c.key) ?? 0) + c.count);
  return out;
}

/** Reduces summaries of distinct months into the summary of their union. Order-independent. */
export function mergeSummaries(summaries: PeriodSummary[], opts: { topPerSection?: number } = {}): PeriodSummary {
  const topN = opts.topPerSection ?? TOP_PER_SECTION;
  const all = [...summaries].sort((a, b) => byCode(a.months.join(','), b.months.join(',')));
  const sum = (f: (s: PeriodSummary) => number): number => all.reduce((n, s) => n + f(s), 0);

  const documents = new Map<string, PeriodSummary['documents'][number]>();
  for (const d of all.flatMap((s) => s.documents)) {
    const seen = documents.get(d.key);
    if (!seen) {
      documents.set(d.key, { ...d });
      continue;
    }
    mergeDocumentFacts(seen, d);
    seen.meetings += d.meetings;
    seen.articles += d.articles;
  }
  const docs = [...documents.values()].sort(compareDocuments);
  const docOrder = new Map(docs.map((d, i) => [d.key, i]));

  const ledger = new Map<string, SummaryLedgerEntry>();
  for (const e of all.flatMap((s) => s.ledger)) {
    const seen = ledger.get(e.document);
    if (!seen) {
      ledger.set(e.document, { ...e, organizers: [...e.organizers], presentOfExpected: { ...e.presentOfExpected } });
      continue;
    }
    seen.meetings += e.meetings;
    seen.organizers = uniqueSorted([...seen.organizers, ...e.organizers]);
    seen.first = minDate(seen.first, e.first);
    seen.last = maxDate(seen.last, e.last);
    seen.bridgePoints = addFigureSums(seen.bridgePoints, e.bridgePoints);
    seen.attendance = addFigureSums(seen.attendance, e.attendance);
    seen.presentOfExpected = {
      present: seen.presentOfExpected.present + e.presentOfExpected.present,
      expected: seen.presentOfExpected.expected + e.presentOfExpected.expected,
      meetings: seen.presentOfExpected.meetings + e.presentOfExpected.meetings,
    };
  }

  const officials = new Map<string, PeriodSummary['officials'][number]>();
  for (const o of all.flatMap((s) => s.officials)) {
    const k = normalizeName(o.name);
    const seen = officials.get(k);
    if (!seen) {
      officials.set(k, { ...o, positions: [...o.positions] });
      continue;
    }
    if (o.name < seen.name) seen.name = o.name;
    seen.positions = uniqueSorted([...seen.positions, ...o.positions]);
    seen.chaired += o.chaired;
    seen.mentioned += o.mentioned;
    seen.articles += o.articles;
  }

  const sections = addCounts(all.map((s) => s.sections));
  const byMonth = addCounts(all.map((s) => s.meetingsByMonth));
  return {
    schemaVersion: DIGEST_SCHEMA_VERSION,
    months: uniqueSorted(all.flatMap((s) => s.months)),
    counts: {
      articles: sum((s) => s.counts.articles),
      meetings: sum((s) => s.counts.meetings),
      otherArticles: sum((s) => s.counts.otherArticles),
      rejected: sum((s) => s.counts.rejected),
      fallbackDated: sum((s) => s.counts.fallbackDated),
    },
    perMonth: all.flatMap((s) => s.perMonth).sort((a, b) => byCode(a.key, b.key)),
    meetingsByKind: kindCounts(all.flatMap((s) => s.meetingsByKind.map((c) => [c.key, c.count] as [string, number]))),
    meetingsByMonth: [...byMonth].map(([key, count]) => ({ key, count })).sort((a, b) => byCode(a.key, b.key)),
    sections: REPORT_SECTION_SLUGS.map((key) => ({ key, count: sections.get(key) ?? 0 })),
    attendance: all.map((s) => s.attendance).reduce(addFigureSums, { total: null, printed: 0, meetings: 0, approximate: false }),
    documents: docs,
    ledger: [...ledger.values()].sort((a, b) => (docOrder.get(a.document) ?? 1e9) - (docOrder.get(b.document) ?? 1e9) || byCode(a.document, b.document)),
    officials: [...officials.values()].sort((a, b) => byCode(normalizeName(a.name), normalizeName(b.name))),
    top: REPORT_SECTION_SLUGS.map((key) => ({ key, meetings: top(all.flatMap((s) => s.top.find((t) => t.key === key)?.meetings ?? []), topN) })),
  };
}

/** The figures a digest compares, from a summary: the same as `figuresOf` over the union's meetings. */
export function figuresOfSummary(s: PeriodSummary): ReportFigures {
  return {
    meetings: s.counts.meetings,
    meetingsBySection: s.sections.map((x) => ({ key: x.key, count: x.count })),
    documentsDisseminated: s.ledger.length,
    attendance: s.attendance,
  };
}

export interface SummaryDigestOptions {
  generatedAt?: string;
  generation?: number;
  timeZone?: string;
  meetingCap: number;
  topPerSection?: number;
  topOfficials?: number;
  /** The link from this digest to a month's digest (null: none). */
  monthHref?: (month: string) => string | null;
  /** Months whose own digest is a summary too. */
  summaryMonths?: ReadonlySet<string>;
  /** Link to the file with every meeting of the period (a month above the cap), relative to the digest. */
  meetingsFile?: string | null;
}

/**
 * The digest of `periodId` made from month summaries only (the period's months and those of its
 * comparisons): every count, figure, the ledger and the comparisons of the whole period, the top
 * meetings of each section with their articles, the most active officials, and links to the months.
 */
export function summaryDigest(periodId: string, summaries: PeriodSummary[], opts: SummaryDigestOptions): Digest {
  const topPerSection = opts.topPerSection ?? TOP_PER_SECTION;
  const topOfficials = opts.topOfficials ?? TOP_OFFICIALS;
  const undated = periodId === UNDATED;
  const periodMonths = undated ? [UNDATED] : monthsOf(periodId);
  const inMonths = (ids: string[]): PeriodSummary[] => summaries.filter((s) => s.months.every((m) => ids.includes(m)));
  const own = mergeSummaries(inMonths(periodMonths), { topPerSection });

  const tops = own.top.flatMap((t) => t.meetings);
  const meetings = tops.map((t) => t.meeting).sort((a, b) => byCode(a.sortDate ?? '9999', b.sortDate ?? '9999') || byCode(a.key, b.key));
  const articleById = new Map<string, ArticleRef>();
  for (const t of tops) for (const a of t.articles) articleById.set(a.id, a);
  const articles = [...articleById.values()].sort(compareArticleRefs);
  const shownMeetings = (has: (m: MeetingEntry) => boolean): string[] => meetings.filter(has).map((m) => m.key);

  const documents: DocumentEntry[] = own.documents.map(({ meetings: _m, articles: _a, ...d }) => ({
    ...d,
    meetingKeys: shownMeetings((m) => m.documents.includes(d.key)),
    articleIds: [],
  }));
  const ledger: LedgerEntry[] = own.ledger.map((e) => ({
    document: e.document,
    meetingKeys: shownMeetings((m) => m.documents.includes(e.document)),
    meetings: e.meetings,
    organizers: e.organizers.slice(0, ORGANIZERS_SHOWN),
    ...(e.organizers.length > ORGANIZERS_SHOWN ? { organizersTotal: e.organizers.length } : {}),
    first: e.first,
    last: e.last,
    bridgePoints: e.bridgePoints,
    attendance: e.attendance,
    presentOfExpected: [],
    presentOfExpectedSum: e.presentOfExpected,
  }));
  const officials: OfficialEntry[] = [...own.officials]
    .sort((a, b) => b.chaired - a.chaired || b.mentioned - a.mentioned || byCode(a.name, b.name))
    .slice(0, topOfficials)
    .map((o) => {
      const name = normalizeName(o.name);
      return {
        name: o.name,
        positions: o.positions,
        chaired: shownMeetings((m) => !!m.chair && normalizeName(m.chair.name) === name),
        mentioned: shownMeetings((m) => m.people.some((p) => normalizeName(p.name) === name) || (!!m.chair && normalizeName(m.chair.name) === name)),
        articleIds: [],
        totals: { chaired: o.chaired, mentioned: o.mentioned, articles: o.articles },
      };
    });

  const figures = figuresOfSummary(own);
  const summary: DigestSummary = {
    meetingCap: opts.meetingCap,
    topPerSection,
    topOfficials,
    months: periodMonths
      .map((m) => own.perMonth.find((p) => p.key === m))
      .filter((p): p is PeriodSummary['perMonth'][number] => p !== undefined)
      .map((p) => ({ periodId: p.key, articles: p.articles, meetings: p.meetings, href: opts.monthHref?.(p.key) ?? null, summary: opts.summaryMonths?.has(p.key) ?? false })),
    meetingsFile: opts.meetingsFile ?? null,
  };
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  return {
    ...digestHeader(periodId, opts.generation ?? 0, opts.generatedAt ?? periodEndInstant(periodId, timeZone)),
    articles,
    meetings,
    documents,
    officials,
    rejections: [],
    counts: {
      articles: own.counts.articles,
      meetings: own.counts.meetings,
      documents: own.documents.length,
      officials: own.officials.length,
      otherArticles: own.counts.otherArticles,
      rejected: own.counts.rejected,
      fallbackDated: own.counts.fallbackDated,
    },
    meetingsByKind: own.meetingsByKind,
    meetingsByMonth: periodMonths.map((key) => ({ key, count: own.meetingsByMonth.find((c) => c.key === key)?.count ?? 0 })),
    sections: own.sections.map((s) => ({
      key: s.key,
      count: s.count,
      meetingKeys: shownMeetings((m) => sectionOf(m.type) === s.key),
    })),
    ledger,
    figures,
    comparisons: comparisonsOfSummaries(periodId, summaries, inMonths),
    summary,
  };
}

function comparisonsOfSummaries(periodId: string, summaries: PeriodSummary[], inMonths: (ids: string[]) => PeriodSummary[]): Comparison[] {
  if (periodId === UNDATED) return [];
  const previous = previousPeriod(periodId);
  const yearEarlier = yearEarlierPeriod(periodId);
  const bases: [Comparison['basis'], string][] = previous === yearEarlier ? [['previous', previous]] : [['previous', previous], ['year-earlier', yearEarlier]];
  return bases.map(([basis, id]) => {
    const found = inMonths(monthsOf(id));
    return { basis, periodId: id, figures: found.length ? figuresOfSummary(mergeSummaries(found)) : null };
  });
}

/**
 * Every meeting of an aggregate with its reporting articles, then every article that reports no
 * meeting, one JSON object a line: the full facts of a month whose digest is a summary.
 */
export function* meetingLines(parts: Pick<SummaryInput, 'articles' | 'meetings'>): Generator<string> {
  const byId = new Map(parts.articles.map((a) => [a.id, a]));
  for (const m of parts.meetings) {
    yield `${JSON.stringify({ meeting: m, articles: m.articleIds.map((id) => byId.get(id)).filter((a) => a !== undefined) })}\n`;
  }
  for (const a of parts.articles) if (a.meetingKey === null) yield `${JSON.stringify({ article: a })}\n`;
}
