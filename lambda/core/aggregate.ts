/**
 * Aggregation: parsed articles -> one MonthAggregate per month -> a Digest per period.
 *
 * Every merge here is order-independent (union-find, sorted output), so combining month
 * aggregates gives the same digest as aggregating all articles at once; that is what lets
 * the pipeline rebuild a quarter, half or year from stored months without re-reading articles.
 */
import type { Article, Attendance, MeetingEvent, Person, Rejection } from './model.ts';
import { MEETING_KINDS } from './model.ts';
import {
  DIGEST_SCHEMA_VERSION,
  type ArticleRef,
  type DateBasis,
  type Digest,
  type DocumentEntry,
  type MeetingEntry,
  type MonthAggregate,
  type OfficialEntry,
  type SourceRef,
  type Comparison,
} from './digest-model.ts';
import { figuresOf, ledgerOf, sectionsOf } from './report.ts';
import {
  PERIOD_KINDS,
  UNDATED,
  comparePeriodIds,
  monthsOf,
  periodEnd,
  periodKindOf,
  periodStart,
  periodsOfDate,
  previousPeriod,
  yearEarlierPeriod,
  type PeriodKind,
} from './periods.ts';
import { webUrl } from './urls.ts';
import { DEFAULT_TIME_ZONE, instantOfLocalTime, localDateOf } from './timezone.ts';
import type { CorrectedArticle } from './corrections.ts';

const SUMMARY_MAX = 600;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
const byText = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const normalizedNames = new Map<string, string>();

/** Lower-cased, NFC, single-spaced: for matching names, not for display. Memoised (names recur). */
export function normalizeName(s: string): string {
  let n = normalizedNames.get(s);
  if (n === undefined) {
    if (normalizedNames.size >= 50_000) normalizedNames.clear();
    n = s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
    normalizedNames.set(s, n);
  }
  return n;
}

/** Local calendar date, in `timeZone`, of an ISO instant. */
function localDateOfInstant(instant: string, timeZone: string): string | null {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return null;
  return localDateOf(t, timeZone);
}

