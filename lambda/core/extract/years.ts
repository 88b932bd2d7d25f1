/**
 * The year of a date printed without one (`Chiều ngày 16/2`, `sáng 27/4`), by evidence.
 *
 * Evidence, strongest first: the article's publication time; the same day printed with its year
 * elsewhere; a year in a sentence that carries the meeting's date; the current period the text
 * reports on (`quý I/2025`, `6 tháng đầu năm 2023`, `tháng 5/2025`), `cùng kỳ năm 2021` (the year
 * after), anniversaries (`(30.4.1975 - 30.4.2025)`, `127 năm Ngày sinh của Bác`, `5 năm thực hiện
 * Luật … năm 2012`), dates the text announces shortly after, and the document the meeting
 * disseminates. Issue dates of cited documents and codes are lower bounds only; a term
 * (`nhiệm kỳ 2020–2025`) printed with the meeting bounds the year. Weak or conflicting evidence
 * leaves `--MM-DD`. Every inferred year names its evidence in the warning.
 *
 * The rules are data: the named lists below, each a regex tested on the words just before a
 * printed year (a short slice, so the end-anchored patterns stay cheap).
 */
import { findDates, hasDigit, isoDate } from './dates.ts';
import { TYPE_WORD_ALT, typeOfWord } from './document-types.ts';
import { pad2 } from './vietnamese.ts';

/** A printed year: 1940–2049, not part of a longer number or word. */
const YEAR_TOKEN = /(?<![\p{L}\d])((?:19[4-9]|20[0-4])\d)(?!\d)/gu;
const HAS_YEAR = /(?:19[4-9]|20[0-4])\d/;
/** How much text before a year the rules look at. */
const BEFORE_CHARS = 120;

/** A date printed after a document's code or name is its issue date (`Công điện số 156/CĐ-TTg ngày 2/2/2017`, `Nghị quyết 14 … (ngày 6/11/2018)`). */
export const AFTER_DOCUMENT = new RegExp(String.raw`(?:\d[\p{L}\d.-]*\/[\p{L}\d/.-]*[\p{L}\d]|(?:${TYPE_WORD_ALT})\s{1,2}(?:số\s{1,2})?\d{1,4})\s{0,2},?\s{0,2}(?:ban hành\s{1,2})?$`, 'iu');
/** The same, allowing the issuer and a parenthesis between (`Nghị quyết 14 của Ban Chấp hành Đảng bộ thành phố (ngày`). */
const DOCUMENT_BEFORE_DATE = new RegExp(String.raw`(?:\d[\p{L}\d.-]*\/[\p{L}\d/.-]*[\p{L}\d]|(?:${TYPE_WORD_ALT})\s{1,2}(?:số\s{1,2})?\d{1,4}(?:\s{0,2}[-–]\s{0,2}[\p{Lu}\p{N}/-]{2,16})?)(?:\s{1,2}(?:của|do)\s{1,2}[^,.;()]{1,60})?\s{0,2},?\s{0,2}\(?\s{0,2}(?:ban hành\s{1,2})?(?:ngày\s{1,2})?$`, 'iu');

/** Where a rule's year leads: the meeting's year, given the printed year and the meeting's month; null = says nothing. */
type Reading = (printed: number, match: RegExpExecArray, meetingMonth: number) => number | null;

interface YearRule {
  name: string;
  /** Tested on the words before the printed year; must end with `$`. */
  before: RegExp;
  /** Votes for a year (`vote`), bounds it from below (`lower`), rules it out (`veto`), or marks the year as no evidence (`none`). */
  effect: 'vote' | 'lower' | 'veto' | 'none';
  /** Counts only in a sentence that carries the meeting's date. */
  withDateOnly?: boolean;
  read: Reading;
}

const same: Reading = (y) => y;
const WORD_NUMBERS: Record<string, number> = { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };
const countOf = (printed: string) => WORD_NUMBERS[printed.toLowerCase()] ?? Number(printed);

/**
 * Rules for a printed year, first match wins. A year inside a full date or a range (`2016 - 2020`)
 * is read by the date and range rules further down, not by these.
 */
