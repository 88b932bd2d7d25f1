/**
 * Party and State documents cited in an article: `Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban
 * Chấp hành Trung ương`, `Nghị định 30/2020/NĐ-CP`, `Chỉ thị 10 của Thành ủy` (no full code).
 * Spelling variants of one code and later bare mentions (`Nghị quyết 05`) merge into one document.
 */
import type { CitedDocument } from '../model.ts';
import { isValidDayMonth, isoDate } from './dates.ts';
import { isCentralPartyBody, issuerFromCode, issuingBody, matchIssuingBody } from './issuers.ts';
import { ISSUER_WITH_LETTERS, TYPE_BY_LETTERS, TYPE_WORD_ALT, codeLetters, lettersPattern, mayBeSameType, typeOfWord } from './document-types.ts';
import { matchesBefore, positions } from './anchored.ts';
import { notAfter, tidy } from './vietnamese.ts';

/** Spellings of a type's letters in Party and in State codes -> the letters as printed (`QD` -> `QĐ`). */
const PARTY_LETTERS = codeLetters('party');
const STATE_LETTERS = codeLetters('state');
/** A code's issuing symbol: `TW`, `BTGTW`, `ĐU`, `UBND`, `BCĐ-VPTW`. */
const SYMBOL = String.raw`[A-ZĐ][A-Za-zĐđ0-9]{0,11}`;

/**
 * What may not stand before a code's number (a letter, a digit, `/` or `-`: part of a longer token).
 * notAfter puts this check after the number, so V8 looks for a digit first instead of trying the
 * lookbehind at every position; the char before the number is the same whatever its length.
 */
const CODE_BEFORE = String.raw`[\p{L}\d/-]`;

/** `24-QĐ/TW`, `05- CT/TW`, `04 - ĐA/TU`, `11 – NQ/TW`, `03-HD/BTGTW`; also the 2017 Government style `19-2017/NQ-CP`. */
const PARTY_CODE = new RegExp(
  String.raw`${notAfter('number', String.raw`\d{1,4}`, CODE_BEFORE)}(?:-(?<year>\d{4}))?\s{0,2}[-–]\s{0,2}(?<letters>${lettersPattern('party')})\s{0,2}\/\s{0,2}(?<issuer>[A-ZĐƯ][A-Za-zĐđƯư]{0,11}(?:-${SYMBOL})?)(?![\p{L}\d])`,
  'uy',
);
const GOV_YEAR_CODE = new RegExp(
  String.raw`${notAfter('number', String.raw`\d{1,4}`, CODE_BEFORE)}-(?<year>\d{4})\/(?<letters>${lettersPattern('state')})-(?<issuer>${SYMBOL})(?![\p{L}\d])`,
  'uy',
);
/** `30/2020/NĐ-CP`, `30a/2008/NQ-CP`, `123/QĐ-UBND`, `24/CT-TTg`, `35/2017/QH14`, `333/2017/UBTVQH14`. */
const STATE_CODE = new RegExp(
  String.raw`${notAfter('number', String.raw`\d{1,5}[a-z]?`, CODE_BEFORE)}(?:\s?\/\s?(?<year>\d{4}))?\s?\/\s?(?:(?<letters>${lettersPattern('state')})-(?<issuer>${SYMBOL}(?:-${SYMBOL})?)|(?<assembly>(?:UBTV)?QH\d{1,2}))(?![\p{L}\d])`,
  'uy',
);

/**
 * Every code has a slash with capitals after it (`-QĐ/TW`, `/NĐ-CP`, `/QH14`, `/BTC-VP`), and its
 * number starts at most MAX_CODE_LEAD before that slash (`1234-2017  –  QĐNS  /`): the code patterns
 * are sticky and tried only there (see matchesBefore), where each alone would scan the whole text.
 */
const SLASH_BEFORE_CAPITAL = /\/(?=\s{0,2}[A-ZĐƯ])/g;
const MAX_CODE_LEAD = '1234-2017  –  '.length + Math.max(...lettersPattern('party').split('|').map((l) => l.length)) + 2;

/** Any `số/ISSUER-UNIT` symbol (`1584/BTC-VP`), taken only after a document type word (`công văn 1584/BTC-VP`). */
const OTHER_CODE = new RegExp(
  String.raw`${notAfter('number', String.raw`\d{1,5}`, CODE_BEFORE)}(?:\/(?<year>\d{4}))?\/(?<issuer>[A-ZĐ][A-ZĐa-z]{1,9})-(?<unit>${SYMBOL})(?![\p{L}\d/-])`,
  'uy',
);

