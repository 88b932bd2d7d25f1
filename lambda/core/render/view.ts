/**
 * Digest -> display-ready view model shared by the HTML and PDF renderers, so both print
 * the same words in the same order. Plain strings only: escaping is the renderer's job.
 */
import type { Digest, MeetingEntry, ArticleRef, FigureSum, ReportFigures } from '../digest-model.ts';
import type { Attendance } from '../model.ts';
import { periodLabel, UNDATED } from '../periods.ts';
import { labelsFor, localDate, type Labels, type Lang } from './labels.ts';
import { webUrl } from '../urls.ts';

export interface SourceView {
  n: number;
  title: string;
  date: string;
  outlet: string | null;
  /** Only http(s) URLs; anything else (javascript:, data:) is dropped. */
  url: string | null;
  files: string[];
  warning: string | null;
}

export interface MeetingView {
  n: number;
  anchor: string;
  kind: string;
  date: string;
  dateNote: string | null;
  organizer: string | null;
  chair: string | null;
  format: string | null;
  attendance: string | null;
  covers: string | null;
  documents: string[];
  summary: string;
  sourceNumbers: number[];
  warning: string | null;
}

export interface DocumentView {
  anchor: string;
  code: string | null;
  name: string;
  type: string;
  issuer: string;
  issuedOn: string;
  subject: string;
  discussedAt: number[];
  mentions: string;
}

export interface OfficialView {
  name: string;
  positions: string;
  role: string;
}

export interface SectionView {
  key: string;
  n: number;
  title: string;
  count: number;
  countText: string;
  meetings: MeetingView[];
}

export interface LedgerRowView {
  n: number;
  document: string;
  code: string | null;
  subject: string;
  conferences: number;
  /** Numbers of the meetings (as in the meetings list). */
  meetingNumbers: number[];
  organizers: string;
  dates: string;
  bridgePoints: string;
  attendance: string;
  presentOfExpected: string;
}

export interface ComparisonRowView {
  label: string;
  current: string;
  compared: string;
  change: string;
}

export interface ComparisonView {
  basis: 'previous' | 'year-earlier';
  periodId: string;
  periodLabel: string;
  heading: string;
  /** `so với 6 tháng cuối năm 2022`, for running text. */
  inline: string;
  hasData: boolean;
  /** Said plainly when the compared period has no data. */
  note: string | null;
  rows: ComparisonRowView[];
}

/** The Party report's header (Hướng dẫn 36-HD/VPTW): issuing body, number, place and date, title. */
export interface ReportHeadView {
  party: string;
  issuer: string;
  number: string;
  dateLine: string;
  reportWord: string;
  subject: string;
}

/** Said plainly on a summary digest (a period above the meeting cap): why, and where the full lists are. */
export interface SummaryView {
  title: string;
  notice: string;
  where: string;
  monthsTitle: string;
  months: { label: string; href: string | null; text: string; note: string | null }[];
  meetingsFile: { href: string; label: string } | null;
  /** Printed where a full digest lists other articles, date warnings and unusable files. */
  omitted: string;
}

export interface DigestView {
  report: ReportHeadView;
  /** Null for a full digest. */
  summary: SummaryView | null;
  sections: SectionView[];
  ledger: LedgerRowView[];
  comparisons: ComparisonView[];
  lang: Lang;
  labels: Labels;
  htmlLang: string;
  periodId: string;
  periodLabel: string;
  title: string;
  span: string;
  generatedOn: string;
  generation: number;
  counts: Digest['counts'];
  figures: { label: string; value: number }[];
  chart: { label: string; month: string; count: number }[];
  chartMax: number;
  byKind: { label: string; count: number }[];
  meetings: MeetingView[];
  documents: DocumentView[];
  officials: OfficialView[];
  otherArticles: SourceView[];
  sources: SourceView[];
  /** `message` (English, from the parser) only in an English digest. */
  rejections: { file: string; reason: string; message: string | null }[];
  warnings: SourceView[];
}

/** Shortens text for display (article fields can be arbitrarily long). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max).trimEnd()}…`;
}

/** Links only to web addresses (records written before URLs were checked at parse time may hold others). */
export const safeUrl = webUrl;

function formatNumber(n: number, lang: Lang): string {
  // Vietnamese groups thousands with '.', English with ','.
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
}

