/**
 * The meeting an article reports (primary event) and meetings it announces for later.
 * The anchor is the first lead sentence that dates a meeting (`Sáng 16/8, Đảng ủy Khối … tổ chức
 * cuộc họp …`); kind, organiser, date and covered period come from it, chair, format and
 * attendance from the sentences about that meeting.
 */
import type { MeetingEvent, MeetingKind } from '../model.ts';
import { extractAttendance, extractFormat } from './attendance.ts';
import { findDates, mayHavePlannedDate, mentionsToday } from './dates.ts';
import type { DateMention } from './dates.ts';
import { AFTER_DOCUMENT, publishedDay, resolveDate } from './years.ts';
import type { YearContext } from './years.ts';
import { findMeetingNouns } from './meeting-kinds.ts';
import type { KindMatch } from './meeting-kinds.ts';
import { TYPE_WORD_ALT } from './document-types.ts';
import { matchIssuingBody } from './issuers.ts';
import { findChair } from './people.ts';
import { notAfter, romanOrDigit, pad2, tidy } from './vietnamese.ts';
import { memoByText, textNumber } from './text-memo.ts';
import type { Sentence } from './vietnamese.ts';

/** How many leading sentences may hold the anchor. */
const LEAD_SENTENCES = 12;
const LEAD_CHARS = 5000;