const YEAR_RULES: YearRule[] = [
  // `sơ kết 5 năm thực hiện Luật Hợp tác xã năm 2012`, `1 năm triển khai thực hiện Quy định số 01 ngày 3/3/2016`.
  {
    name: 'years since',
    before: /(?<![\p{L}\d])(\d{1,2}|một|hai|ba|bốn|năm|mười)\s{1,2}năm\s{1,2}(?:triển khai\s{1,2})?(?:thực hiện|thi hành)\s[^.;:!?]{0,90}?(?:năm\s{1,2}|ngày\s{1,2}\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?|\d\/)$/iu,
    effect: 'vote',
    read: (y, m) => y + countOf(m[1]!),
  },
  // `quý I/2025`, `quý 3 năm 2017`, `6 tháng đầu năm 2023`, `những tháng còn lại của năm 2017`.
  {
    name: 'period',
    before: /(?:(?<![\p{L}\d])(?:\d{1,2}|sáu|chín|những|các)\s{1,2}tháng\s{1,2}(?:đầu|cuối|còn lại)(?:\s{1,2}của)?|(?<![\p{L}])quý\s{1,2}(?:I{1,3}|IV|[1-4]))\s{0,2}(?:năm|\/|-)\s{0,2}$/iu,
    effect: 'vote',
    read: same,
  },
  // `Kỳ họp thường lệ giữa năm 2025` (with the meeting's date only: `đến giữa năm 2006` in a biography is no evidence).
  { name: 'mid-year', before: /(?<![\p{L}])(?<!(?:đến|tới|từ|hết)\s{1,2})giữa\s{1,2}năm\s{1,2}$/iu, effect: 'vote', withDateOnly: true, read: same },
  // `gấp 4 lần năm 2016`, `so với năm 2016`: a year compared with the current one is not it.
  { name: 'compared year', before: /(?<![\p{L}])(?:so với|gấp\s{1,2}\S+\s{1,2}lần|cao hơn|thấp hơn|như)\s{1,2}(?:năm\s{1,2})?$/iu, effect: 'veto', read: same },
  // `so với cùng kỳ năm 2016`, `cùng kỳ 2021`: the year before the current one.
  { name: 'same period last year', before: /(?<![\p{L}])cùng kỳ\s{1,2}(?:năm\s{1,2})?$/iu, effect: 'vote', read: (y) => y + 1 },
  // `Hội nghị tổng kết công tác năm 2024`: held at the end of that year or early in the next.
  {
    name: 'year review',
    before: /(?<![\p{L}])tổng kết\s{1,2}(?:(?:công tác|hoạt động|nhiệm vụ)\s{1,2})?(?:năm\s{1,2})?$/iu,
    effect: 'vote',
    read: (y, _m, month) => (month <= 3 ? y + 1 : month >= 11 ? y : null),
  },
  // `Thực hiện Chương trình công tác năm 2017`, `điều chỉnh Chương trình xây dựng luật, pháp lệnh năm 2017`, `hoàn thành kế hoạch năm 2017`.
  {
    name: 'work of the year',
    before: /(?<![\p{L}])(?<!(?:kết quả|tình hình|đánh giá)\s{1,2})(?:thực hiện|triển khai|hoàn thành|điều chỉnh)(?:,?\s{1,2}bổ sung)?\s{1,2}(?:(?!đến|tới|hết|từ|trước)\S+\s{1,2}){0,5}?(?:nhiệm vụ|kế hoạch|chương trình|chỉ tiêu|danh mục)(?:\s{1,2}(?!đến|tới|hết|từ|trước|sau)\S+){0,8}?\s{1,2}(?<!\d\s{1,2})năm\s{1,2}$/iu,
    effect: 'vote',
    read: same,
  },
  // `Chỉ thị 20/2017/CT-TTg`, `Nghị định 139/2025/NĐ-CP`: the document exists, so the meeting is not earlier.
  { name: 'document code', before: /\d\s{0,2}\/\s{0,2}$/u, effect: 'lower', read: same },
  // `Luật Hợp tác xã năm 2012`, `Hiến pháp năm 2013`: the year of a law, not of the meeting.
  { name: 'law', before: /(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh|Điều lệ)(?:\s{1,2}[^\s.;:]+){0,8}\s{1,2}(?:năm\s{1,2})?$/u, effect: 'none', read: same },
  // `kiểm điểm … năm 2016`: a review of a past year.
  { name: 'past review', before: /(?<![\p{L}])kiểm điểm[^.;:]{0,90}?\snăm\s{1,2}$/iu, effect: 'none', read: same },
  // Targets and spans: `đến năm 2020`, `tầm nhìn 2030`, `từ năm 2016`, `trước năm 2019`, `5 năm 2016`.
  {
    name: 'target or span',
    before: /(?:(?<![\p{L}])(?:đến|tới|từ|trước|sau|tầm nhìn|định hướng|giai đoạn|nhiệm kỳ|khóa|khoá|sinh|cuối|đầu|hết)(?:\s{1,2}(?:đến|tới|năm))?|\d\s{1,2}năm)\s{1,2}$/iu,
    effect: 'none',
    read: same,
  },
  // `Hội nghị … lần thứ hai, năm 2017`, `Đoàn kiểm tra của Ban Bí thư năm 2017`: counts only in a sentence with the meeting's date.
  { name: 'year with the meeting', before: /(?:(?<![\p{L}])năm\s{1,2}|,\s{0,2})$/iu, effect: 'vote', withDateOnly: true, read: same },
];

