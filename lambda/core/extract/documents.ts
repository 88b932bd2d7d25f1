/**
 * Party and State documents cited in an article: `Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban
 * Chấp hành Trung ương`, `Nghị định 30/2020/NĐ-CP`, `Chỉ thị 10 của Thành ủy` (no full code).
 * Spelling variants of one code and later bare mentions (`Nghị quyết 05`) merge into one document.
 */
import type { CitedDocument } from '../model.ts';
import { isValidDayMonth, isoDate } from './dates.ts';
import { isCentralPartyBody, issuerFromCode, issuingBody, matchIssuingBody } from './issuers.ts';
import { tidy } from './vietnamese.ts';

const TYPE_BY_LETTERS: Record<string, string> = {
  NQ: 'Nghị quyết', CT: 'Chỉ thị', QĐ: 'Quyết định', ĐA: 'Đề án', KL: 'Kết luận', KH: 'Kế hoạch',
  HD: 'Hướng dẫn', TB: 'Thông báo', QC: 'Quy chế', BC: 'Báo cáo', CV: 'Công văn', CTr: 'Chương trình',
  TTr: 'Tờ trình', NĐ: 'Nghị định', TT: 'Thông tư', TTLT: 'Thông tư liên tịch', NQLT: 'Nghị quyết liên tịch',
  CĐ: 'Công điện', QyĐ: 'Quy định', QĐNS: 'Quyết định',
};
const LETTER_VARIANTS: Record<string, string> = { QD: 'QĐ', DA: 'ĐA', ND: 'NĐ', CD: 'CĐ', HĐ: 'HD' };
const PARTY_LETTERS = 'NQ|CTr|CT|QĐNS|QĐ|QD|QyĐ|ĐA|DA|KL|KH|HD|HĐ|TB|QC|BC|CV|TTr';
const STATE_LETTERS = 'NĐ|ND|NQLT|NQ|QĐ|QD|CT|TTLT|TT|KH|HD|TB|CV|BC|TTr|CĐ|CD';

/** `24-QĐ/TW`, `05- CT/TW`, `04 - ĐA/TU`, `11 – NQ/TW`, `03-HD/BTGTW`; also the 2017 Government style `19-2017/NQ-CP`. */
const PARTY_CODE = new RegExp(
  String.raw`(?<![\p{L}\d/-])(\d{1,4})(?:-(\d{4}))?\s{0,2}[-–]\s{0,2}(${PARTY_LETTERS})\s{0,2}\/\s{0,2}([A-ZĐƯ][A-Za-zĐđƯư]{0,11}(?:-[A-ZĐ][A-Za-zĐđ0-9]{0,11})?)(?![\p{L}\d])`,
  'gu',
);
const GOV_YEAR_CODE = new RegExp(
  String.raw`(?<![\p{L}\d/-])(\d{1,4})-(\d{4})\/(${STATE_LETTERS})-([A-ZĐ][A-Za-zĐđ0-9]{0,11})(?![\p{L}\d])`,
  'gu',
);
/** `30/2020/NĐ-CP`, `30a/2008/NQ-CP`, `123/QĐ-UBND`, `24/CT-TTg`, `35/2017/QH14`, `333/2017/UBTVQH14`. */
const STATE_CODE = new RegExp(
  String.raw`(?<![\p{L}\d/-])(\d{1,5}[a-z]?)(?:\s?\/\s?(\d{4}))?\s?\/\s?(?:(${STATE_LETTERS})-([A-ZĐ][A-Za-zĐđ0-9]{0,11}(?:-[A-ZĐ][A-Za-zĐđ0-9]{0,11})?)|((?:UBTV)?QH\d{1,2}))(?![\p{L}\d])`,
  'gu',
);

/** Any `số/ISSUER-UNIT` symbol (`1584/BTC-VP`), taken only after a document type word (`công văn 1584/BTC-VP`). */
const OTHER_CODE = new RegExp(
  String.raw`(?<![\p{L}\d/-])(\d{1,5})(?:\/(\d{4}))?\/([A-ZĐ][A-ZĐa-z]{1,9})-([A-ZĐ][A-Za-zĐđ0-9]{0,11})(?![\p{L}\d/-])`,
  'gu',
);