function attendanceText(a: Attendance | null, l: Labels, lang: Lang): string | null {
  if (!a) return null;
  const parts: string[] = [];
  if (a.present !== undefined) parts.push(l.present(a.present, a.expected));
  if (a.bridgePoints !== undefined) parts.push(l.bridgePoints(formatNumber(a.bridgePoints, lang)));
  if (a.total !== undefined) {
    const printed = a.printed.find((p) => /hơn|trên|gần|khoảng|more|over/i.test(p) && p.replace(/\D/g, '') === String(a.total));
    const qualifier = printed ? printed.replace(/[\d.,\s]+$/, '').trim() : '';
    parts.push(l.total(`${qualifier ? `${qualifier} ` : ''}${formatNumber(a.total, lang)}`));
  }
  if (a.members !== undefined) parts.push(l.members(formatNumber(a.members, lang)));
  if (parts.length === 0 && a.printed.length > 0) parts.push(...a.printed);
  return parts.length ? parts.join('; ') : null;
}

function documentLabel(d: { code: string | null; type: string | null; number: string | null; issuerName: string | null; key: string }): string {
  if (d.code) return d.type ? `${d.type} ${d.code}` : d.code;
  return d.key;
}

/** Who issues the report and where: from `bantin build --issuer/--place` or the `bantin:issuer`/`bantin:place` context. */
export interface ReportOptions {
  issuer?: string | null;
  place?: string | null;
  /** IANA zone the generation date ("Ngày lập") is shown in (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

function figureSumText(f: FigureSum, notPrinted: string, l: Labels, lang: Lang): string {
  if (f.total === null) return notPrinted;
  const value = `${f.approximate ? `${l.atLeast} ` : ''}${formatNumber(f.total, lang)}`;
  return f.printed < f.meetings ? `${value} (${l.printedOf(f.printed, f.meetings)})` : value;
}

function changeText(current: number | null, compared: number | null, l: Labels, lang: Lang): string {
  if (current === null || compared === null) return l.notComparable;
  const d = current - compared;
  if (d === 0) return l.unchanged;
  const pct = compared > 0 ? ` (${formatNumber(Math.round((Math.abs(d) / compared) * 100), lang)}%)` : '';
  return d > 0 ? l.increase(`${formatNumber(d, lang)}${pct}`) : l.decrease(`${formatNumber(-d, lang)}${pct}`);
}

function comparisonRows(current: ReportFigures, compared: ReportFigures, l: Labels, lang: Lang): ComparisonRowView[] {
  const n = (x: number): string => formatNumber(x, lang);
  const rows: ComparisonRowView[] = [
    { label: l.totalMeetings, current: n(current.meetings), compared: n(compared.meetings), change: changeText(current.meetings, compared.meetings, l, lang) },
  ];
  for (const s of current.meetingsBySection) {
    const c = compared.meetingsBySection.find((x) => x.key === s.key)?.count ?? 0;
    rows.push({ label: `— ${l.sections[s.key]}`, current: n(s.count), compared: n(c), change: changeText(s.count, c, l, lang) });
  }
  rows.push({
    label: l.documentsDisseminated,
    current: n(current.documentsDisseminated),
    compared: n(compared.documentsDisseminated),
    change: changeText(current.documentsDisseminated, compared.documentsDisseminated, l, lang),
  });
  // Attendance compares only when both periods printed figures, and never as exact when one is a bound.
  const a = current.attendance;
  const b = compared.attendance;
  rows.push({
    label: l.attendanceTotal,
    current: figureSumText(a, l.notPrintedAttendance, l, lang),
    compared: figureSumText(b, l.notPrintedAttendance, l, lang),
    change: a.approximate || b.approximate ? l.notComparable : changeText(a.total, b.total, l, lang),
  });
  return rows;
}

export function buildView(digest: Digest, lang: Lang = 'vi', report: ReportOptions = {}): DigestView {
  const l = labelsFor(lang);
  const label = periodLabel(digest.periodId, lang);
  const fmt = (iso: string | null): string => (iso ? l.dateFormat(iso) : l.none);

  const articleNumber = new Map<string, number>();
  digest.articles.forEach((a, i) => articleNumber.set(a.id, i + 1));
  const sourceView = (a: ArticleRef): SourceView => ({
    n: articleNumber.get(a.id)!,
    title: clip(a.title ?? a.sources[0]!.key, 300),
    date: a.publishedAt ? fmt(a.publishedAt) : a.periodDate ? fmt(a.periodDate) : l.none,
    outlet: a.sources.find((s) => s.outlet)?.outlet ?? null,
    url: safeUrl(a.sources.find((s) => safeUrl(s.url))?.url ?? null),
    files: a.sources.map((s) => s.key),
    warning: a.dateBasis === 'meeting' ? null : l.basis[a.dateBasis],
  });
  const byId = new Map(digest.articles.map((a) => [a.id, a]));

  const meetingNumber = new Map<string, number>();
  digest.meetings.forEach((m, i) => meetingNumber.set(m.key, i + 1));
  const docByKey = new Map(digest.documents.map((d) => [d.key, d]));
  const docOrder = new Map(digest.documents.map((d, i) => [d.key, i]));

  const meetingView = (m: MeetingEntry, i: number): MeetingView => {
    const articles = m.articleIds.map((id) => byId.get(id)).filter((a): a is ArticleRef => !!a);
    const fullDate = !!m.date && /^\d{4}/.test(m.date);
    const notes = [
      fullDate && m.dateInferred ? l.inferred : null,
      m.date && !fullDate ? l.yearUnknown : null,
      m.planned ? l.planned : null,
      // A correction changed a reporting article (its original values are in digest.json).
      articles.some((a) => a.corrections?.length) ? l.corrected : null,
    ].filter(Boolean);
    const fallback = articles.find((a) => a.dateBasis !== 'meeting');
    return {
      n: i + 1,
      anchor: `m${i + 1}`,
      kind: l.kinds[m.type],
      date: m.date ? fmt(m.date) : m.sortDate ? fmt(m.sortDate) : l.none,
      dateNote: notes.length ? notes.join(', ') : null,
      organizer: m.organizer ? clip(m.organizer, 240) : null,
      chair: m.chair ? (m.chair.position ? `${m.chair.name} — ${m.chair.position}` : m.chair.name) : null,
      format: m.format ? l[m.format] : null,
      attendance: attendanceText(m.attendance, l, lang),
      covers: m.coversPeriod ? periodLabel(m.coversPeriod, lang) : null,
      documents: [...m.documents]
        .sort((a, b) => (docOrder.get(a) ?? 1e9) - (docOrder.get(b) ?? 1e9))
        .map((k) => {
          const d = docByKey.get(k);
          return d ? documentLabel(d) : k;
        }),
      summary: m.summary,
      sourceNumbers: articles.map((a) => articleNumber.get(a.id)!).sort((a, b) => a - b),
      warning: fallback ? l.basis[fallback.dateBasis] : null,
    };
  };

  const figures = [
    { label: l.meetings, value: digest.counts.meetings },
    { label: l.documents, value: digest.counts.documents },
    { label: l.officials, value: digest.counts.officials },
    { label: l.articles, value: digest.counts.articles },
  ];

  const meetings = digest.meetings.map(meetingView);
  const meetingByKey = new Map(digest.meetings.map((m, i) => [m.key, meetings[i]!]));
  // Inside a sentence: `6 tháng cuối năm 2022`, `quý IV năm 2022`; `second half of 2022`, `year 2022` (month names keep their capital).
  const lowerFirst = (text: string): string =>
    lang === 'vi' ? text.replace(/^./, (c) => c.toLocaleLowerCase('vi')) : text.replace(/^(First|Second|Year)\b/, (w) => w.toLowerCase());
  const generatedDate = localDate(digest.generatedAt, report.timeZone);

  const summary = digest.summary ?? null;
  const summaryView: SummaryView | null = summary
    ? {
        title: l.summaryTitle,
        notice: l.summaryNotice(formatNumber(digest.counts.meetings, lang), formatNumber(summary.meetingCap, lang), summary.topPerSection, summary.topOfficials),
        where: summary.meetingsFile ? l.summaryWhereFile : l.summaryWhereMonths,
        monthsTitle: l.summaryMonthsTitle,
        months: summary.months.map((m) => ({
          label: periodLabel(m.periodId, lang),
          href: m.href,
          text: l.summaryMonthRow(formatNumber(m.meetings, lang), formatNumber(m.articles, lang)),
          note: m.summary ? l.summaryMonthIsSummary : null,
        })),
        meetingsFile: summary.meetingsFile ? { href: summary.meetingsFile, label: l.summaryMeetingsFile } : null,
        omitted: l.summaryOmitted,
      }
    : null;

  return {
    summary: summaryView,
    report: {
      party: l.party,
      issuer: report.issuer?.trim() || l.defaultIssuer,
      number: l.reportNumber,
      dateLine: l.dateLine(report.place?.trim() || l.defaultPlace, generatedDate),
      reportWord: l.reportWord,
      subject: l.reportSubject(digest.periodId === UNDATED ? `(${label.toLocaleLowerCase(lang)})` : lowerFirst(label)),
    },
    sections: digest.sections.map((s, i) => ({
      key: s.key,
      n: i + 1,
      title: `${ROMAN[i] ?? i + 1}. ${l.sections[s.key]}`,
      count: s.count,
      countText: summary ? l.summarySectionCount(formatNumber(s.count, lang), s.meetingKeys.length) : l.sectionCount(s.count),
      meetings: s.meetingKeys.map((k) => meetingByKey.get(k)).filter((m): m is MeetingView => !!m),
    })),
    ledger: digest.ledger.map((e, i) => {
      const d = docByKey.get(e.document);
      const first = e.first ? fmt(e.first) : l.none;
      const last = e.last ? fmt(e.last) : l.none;
      return {
        n: i + 1,
        document: d ? documentLabel(d) : e.document,
        code: d?.code ?? null,
        subject: d?.subject ?? '',
        conferences: e.meetings ?? e.meetingKeys.length,
        meetingNumbers: e.meetingKeys.map((k) => meetingNumber.get(k)).filter((n): n is number => n !== undefined),
        organizers: e.organizers.length
          ? e.organizers.map((o) => clip(o, 160)).join('; ') +
            (e.organizersTotal && e.organizersTotal > e.organizers.length ? ` ${l.summaryOrganizersMore(formatNumber(e.organizersTotal - e.organizers.length, lang))}` : '')
          : l.noOrganizer,
        dates: first === last ? first : `${first} – ${last}`,
        bridgePoints: figureSumText(e.bridgePoints, l.notPrintedBridgePoints, l, lang),
        attendance: figureSumText(e.attendance, l.notPrintedAttendance, l, lang),
        presentOfExpected: e.presentOfExpectedSum
          ? e.presentOfExpectedSum.meetings > 0
            ? l.summaryPresentSum(formatNumber(e.presentOfExpectedSum.present, lang), formatNumber(e.presentOfExpectedSum.expected, lang), formatNumber(e.presentOfExpectedSum.meetings, lang))
            : l.notPrintedPresent
          : e.presentOfExpected.length
            ? e.presentOfExpected.map((p) => `${p.present}/${p.expected}`).join('; ')
            : l.notPrintedPresent,
      };
    }),
    comparisons: digest.comparisons.map((c) => {
      const compared = lowerFirst(periodLabel(c.periodId, lang));
      return {
        basis: c.basis,
        periodId: c.periodId,
        periodLabel: periodLabel(c.periodId, lang),
        heading: l.comparedWith(compared),
        inline: l.comparedWithInline(compared),
        hasData: c.figures !== null,
        note: c.figures ? null : l.noComparisonData(compared),
        rows: c.figures ? comparisonRows(digest.figures, c.figures, l, lang) : [],
      };
    }),
    lang,
    labels: l,
    htmlLang: l.htmlLang,
    periodId: digest.periodId,
    periodLabel: label,
    title: l.bulletinOf(digest.periodId === UNDATED ? `(${label.toLocaleLowerCase(lang)})` : label.replace(/^./, (c) => (lang === 'vi' ? c.toLocaleLowerCase('vi') : c))),
    span: digest.start && digest.end ? `${fmt(digest.start)} – ${fmt(digest.end)}` : label,
    generatedOn: fmt(localDate(digest.generatedAt, report.timeZone)),
    generation: digest.generation,
    counts: digest.counts,
    figures,
    chart: digest.meetingsByMonth.map((c) => ({
      label: c.key === UNDATED ? '?' : l.monthShort(Number(c.key.slice(5, 7))),
      month: c.key,
      count: c.count,
    })),
    chartMax: Math.max(1, ...digest.meetingsByMonth.map((c) => c.count)),
    byKind: digest.meetingsByKind.map((c) => ({ label: l.kinds[c.key as keyof Labels['kinds']] ?? c.key, count: c.count })),
    meetings,
    documents: digest.documents.map((d, i) => ({
      anchor: `d${i + 1}`,
      code: d.code,
      name: d.code ? (d.type ?? '') : d.key,
      type: d.type ?? l.none,
      issuer: d.issuerName ?? d.issuer ?? l.none,
      issuedOn: d.issuedOn ? fmt(d.issuedOn) : l.none,
      subject: d.subject ?? '',
      discussedAt: d.meetingKeys.map((k) => meetingNumber.get(k)).filter((n): n is number => n !== undefined).sort((a, b) => a - b),
      mentions: d.firstMention === d.lastMention ? fmt(d.firstMention) : `${fmt(d.firstMention)} – ${fmt(d.lastMention)}`,
    })),
    officials: digest.officials.map((o) => ({
      name: o.name,
      positions: o.positions.join('; ') || l.none,
      role: ((chaired, mentioned) => [chaired ? l.chairedN(chaired) : null, l.mentionedN(mentioned)].filter(Boolean).join(' · '))(
        o.totals?.chaired ?? o.chaired.length,
        o.totals?.mentioned ?? o.mentioned.length,
      ),
    })),
    otherArticles: digest.articles.filter((a) => a.meetingKey === null).map(sourceView),
    sources: digest.articles.map(sourceView),
    // The parser's messages are English: a Vietnamese digest shows only the translated reason.
    rejections: digest.rejections.map((r) => ({ file: r.key, reason: l.rejectionReason[r.reason] ?? r.reason, message: lang === 'en' ? r.message : null })),
    warnings: digest.articles.filter((a) => a.dateBasis !== 'meeting').map(sourceView),
  };
}