const CODE_RULE = YEAR_RULES.find((r) => r.name === 'document code')!;
const CODE_AFTER = /^\s{0,2}\/\s{0,2}[\p{L}\d]/u;

/** `tháng 5/2025`, `tháng 9-2024`, `tháng 2 năm 2017`: the month a year is printed with. */
const MONTH_YEAR = /(?<![\p{L}])tháng\s{1,2}(\d{1,2})\s{0,2}(?:[/-]|năm)\s{0,2}$/iu;
/** … at the start of a clause (`Trong tháng 3/2017, …`, `…, tháng 5/2013, ông được bầu`): a past or later event, not a label of the meeting. */
const NARRATIVE_MONTH = /(?:^|[,;:]\s{0,2}|(?<![\p{L}])(?:trong|vào|từ|đến|tới|cuối|đầu|giữa|sau|trước|hồi|hết)\s{1,2})tháng\s{1,2}\d{1,2}\s{0,2}(?:[/-]|năm)\s{0,2}$/iu;
const IN_FULL_DATE = /\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?$|ngày\s{1,2}\d{1,2}\s{1,2}tháng\s{1,2}\d{1,2}\s{1,2}năm\s{1,2}$/iu;
const RANGE_AFTER = /^\s{0,2}[-–]{1,2}\s{0,2}(?:\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?)?(?:19|20)\d\d/u;
const RANGE_BEFORE = /(?:19|20)\d\d\s{0,2}[-–]{1,2}\s{0,2}(?:\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?)?$/u;