const TYPE_WORD_RE = new RegExp(`${notAfter('type', TYPE_WORD_ALT)}(?![\\p{L}])`, 'giu');
/** What may stand between the type word and the number: `Quyết định số`, `Nghị quyết của Tỉnh ủy số`. */
const TYPE_TAIL = /^(?:\s[^,.;:()“”"]{0,60}?\ssố|\s{1,2}số)?\s{0,2}$/iu;
/** Between a type word and its number: `Nghị quyết 05`, `Nghị quyết số 05`. */
const TYPE_TO_NUMBER = String.raw`\s{1,2}(?:số\s{1,2})?`;
/** `Nghị quyết 05`, `chỉ thị số 12`: a type word and a number, no code. Tried only near NUMBER_AFTER_TYPE_WORD digits (bareMentionMatches). */
export const BARE_MENTION = new RegExp(
  String.raw`${notAfter('type', TYPE_WORD_ALT)}${TYPE_TO_NUMBER}(?<number>\d{1,4})(?:-\d{4})?(?![\d\p{L}]|\s?[-/]\s?[\p{L}\d])(?!\s{1,2}(?:năm|tháng|ngày|giờ|nhóm|điểm|người|%|triệu|tỷ|lần|kỳ|khóa|khoá|nội dung|mục|điều|chương)(?![\p{L}]))`,
  'iuy',
);
/**
 * A digit right after a type word and TYPE_TO_NUMBER: where every BARE_MENTION's number starts.
 * It opens with the digit (V8 finds digits fast) and looks back for the type word only there, where
 * BARE_MENTION tried at every position of the text would run its type-word alternation everywhere.
 */
const NUMBER_AFTER_TYPE_WORD = new RegExp(String.raw`\d(?<=(?:${TYPE_WORD_ALT})${TYPE_TO_NUMBER}\d)`, 'giu');
/** The longest a type word and TYPE_TO_NUMBER can be (`Nghị quyết liên tịch  số  `), with room to spare. */
const MAX_TYPE_LEAD = Math.max(...TYPE_WORD_ALT.split('|').map((w) => w.replace(/\\s/g, ' ').length)) + 6 + 4;

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
  for (const m of window.matchAll(TYPE_WORD_RE)) if (TYPE_TAIL.test(window.slice(m.index + m[0].length))) nearest = m.groups!.type!;
  return nearest ? typeOfWord(nearest) : null;
}

/** A code's type: the type word before it, else the one its letters stand for. */
const typeOfCode = (text: string, start: number, letters: string) => typeBefore(text, start) ?? TYPE_BY_LETTERS.get(letters) ?? null;
/** The issuer symbol a code's letters are part of (`NĐ-CP`), or the symbol after them (`CP` of `NQ-CP`). */
const stateIssuer = (letters: string, symbol: string) => (ISSUER_WITH_LETTERS.has(letters) ? `${letters}-${symbol}` : symbol);

interface Span {
  start: number;
  end: number;
}

type Groups = Record<string, string | undefined>;
/** A coded mention from a match's groups (null: not a document), without its details. */
type CodeReader = (g: Groups, text: string, start: number) => Mention | null;
/** A mention of a code, its details not yet read. */
const coded = (code: string, type: string | null, number: string, issuer: string): Mention =>
  ({ code, type, number, issuer, issuerName: null, issuedOn: null, subject: null });

/** `19-2017/NQ-CP`: a Government code of 2017 in Party style with the year. */
const governmentYearCode: CodeReader = (g, text, start) => {
  const letters = STATE_LETTERS.get(g.letters!)!;
  return coded(`${g.number}-${g.year}/${letters}-${g.issuer}`, typeOfCode(text, start, letters), g.number!, stateIssuer(letters, g.issuer!));
};

/** `24-QĐ/TW`, `04 - ĐA/TU`, `03-HD/BTGTW`. */
const partyCode: CodeReader = (g, text, start) => {
  const letters = PARTY_LETTERS.get(g.letters!)!;
  const year = g.year ? `-${g.year}` : '';
  return coded(`${g.number}${year}-${letters}/${g.issuer}`, typeOfCode(text, start, letters), g.number!, g.issuer!);
};

/** `30/2020/NĐ-CP`, `123/QĐ-UBND`, and the National Assembly's `35/2017/QH14`. */
const stateCode: CodeReader = (g, text, start) => {
  const year = g.year ? `/${g.year}` : '';
  if (g.assembly) return coded(`${g.number}${year}/${g.assembly}`, typeBefore(text, start), g.number!, g.assembly);
  const letters = STATE_LETTERS.get(g.letters!)!;
  return coded(`${g.number}${year}/${letters}-${g.issuer}`, typeOfCode(text, start, letters), g.number!, stateIssuer(letters, g.issuer!));
};

/** `công văn 1584/BTC-VP`: any issuer's code, only after a type word. */
const codeAfterTypeWord: CodeReader = (g, text, start) => {
  const type = typeBefore(text, start);
  if (!type) return null;
  const year = g.year ? `/${g.year}` : '';
  return coded(`${g.number}${year}/${g.issuer}-${g.unit}`, type, g.number!, `${g.issuer}-${g.unit}`);
};

/** A code pattern's matches: each starts at most MAX_CODE_LEAD before a SLASH_BEFORE_CAPITAL slash. */
export const codeMatches = (text: string, pattern: RegExp, slashes = positions(text, SLASH_BEFORE_CAPITAL)) =>
  matchesBefore(text, pattern, slashes, MAX_CODE_LEAD);

/** The code readers in order: a span taken by an earlier one is not read again. */
export const CODE_STEPS: Array<[RegExp, CodeReader]> = [
  [GOV_YEAR_CODE, governmentYearCode],
  [PARTY_CODE, partyCode],
  [STATE_CODE, stateCode],
  [OTHER_CODE, codeAfterTypeWord],
];

function codedMentions(text: string, spans: Span[]): Mention[] {
  const mentions: Array<Mention & { start: number }> = [];
  const slashes = positions(text, SLASH_BEFORE_CAPITAL);
  if (slashes.length === 0) return mentions;
  for (const [pattern, read] of CODE_STEPS) {
    for (const m of codeMatches(text, pattern, slashes)) {
      const start = m.index;
      const end = start + m[0].length;
      const mention = read(m.groups!, text, start);
      if (!mention || spans.some((s) => start < s.end && end > s.start)) continue;
      spans.push({ start, end });
      readDetails(text.slice(end), mention);
      mentions.push({ ...mention, start });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** BARE_MENTION's matches: each starts within MAX_TYPE_LEAD before a NUMBER_AFTER_TYPE_WORD digit. */
export const bareMentionMatches = (text: string) =>
  matchesBefore(text, BARE_MENTION, positions(text, NUMBER_AFTER_TYPE_WORD), MAX_TYPE_LEAD);

function bareMentions(text: string, spans: Span[]): Mention[] {
  const mentions: Mention[] = [];
  for (const m of bareMentionMatches(text)) {
    const end = m.index + m[0].length;
    if (spans.some((s) => m.index < s.end && end > s.start)) continue;
    const mention: Mention = {
      code: null, type: typeOfWord(m.groups!.type!), number: m.groups!.number!, issuer: null, issuerName: null, issuedOn: null, subject: null,
    };
    readDetails(text.slice(end), mention);
    mentions.push(mention);
  }
  return mentions;
}

const ISSUED_SENTENCE = new RegExp(
  String.raw`(?:^|[^\p{L}])ngày\s{1,2}(?<day>\d{1,2})\s{0,2}[/.-]\s{0,2}(?<month>\d{1,2})\s{0,2}[/.-]\s{0,2}(?<year>\d{4}),?\s{1,2}(?<issuer>[^.;]{0,90}?)\s{0,2}(?:đã\s{1,2})?(?:ký\s{1,2})?ban hành\s{1,2}(?<type>${TYPE_WORD_ALT})\s{1,2}(?:số\s{1,2})?(?<number>\d{1,4})`,
  'giu',
);

const sameNumber = (a: string, b: string) => Number.parseInt(a, 10) === Number.parseInt(b, 10);

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
    const existing = documents.find((d) => sameNumber(d.number ?? '', m.number) && d.type !== null && mayBeSameType(d.type, m.type));
    if (existing) mergeInto(existing, m);
    else documents.push({ code: null, type: m.type, number: m.number, issuer: null, issuerName: m.issuerName, issuedOn: m.issuedOn, subject: m.subject });
  }
  // An issue date in its own sentence completes a document found above (none found: nothing to complete).
  ISSUED_SENTENCE.lastIndex = 0;
  for (let m = documents.length > 0 ? ISSUED_SENTENCE.exec(text) : null; m; m = ISSUED_SENTENCE.exec(text)) {
    const g = m.groups!;
    const day = Number(g.day);
    const month = Number(g.month);
    const year = Number(g.year);
    if (!isValidDayMonth(day, month, year)) continue;
    const type = typeOfWord(g.type!);
    const doc = documents.find((d) => sameNumber(d.number ?? '', g.number!) && d.type === type);
    if (!doc) continue;
    doc.issuedOn ??= isoDate(year, month, day);
    doc.issuerName ??= issuingBody(tidy(g.issuer!));
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