const EVENT_VERB = new RegExp(String.raw`${notAfter('word', String.raw`(?:tổ chức|diễn ra|khai mạc|bế mạc|chủ trì|(?<!(?:kỳ|phiên|cuộc|buổi)\s)họp|tiến hành|dự(?!\s(?:án|thảo|kiến|toán|báo|luật|phòng|trù|định|trữ)(?![\p{L}]))|tham dự|tham gia|làm việc|thảo luận|cho ý kiến|thông qua)`)}(?![\p{L}])`, 'iu');
/** A sentence about what will happen. */
const FUTURE_SENTENCE = /(?:s(?<![\p{L}].)ẽ|d(?<![\p{L}].)ự kiến)(?![\p{L}])/iu; // lookbehind after the first letter: same matches, scanned faster
/** Verbs whose subject is the body holding the sitting (`UB Thường vụ Quốc hội đã cho ý kiến …`). */
const CLAUSE_VERB = new RegExp(String.raw`${notAfter('word', String.raw`(?:khai mạc|bế mạc|kết thúc|(?<!(?:kỳ|phiên|cuộc|buổi|Kỳ|Phiên|Cuộc|Buổi)\s)họp|thông qua|biểu quyết|thảo luận|cho ý kiến|xem xét|thông tin về|công bố)`)}(?![\p{L}])`, 'u');
/** The article is the full text of a document (`TTXVN trân trọng giới thiệu toàn văn Nghị quyết`). */
const FULL_TEXT = new RegExp(String.raw`${notAfter('word', String.raw`toàn văn`)}(?![\p{L}])`, 'iu');
/** The verb is in the future (`Ủy ban … sẽ cho ý kiến`). */
const FUTURE_BEFORE = /(?:^|[^\p{L}])(?:sẽ|dự kiến|sắp)\s(?:\p{L}+\s){0,2}$/iu;
/** Verbs that make a dated sentence about a Party/State body a meeting report even without a meeting noun. */
const MEETING_VERB = new RegExp(String.raw`${notAfter('word', String.raw`(?:khai mạc|bế mạc|họp|thông qua|biểu quyết|thảo luận)`)}(?![\p{L}])`, 'iu');
/** Bodies that hold sittings (`Quốc hội thông qua …`, `Ban Chấp hành Trung ương Đảng ngày 9/5 thảo luận …`). */
const ASSEMBLY = new RegExp(String.raw`${notAfter('word', String.raw`(?:Quốc hội|HĐND|Hội đồng nhân dân|Ban Chấp hành|Bộ Chính trị|Ban Bí thư|Chính phủ|Ủy ban Thường vụ|Uỷ ban Thường vụ|UBTVQH|Tỉnh ủy|Thành ủy|Trung ương)`)}(?![\p{L}])`, 'u');
const CAPTION = /Ảnh\s{0,2}:|\(\s?ảnh|Ảnh minh họa/iu;
/** The next sentence opens with a photo credit: this one is a caption. */
const CREDIT_START = /^\(?\s?(?:Ảnh|Nguồn)\s{0,2}:/iu;
/** A sentence about an earlier, other event (`Trước đó, vào sáng 10/5, … đã diễn ra Hội nghị …`). */
const EARLIER_EVENT = /^(?:Trước đó|Trước đây|Năm ngoái|Năm trước)(?![\p{L}])/iu;
/** `…, Bộ Chính trị đã họp …`, `Chiều 30/5, Quốc hội thảo luận tại tổ …`: the body sits, no meeting noun needed. */
const ASSEMBLY_SITS = /^\s{0,2},?\s{0,2}(?:tại\s[^,.;]{1,40},\s{0,2})?(?:Quốc hội|HĐND|Hội đồng nhân dân|Ban Chấp hành|Bộ Chính trị|Ban Bí thư|Chính phủ|Ủy ban Thường vụ|Uỷ ban Thường vụ|UBTVQH|Tỉnh ủy|Thành ủy|Ban Thường vụ)(?![\p{L}])[^,.;]{0,40}?\s(?:đã\s{1,2}|đang\s{1,2}|vừa\s{1,2})?(?:họp|thảo luận|khai mạc|bế mạc)(?![\p{L}])/u;
/** Party or State bodies: `làm việc` counts as a meeting only between them. */
const ORGAN = new RegExp(String.raw`${notAfter('word', String.raw`(?:Đảng|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Chi bộ|Ban Bí thư|Bộ Chính trị|Ban Thường vụ|UBND|HĐND|Ủy ban|Quốc hội|Chính phủ|Thủ tướng|Đoàn công tác|Đoàn kiểm tra|Mặt trận|MTTQ|Ban Chỉ đạo)`)}(?![\p{L}])`, 'u');

export interface MeetingsInput {
  title: string;
  sentences: Sentence[];
  yearContext: YearContext;
  publishedAt: string | null;
}

export interface MeetingsResult {
  primary: MeetingEvent | null;
  others: MeetingEvent[];
  /** Index of the anchor sentence (for the summary), or -1. */
  anchorSentence: number;
  warnings: string[];
}

/** Dates of events in a sentence (not issue dates of documents); memoised per article, read only. */
const eventDates = memoByText((text: string, at?: number): DateMention[] =>
  findDates(text, at).filter((d) => (d.prefixed || d.start <= 2 || /,\s{0,2}$/.test(text.slice(Math.max(0, d.start - 3), d.start))) &&
    !AFTER_DOCUMENT.test(text.slice(Math.max(0, d.start - 60), d.start))));

/**
 * `làm việc`, `họp báo`, `lễ trao`: a meeting only when a Party/State body is the subject (named
 * before it) or the one holding it (`họp báo Chính phủ thường kỳ`, `Họp báo Hội nghị Thủ tướng …`).
 */
function usableNoun(text: string, noun: KindMatch): boolean {
  return !noun.weak || ORGAN.test(text.slice(0, noun.index)) || ORGAN.test(text.slice(noun.index, noun.index + 60));
}

/**
 * The noun a dated sentence reports: one before the date in the same clause (`bế mạc Hội nghị
 * Trung ương 5 chiều 10/5, …`), else the first after the date (`Kỷ niệm 127 năm …, sáng 19-5,
 * Huyện ủy … tổ chức tọa đàm`), else the first.
 */
function nounForDate(text: string, nouns: KindMatch[], date: DateMention): KindMatch | undefined {
  const sameClause = nouns.filter((n) => n.index < date.start && !/[,;:]/.test(text.slice(n.index, date.start)));
  return sameClause[sameClause.length - 1] ?? nouns.find((n) => n.index > date.start) ?? nouns[0];
}

// ----- organiser -----

const BY_ORGANISER = /(?<![\p{L}])do\s{1,2}([\p{Lu}][^,;.()“”"]{2,100}?)\s{1,2}(?:chủ trì,?\s{1,2}phối hợp[^.;]{0,80}?\s)?(?:tổ chức|chủ trì tổ chức|đăng cai|triệu tập)(?![\p{L}])/u;
const ORGANISER_VERB = new RegExp(String.raw`${notAfter('word', String.raw`(?:(?:đã|vừa|sẽ|long trọng|chính thức|hôm nay|sáng nay|chiều nay|tối nay)\s{1,2})*(?:tổ chức|phối hợp với|phối hợp tổ chức|có buổi làm việc|làm việc với|làm việc tại|(?<!(?:kỳ|phiên|cuộc|buổi|Kỳ|Phiên|Cuộc|Buổi)\s)họp|khai mạc|bế mạc|tiến hành|triệu tập)`)}(?![\p{L}])`, 'iu');
const CELL = /(?:tại|của)\s{1,2}(Chi bộ\s[^,.;()]{2,80}?)(?=\s(?:thuộc|với|về|do|có|đã|nhằm)\s|[,.;()]|$)/u;
const NOT_ORGANISER_START = /^(?:thưa|kính thưa|tại|ở|trong|sau|theo|thực hiện|nhằm|với|trước|để|cùng|đồng chí|ông|bà|các|những|toàn thể|nhân dịp|chào mừng|hướng tới|thừa|căn cứ|hôm nay|sáng nay|chiều nay|vừa qua)(?![\p{L}])/iu;
const TRAILING_WORDS = /\s(?:đã|vừa|sẽ|long trọng|chính thức|hôm nay|cũng|lại)$/iu;

/** The body whose sitting it is, named after the meeting noun: `Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XII`, `kỳ họp thứ 3, Quốc hội khóa XIV`, `Phiên họp thứ 12 của Ủy ban Thường vụ Quốc hội`. */
const SITTING_OF = new RegExp(String.raw`^(?:hội nghị|kỳ họp|phiên họp|phiên bế mạc|phiên khai mạc|cuộc họp|đại hội|(?:chủ trì|triệu tập) họp)(?:\s{1,2}(?:lần\s{1,2})?thứ\s{1,2}[\p{L}\d]{1,6})?(?:\s{1,2}\(?mở rộng\)?)?(?:\s{0,2},?\s{1,2}|\s(?:(?!${TYPE_WORD_ALT})[^,.;:()“”"]){0,60}?\s(?=của\s))(?:của\s{1,2})?((?:Ban Chấp hành|BCH|Ủy ban|Uỷ ban|UB[\p{Lu}]{0,6}|Quốc hội|HĐND|Hội đồng nhân dân|Chính phủ|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Ban Thường vụ|Bộ Chính trị|Ban Bí thư|Ban Chỉ đạo|Ban(?=\s\p{Lu})|Bộ(?=\s\p{Lu})|Đoàn Chủ tịch|Đảng bộ|Chi bộ)(?![\p{L}])[^,.;:()“”"]{0,80}?)(?=\s{1,2}(?:khóa|khoá|lần|nhiệm kỳ|đã|đang|bước|diễn ra|khai mạc|bế mạc|tại|vào|họp|chính thức|tiếp tục|thảo luận|cho ý kiến|dưới|với|về|nhằm|để|do|sáng|chiều|tối|ngày|năm|từ)(?![\p{L}])|[,.;:()“”"]|$)`, 'iu');
const SITTING_NOUN = new RegExp(String.raw`${notAfter('word', String.raw`(?:hội nghị|kỳ họp|phiên họp|cuộc họp|đại hội)`)}(?![\p{L}])`, 'giu');
const CENTRAL_PLENUM = /^hội nghị\s{1,2}(?:lần thứ\s{1,2}[\p{L}\d]{1,6}\s{1,2})?(?:Ban Chấp hành\s{1,2})?Trung ương(?:\s{1,2}Đảng)?(?:\s{1,2}\d{1,2}|\s{1,2}lần|\s{1,2}khóa|\s{1,2}khoá|\s{0,2}\()/iu;

/** Organiser named as the body holding the sitting, from the meeting noun at `index`. */
export function sittingBody(text: string, index: number): string | null {
  const rest = text.slice(index, index + 200);
  if (CENTRAL_PLENUM.test(rest)) return 'Ban Chấp hành Trung ương Đảng';
  const m = SITTING_OF.exec(rest);
  if (!m) return null;
  // `họp Chính phủ rà soát công việc`: a known body followed by a lower-case predicate ends at the body's name.
  const known = matchIssuingBody(m[1]!);
  return tidy(known && /^\s\p{Ll}/u.test(m[1]!.slice(known.length)) ? m[1]!.slice(0, known.length) : m[1]!);
}

/** `Chiều 27/4, tại Ban Tuyên giáo Trung ương diễn ra Hội nghị …`: the host body. */
const HOST = /(?:^|[,\s])tại\s{1,2}(?:trụ sở\s{1,2}([\p{Lu}][^,.;:()“”"]{2,80}?)(?=[,.;:()]|\s{1,2}(?:đã|diễn ra|tổ chức)(?![\p{L}]))|([\p{Lu}][^,.;:()“”"]{2,80}?)\s{1,2}(?:đã\s{1,2})?(?:diễn ra|tổ chức)(?![\p{L}]))/u;

const NOT_IN_ORGANISER = /Ảnh|\d{1,2}\s?[/.-]\s?\d{1,2}|\s(?:sáng|chiều|tối|ngày)\s\d|Quyết định|Nghị quyết|Chỉ thị|Kết luận|\scó\s|\s(?:đã|dự|phát biểu)(?![\p{L}])/u;
/** An organiser names a body: `Đảng ủy Khối …`, `Bộ Giáo dục và Đào tạo`, `UBND quận 1`. */
const ORGANISATION_WORD = /(?<![\p{L}])(?:Đảng|Chi bộ|Ban|Bộ|Sở|Ủy ban|Uỷ ban|UB\S{0,6}|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|HĐND|UBND|Hội đồng|Văn phòng|Quốc hội|Chính phủ|Thường trực|Đoàn|Cục|Tổng cục|Trường|Viện|Học viện|Hội|Liên đoàn|Công an|Quân ủy|MTTQ|Mặt trận|Tập đoàn|Tổng công ty|Công ty|Ngân hàng|Tạp chí|Báo|Đài|Thông tấn|BTV|BCH|Trung ương|T\.Ư|TƯ|Tòa án|Viện kiểm sát|Kiểm toán|Thanh tra|Phòng|Khối|Bộ Tư lệnh|Quân khu|Bộ Chỉ huy|Bệnh viện|Trung tâm|Đại học|Liên hiệp|Hiệp hội|Câu lạc bộ|VCCI|Tổng Liên đoàn)(?![\p{L}])/u;
const MEETING_START = /^(?:Hội nghị|Kỳ họp|Phiên họp|Đại hội|Cuộc họp|Buổi|Lễ|Thủ tướng|Phó Thủ tướng|Chủ tịch|Phó Chủ tịch|Bộ trưởng|Thứ trưởng|Bí thư|Phó Bí thư|Tổng Bí thư|Giám đốc|Trưởng ban|Ủy viên)(?![\p{L}])/u;

/** `các đại biểu Quốc hội làm việc tại hội trường`: the assembly sits. */
const DELEGATES_OF = /^\s{0,2}(?:các\s{1,2})?(?:vị\s{1,2})?đại biểu\s{1,2}(Quốc hội|HĐND(?:\s{1,2}[^,.;]{1,40}?)?|Hội đồng nhân dân(?:\s{1,2}[^,.;]{1,40}?)?)(?=\s{1,2}(?:đã|làm việc|biểu quyết|thảo luận|họp|tiến hành|cho ý kiến|thông qua)(?![\p{L}])|\s{0,2}$)/iu;

const JOINT_ORGANISER = /\s(?:phối hợp với|phối hợp cùng|cùng với)\s/u;

function cleanOrganiser(raw: string): string | null {
  const delegates = DELEGATES_OF.exec(raw);
  if (delegates) return tidy(delegates[1]!);
  // `Ban Tuyên giáo Tỉnh ủy phối hợp với Sở Văn hóa …`: joint organisers, both named.
  const joint = JOINT_ORGANISER.exec(raw);
  if (joint) {
    const first = cleanOrganiser(raw.slice(0, joint.index));
    const second = first ? cleanOrganiser(raw.slice(joint.index + joint[0].length)) : null;
    if (first && second) return `${first}, ${second}`;
  }
  let org = raw.split(/\s(?:do|phối hợp với|cùng với|cùng|và đoàn|chủ trì,|thông tin|cho ý kiến|cho biết|về|nhằm|để)\s/u)[0] ?? '';
  for (let i = 0; i < 3; i++) org = org.trimEnd().replace(TRAILING_WORDS, '');
  // `thường trực Thành ủy …` printed in lower case after the date.
  const capitalised = org.trimStart().replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  if (capitalised !== org.trimStart() && ORGANISATION_WORD.exec(capitalised)?.index === 0) org = capitalised;
  if (NOT_IN_ORGANISER.test(org) || !ORGANISATION_WORD.test(org) || MEETING_START.test(org)) return null;
  org = org.replace(/\s\([^)]{1,20}\)/gu, '');
  org = tidy(org);
  if (!/^[\p{Lu}]/u.test(org) || NOT_ORGANISER_START.test(org)) return null;
  const words = org.split(' ').length;
  return words >= 2 && words <= 16 && org.length <= 120 ? org : null;
}

const JOINED_THEN_ORGANISED = /^\s{1,2}([\p{Lu}][^,.;:()“”"]{2,100}?)\s{1,2}(?:(?:đã|cùng|đồng)\s{1,2})?(?:tổ chức|phối hợp tổ chức|đồng tổ chức)(?![\p{L}])/u;

/** `tại cuộc họp ngày 5/4 do … chủ trì, Ban Bí thư đã quyết định`: the bodies acting in the clause after the one naming the meeting. */
const AT_MEETING = /(?:^|[\s,])tại\s{1,2}(?:cuộc họp|phiên họp|kỳ họp|hội nghị)(?![\p{L}])[^,.;]{0,80}?,\s{1,2}(?=[\p{Lu}])/iu;

export function bodiesAfterMeetingClause(sentence: string): string | null {
  const at = AT_MEETING.exec(sentence);
  if (!at) return null;
  let rest = sentence.slice(at.index + at[0].length);
  let printed = '';
  for (let guard = 0; guard < 4; guard++) {
    const body = matchIssuingBody(rest);
    if (!body) break;
    printed += rest.slice(0, body.length);
    rest = rest.slice(body.length);
    const sep = /^(\s{0,2},\s{1,2}|\s{1,2}và\s{1,2})(?=[\p{Lu}])/u.exec(rest);
    if (!sep || !matchIssuingBody(rest.slice(sep[0].length))) break;
    printed += sep[0];
    rest = rest.slice(sep[0].length);
  }
  // A body that acts: a verb (not a comma or a name) follows.
  return printed && /^\s{1,2}\p{Ll}/u.test(rest) ? tidy(printed) : null;
}

export function findOrganiser(sentence: string, after = 0): string | null {
  const by = BY_ORGANISER.exec(sentence);
  if (by) {
    const org = cleanOrganiser(by[1]!);
    if (org) return org;
  }
  const verb = ORGANISER_VERB.exec(sentence.slice(after));
  if (verb) {
    // `A phối hợp với B tổ chức …`: the verb found is the joining one; both are organisers.
    const joined = /phối hợp với$/iu.test(verb[0]) ? JOINED_THEN_ORGANISED.exec(sentence.slice(after + verb.index + verb[0].length)) : null;
    const segment = sentence.slice(after, after + verb.index) + (joined ? ` phối hợp với ${joined[1]}` : '');
    for (const part of segment.split(/,\s{0,2}/u)) {
      const org = cleanOrganiser(part);
      if (org) return org;
    }
  }
  const cell = CELL.exec(sentence);
  return cell ? tidy(cell[1]!) : null;
}

// ----- covered period -----

const HALF = /6 tháng (đầu|cuối) năm(?:\s{1,2}(\d{4}))?|sáu tháng (đầu|cuối) năm(?:\s{1,2}(\d{4}))?/iu;
const QUARTER = /quý\s{1,2}(I{1,3}|IV|[1-4])(?:\s{0,2}(?:\/|năm|-)\s{0,2}(\d{4}))?(?![\p{L}\d])/iu;
const MONTH = /tháng\s{1,2}(\d{1,2})\s{0,2}(?:[/-]|\s+năm)\s{0,2}(\d{4})(?!\d)/iu;
const YEAR_REVIEW = /(?:công tác|năm|nhiệm vụ)\s{1,2}(?:năm\s{1,2})?(\d{4})(?!\d)/iu;

export function findCoveredPeriod(text: string, kind: MeetingKind, fallbackYear: number | null): string | null {
  const half = HALF.exec(text);
  if (half) {
    const which = (half[1] ?? half[3])!.toLowerCase();
    const year = half[2] ?? half[4] ?? /năm\s{1,2}(\d{4})/u.exec(text.slice(half.index, half.index + 120))?.[1] ?? fallbackYear;
    if (year) return `${year}-H${which === 'đầu' ? 1 : 2}`;
  }
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const q = romanOrDigit(quarter[1]!);
    const year = quarter[2] ?? fallbackYear;
    if (q && year) return `${year}-Q${q}`;
  }
  const month = MONTH.exec(text);
  if (month) {
    const m = Number(month[1]);
    if (m >= 1 && m <= 12) return `${month[2]}-${pad2(m)}`;
  }
  if (kind === 'tong-ket' || kind === 'so-ket' || kind === 'hoi-nghi-bch') {
    const year = YEAR_REVIEW.exec(text);
    if (year) return year[1]!;
  }
  return null;
}

// ----- events -----

function emptyEvent(kind: MeetingKind): MeetingEvent {
  return { type: kind, date: null, dateInferred: false, planned: false, organizer: null, chair: null, format: null, attendance: null, coversPeriod: null };
}

function isPlannedSentence(text: string, at?: number): boolean {
  return mayHavePlannedDate(text, at) && findDates(text, at).some((d) => d.planned) && !eventDates(text, at).some((d) => !d.planned);
}

export function findMeetings(input: MeetingsInput): MeetingsResult {
  const { title, sentences, yearContext } = input;
  const warnings: string[] = [];
  const lead = sentences.filter((s) => s.index < LEAD_SENTENCES && s.text.length > 0);
  let leadChars = 0;
  const leadLimited = lead.filter((s) => (leadChars += s.text.length) - s.text.length < LEAD_CHARS);

  // Meetings announced for later: `… tổ chức vào ngày 28/9 tới`.
  const others: MeetingEvent[] = [];
  for (const s of leadLimited.concat(sentences.slice(LEAD_SENTENCES, 40))) {
    if (!mayHavePlannedDate(s.text, textNumber(s))) continue;
    const planned = findDates(s.text, textNumber(s)).filter((d) => d.planned);
    if (planned.length === 0) continue;
    const nouns = findMeetingNouns(s.text, textNumber(s));
    if (nouns.length === 0) continue;
    const d = planned[0]!;
    const nearest = nouns.reduce((best, n) => (Math.abs(n.index - d.start) < Math.abs(best.index - d.start) ? n : best));
    const event = emptyEvent(nearest.kind);
    const resolved = resolveDate(d, yearContext);
    event.date = resolved.date;
    event.dateInferred = resolved.inferred;
    event.planned = true;
    if (others.some((o) => o.date === event.date)) continue;
    event.organizer = findOrganiser(s.text);
    event.attendance = extractAttendance([s.text]);
    others.push(event);
  }

  // The reported meeting.
  let anchor: Sentence | null = null;
  let anchorDate: DateMention | null = null;
  let anchorNoun: KindMatch | null = null;
  let borrowedDate: DateMention | null = null;
  // Asked only for a dated sentence without a meeting noun: the lead's sentences are read only then.
  const leadNoun = () => findMeetingNouns(title, 0).some((n) => !n.planned && !n.weak) || leadLimited.some((s) => findMeetingNouns(s.text, textNumber(s)).some((n) => !n.planned && !n.weak));
  for (const s of leadLimited) {
    if (EARLIER_EVENT.test(s.text)) continue;
    const date = eventDates(s.text, textNumber(s)).find((d) => !d.planned);
    if (!date) continue;
    const nouns = findMeetingNouns(s.text, textNumber(s)).filter((n) => !n.planned && usableNoun(s.text, n));
    const noun = nounForDate(s.text, nouns, date);
    if (noun || (MEETING_VERB.test(s.text) && ASSEMBLY.test(s.text) && leadNoun()) || ASSEMBLY_SITS.test(s.text.slice(date.end))) {
      anchor = s;
      anchorDate = date;
      anchorNoun = noun ?? null;
      break;
    }
  }
  if (!anchor && !FULL_TEXT.test([title, ...leadLimited.slice(0, 2).map((s) => s.text)].join(' '))) {
    // An undated report: not after a meeting announced for later (a preview article), not a caption.
    const firstPlanned = leadLimited.findIndex((s) => mayHavePlannedDate(s.text, textNumber(s)) && findDates(s.text, textNumber(s)).some((d) => d.planned) && findMeetingNouns(s.text, textNumber(s)).length > 0);
    const candidates = leadLimited.slice(0, firstPlanned >= 0 ? Math.min(6, firstPlanned) : 6);
    for (const s of candidates) {
      const noun = findMeetingNouns(s.text, textNumber(s)).find((n) => !n.planned && !n.weak);
      const verb = noun ? EVENT_VERB.exec(s.text) : null;
      const next = sentences[s.index + 1];
      const caption = CAPTION.test(s.text) || (next !== undefined && CREDIT_START.test(next.text));
      if (noun && verb && !FUTURE_BEFORE.test(s.text.slice(0, verb.index)) && !isPlannedSentence(s.text, textNumber(s)) && !caption && !EARLIER_EVENT.test(s.text)) {
        anchor = s;
        anchorNoun = noun;
        // `Sáng nay 10/5, ông X được phân công … Buổi lễ trao quyết định diễn ra tại Hội nghị …`: the date just before.
        const prev = leadLimited.find((p) => p.index === s.index - 1);
        if (prev && !EARLIER_EVENT.test(prev.text) && !isPlannedSentence(prev.text, textNumber(prev))) borrowedDate = eventDates(prev.text, textNumber(prev)).find((d) => !d.planned) ?? null;
        break;
      }
    }
  }
  if (!anchor) return { primary: null, others, anchorSentence: -1, warnings };

  const titleNoun = findMeetingNouns(title, 0).find((n) => !n.planned) ?? null;
  // The lead's first noun decides only without one in the anchor or title: its sentences are read only then.
  const firstLeadNoun = () => leadLimited.flatMap((s) => findMeetingNouns(s.text, textNumber(s))).find((n) => !n.planned && !n.weak) ?? null;
  let kind: MeetingKind = anchorNoun?.kind ?? titleNoun?.kind ?? firstLeadNoun()?.kind ?? 'khac';
  if (kind === 'khac' && titleNoun && titleNoun.kind !== 'khac') kind = titleNoun.kind;
  const event = emptyEvent(kind);

  if (anchorDate) {
    const resolved = resolveDate(anchorDate, yearContext);
    event.date = resolved.date;
    event.dateInferred = resolved.inferred;
    if (resolved.warning) warnings.push(`meeting date: ${resolved.warning}`);
  } else if (mentionsToday(anchor.text) && publishedDay(input.publishedAt)) {
    event.date = publishedDay(input.publishedAt);
    event.dateInferred = true;
    warnings.push('meeting date taken from the publication date (`hôm nay`/`sáng nay` in the text)');
  } else if (borrowedDate) {
    const resolved = resolveDate(borrowedDate, yearContext);
    event.date = resolved.date;
    event.dateInferred = true;
    warnings.push('meeting date taken from the sentence before the one naming the meeting');
    if (resolved.warning) warnings.push(`meeting date: ${resolved.warning}`);
  } else {
    warnings.push('meeting date not found');
  }

  event.organizer = findOrganiser(anchor.text, anchorDate ? anchorDate.end : 0);
  // The body whose sitting it is (`Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng`).
  if (!event.organizer && anchorNoun) event.organizer = sittingBody(anchor.text, anchorNoun.index);
  // `tại cuộc họp sáng cùng ngày, Bộ Chính trị, Ban Bí thư nhận thấy …`.
  if (!event.organizer) event.organizer = bodiesAfterMeetingClause(anchor.text);
  // The subject of the sitting's verb (`Ban Chấp hành Trung ương Đảng ngày 9/5 thảo luận …`, `…, Ủy ban Thường vụ Quốc hội đã kết thúc …`).
  const clauseVerb = event.organizer ? null : CLAUSE_VERB.exec(anchor.text);
  if (clauseVerb) {
    for (const part of anchor.text.slice(0, clauseVerb.index).split(/,\s{0,2}/u)) {
      event.organizer = cleanOrganiser(part.split(/\s(?:sáng|chiều|tối|ngày|hôm)\s/iu)[0]!);
      if (event.organizer) break;
    }
  }
  // `Bộ Công Thương tổ chức hội nghị tập huấn …` in another lead sentence or the title.
  for (const [text, at] of [...leadLimited.slice(0, 6).map((s): [string, number] => [s.text, textNumber(s)]), [title, 0] as [string, number]]) {
    if (event.organizer) break;
    const organised = findMeetingNouns(text, at).some((n) => n.kind === kind && !n.planned && /tổ chức\s{1,2}(?:\S+\s{1,2}){0,2}$/iu.test(text.slice(Math.max(0, n.index - 30), n.index)));
    if (text !== anchor.text && organised) event.organizer = findOrganiser(text);
  }
  for (const text of [anchor.text, title]) {
    for (const noun of text.matchAll(SITTING_NOUN)) {
      if (event.organizer) break;
      // `ngày làm việc của kỳ họp thứ ba, Quốc hội khóa XIV`, not `thông báo Chương trình Kỳ họp thứ 3, Quốc hội …`.
      if (noun.index === 0 || /(?:^|[^\p{L}])(?:của|tại|trong)\s{1,2}$/iu.test(text.slice(Math.max(0, noun.index - 8), noun.index))) event.organizer = sittingBody(text, noun.index);
    }
  }
  // The host: `tại Ban … diễn ra`, `tại trụ sở Bộ …`.
  if (!event.organizer) {
    const host = HOST.exec(anchor.text);
    const body = host ? (host[1] ?? host[2])! : null;
    if (body && !/Hội nghị|Hội trường|Nhà |Cung /u.test(body)) event.organizer = cleanOrganiser(body);
  }
  if (!event.organizer) warnings.push('organiser not found');

  const aboutMeeting = sentences.filter((s) => !isPlannedSentence(s.text, textNumber(s)));
  const anchorFirst = [anchor, ...aboutMeeting.filter((s) => s.paragraph === anchor!.paragraph && s !== anchor), ...aboutMeeting.filter((s) => s.paragraph !== anchor!.paragraph)];
  event.chair = findChair(anchorFirst.map((s) => s.text), anchorFirst.map(textNumber));
  if (!event.chair) warnings.push('no one is said to chair (chủ trì) the meeting');

  // Not from sentences about a later meeting (`Thủ tướng sẽ chủ trì hội nghị trực tuyến toàn quốc`).
  const leadText = [title, ...aboutMeeting.filter((s) => s.paragraph <= Math.max(2, anchor!.paragraph) && !FUTURE_SENTENCE.test(s.text)).map((s) => s.text)].join('\n');
  event.format = extractFormat(leadText);
  // Not the expected turnout of a later meeting (`sẽ dự`, `ước tính có khoảng 2.000 đại biểu`).
  event.attendance = extractAttendance(aboutMeeting.filter((s) => !FUTURE_SENTENCE.test(s.text) && !/ước tính/iu.test(s.text)).map((s) => s.text));
  const year = event.date && /^\d{4}/.test(event.date) ? Number(event.date.slice(0, 4)) : null;
  event.coversPeriod = findCoveredPeriod(`${title}\n${anchor.text}`, kind, year);

  return { primary: event, others, anchorSentence: anchor.index, warnings };
}