/** `kỷ niệm 50 năm … (30.4.1975 - 30.4.2025)`, `Tổng kết 15 năm (2002 - 2017)`: the end year, when N = end - start. */
const ANNIVERSARY_RANGE = /(?<![\p{L}\d])(\d{1,3})\s{1,2}năm(?:\s[^.;:!?()]{0,80}?)?\s{0,2}\(?\s{0,2}(?:\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?)?((?:19|20)\d\d)\s{0,2}[-–]{1,2}\s{0,2}(?:\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?)?((?:19|20)\d\d)(?!\d)/giu;
/** `nhiệm kỳ 2020–2025` printed with the meeting: the meeting falls within the term (or just before it starts). */
const TERM = /(?<![\p{L}])nhiệm kỳ\s{1,2}((?:19|20)\d\d)\s{0,2}[-–]{1,2}\s{0,2}((?:19|20)\d\d)(?!\d)/giu;

/** National anniversaries whose start year every reader knows: `127 năm Ngày sinh của Bác` → 1890 + 127. */
const NATIONAL_ANNIVERSARIES: Array<{ name: string; words: string; since: number }> = [
  { name: 'birth of Hồ Chí Minh', words: String.raw`sinh\s{1,2}(?:của\s{1,2})?(?:Bác(?:\s{1,2}Hồ)?|Chủ tịch\s{1,2}Hồ Chí Minh|Người)`, since: 1890 },
  { name: 'founding of the Party', words: String.raw`thành lập\s{1,2}Đảng(?:\s{1,2}Cộng sản\s{1,2}Việt Nam)?(?![\p{L}])(?!\s{1,2}bộ)`, since: 1930 },
  { name: 'August Revolution', words: String.raw`Cách mạng\s{1,2}Tháng Tám`, since: 1945 },
  { name: 'National Day', words: String.raw`Quốc khánh`, since: 1945 },
  { name: 'Liberation of the South', words: String.raw`giải phóng\s{1,2}(?:hoàn toàn\s{1,2})?miền Nam`, since: 1975 },
  { name: 'Điện Biên Phủ', words: String.raw`Chiến thắng\s{1,2}(?:lịch sử\s{1,2})?Điện Biên Phủ`, since: 1954 },
  { name: 'Invalids and Martyrs Day', words: String.raw`Thương binh\s{0,2}[-–]\s{0,2}Liệt sĩ`, since: 1947 },
  { name: 'founding of the People’s Army', words: String.raw`thành lập\s{1,2}Quân đội\s{1,2}nhân dân`, since: 1944 },
];
const NATIONAL = new RegExp(
  String.raw`(?<![\p{L}\d])(\d{1,3})\s{1,2}năm\s{1,2}(?:Ngày\s{1,2}|ngày\s{1,2})?(?:${NATIONAL_ANNIVERSARIES.map((a, i) => `(?<a${i}>${a.words})`).join('|')})`,
  'giu',
);

/** `quán triệt, triển khai Nghị quyết 05-NQ/TU`: the document the meeting disseminates. */
const DISSEMINATES = new RegExp(String.raw`(?<![\p{L}])(?:quán triệt|triển khai|học tập|phổ biến)(?:\s{0,2},?\s{1,2}(?:quán triệt|triển khai|học tập|phổ biến|thực hiện|tuyên truyền))*\s{1,2}(?:thực hiện\s{1,2})?(?:các\s{1,2})?(?<type>${TYPE_WORD_ALT})\s{1,2}(?:số\s{1,2})?(?<number>\d{1,4})`, 'giu');

/** A full date after these words is a birth, a Party card or when a law takes effect, not an event of the article. */
const NOT_EVENT_DATE = /(?<![\p{L}])(?:sinh|vào Đảng|chính thức|mất|từ trần|hiệu lực(?:\s{1,2}thi hành)?(?:\s{1,2}(?:từ|kể từ))?)\s{0,2}:?\s{0,2}(?:ngày\s{1,2})?$/iu;

/** What is known of a cited document: enough to date a meeting that disseminates it. */
export interface DocumentDate {
  type: string | null;
  number: string | null;
  issuedOn: string | null;
}

interface SentenceFacts {
  /** Rule votes: a year (or a reading needing the meeting's month), the words, the rule. */
  votes: Array<{ printed: number; match: RegExpExecArray; rule: YearRule; words: string }>;
  /** `tháng M/Y`: label (`chuyên đề tháng 9-2024`) or narrative. */
  monthYears: Array<{ month: number; year: number; label: boolean; words: string }>;
  anniversaries: Array<{ year: number; words: string }>;
  /** Years ruled out (`gấp 4 lần năm 2016`). */
  vetoes: number[];
  terms: Array<{ from: number; to: number; words: string }>;
  /** Day/months printed (for finding the sentences that carry the meeting's date). */
  dayMonths: Set<string>;
  /** Full dates not after a document (events, announced dates). */
  fullDates: Array<{ iso: string; words: string; planned: boolean }>;
  /** Documents disseminated, by type and number. */
  disseminated: Array<{ type: string; number: string }>;
}

export interface YearContext {
  /** Publication date of the article, if known. */
  published: { year: number; month: number; day: number } | null;
  /** The evidence in the text: read on first use (a known publication date makes it unneeded). */
  readonly evidence: YearEvidence;
  documents: DocumentDate[];
}

export interface YearEvidence {
  /** Title first, then the body's sentences. */
  sentences: SentenceFacts[];
  /** The meeting is not earlier than this year (document codes, issue dates). */
  lowerBound: number | null;
  lowerBoundWords: string | null;
}

const dayMonthKey = (day: number, month: number) => `${day}/${month}`;

/** Every kind of evidence has a digit (a date, a year, a count of years, a document number): a text without one has none. */
const NO_FACTS: SentenceFacts = Object.freeze({ votes: [], monthYears: [], anniversaries: [], vetoes: [], terms: [], dayMonths: new Set<string>(), fullDates: [], disseminated: [] });

/** `at`: the text's number in the article (text-memo.ts), so that its dates, read already for the meeting, are not read again. */
function sentenceFacts(text: string, at?: number): SentenceFacts {
  if (!hasDigit(text, at)) return NO_FACTS;
  const facts: SentenceFacts = { votes: [], monthYears: [], anniversaries: [], vetoes: [], terms: [], dayMonths: new Set(), fullDates: [], disseminated: [] };
  for (const d of findDates(text, at)) {
    facts.dayMonths.add(dayMonthKey(d.day, d.month));
    if (d.year === null) continue;
    const words = text.slice(d.start, d.end).trim();
    const before = text.slice(Math.max(0, d.start - BEFORE_CHARS), d.start);
    if (!DOCUMENT_BEFORE_DATE.test(before) && !NOT_EVENT_DATE.test(before)) {
      facts.fullDates.push({ iso: isoDate(d.year, d.month, d.day), words, planned: d.planned });
    }
  }
  if (/quán triệt|triển khai|học tập|phổ biến/iu.test(text)) {
    for (const m of text.matchAll(DISSEMINATES)) facts.disseminated.push({ type: typeOfWord(m.groups!.type!).toLowerCase(), number: m.groups!.number! });
  }
  // `127 năm Ngày sinh của Bác`: no year printed.
  for (const m of /\d\s{1,2}năm/u.test(text) ? text.matchAll(NATIONAL) : []) {
    const i = NATIONAL_ANNIVERSARIES.findIndex((_a, k) => m.groups?.[`a${k}`] !== undefined);
    if (i >= 0) facts.anniversaries.push({ year: NATIONAL_ANNIVERSARIES[i]!.since + Number(m[1]), words: m[0] });
  }
  if (!HAS_YEAR.test(text)) return facts;
  for (const m of text.matchAll(ANNIVERSARY_RANGE)) {
    const [n, from, to] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (n > 0 && to - from === n) facts.anniversaries.push({ year: to, words: m[0] });
  }
  for (const m of text.matchAll(TERM)) facts.terms.push({ from: Number(m[1]), to: Number(m[2]), words: m[0] });
  for (const m of text.matchAll(YEAR_TOKEN)) {
    const at = m.index;
    const printed = Number(m[1]);
    const before = text.slice(Math.max(0, at - BEFORE_CHARS), at);
    const after = text.slice(at + 4, at + 30);
    const rules = YEAR_RULES;
    // `5 năm thực hiện … ngày 3/3/2016` reads a year inside a date; every other rule leaves dates to findDates.
    const since = rules[0]!.before.exec(before);
    if (since) {
      facts.votes.push({ printed, match: since, rule: rules[0]!, words: `${since[0]}${m[1]}`.trim() });
      continue;
    }
    if (IN_FULL_DATE.test(before) || RANGE_AFTER.test(after) || RANGE_BEFORE.test(before)) continue;
    const month = MONTH_YEAR.exec(before);
    if (month) {
      const words = `${month[0]}${m[1]}`.trim();
      facts.monthYears.push({ month: Number(month[1]), year: printed, label: !NARRATIVE_MONTH.test(before), words });
      continue;
    }
    // `139/2025/NĐ-CP`, `20/2017/CT-TTg`: a year in a document code.
    if (CODE_AFTER.test(after)) {
      facts.votes.push({ printed, match: m, rule: CODE_RULE, words: text.slice(Math.max(0, at - 8), at + 12).trim() });
      continue;
    }
    for (const rule of rules.slice(1)) {
      const r = rule.before.exec(before);
      if (!r) continue;
      if (rule.effect === 'veto') facts.vetoes.push(printed);
      else if (rule.effect !== 'none') facts.votes.push({ printed, match: r, rule, words: `${r[0].slice(-60)}${m[1]}`.trim() });
      break;
    }
  }
  return facts;
}

function fromPublished(publishedAt: string | null): YearContext['published'] {
  const p = publishedAt ? /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt) : null;
  return p ? { year: Number(p[1]), month: Number(p[2]), day: Number(p[3]) } : null;
}