const TYPE_WORDS = [
  'Nghị quyết liên tịch', 'Thông tư liên tịch', 'Nghị quyết', 'Chỉ thị', 'Quy định', 'Quyết định', 'Đề án',
  'Kết luận', 'Kế hoạch', 'Hướng dẫn', 'Thông báo', 'Quy chế', 'Nghị định', 'Thông tư', 'Luật', 'Pháp lệnh',
  'Chương trình', 'Công văn', 'Tờ trình', 'Công điện',
];
const TYPE_WORD_ALT = TYPE_WORDS.map((w) => w.replace(' ', '\\s')).join('|');
const TYPE_WORD_RE = new RegExp(`(?<![\\p{L}])(${TYPE_WORD_ALT})(?![\\p{L}])`, 'giu');
/** What may stand between the type word and the number: `Quyết định số`, `Nghị quyết của Tỉnh ủy số`. */
const TYPE_TAIL = /^(?:\s[^,.;:()“”"]{0,60}?\ssố|\s{1,2}số)?\s{0,2}$/iu;
const BARE_MENTION = new RegExp(
  String.raw`(?<![\p{L}])(${TYPE_WORD_ALT})\s{1,2}(?:số\s{1,2})?(\d{1,4})(?:-(\d{4}))?(?![\d\p{L}]|\s?[-/]\s?[\p{L}\d])(?!\s{1,2}(?:năm|tháng|ngày|giờ|nhóm|điểm|người|%|triệu|tỷ|lần|kỳ|khóa|khoá|nội dung|mục|điều|chương)(?![\p{L}]))`,
  'giu',
);

function canonicalType(word: string): string {
  const lower = word.replace(/\s+/g, ' ').toLowerCase();
  return TYPE_WORDS.find((w) => w.toLowerCase() === lower) ?? word;
}

const AFTER_DATE = /^\s{0,2},?\s{0,2}(?:ban hành\s{1,2})?ngày\s{1,2}(\d{1,2})\s{0,2}[/.-]\s{0,2}(\d{1,2})\s{0,2}[/.-]\s{0,2}(\d{4})|^\s{0,2},?\s{0,2}ngày\s{1,2}(\d{1,2})\s{1,2}tháng\s{1,2}(\d{1,2})\s{1,2}năm\s{1,2}(\d{4})/iu;
const AFTER_ISSUER = /^\s{0,2},?\s{0,2}của\s{1,2}([\p{Lu}][^,;.:()“”"\n]{1,90}?)(?=\s{1,2}(?:về|ngày|quy định|đã|là|và|được|hướng dẫn|nhằm|đề ra|trong|với|cho|tại|khóa|khoá)(?![\p{L}])|[,;.:()“”"\n]|$)/u;
const ISSUER_LEAD = /^\s{0,2},?\s{0,2}của\s{1,2}(?=[\p{Lu}])/u;
/** `(khóa XII)`, `khóa XII` after an issuing body. */
const TERM = /^\s{0,2}(?:\(\s{0,2}(?:khóa|khoá)\s{1,2}[IVXLC\d]{1,6}\s{0,2}\)|(?:khóa|khoá)\s{1,2}[IVXLC]{1,6}(?![\p{L}]))/u;
const AFTER_SUBJECT = /^\s{0,2},?\s{0,2}(?:về việc|về)\s{1,2}/iu;
/** Where a subject's clause ends: punctuation, a new clause after a comma, a predicate. */
const SUBJECT_END = new RegExp([
  String.raw`[;:!?\n…]|\.(?:\s|$)|\s\(`,
  String.raw`\s(?:cùng|đã|đang|do|cho toàn thể|tại|nhằm|trong đó|theo đó)\s(?:[\p{Lu}]|\p{Ll}{1,6}\s)`,
  // `và` joins the subject's own words (`hỗ trợ và phát triển doanh nghiệp`) unless a predicate or another document follows.
  String.raw`\svà\s(?:[\p{Lu}]|(?:đã|đang|sẽ|được|yêu cầu|đề nghị|chỉ đạo|giao|nêu|nhấn mạnh|cho biết|khẳng định)(?![\p{L}]))`,
  String.raw`\s(?:và|cùng)\s(?:các\s)?(?:văn bản|công văn|nghị quyết|nghị định|quyết định|chỉ thị|thông tư|kết luận|kế hoạch|luật)(?![\p{L}])`,
  String.raw`,\s(?:[\p{Lu}]|(?:chúng ta|chúng tôi|với|để|nhưng|đồng thời|nhất là|theo hướng|tạo điều kiện|trong đó|biến|mở ra|xác định|ông|bà|cho thấy|yêu cầu|nên|vì|khi|thì|song|tuy nhiên|từ đó|qua đó|góp phần|giúp|chính thức|có hiệu lực|nhiều|đây)(?![\p{L}]))`,
  String.raw`\s(?:sẽ|có hiệu lực|chính thức|thì|là|mà|nhưng|cho thấy|thật sự|đưa ra|nói|cho biết|khiến|nên|cũng|để|vừa\s(?:được|ký|ban hành|có|qua|công bố))(?![\p{L}])`,
  String.raw`(?<!\skhông)\sđược(?![\p{L}])`,
  String.raw`(?<!\s(?:ban hành|sửa đổi|bổ sung|các|những|số|về|và|theo))\squy định\s(?=\p{Ll})`,
  String.raw`(?<!\s(?:của|cho|với|và))\s(?=(?:Bộ Chính trị|Ban Bí thư|Thủ tướng)\s\p{Ll})`,
].join('|'), 'u');
/** A subject ending on one of these is a fragment (`nội dung này`, `một số chủ trương của`). */
const FRAGMENT_END = /(?:^|\s)(?:của|và|các|những|với|cho|về|này|đó|trên|tại|theo|để|là|như|từ|đến|ông|bà|một|số|đối)$/u;
const MAX_SUBJECT_WORDS = 40;

interface Mention {
  code: string | null;
  type: string | null;
  number: string;
  issuer: string | null;
  issuerName: string | null;
  issuedOn: string | null;
  subject: string | null;
}

/**
 * A quoted title at the start of `text`, quotes inside it included (`"… những biểu hiện "tự diễn biến",
 * "tự chuyển hóa" trong nội bộ"`): a quote mark followed by a letter opens an inner quotation.
 */
function quotedTitle(text: string): string | null {
  if (!/^[“"‘']/u.test(text)) return null;
  let depth = 0;
  for (let i = 1; i < Math.min(text.length, 400); i++) {
    const ch = text[i]!;
    if (ch === '\n') return null;
    if (!/[“”"‘’']/u.test(ch)) continue;
    if (/[\p{L}\d]/u.test(text[i + 1] ?? '') && ch !== '”' && ch !== '’') depth++;
    else if (depth > 0) depth--;
    else return i >= 4 ? tidy(text.slice(1, i)) : null;
  }
  return null;
}

/** Subject after `về`: quoted text unquoted, else up to the end of the clause; null for a fragment. */
function readSubject(rest: string): string | null {
  const quoted = quotedTitle(rest);
  if (quoted) return quoted;
  let text = rest.slice(0, 300);
  const stop = SUBJECT_END.exec(text);
  if (stop) text = text.slice(0, stop.index);
  let subject = tidy(text.replace(/[“”"]/g, ''));
  let words = subject.split(' ');
  if (words.length > MAX_SUBJECT_WORDS) {
    // A run-on clause: keep what comes before the last comma inside the limit, or nothing.
    const head = words.slice(0, MAX_SUBJECT_WORDS).join(' ');
    const comma = head.lastIndexOf(',');
    if (comma < 0) return null;
    subject = tidy(head.slice(0, comma));
    words = subject.split(' ');
  }
  if (words.length < 3 || FRAGMENT_END.test(subject)) return null;
  return subject;
}

/** The issuing body after `của`, cut at the body name's end; the mention's text after it. */
function readIssuer(rest: string, mention: Mention): string | null {
  const lead = ISSUER_LEAD.exec(rest);
  if (!lead) return null;
  const after = rest.slice(lead[0].length);
  const body = matchIssuingBody(after.slice(0, 140));
  if (body) {
    mention.issuerName ??= body.name;
    let next = after.slice(body.length);
    // `Bộ Chính trị Ban Chấp hành Trung ương Đảng (khóa XII)`: the body's parent and term are part of the name as printed.
    for (let step = 0; step < 2; step++) {
      const term = TERM.exec(next);
      if (term) next = next.slice(term[0].length);
      const parent = /^\s{1,2}/u.exec(next) ? matchIssuingBody(next.trimStart()) : null;
      if (!parent) break;
      next = next.trimStart().slice(parent.length);
    }
    return next;
  }
  const other = AFTER_ISSUER.exec(rest);
  return other ? rest.slice(other[0].length) : null;
}

function readDetails(after: string, mention: Mention): void {
  let rest = after.slice(0, 500);
  for (let step = 0; step < 3; step++) {
    const date = AFTER_DATE.exec(rest);
    if (date) {
      const day = Number(date[1] ?? date[4]);
      const month = Number(date[2] ?? date[5]);
      const year = Number(date[3] ?? date[6]);
      if (isValidDayMonth(day, month, year)) mention.issuedOn ??= isoDate(year, month, day);
      rest = rest.slice(date[0].length);
      continue;
    }
    const next = readIssuer(rest, mention);
    if (next !== null) {
      rest = next;
      continue;
    }
    break;
  }
  const about = AFTER_SUBJECT.exec(rest);
  if (about) mention.subject ??= readSubject(rest.slice(about[0].length));
}

/** The type word nearest before a code (`Quy định số 40-QĐ/TW và Quyết định số 343-QĐNS/TW`: Quyết định for 343). */
function typeBefore(text: string, start: number): string | null {
  const window = text.slice(Math.max(0, start - 90), start);
  let nearest: string | null = null;
  for (const m of window.matchAll(TYPE_WORD_RE)) if (TYPE_TAIL.test(window.slice(m.index + m[0].length))) nearest = m[1]!;
  return nearest ? canonicalType(nearest) : null;
}

function letters(raw: string): string {
  return LETTER_VARIANTS[raw] ?? raw;
}

interface Span {
  start: number;
  end: number;
}

function codedMentions(text: string, spans: Span[]): Mention[] {
  const mentions: Array<Mention & { start: number }> = [];
  const taken = (start: number, end: number) => spans.some((s) => start < s.end && end > s.start);
  const add = (start: number, end: number, m: Mention) => {
    if (taken(start, end)) return;
    spans.push({ start, end });
    readDetails(text.slice(end), m);
    mentions.push({ ...m, start });
  };
  GOV_YEAR_CODE.lastIndex = 0;
  for (let m = GOV_YEAR_CODE.exec(text); m; m = GOV_YEAR_CODE.exec(text)) {
    const kind = letters(m[3]!);
    const issuer = m[4]!;
    add(m.index, m.index + m[0].length, {
      code: `${m[1]}-${m[2]}/${kind}-${issuer}`,
      type: typeBefore(text, m.index) ?? TYPE_BY_LETTERS[kind] ?? null,
      number: m[1]!, issuer: kind === 'NĐ' ? `NĐ-${issuer}` : issuer,
      issuerName: null, issuedOn: null, subject: null,
    });
  }
  PARTY_CODE.lastIndex = 0;
  for (let m = PARTY_CODE.exec(text); m; m = PARTY_CODE.exec(text)) {
    const kind = letters(m[3]!);
    const issuer = m[4]!;
    const year = m[2] ? `-${m[2]}` : '';
    add(m.index, m.index + m[0].length, {
      code: `${m[1]}${year}-${kind}/${issuer}`,
      type: typeBefore(text, m.index) ?? TYPE_BY_LETTERS[kind] ?? null,
      number: m[1]!, issuer, issuerName: null, issuedOn: null, subject: null,
    });
  }
  STATE_CODE.lastIndex = 0;
  for (let m = STATE_CODE.exec(text); m; m = STATE_CODE.exec(text)) {
    const year = m[2] ? `/${m[2]}` : '';
    let code: string;
    let issuer: string;
    let type: string | null;
    if (m[5]) {
      code = `${m[1]}${year}/${m[5]}`;
      issuer = m[5];
      type = typeBefore(text, m.index);
    } else {
      const kind = letters(m[3]!);
      code = `${m[1]}${year}/${kind}-${m[4]}`;
      issuer = kind === 'NĐ' ? `NĐ-${m[4]}` : m[4]!;
      type = typeBefore(text, m.index) ?? TYPE_BY_LETTERS[kind] ?? null;
    }
    add(m.index, m.index + m[0].length, { code, type, number: m[1]!, issuer, issuerName: null, issuedOn: null, subject: null });
  }
  OTHER_CODE.lastIndex = 0;
  for (let m = OTHER_CODE.exec(text); m; m = OTHER_CODE.exec(text)) {
    const type = typeBefore(text, m.index);
    if (!type) continue;
    const year = m[2] ? `/${m[2]}` : '';
    add(m.index, m.index + m[0].length, { code: `${m[1]}${year}/${m[3]}-${m[4]}`, type, number: m[1]!, issuer: `${m[3]}-${m[4]}`, issuerName: null, issuedOn: null, subject: null });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function bareMentions(text: string, spans: Span[]): Mention[] {
  const mentions: Mention[] = [];
  BARE_MENTION.lastIndex = 0;
  for (let m = BARE_MENTION.exec(text); m; m = BARE_MENTION.exec(text)) {
    const end = m.index + m[0].length;
    if (spans.some((s) => m!.index < s.end && end > s.start)) continue;
    const mention: Mention = {
      code: null, type: canonicalType(m[1]!), number: m[2]!, issuer: null, issuerName: null, issuedOn: null, subject: null,
    };
    readDetails(text.slice(end), mention);
    mentions.push(mention);
  }
  return mentions;
}

const ISSUED_SENTENCE = new RegExp(
  String.raw`(?:^|[^\p{L}])ngày\s{1,2}(\d{1,2})\s{0,2}[/.-]\s{0,2}(\d{1,2})\s{0,2}[/.-]\s{0,2}(\d{4}),?\s{1,2}([^.;]{0,90}?)\s{0,2}(?:đã\s{1,2})?(?:ký\s{1,2})?ban hành\s{1,2}(${TYPE_WORD_ALT})\s{1,2}(?:số\s{1,2})?(\d{1,4})`,
  'giu',
);

const sameNumber = (a: string, b: string) => Number.parseInt(a, 10) === Number.parseInt(b, 10);
const sameType = (a: string | null, b: string | null) => a === null || b === null || a === b ||
  // Party `QĐ` codes are both Quy định and Quyết định.
  (['Quy định', 'Quyết định'].includes(a) && ['Quy định', 'Quyết định'].includes(b));

function mergeInto(target: CitedDocument, from: Mention): void {
  target.type ??= from.type;
  target.issuerName ??= from.issuerName;
  target.issuedOn ??= from.issuedOn;
  target.subject ??= from.subject;
}

/** Documents cited in `text` (title and body joined), first mention first. */
export function extractDocuments(text: string): CitedDocument[] {
  const spans: Span[] = [];
  const documents: CitedDocument[] = [];
  // `Kế hoạch số 04-KH/TW` and `Kế hoạch số 4-KH/TW` are one document.
  const unpadded = (code: string | null) => code?.replace(/^0+(?=\d)/, '') ?? null;
  for (const m of codedMentions(text, spans)) {
    const existing = documents.find((d) => d.code === m.code || (d.code !== null && unpadded(d.code) === unpadded(m.code)));
    if (existing) mergeInto(existing, m);
    else documents.push({ code: m.code, type: m.type, number: m.number, issuer: m.issuer, issuerName: m.issuerName, issuedOn: m.issuedOn, subject: m.subject });
  }
  for (const m of bareMentions(text, spans)) {
    const existing = documents.find((d) => sameNumber(d.number ?? '', m.number) && d.type !== null && sameType(d.type, m.type));
    if (existing) mergeInto(existing, m);
    else documents.push({ code: null, type: m.type, number: m.number, issuer: null, issuerName: m.issuerName, issuedOn: m.issuedOn, subject: m.subject });
  }
  ISSUED_SENTENCE.lastIndex = 0;
  for (let m = ISSUED_SENTENCE.exec(text); m; m = ISSUED_SENTENCE.exec(text)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    const year = Number(m[3]);
    if (!isValidDayMonth(day, month, year)) continue;
    const type = canonicalType(m[5]!);
    const doc = documents.find((d) => sameNumber(d.number ?? '', m![6]!) && d.type === type);
    if (!doc) continue;
    doc.issuedOn ??= isoDate(year, month, day);
    doc.issuerName ??= issuingBody(tidy(m[4]!));
  }
  for (const doc of documents) {
    // The code's symbol names the issuer (`NĐ-CP`: Chính phủ); a `/TW` code is one of the Party centre's bodies.
    const implied = issuerFromCode(doc.code);
    // `Hội đồng Chính phủ` (the Government before 1981) stays as printed.
    if (implied && !(implied === 'Chính phủ' && doc.issuerName === 'Hội đồng Chính phủ')) doc.issuerName = implied;
    if (doc.code && /\/TW$/u.test(doc.code) && doc.issuerName && !isCentralPartyBody(doc.issuerName)) doc.issuerName = null;
  }
  return documents;
}