/** ISO instant of a local `YYYY-MM-DD[THH:mm[:ss]]` time in `timeZone`. */
export function instantOfLocal(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}Z`))) return null;
  const t = instantOfLocalTime(y!, mo!, d!, h, mi, s, timeZone);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** `YYYY-MM-DD` of a day and month (`--MM-DD`) on or before `upload`: the latest such day. */
function latestDayOnOrBefore(monthDay: string, upload: string): string | null {
  const m = /^--(\d{2})-(\d{2})$/.exec(monthDay);
  if (!m) return null;
  const year = Number(upload.slice(0, 4));
  const candidate = `${year}-${m[1]}-${m[2]}`;
  const date = candidate <= upload ? candidate : `${year - 1}-${m[1]}-${m[2]}`;
  // 29 February of a year that has none is no date.
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? null : date;
}

/**
 * The date that places an article in a period: its primary meeting's date; without a full
 * one, its publication date; without that, a meeting day and month with the year of the upload
 * (people upload the news they collect, so the latest such day before the upload), else the
 * upload date itself. Every fallback is shown with a warning.
 */
export function periodDateOf(article: Pick<Article, 'primaryEvent' | 'publishedAt' | 'uploadedAt'>, timeZone: string = DEFAULT_TIME_ZONE): {
  date: string | null;
  basis: DateBasis;
} {
  const meetingDate = article.primaryEvent?.date;
  if (meetingDate && FULL_DATE.test(meetingDate)) return { date: meetingDate, basis: 'meeting' };
  if (article.publishedAt) return { date: article.publishedAt.slice(0, 10), basis: 'published' };
  const uploaded = article.uploadedAt ? localDateOfInstant(article.uploadedAt, timeZone) : null;
  if (uploaded && meetingDate) {
    const date = latestDayOnOrBefore(meetingDate, uploaded);
    if (date) return { date, basis: 'meeting-upload-year' };
  }
  if (uploaded) return { date: uploaded, basis: 'uploaded' };
  return { date: null, basis: 'unknown' };
}

/** Month id (`YYYY-MM`) an article belongs to, or `undated`. */
export function monthOfArticle(article: Pick<Article, 'primaryEvent' | 'publishedAt' | 'uploadedAt'>, timeZone: string = DEFAULT_TIME_ZONE): string {
  const { date } = periodDateOf(article, timeZone);
  return date ? periodsOfDate(date).month : UNDATED;
}

function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function documentKey(d: Article['documents'][number]): string {
  if (d.code) return d.code.normalize('NFC').replace(/\s+/g, '');
  const parts = [d.type ?? 'Văn bản', d.number ?? '', d.issuerName ? `· ${d.issuerName}` : ''];
  return parts.filter(Boolean).join(' ').normalize('NFC');
}

/* ---------------------------------------------------------------- one article -> parts */

interface Parts {
  articles: ArticleRef[];
  meetings: MeetingEntry[];
  documents: DocumentEntry[];
  officials: OfficialEntry[];
  rejections: Rejection[];
}

function meetingKeyOf(event: MeetingEvent, sortDate: string | null, articleId: string): string {
  return `${event.date ?? sortDate ?? 'nodate'}|${event.type}|${articleId.slice(0, 12)}`;
}

/** Key of a meeting a correction labelled (corrections.ts): reports with one label are one meeting, and only they. */
const LABELLED = 'meeting|';
const labelledKey = (label: string): string => `${LABELLED}${label.normalize('NFC').trim()}`;

function partsOfArticle(article: CorrectedArticle, timeZone: string): Parts {
  const { date, basis } = periodDateOf(article, timeZone);
  const event = article.primaryEvent;
  const label = article.correction?.meeting ?? null;
  const meetingKey = event ? (label ? labelledKey(label) : meetingKeyOf(event, date, article.id)) : null;
  const docs = article.documents.map((d) => ({ d, key: documentKey(d) }));
  const source: SourceRef = { key: article.source.key, outlet: article.source.outlet, url: webUrl(article.source.url) };

  const ref: ArticleRef = {
    id: article.id,
    title: article.title,
    author: article.author,
    publishedAt: article.publishedAt,
    uploadedAt: article.uploadedAt,
    sources: [source],
    periodDate: date,
    dateBasis: basis,
    meetingKey,
    summary: truncate(article.summary, SUMMARY_MAX),
    warnings: [...article.warnings],
    ...(article.correction?.changes.length ? { corrections: article.correction.changes } : {}),
  };

  const meetings: MeetingEntry[] = [];
  if (event && meetingKey) {
    meetings.push({
      key: meetingKey,
      type: event.type,
      date: event.date,
      sortDate: date,
      dateInferred: event.dateInferred,
      planned: event.planned,
      organizer: event.organizer,
      organizers: event.organizer ? [event.organizer] : [],
      chair: event.chair,
      format: event.format,
      attendance: event.attendance,
      coversPeriod: event.coversPeriod,
      documents: uniqueSorted(docs.map((x) => x.key)),
      people: article.people,
      summary: ref.summary,
      articleIds: [article.id],
    });
  }

  const documents: DocumentEntry[] = docs.map(({ d, key }) => ({
    key,
    code: d.code,
    type: d.type,
    number: d.number,
    issuer: d.issuer,
    issuerName: d.issuerName,
    issuedOn: d.issuedOn,
    subject: d.subject,
    meetingKeys: meetingKey ? [meetingKey] : [],
    articleIds: [article.id],
    firstMention: date,
    lastMention: date,
  }));

  const people = new Map<string, Person>();
  for (const p of article.people) people.set(normalizeName(p.name), p);
  const chair = event?.chair ?? null;
  if (chair && !people.has(normalizeName(chair.name))) people.set(normalizeName(chair.name), chair);
  const officials: OfficialEntry[] = [...people.values()].map((p) => {
    const isChair = chair !== null && normalizeName(chair.name) === normalizeName(p.name);
    const positions = [p.position, isChair ? chair.position : null].filter((x): x is string => !!x);
    return {
      name: p.name,
      positions: uniqueSorted(positions),
      chaired: isChair && meetingKey ? [meetingKey] : [],
      mentioned: meetingKey ? [meetingKey] : [],
      articleIds: [article.id],
    };
  });

  return { articles: [ref], meetings, documents, officials, rejections: [] };
}

/* ---------------------------------------------------------------- merging */

export function uniqueSorted(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort(byCode);
}

export function minDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
export function maxDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function mergeArticles(refs: ArticleRef[]): ArticleRef[] {
  const byId = new Map<string, ArticleRef>();
  for (const r of [...refs].sort(compareArticleRefs)) {
    const seen = byId.get(r.id);
    if (!seen) {
      byId.set(r.id, { ...r, sources: [...r.sources], warnings: [...r.warnings] });
      continue;
    }
    const keys = new Set(seen.sources.map((s) => s.key));
    for (const s of r.sources) if (!keys.has(s.key)) seen.sources.push(s);
    seen.sources.sort((a, b) => byCode(a.key, b.key));
    seen.warnings = uniqueSorted([...seen.warnings, ...r.warnings]);
    seen.uploadedAt = minDate(seen.uploadedAt, r.uploadedAt);
    if (r.corrections?.length) seen.corrections = mergeCorrections(seen.corrections ?? [], r.corrections);
  }
  return [...byId.values()].sort(compareArticleRefs);
}

function mergeCorrections(a: NonNullable<ArticleRef['corrections']>, b: NonNullable<ArticleRef['corrections']>): NonNullable<ArticleRef['corrections']> {
  const out = new Map(a.map((c) => [`${c.source}\u0000${c.field}`, c]));
  for (const c of b) if (!out.has(`${c.source}\u0000${c.field}`)) out.set(`${c.source}\u0000${c.field}`, c);
  return [...out.values()].sort((x, y) => byCode(x.source, y.source) || byCode(x.field, y.field));
}

export function compareArticleRefs(a: ArticleRef, b: ArticleRef): number {
  return byCode(a.periodDate ?? '9999', b.periodDate ?? '9999') || byCode(a.id, b.id);
}

function organizersOverlap(a: string[], b: string[]): boolean {
  const na = a.map(normalizeName);
  const nb = b.map(normalizeName);
  return na.some((x) => nb.some((y) => x === y || x.includes(y) || y.includes(x)));
}

/**
 * Two reports describe the same meeting: same date and kind, overlapping organiser or documents.
 * A day without year (`--05-09`) only matches within one month aggregate, i.e. the same fallback month.
 */
export function sameMeeting(a: MeetingEntry, b: MeetingEntry): boolean {
  if (a.key === b.key) return true;
  if (a.key.startsWith(LABELLED) || b.key.startsWith(LABELLED)) return false;
  if (!a.date || !b.date || a.date !== b.date) return false;
  if (!FULL_DATE.test(a.date) && (a.sortDate ?? '').slice(0, 7) !== (b.sortDate ?? '').slice(0, 7)) return false;
  if (a.type !== b.type) return false;
  if (organizersOverlap(a.organizers, b.organizers)) return true;
  return a.documents.some((d) => b.documents.includes(d));
}

function mergeAttendance(a: Attendance | null, b: Attendance | null): Attendance | null {
  if (!a) return b;
  if (!b) return a;
  return {
    present: a.present ?? b.present,
    expected: a.expected ?? b.expected,
    bridgePoints: a.bridgePoints ?? b.bridgePoints,
    total: a.total ?? b.total,
    members: a.members ?? b.members,
    printed: [...new Set([...a.printed, ...b.printed])],
  } as Attendance;
}

function mergePeople(lists: Person[][]): Person[] {
  const out = new Map<string, Person>();
  for (const list of lists)
    for (const p of list) {
      const k = normalizeName(p.name);
      const seen = out.get(k);
      if (!seen || (!seen.position && p.position)) out.set(k, p);
    }
  return [...out.values()];
}

/** Merges meeting reports; returns the merged entries and a map old key -> merged key. */
function mergeMeetings(entries: MeetingEntry[]): { meetings: MeetingEntry[]; rename: Map<string, string> } {
  // Labelled meetings (corrections) share a key across reports: order those by their data too.
  const sorted = [...entries].sort(
    (a, b) => byCode(a.key, b.key) || byCode(a.sortDate ?? '9999', b.sortDate ?? '9999') || byCode(a.articleIds[0] ?? '', b.articleIds[0] ?? ''),
  );
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // sameMeeting holds only for equal keys or for equal dates and kinds, so only entries sharing
  // a key or a date and kind are compared (not every pair: a half-year holds thousands).
  const buckets = new Map<string, number[]>();
  const bucket = (name: string, i: number): void => {
    const list = buckets.get(name);
    if (list) list.push(i);
    else buckets.set(name, [i]);
  };
  sorted.forEach((m, i) => {
    bucket(`key\u0000${m.key}`, i);
    if (m.date) bucket(`date\u0000${m.date}\u0000${m.type}`, i);
  });
  for (const list of buckets.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        if (!sameMeeting(sorted[i]!, sorted[j]!)) continue;
        const ri = find(i);
        const rj = find(j);
        if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
  // Each group's root is its smallest index, so groups come out in key order as before.
  const groups = new Map<number, MeetingEntry[]>();
  sorted.forEach((m, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(m);
    else groups.set(root, [m]);
  });
  const rename = new Map<string, string>();
  const meetings: MeetingEntry[] = [];
  for (const group of groups.values()) {
    const merged = group.reduce((acc, m) => mergeTwoMeetings(acc, m));
    for (const m of group) rename.set(m.key, merged.key);
    meetings.push(merged);
  }
  meetings.sort((a, b) => byCode(a.sortDate ?? '9999', b.sortDate ?? '9999') || byCode(a.key, b.key));
  return { meetings, rename };
}

function mergeTwoMeetings(a: MeetingEntry, b: MeetingEntry): MeetingEntry {
  // a has the smaller key (groups are built from key-sorted entries).
  const chair = a.chair && (a.chair.position || !b.chair) ? a.chair : (b.chair ?? a.chair);
  return {
    key: a.key,
    type: a.type,
    date: a.date ?? b.date,
    sortDate: minDate(a.sortDate, b.sortDate),
    dateInferred: a.dateInferred && b.dateInferred,
    planned: a.planned && b.planned,
    organizer: longest(a.organizer, b.organizer),
    organizers: uniqueSorted([...a.organizers, ...b.organizers]),
    chair,
    format: a.format ?? b.format,
    attendance: mergeAttendance(a.attendance, b.attendance),
    coversPeriod: a.coversPeriod ?? b.coversPeriod,
    documents: uniqueSorted([...a.documents, ...b.documents]),
    people: mergePeople([a.people, b.people]),
    summary: b.summary.length > a.summary.length ? b.summary : a.summary,
    articleIds: uniqueSorted([...a.articleIds, ...b.articleIds]),
  };
}

function longest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a < b ? a : b;
}

/** Lists merged entry by entry are unioned once at the end (not re-sorted at every merge). */
class ListUnion<T extends object, K extends keyof T> {
  private readonly pending = new Map<T, Map<K, string[]>>();
  add(target: T, field: K, items: readonly string[]): void {
    let fields = this.pending.get(target);
    if (!fields) this.pending.set(target, (fields = new Map()));
    const list = fields.get(field);
    if (list) list.push(...items);
    else fields.set(field, [...(target[field] as string[]), ...items]);
  }
  finish(): void {
    for (const [target, fields] of this.pending) for (const [field, list] of fields) (target[field] as string[]) = uniqueSorted(list);
  }
}

type DocumentFacts = Pick<DocumentEntry, 'code' | 'type' | 'number' | 'issuer' | 'issuerName' | 'issuedOn' | 'subject' | 'firstMention' | 'lastMention'>;

/** One document seen twice (two meetings, or two months' summaries): the facts either names, the longer subject, the wider span. */
export function mergeDocumentFacts(seen: DocumentFacts, d: DocumentFacts): void {
  seen.code ??= d.code;
  seen.type ??= d.type;
  seen.number ??= d.number;
  seen.issuer ??= d.issuer;
  seen.issuerName ??= d.issuerName;
  seen.issuedOn ??= d.issuedOn;
  seen.subject = longest(seen.subject, d.subject);
  seen.firstMention = minDate(seen.firstMention, d.firstMention);
  seen.lastMention = maxDate(seen.lastMention, d.lastMention);
}

function mergeDocuments(entries: DocumentEntry[], rename: Map<string, string>): DocumentEntry[] {
  const byKey = new Map<string, DocumentEntry>();
  const lists = new ListUnion<DocumentEntry, 'meetingKeys' | 'articleIds'>();
  for (const e of [...entries].sort((a, b) => byCode(a.key, b.key) || byCode(a.articleIds[0] ?? '', b.articleIds[0] ?? ''))) {
    const d = { ...e, meetingKeys: e.meetingKeys.map((k) => rename.get(k) ?? k) };
    const seen = byKey.get(d.key);
    if (!seen) {
      byKey.set(d.key, { ...d, meetingKeys: uniqueSorted(d.meetingKeys), articleIds: uniqueSorted(d.articleIds) });
      continue;
    }
    mergeDocumentFacts(seen, d);
    lists.add(seen, 'meetingKeys', d.meetingKeys);
    lists.add(seen, 'articleIds', d.articleIds);
  }
  lists.finish();
  return [...byKey.values()].sort(compareDocuments);
}

const DOC_TYPE_ORDER = ['Nghị quyết', 'Chỉ thị', 'Kết luận', 'Quy định', 'Quyết định', 'Đề án', 'Kế hoạch'];
export function compareDocuments(a: Pick<DocumentEntry, 'type' | 'key'>, b: Pick<DocumentEntry, 'type' | 'key'>): number {
  const rank = (d: Pick<DocumentEntry, 'type'>): number => {
    const i = DOC_TYPE_ORDER.indexOf(d.type ?? '');
    return i < 0 ? DOC_TYPE_ORDER.length : i;
  };
  return rank(a) - rank(b) || byText(a.key, b.key) || byCode(a.key, b.key);
}

function mergeOfficials(entries: OfficialEntry[], rename: Map<string, string>): OfficialEntry[] {
  const byName = new Map<string, OfficialEntry>();
  const lists = new ListUnion<OfficialEntry, 'positions' | 'chaired' | 'mentioned' | 'articleIds'>();
  for (const e of [...entries].sort((a, b) => byCode(a.name, b.name))) {
    const k = normalizeName(e.name);
    const re = (keys: string[]): string[] => keys.map((x) => rename.get(x) ?? x);
    const seen = byName.get(k);
    if (!seen) {
      byName.set(k, { ...e, chaired: uniqueSorted(re(e.chaired)), mentioned: uniqueSorted(re(e.mentioned)) });
      continue;
    }
    lists.add(seen, 'positions', e.positions);
    lists.add(seen, 'chaired', re(e.chaired));
    lists.add(seen, 'mentioned', re(e.mentioned));
    lists.add(seen, 'articleIds', e.articleIds);
  }
  lists.finish();
  return [...byName.values()].sort(
    (a, b) =>
      b.chaired.length - a.chaired.length ||
      b.mentioned.length - a.mentioned.length ||
      byText(a.name, b.name) ||
      byCode(a.name, b.name),
  );
}

function mergeRejections(list: Rejection[]): Rejection[] {
  const seen = new Map<string, Rejection>();
  for (const r of list) seen.set(`${r.key}\u0000${r.reason}`, r);
  return [...seen.values()].sort((a, b) => byCode(a.key, b.key) || byCode(a.reason, b.reason));
}

function mergeParts(all: Parts[]): Parts {
  const articles = mergeArticles(all.flatMap((p) => p.articles));
  const { meetings, rename } = mergeMeetings(all.flatMap((p) => p.meetings));
  for (const a of articles) if (a.meetingKey) a.meetingKey = rename.get(a.meetingKey) ?? a.meetingKey;
  return {
    articles,
    meetings,
    documents: mergeDocuments(all.flatMap((p) => p.documents), rename),
    officials: mergeOfficials(all.flatMap((p) => p.officials), rename),
    rejections: mergeRejections(all.flatMap((p) => p.rejections)),
  };
}

/* ---------------------------------------------------------------- public API */

/** Aggregates the articles (and rejections) of one month (`YYYY-MM`) or of the `undated` bucket. */
export function aggregateMonth(monthId: string, articles: CorrectedArticle[], rejections: Rejection[] = [], opts: { timeZone?: string } = {}): MonthAggregate {
  if (monthId !== UNDATED && periodKindOf(monthId) !== 'month') throw new Error(`aggregateMonth: not a month: ${monthId}`);
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const parts = mergeParts([...articles.map((a) => partsOfArticle(a, timeZone)), { ...emptyParts(), rejections }]);
  return { schemaVersion: DIGEST_SCHEMA_VERSION, periodId: monthId, ...parts };
}

function emptyParts(): Parts {
  return { articles: [], meetings: [], documents: [], officials: [], rejections: [] };
}

/** Latest article time (ISO instant) — the default generatedAt, so output depends only on input. */
function latestArticleTime(articles: ArticleRef[], timeZone: string): string | null {
  let best: string | null = null;
  for (const a of articles) {
    const candidates = [a.uploadedAt, a.publishedAt ? instantOfLocal(a.publishedAt, timeZone) : null, a.periodDate ? instantOfLocal(a.periodDate, timeZone) : null];
    for (const c of candidates) {
      if (!c) continue;
      const t = Date.parse(c);
      if (Number.isNaN(t)) continue;
      const iso = new Date(t).toISOString();
      if (best === null || iso > best) best = iso;
    }
  }
  return best;
}

/**
 * The figures of the periods a digest is compared with, from the month aggregates given: the
 * previous period of the same length and the same period a year earlier (for a year, the two are
 * one). A compared period none of whose months is given has `figures: null`.
 */
function comparisonsOf(periodId: string, months: MonthAggregate[]): Comparison[] {
  if (periodId === UNDATED) return [];
  const previous = previousPeriod(periodId);
  const yearEarlier = yearEarlierPeriod(periodId);
  const bases: [Comparison['basis'], string][] = previous === yearEarlier ? [['previous', previous]] : [['previous', previous], ['year-earlier', yearEarlier]];
  return bases.map(([basis, id]) => {
    const ids = new Set(monthsOf(id));
    const inPeriod = months.filter((m) => ids.has(m.periodId));
    if (inPeriod.length === 0) return { basis, periodId: id, figures: null };
    const parts = mergeParts(inPeriod);
    return { basis, periodId: id, figures: figuresOf(parts.meetings, ledgerOf(parts.meetings, parts.documents)) };
  });
}

/**
 * Combines month aggregates into the digest of `periodId`. Months outside the period are ignored,
 * except those of the compared periods (the previous one and the one a year earlier), whose
 * figures fill `comparisons`.
 */
/** The instant a period ends in the time zone (a fixed epoch for undated work): a digest's time when nothing dates it. */
export function periodEndInstant(periodId: string, timeZone: string): string {
  return periodId === UNDATED ? '1970-01-01T00:00:00.000Z' : instantOfLocal(periodEnd(periodId), timeZone)!;
}

/** The fields every digest opens with, in their order, for a full digest and a summary alike. */
export function digestHeader(periodId: string, generation: number, generatedAt: string): Pick<Digest, 'schemaVersion' | 'generation' | 'periodId' | 'kind' | 'start' | 'end' | 'generatedAt' | 'months'> {
  const undated = periodId === UNDATED;
  return {
    schemaVersion: DIGEST_SCHEMA_VERSION,
    generation,
    periodId,
    kind: undated ? 'undated' : periodKindOf(periodId),
    start: undated ? null : periodStart(periodId),
    end: undated ? null : periodEnd(periodId),
    generatedAt,
    months: undated ? [UNDATED] : monthsOf(periodId),
  };
}

export function combineAggregates(
  periodId: string,
  months: MonthAggregate[],
  opts: { generatedAt?: string; generation?: number; timeZone?: string } = {},
): Digest {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const undated = periodId === UNDATED;
  const periodMonths = undated ? [UNDATED] : monthsOf(periodId);
  const inPeriod = months.filter((m) => periodMonths.includes(m.periodId));
  const parts = mergeParts(inPeriod);
  const meetingMonth = (m: MeetingEntry): string => (m.sortDate ? m.sortDate.slice(0, 7) : UNDATED);
  const generatedAt = opts.generatedAt ?? latestArticleTime(parts.articles, timeZone) ?? periodEndInstant(periodId, timeZone);
  const ledger = ledgerOf(parts.meetings, parts.documents);
  return {
    ...digestHeader(periodId, opts.generation ?? 0, generatedAt),
    ...parts,
    counts: {
      articles: parts.articles.length,
      meetings: parts.meetings.length,
      documents: parts.documents.length,
      officials: parts.officials.length,
      otherArticles: parts.articles.filter((a) => a.meetingKey === null).length,
      rejected: parts.rejections.length,
      fallbackDated: parts.articles.filter((a) => a.dateBasis !== 'meeting').length,
    },
    meetingsByKind: (Object.keys(MEETING_KINDS) as (keyof typeof MEETING_KINDS)[])
      .map((kind) => ({ key: kind, count: parts.meetings.filter((m) => m.type === kind).length }))
      .filter((c) => c.count > 0),
    meetingsByMonth: periodMonths.map((month) => ({
      key: month,
      count: parts.meetings.filter((m) => meetingMonth(m) === month).length,
    })),
    sections: sectionsOf(parts.meetings),
    ledger,
    figures: figuresOf(parts.meetings, ledger),
    comparisons: comparisonsOf(periodId, months),
  };
}

/** Month of a rejection: the local month it was rejected in, else `undated`. */
function monthOfRejection(r: Rejection, timeZone: string): string {
  const date = r.rejectedAt ? localDateOfInstant(r.rejectedAt, timeZone) : null;
  return date ? periodsOfDate(date).month : UNDATED;
}

/**
 * Convenience for one-machine builds: assigns each article to its month, aggregates the months,
 * and combines them into a digest for every period (of the requested kinds) that any article touches,
 * plus an `undated` digest when some article's year cannot be known.
 */
export function buildDigests(
  articles: CorrectedArticle[],
  opts: { kinds?: PeriodKind[]; generatedAt?: string; rejections?: Rejection[]; timeZone?: string } = {},
): Digest[] {
  const kinds = opts.kinds ?? [...PERIOD_KINDS];
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  // Copies of the same content (same id) must land in the same month: date them all by the earliest upload.
  const firstUpload = new Map<string, string | null>();
  for (const a of articles) {
    const seen = firstUpload.get(a.id);
    firstUpload.set(a.id, seen === undefined ? a.uploadedAt : minDate(seen, a.uploadedAt));
  }
  const byMonth = new Map<string, CorrectedArticle[]>();
  for (const original of articles) {
    const a = { ...original, uploadedAt: firstUpload.get(original.id) ?? original.uploadedAt };
    const month = monthOfArticle(a, timeZone);
    const list = byMonth.get(month);
    if (list) list.push(a);
    else byMonth.set(month, [a]);
  }
  const rejectionsByMonth = new Map<string, Rejection[]>();
  for (const r of opts.rejections ?? []) {
    const month = monthOfRejection(r, timeZone);
    const list = rejectionsByMonth.get(month);
    if (list) list.push(r);
    else rejectionsByMonth.set(month, [r]);
  }
  const monthIds = uniqueSorted([...byMonth.keys(), ...rejectionsByMonth.keys()]);
  const aggregates = monthIds.map((m) => aggregateMonth(m, byMonth.get(m) ?? [], rejectionsByMonth.get(m) ?? [], { timeZone }));

  const periods = new Set<string>();
  for (const m of monthIds) {
    if (m === UNDATED) {
      periods.add(UNDATED);
      continue;
    }
    const ofDate = periodsOfDate(`${m}-01`);
    for (const k of kinds) periods.add(ofDate[k]);
  }
  return [...periods]
    .sort(comparePeriodIds)
    .map((p) => combineAggregates(p, aggregates, { timeZone, ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}) }));
}