/**
 * The year context of an article: `texts` is the title (or '') followed by the body's sentences.
 * Their evidence is read once, when a date without a year must be resolved without a publication date.
 */
export function buildYearContext(texts: string[], publishedAt: string | null, documents: DocumentDate[] = []): YearContext {
  let evidence: YearEvidence | null = null;
  return {
    published: fromPublished(publishedAt),
    documents,
    get evidence() {
      return (evidence ??= readEvidence(texts, documents));
    },
  };
}

function readEvidence(texts: string[], documents: DocumentDate[]): YearEvidence {
  // `texts` are the article's texts in text-memo.ts order (the title, then the sentences): text i is number i.
  const sentences = texts.map((t, i) => sentenceFacts(t ?? '', i));
  let lowerBound: number | null = null;
  let lowerBoundWords: string | null = null;
  const raise = (year: number, words: string) => {
    if (lowerBound === null || year > lowerBound) {
      lowerBound = year;
      lowerBoundWords = words;
    }
  };
  for (const s of sentences) for (const v of s.votes) if (v.rule.effect === 'lower') raise(v.printed, v.words);
  for (const d of documents) if (d.issuedOn) raise(Number(d.issuedOn.slice(0, 4)), `a document issued ${d.issuedOn}`);
  return { sentences, lowerBound, lowerBoundWords };
}

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export interface ResolvedDate {
  date: string;
  inferred: boolean;
  warning: string | null;
}

/** Articles are published on or after the meeting; allow a few days of clock/zone slack. */
const SLACK_DAYS = 3;
/** Weights: the same day printed with its year; a rule's vote in a sentence with the meeting's date; elsewhere. */
const W_SAME_DAY = 5;
const W_WITH_DATE = 3;
const W_ELSEWHERE = 2;
/** Accept a year scoring at least this, and at least twice the next best. */
const MIN_SCORE = 2;
/** A full date this close to the meeting's day speaks for its year; an announced one, up to ANNOUNCED_DAYS after. */
const NEAR_DAYS = 7;
const ANNOUNCED_DAYS = 60;
/** The meeting follows the latest dated event by at most this many days. */
const FOLLOWS_DAYS = 120;

interface Tally {
  score: number;
  words: string[];
}

/** Candidate years for a day and month, each with its score and the words that speak for it. */
export function scoreYears(day: number, month: number, ctx: YearContext): Map<number, Tally> {
  const tallies = new Map<number, Tally>();
  const add = (year: number | null, weight: number, words: string) => {
    if (year === null || weight <= 0 || year < 1900 || year > 2100) return;
    const t = tallies.get(year) ?? { score: 0, words: [] };
    t.score += weight;
    if (!t.words.includes(words)) t.words.push(words);
    tallies.set(year, t);
  };
  const key = dayMonthKey(day, month);
  const bounds: Array<{ from: number; to: number }> = [];
  const seenDates = new Set<string>();
  const disseminated: Array<{ type: string; number: string }> = [];
  const vetoes = new Set<number>();
  let latestEvent: { iso: string; words: string } | undefined;
  const { sentences, lowerBound } = ctx.evidence;
  sentences.forEach((s, i) => {
    const withDate = s.dayMonths.has(key) || i === 0;
    const voteWeight = s.dayMonths.has(key) ? W_WITH_DATE : W_ELSEWHERE;
    for (const v of s.votes) {
      if (v.rule.effect !== 'vote') continue;
      if (v.rule.withDateOnly && !s.dayMonths.has(key)) continue;
      add(v.rule.read(v.printed, v.match, month), voteWeight, v.words);
    }
    for (const my of s.monthYears) {
      const near = Math.abs(my.month - month) <= 1 || Math.abs(my.month - month) === 11;
      if (s.dayMonths.has(key)) add(my.year, W_WITH_DATE, my.words);
      else if (my.label && near) add(my.month === 12 && month === 1 ? my.year + 1 : my.month === 1 && month === 12 ? my.year - 1 : my.year, W_ELSEWHERE, my.words);
    }
    for (const a of s.anniversaries) add(a.year, voteWeight, a.words);
    if (withDate) for (const t of s.terms) bounds.push(t);
    for (const v of s.vetoes) vetoes.add(v);
    for (const d of s.fullDates) {
      if (seenDates.has(d.iso)) continue;
      seenDates.add(d.iso);
      const y = Number(d.iso.slice(0, 4));
      const target = dayNumber(y, Number(d.iso.slice(5, 7)), Number(d.iso.slice(8, 10)));
      if (!d.planned && (!latestEvent || d.iso > latestEvent.iso)) latestEvent = d;
      for (const candidate of [y - 1, y, y + 1]) {
        const delta = target - dayNumber(candidate, month, day);
        if (delta === 0) add(candidate, W_SAME_DAY, d.words);
        // An event a few days before or after, or one announced for the weeks after (`sẽ khai mạc vào ngày 22/5/2017`).
        else if (Math.abs(delta) <= NEAR_DAYS || (d.planned && delta > 0 && delta <= ANNOUNCED_DAYS)) add(candidate, W_ELSEWHERE, d.words);
      }
    }
    if (withDate) disseminated.push(...s.disseminated);
  });
  // The meeting follows the latest event the article dates (`Ngày 31/12/2021, ông … bị khởi tố`), when shortly after.
  if (latestEvent) {
    const y = Number(latestEvent.iso.slice(0, 4));
    const candidate = isoDate(y, month, day) >= latestEvent.iso ? y : y + 1;
    const after = dayNumber(candidate, month, day) - dayNumber(y, Number(latestEvent.iso.slice(5, 7)), Number(latestEvent.iso.slice(8, 10)));
    if (after > NEAR_DAYS && after <= FOLLOWS_DAYS) add(candidate, W_ELSEWHERE, `after the latest dated event, ${latestEvent.words}`);
  }
  // The document the meeting disseminates was issued before it: the first such day after the issue.
  let latestIssue: string | null = null;
  for (const d of disseminated) {
    for (const doc of ctx.documents) {
      if (doc.issuedOn && doc.number === d.number && doc.type?.toLowerCase() === d.type && (!latestIssue || doc.issuedOn > latestIssue)) latestIssue = doc.issuedOn;
    }
  }
  if (latestIssue) {
    const y = Number(latestIssue.slice(0, 4));
    add(isoDate(y, month, day) > latestIssue ? y : y + 1, W_ELSEWHERE, `the document it disseminates, issued ${latestIssue}`);
  }
  for (const year of [...tallies.keys()]) {
    const outOfTerm = bounds.some((b) => year < b.from - 1 || year > b.to);
    if (outOfTerm || vetoes.has(year) || (lowerBound !== null && year < lowerBound)) tallies.delete(year);
  }
  return tallies;
}

/** A full date for a day/month mention, inferring the year where the text does not print it. */
export function resolveDate(mention: { day: number; month: number; year: number | null; planned: boolean }, ctx: YearContext): ResolvedDate {
  const { day, month } = mention;
  const dm = `${pad2(day)}/${pad2(month)}`;
  if (mention.year !== null) return { date: isoDate(mention.year, month, day), inferred: false, warning: null };
  const pub = ctx.published;
  if (pub) {
    let year = pub.year;
    const delta = dayNumber(year, month, day) - dayNumber(pub.year, pub.month, pub.day);
    if (!mention.planned && delta > SLACK_DAYS) year -= 1;
    if (mention.planned && delta < -SLACK_DAYS) year += 1;
    const published = isoDate(pub.year, pub.month, pub.day);
    return { date: isoDate(year, month, day), inferred: true, warning: `year ${year} of ${dm} inferred from the publication date (${published})` };
  }
  const ranked = [...scoreYears(day, month, ctx)].sort((a, b) => b[1].score - a[1].score);
  const [best, second] = ranked;
  const unknown = `--${pad2(month)}-${pad2(day)}`;
  if (!best || best[1].score < MIN_SCORE) {
    return { date: unknown, inferred: true, warning: `year of ${dm} unknown (no publication date, no year in the text speaks for it)` };
  }
  if (second && best[1].score < 2 * second[1].score) {
    const quote = (t: Tally) => `"${t.words[0]}"`;
    return { date: unknown, inferred: true, warning: `year of ${dm} left open: ${best[0]} (${quote(best[1])}) and ${second[0]} (${quote(second[1])}) conflict` };
  }
  const evidence = best[1].words.slice(0, 3).map((w) => `"${w}"`).join(', ');
  return { date: isoDate(best[0], month, day), inferred: true, warning: `year ${best[0]} of ${dm} inferred from ${evidence}` };
}

export function publishedDay(publishedAt: string | null): string | null {
  const p = publishedAt ? /^(\d{4}-\d{2}-\d{2})/.exec(publishedAt) : null;
  return p ? p[1]! : null;
}
