/**
 * Named officials: a Vietnamese personal name (2–4 capitalised syllables from a family name) next
 * to an honorific (`đồng chí`, `ông`), a position (`…, Bí thư Đảng ủy, Giám đốc Sở`) or a title in
 * front (`Phó Chủ tịch UBND tỉnh Dương Tất Thắng`). Photo credits and bylines are not officials.
 * Also finds who presided (`chủ trì`) a meeting.
 */
import type { Person } from '../model.ts';
import { isProvinceName } from './places.ts';
import { CAPITALISED_RUN_SOURCE, FAMILY_NAMES, capitalisedRuns, fold, tidy, type CapitalisedRun } from './vietnamese.ts';
import { memoByText } from './text-memo.ts';

/** Family names that are also common given names or place syllables: only a name start when no stronger one follows. */
const WEAK_FAMILY = new Set(['Hà', 'Giang', 'Sơn', 'Kim', 'Văn', 'Y', 'Vi', 'Ninh', 'Mai', 'Cao', 'Thái', 'Đồng', 'Châu', 'Quan', 'Danh', 'Ông', 'Lò', 'La', 'Thân', 'Tôn', 'Lâm', 'Thạch', 'Trình', 'Kha', 'Từ', 'Âu', 'Lục', 'Tòng', 'Mã']);
const NOT_PEOPLE = new Set(['Hồ Chí Minh', 'Ngô Quyền', 'Lê Chân', 'Lê Lợi', 'Trần Phú', 'Lê Hồng', 'Trần Hưng Đạo', 'Lý Thường Kiệt', 'Hoàng Sa', 'Trường Sa', 'Lý Sơn', 'Võ Nguyên Giáp']);

/** A run of capitalised syllables (`CAPITALISED_RUN_SOURCE`), in a segment of text. */
const RUN_IN_SEGMENT = new RegExp(CAPITALISED_RUN_SOURCE, 'gu');
/** Words a position or title starts with (`Phó Chủ tịch UBND tỉnh`, `Bộ trưởng Bộ Y tế`, `Đảng ủy viên`). */
const POSITION_WORDS = [
  'Ủy viên', 'Uỷ viên', 'Bí thư', 'Chủ tịch', 'Giám đốc', 'Trưởng', 'Tổng', 'Thủ tướng', 'Bộ trưởng', 'Thứ trưởng',
  'Chủ nhiệm', 'Chánh', 'Quyền', 'Đại biểu', 'Cục trưởng', 'Vụ trưởng', 'Viện trưởng', 'Hiệu trưởng', 'Phó', 'Nguyên',
  'Người phát ngôn', 'Kiểm toán trưởng', 'Chánh án', 'Trưởng đoàn', 'Ngoại trưởng', 'Đại sứ',
  'Đảng ủy viên', 'Tỉnh ủy viên', 'Thành ủy viên', 'Huyện ủy viên', 'Quận ủy viên', 'Chi ủy viên',
];
/** Titles also printed in lower case in front of a name (`phó chủ tịch Thường trực UBND TP HCM Lê Hòa Bình`); short words like `trưởng`, `tổng`, `nguyên` are titles only when capitalised. */
const LOWER_CASE_TITLES = [
  'phó chủ tịch', 'chủ tịch', 'phó bí thư', 'bí thư', 'tổng bí thư', 'phó giám đốc', 'giám đốc', 'phó thủ tướng', 'thủ tướng',
  'bộ trưởng', 'thứ trưởng', 'cục trưởng', 'phó cục trưởng', 'vụ trưởng', 'viện trưởng', 'chánh án', 'ủy viên', 'trưởng ban',
  'phó trưởng ban', 'tổng thư ký', 'chủ nhiệm ủy ban', 'phó chủ nhiệm ủy ban', 'chánh văn phòng', 'tổng kiểm toán', 'đại biểu',
];
/** Military and police ranks: a title in front of a name, and enough on their own to make it an official's (`thiếu tá Lê Trường Minh`). */
const RANKS = [
  'Đại tướng', 'Thượng tướng', 'Trung tướng', 'Thiếu tướng', 'Đại tá', 'Thượng tá', 'Trung tá', 'Thiếu tá',
  'Đại úy', 'Thượng úy', 'Trung úy', 'Thiếu úy',
];
/** Honorifics in front of a name; those of `COMRADE_HONORIFICS` make it an official's without a position. */
const HONORIFICS = ['đồng chí', 'đ/c', 'các đồng chí:?', 'ông', 'bà', 'GS\\.?', 'PGS\\.?', 'TS\\.?', 'ThS\\.?', 'GS\\.TS\\.?', 'PGS\\.TS\\.?'];
const COMRADE_HONORIFICS = ['đồng chí', 'đ/c', 'các đồng chí:?'];
/** Titles of foreign State officials, in front of a name that is not Vietnamese (`Ngoại trưởng Antonio Tajani`, `Phó Thủ tướng Nga Alexander Novak`). */
const FOREIGN_TITLES = [
  'Tổng thống', 'Phó Tổng thống', 'Thủ tướng', 'Phó Thủ tướng', 'Ngoại trưởng', 'Bộ trưởng', 'Thứ trưởng', 'Đại sứ',
  'Quốc vương', 'Nhà vua', 'Nữ hoàng', 'Hoàng tử', 'Thái tử', 'Tổng Thư ký', 'Tổng thư ký', 'Thị trưởng', 'Thống đốc',
  'Thượng nghị sĩ', 'Hạ nghị sĩ', 'Nghị sĩ', 'Chủ tịch nước', 'Chủ tịch Quốc hội', 'Chủ tịch Hạ viện', 'Chủ tịch Thượng viện',
  'Người phát ngôn', 'Tư lệnh', 'Bộ trưởng Ngoại giao', 'Bộ trưởng Quốc phòng',
];
/**
 * Words that make the capitalised words after them the name of a place, school, company or
 * street, not a person (`trường THPT Nguyễn Du`, `đường Lê Lợi`, `Tập đoàn Tiến Sơn Thanh Hóa`).
 */
const NAMING_WORDS = [
  'Trường', 'THPT', 'THCS', 'Tiểu học', 'tiểu học', 'Đại học', 'đại học', 'Học viện', 'học viện',
  'đường', 'Đường', 'Phố', 'Cầu', 'hẻm', 'Hẻm', 'ngõ', 'Ngõ', 'Quảng trường', 'quảng trường',
  'Tập đoàn', 'tập đoàn', 'Công ty', 'công ty', 'Tổng công ty', 'Cty', 'Doanh nghiệp', 'doanh nghiệp', 'DNTN', 'TNHH', 'Cổ phần', 'cổ phần',
  'Bảo tàng', 'bảo tàng', 'Khu di tích', 'di tích', 'Nhà lưu niệm', 'Đền', 'đền', 'Chùa', 'chùa', 'Lăng',
  'Quỹ', 'Giải thưởng', 'giải thưởng', 'Khách sạn', 'Bệnh viện', 'bệnh viện', 'Công viên', 'công viên', 'Khu đô thị', 'Tàu', 'Nhà hát',
];
/** Countries spelt in Latin letters between a foreign title and the name (`Ngoại trưởng Italy Antonio Tajani`). */
const LATIN_COUNTRIES = [
  'Italy', 'Canada', 'Australia', 'Singapore', 'Philippines', 'Indonesia', 'Malaysia', 'Brazil', 'Argentina', 'Mexico',
  'Chile', 'Peru', 'Cuba', 'Venezuela', 'Israel', 'Iran', 'Iraq', 'Ukraine', 'Belarus', 'Kazakhstan', 'Uzbekistan',
  'Mongolia', 'Myanmar', 'Brunei', 'Timor-Leste', 'Nigeria', 'Kenya', 'Ethiopia', 'Algeria', 'Mozambique', 'Angola',
  'Venezuela', 'Colombia', 'Hungary', 'Romania', 'Bulgaria', 'Slovakia', 'Slovenia', 'Croatia', 'Serbia', 'Cyprus',
  'Kuwait', 'Qatar', 'Oman', 'Bahrain', 'Jordan', 'Palestine', 'Pakistan', 'Bangladesh', 'Nepal', 'Sri Lanka',
  'New Zealand', 'Syria', 'Libya', 'Yemen', 'Lebanon', 'Afghanistan', 'Azerbaijan', 'Armenia', 'Georgia', 'Moldova',
  'Latvia', 'Lithuania', 'Estonia', 'Timor', 'Leste', 'Washington', 'Moscow', 'London', 'Paris', 'Tokyo', 'Seoul', 'Mỹ', 'Hoa Kỳ', 'Nga', 'Pháp', 'Đức', 'Anh', 'Nhật', 'Nhật Bản', 'Hàn Quốc', 'Trung Quốc', 'Ấn Độ',
  'Lào', 'Campuchia', 'Thái Lan', 'EU', 'ASEAN', 'Liên hợp quốc', 'LHQ',
];
/** Organisation names that start like a personal name (`Đoàn Đại biểu Quốc hội`, `Viện … Y Dược học`). */
const NAME_LIKE_ORGANISATIONS = [
  'Đoàn Đại biểu', 'Đoàn đại biểu', 'Đoàn Thanh niên', 'Đoàn Chủ tịch', 'Đoàn Kiểm tra', 'Đoàn Giám sát', 'Đoàn Công tác',
  'Y Dược', 'Y dược', 'Y Khoa', 'Y khoa', 'Y Học', 'Y Tế',
];

/** Words that start like a position but are not one (`Hà Dũng (Tổng hợp)` is a byline). */
const NOT_POSITIONS = ['tổng hợp', 'tổng chủ biên', 'tổng cộng', 'tổng số', 'theo'];

const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/** A rank in either case (`Đại tá`, `đại tá`). */
const RANK_ALT = alternation(RANKS.flatMap((r) => [r, r[0]!.toLowerCase() + r.slice(1)]));
const POSITION_START = `(?:${alternation([...POSITION_WORDS, ...RANKS])})`;
/** A position start as printed before a name: capitalised, or one of the titles printed in lower case. */
const TITLE_START = `(?:${alternation([...POSITION_WORDS, ...RANKS, ...LOWER_CASE_TITLES])})`;
const STRONG_FAMILY = [...FAMILY_NAMES].filter((f) => !WEAK_FAMILY.has(f));
/** The words just before a name make it a place's, school's, company's or street's: a naming word, then only capitalised words that start no personal name. */
const NAMED_BY = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alternation(NAMING_WORDS)})(?:\s\p{Ll}{1,7})?(?:\s(?!(?:${STRONG_FAMILY.join('|')})\s)[\p{Lu}][\p{L}]{0,7})*\s$`, 'u');
const NAME_LIKE_ORGANISATION = new RegExp(`^(?:${alternation(NAME_LIKE_ORGANISATIONS)})(?![\\p{L}])`, 'u');
/** A capitalised word that cannot be a Vietnamese syllable (`Antonio`, `Novak`): part of a foreign name. */
const VIETNAMESE_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;
const isForeignWord = (token: string) => /^[A-Z][a-z'-]{1,14}$/.test(token) && !VIETNAMESE_SYLLABLE.test(fold(token));
/** Each foreign title as printed: `Phó Thủ tướng`, `Phó thủ tướng`, `phó thủ tướng`. */
const FOREIGN_TITLE_SPELLINGS = [...new Set(FOREIGN_TITLES.flatMap((t) => [t, t[0] + t.slice(1).toLowerCase(), t.toLowerCase()]))];
/** No leading lookbehind (it would be tried at every position): the letter before a match is checked in code. */
const FOREIGN_TITLE = new RegExp(`(?:${alternation(FOREIGN_TITLE_SPELLINGS)})(?![\\p{L}])`, 'gu');
/** The words after a foreign title: capitalised country words and a few lower-case ones (`Nông nghiệp Hoa Kỳ`), then the name. */
const WORDS_AFTER_TITLE = /^(?:\s(?:[\p{Lu}][\p{L}'-]{0,14}|\p{Ll}{1,7})){1,8}/u;
const COUNTRY_WORDS = new Set(LATIN_COUNTRIES.flatMap((c) => c.split(' ')));

/**
 * What every name `findForeignOfficials` takes holds: a capitalised word of Latin letters, one space,
 * then a foreign word (`[A-Z][a-z'-]{1,14}`, see `isForeignWord`): the name is such words and
 * one after the first is foreign. Four texts in five have none, and this scan costs a third of the
 * scan for the titles, so the titles are looked for only where it matches; the answer is the same.
 */
const LATIN_WORD_PAIR = /[A-Z][A-Za-z'-]*\s[A-Z][a-z'-]/;

/**
 * `Ngoại trưởng Antonio Tajani`, `Phó Thủ tướng Nga Alexander Novak`: foreign State officials named after their title.
 * `precheck` false skips the `LATIN_WORD_PAIR` fast path (for the tests that compare the two).
 */
export function findForeignOfficials(text: string, precheck = true): PersonMention[] {
  const found: PersonMention[] = [];
  if (precheck && !LATIN_WORD_PAIR.test(text)) return found;
  FOREIGN_TITLE.lastIndex = 0;
  for (let t = FOREIGN_TITLE.exec(text); t; t = FOREIGN_TITLE.exec(text)) {
    if (t.index > 0 && /\p{L}/u.test(text[t.index - 1]!)) {
      FOREIGN_TITLE.lastIndex = t.index + 1;
      continue;
    }
    const titleEnd = t.index + t[0].length;
    const words = WORDS_AFTER_TITLE.exec(text.slice(titleEnd, titleEnd + 100));
    if (!words) continue;
    const tokens = [...words[0].matchAll(/\S+/gu)];
    let from = tokens.findIndex((w) => isForeignWord(w[0]) && !COUNTRY_WORDS.has(w[0]));
    if (from < 0) continue;
    // `Tom Vilsack`: a given name that happens to be spelt like a Vietnamese syllable.
    const prev = tokens[from - 1]?.[0];
    const next = tokens[from + 1]?.[0];
    if (prev && !(next && isForeignWord(next)) && /^[A-Z][a-z]{1,14}$/.test(prev) && !COUNTRY_WORDS.has(prev)) from--;
    // `Thủ tướng cho biết Facebook …`: a predicate between the title and the words is a sentence, not a title.
    const between = tokens.slice(0, from).map((w) => w[0]);
    if (TITLE_STOP.test(words[0].slice(0, tokens[from]!.index + 1)) || between.includes('của') || between.filter((w) => /^\p{Ll}/u.test(w)).length > 2) continue;
    const name: string[] = [];
    for (const w of tokens.slice(from, from + 4)) {
      if (!/^[A-Z][A-Za-z'-]*$/.test(w[0]) || COUNTRY_WORDS.has(w[0])) break;
      name.push(w[0]);
    }
    if (name.length < 2 || !name.slice(1).some(isForeignWord)) continue;
    const start = titleEnd + tokens[from]!.index;
    const nameEnd = start + name.join(' ').length;
    found.push({ name: name.join(' '), position: tidy(text.slice(t.index, start)), start, nameEnd, end: nameEnd });
  }
  return found;
}

/** A name further on in a list introduced by a plural honorific: `các đồng chí Nguyễn Văn A, Trần Thị B và Lê C`. */
const LISTED_AFTER = new RegExp(String.raw`(?:^|[^\p{L}])(?:các đồng chí|Các đồng chí|các ông|Các ông|các bà|các ông, bà)\s{1,2}:?\s{0,2}(?:[\p{Lu}][\p{Ll}]{0,7}(?:\s[\p{Lu}][\p{Ll}]{0,7}){1,3}\s{0,2}(?:\([^()]{0,80}\)\s{0,2})?(?:,|và)\s{1,2})+$`, 'u');
const POSITION_WORD_START = new RegExp(`^${POSITION_START}`, 'u');
const POSITION_AFTER = new RegExp(String.raw`^\s{0,2}(?:,|-|–|—|\()\s{0,2}(?!(?:${alternation(NOT_POSITIONS)})(?![\p{L}]))(?=${POSITION_START}(?![\p{L}]))`, 'iu');
const POSITION_SEGMENT_START = new RegExp(String.raw`^\s{0,2},\s{0,2}(?=${POSITION_START}(?![\p{L}]))`, 'iu');
const STOP_VERBS = 'đồng chủ trì|chủ trì|phát biểu|nhấn mạnh|cho biết|cho rằng|thông tin|dự|đến dự|về dự|tham dự|đã|đang|sẽ|vừa|trình bày|quán triệt|giao|đánh giá|ghi nhận|yêu cầu|đề nghị|khẳng định|làm trưởng đoàn|cùng|tiếp thu|chỉ đạo|kết luận|báo cáo|tặng|trao|lưu ý|chia sẻ|nêu|phân tích|điều hành|chúc mừng|công bố|được|bày tỏ|đọc|định hướng|gợi mở|thay mặt|với|tại|trong|khai mạc|bế mạc|nhận định|ký(?<![Tt]hư ký)|lên|là|và các|cũng|mong|kêu gọi|hoan nghênh|biểu dương|phát động|giải trình|trả lời|đề xuất|góp ý|khen|thăm|làm việc|tới|do|khuyến khích|nói(?<!Tiếng nói)|thừa nhận|xác nhận|xác minh|khẩn trương|dẫn đầu|tiếp tục|hội kiến|hội đàm|bị(?<!thiết bị)|có|thì|công khai|đi|trực tiếp|xin lỗi|đồng ý|nhận|đến|đề cập|dành|đưa ra|quyết định|ban hành|phê duyệt|gửi';
const SEGMENT_STOP = new RegExp(String.raw`[.;:()\n“"!?]|(?<!Ngoại(?=\sgiao))\s(?:${STOP_VERBS}|Chủ trì|Phát biểu)(?![\p{L}])|\s[-–]\s(?=[\p{Lu}][\p{Ll}]{0,7}\s[\p{Lu}])`, 'u');
export const HONORIFIC_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(${alternation(HONORIFICS.flatMap((h) => [h, h[0]!.toUpperCase() + h.slice(1)]))}|${RANK_ALT})\s{1,2}$`, 'u');
/** Longest text `HONORIFIC_BEFORE` matches: a character, the longest honorific or rank (optional parts counted), two spaces. */
const HONORIFIC_REACH = 1 + Math.max(...[...HONORIFICS, ...RANKS].map((h) => h.replace(/\\|\?/g, '').length)) + 2;
const HONORIFIC_BEFORE_FROM = new RegExp(HONORIFIC_BEFORE.source, 'gu');

/**
 * `HONORIFIC_BEFORE.exec(before)`, tried only over the last `HONORIFIC_REACH` characters: its
 * matches end at the end, so none starts earlier, and `^` matches only when that is the whole text.
 */
export function honorificBefore(before: string): RegExpExecArray | null {
  HONORIFIC_BEFORE_FROM.lastIndex = Math.max(0, before.length - HONORIFIC_REACH);
  return HONORIFIC_BEFORE_FROM.exec(before);
}

/** `đồng chí`, `đ/c` or a rank just before the name: an official's without a position. */
function isComradeBefore(before: string): boolean {
  const honorific = honorificBefore(before);
  return honorific !== null && COMRADE.test(honorific[1]!);
}
const COMRADE = new RegExp(String.raw`^(?:${alternation(COMRADE_HONORIFICS)}|${RANK_ALT})$`, 'iu');
const CREDIT_BEFORE = /(?:Ảnh|Tin|Bài|Nguồn|Theo|Video|Clip|Đồ họa|Tin và ảnh|Tin, ảnh|Bài, ảnh|Bài và ảnh)\s{0,2}[:/-]?\s{0,2}(?:[\p{Lu}][\p{Ll}]{0,7}\s){0,3}$|\(\s{0,2}$/u;
export const TITLE_BEFORE = new RegExp(String.raw`(?:^|[\s,])(${TITLE_START}(?![\p{L}])[^,;.:()\n]{0,90})$`, 'u');
const TITLE_BEFORE_FROM = new RegExp(TITLE_BEFORE.source, 'gu');
/** Longest title start (`TITLE_START`). */
const TITLE_START_LENGTH = Math.max(...[...POSITION_WORDS, ...RANKS, ...LOWER_CASE_TITLES].map((t) => t.length));
const TITLE_BREAKS = ',;.:()\n';

/**
 * The title group of `TITLE_BEFORE.exec(text)`, tried only from the last character the title
 * cannot hold (`,;.:()` or a line break; a title start holds none) or from the farthest start that
 * reaches the end (the longest title start and 90 more characters): no match starts earlier, and
 * `^` matches only when the whole text is tried.
 */
export function titleBefore(text: string): string | null {
  const reach = Math.max(0, text.length - TITLE_START_LENGTH - 91);
  let from = text.length - 1;
  while (from >= reach && !TITLE_BREAKS.includes(text[from]!)) from--;
  TITLE_BEFORE_FROM.lastIndex = Math.max(0, from);
  return TITLE_BEFORE_FROM.exec(text)?.[1] ?? null;
}

export interface PersonMention {
  name: string;
  position: string | null;
  /** Offsets of the name. */
  start: number;
  nameEnd: number;
  /** End of the name and position following it. */
  end: number;
}

/** The personal name inside a capitalised run (`UBND tỉnh Hà Giang Nguyễn Minh Tiến` -> `Nguyễn Minh Tiến`). */
function nameInRun(tokens: string[]): { from: number; to: number } | null {
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!FAMILY_NAMES.has(tokens[i]!)) continue;
    // `Ông Ted Osius`: an honorific before a foreign name.
    if (tokens[i] === 'Ông' && isForeignWord(tokens[i + 1]!)) return null;
    const rest = tokens.length - i;
    if (rest > 4) continue;
    if (WEAK_FAMILY.has(tokens[i]!) && tokens.slice(i + 1).some((t) => FAMILY_NAMES.has(t) && !WEAK_FAMILY.has(t))) continue;
    // `Tập đoàn Tiến Sơn Thanh Hóa`: a weak family name before a province is a place's or company's name.
    if (WEAK_FAMILY.has(tokens[i]!) && isProvinceName(tokens.slice(i + 1).join(' '))) return null;
    const candidate = tokens.slice(i).join(' ');
    if (isProvinceName(candidate) || NOT_PEOPLE.has(candidate)) return null;
    if (i > 0 && isProvinceName(tokens.slice(0, i).join(' ')) && i === tokens.length - 2) continue;
    return { from: i, to: tokens.length };
  }
  return null;
}

/** Family names by their first code unit: a syllable is looked up without cutting it out of the text. */
const FAMILY_BY_FIRST = new Map<number, string[]>();
for (const name of FAMILY_NAMES) FAMILY_BY_FIRST.set(name.charCodeAt(0), [...(FAMILY_BY_FIRST.get(name.charCodeAt(0)) ?? []), name]);

/**
 * A syllable of the run other than its last is a family name: `nameInRun` finds no name in a run
 * without one, so most runs (`Hội nghị`, `Ban Chấp hành`) are left before their words are cut out.
 */
export function familyNameBeforeLast(run: CapitalisedRun): boolean {
  const { text, bounds } = run;
  for (let k = 0; k + 2 < bounds.length; k += 2) {
    const start = bounds[k]!;
    const length = bounds[k + 1]! - start;
    for (const name of FAMILY_BY_FIRST.get(text.charCodeAt(start)) ?? []) if (name.length === length && text.startsWith(name, start)) return true;
  }
  return false;
}

function containsName(text: string): boolean {
  RUN_IN_SEGMENT.lastIndex = 0;
  for (let m = RUN_IN_SEGMENT.exec(text); m; m = RUN_IN_SEGMENT.exec(text)) {
    const tokens = m[0].split(' ');
    const span = nameInRun(tokens);
    if (span && span.from > 0 || span && !POSITION_WORD_START.test(m[0])) return true;
  }
  return false;
}

function readPositionAfter(text: string, from: number): { position: string | null; end: number } {
  const sep = POSITION_AFTER.exec(text.slice(from, from + 40));
  if (!sep) return { position: null, end: from };
  let at = from + sep[0].length;
  const segments: string[] = [];
  for (let guard = 0; guard < 6; guard++) {
    const window = text.slice(at, at + 160);
    const stop = SEGMENT_STOP.exec(window);
    let segment = stop ? window.slice(0, stop.index) : window;
    const comma = segment.search(/,\s/);
    if (comma >= 0) segment = segment.slice(0, comma);
    if (containsName(segment)) {
      // `Bí thư Tỉnh ủy và đồng chí Trần Văn Bình`: this person's position ends before the join.
      const join = /\s(?:và|cùng với|cùng)\s/u.exec(segment);
      const own = join ? segment.slice(0, join.index) : '';
      if (own && POSITION_WORD_START.test(own) && !containsName(own)) {
        segments.push(own);
        at += own.length;
      }
      break; // `…, Phó Chủ tịch Quốc hội Tòng Thị Phóng`: the next person's title
    }
    segments.push(segment);
    at += segment.length;
    if (comma < 0) break;
    const next = POSITION_SEGMENT_START.exec(text.slice(at, at + 40));
    if (!next) break;
    at += next[0].length;
  }
  const position = tidy(segments.join(', '));
  return { position: position.length >= 3 ? position : null, end: at };
}

/** Predicates that end the text before a title (`… đi kiểm tra thực tế tại nhà ga`); `tại`, `với`, `trong` may be part of a title. */
const TITLE_STOP = new RegExp(String.raw`[.;:(\n“"!?]|(?<!Ngoại(?=\sgiao))\s(?:${STOP_VERBS.split('|').filter((v) => !['với', 'tại', 'trong', 'là', 'và các', 'cùng', 'giao'].includes(v)).join('|')})(?![\p{L}])`, 'u');
const POSITION_IN_TEXT = new RegExp(String.raw`(?:^|\s)((?:nguyên\s)?${TITLE_START}(?![\p{L}]))`, 'u');

/**
 * The title printed just before a name, from the text between the previous predicate and the name
 * (`Phó Thủ tướng Trịnh Đình Dũng đi kiểm tra … tại nhà ga La Khê`: none; `Chủ tịch UBND tỉnh phát
 * biểu … có Thứ trưởng Bộ NN&PTNT Trần Thanh Nam`: `Thứ trưởng Bộ NN&PTNT`).
 */
function lastTitle(raw: string): string | null {
  let text = raw;
  for (let stop = TITLE_STOP.exec(text); stop; stop = TITLE_STOP.exec(text)) text = text.slice(stop.index + stop[0].length);
  // `Phó Thủ tướng Trương Hòa Bình và Tổng Thanh tra Chính phủ Phan Văn Sáu`: only the last title is this person's;
  // `Bộ Nông nghiệp và Phát triển nông thôn`: one title.
  const joins = [...text.matchAll(/\s(?:và|cùng|với)\s/gu)].reverse();
  const join = joins.find((j) => POSITION_IN_TEXT.test(text.slice(j.index + j[0].length)));
  if (join) text = text.slice(join.index + join[0].length);
  const start = POSITION_IN_TEXT.exec(text);
  if (!start) return null;
  const title = tidy(text.slice(start.index));
  // `… đối với ông`: the words before an honorific are not the title of the name after it.
  if (/(?:^|\s)(?:ông|bà|anh|chị|em|cháu|đồng chí|TS|ThS)$/u.test(title)) return null;
  return title.length >= 3 && !containsStrongName(title) ? title : null;
}

/** A personal name starting with a family name that is not also a place syllable (`Từ Liêm`, `Hà Giang` are not). */
function containsStrongName(text: string): boolean {
  RUN_IN_SEGMENT.lastIndex = 0;
  for (let m = RUN_IN_SEGMENT.exec(text); m; m = RUN_IN_SEGMENT.exec(text)) {
    const tokens = m[0].split(' ');
    const span = nameInRun(tokens);
    if (span && !WEAK_FAMILY.has(tokens[span.from]!) && (span.from > 0 || !POSITION_WORD_START.test(m[0]))) return true;
  }
  return false;
}

/** `LISTED_AFTER`, tried only when a plural honorific is in the window (the end-anchored pattern is costly). */
function listedAfterComrades(window: string): boolean {
  const at = window.search(/[Cc]ác (?:đồng chí|ông|bà)/u);
  return at >= 0 && LISTED_AFTER.test(window.slice(Math.max(0, at - 1)));
}

/** Every mention of a named official, in text order; memoised per article (see text-memo.ts), so read only. */
export const findPersonMentions = memoByText(readPersonMentions);

function readPersonMentions(text: string): PersonMention[] {
  const mentions: PersonMention[] = [];
  for (const run of capitalisedRuns(text)) {
    if (!familyNameBeforeLast(run)) continue;
    const tokens = run.words;
    const span = nameInRun(tokens);
    if (!span) continue;
    const offset = tokens.slice(0, span.from).reduce((n, t) => n + t.length + 1, 0);
    const start = run.index + offset;
    const name = tokens.slice(span.from, span.to).join(' ');
    const nameEnd = run.end;
    // The tests below only read the text, so their order does not change the answer: a credit or a
    // naming word before (costly patterns) is looked for last, as most names have no position and
    // no honorific and are left before that.
    const before = text.slice(Math.max(0, start - 120), start);
    const after = readPositionAfter(text, nameEnd);
    let position = after.position;
    // `trimEnd` takes off what `\s+$` matches (the same white space), without a pattern's scan of the window.
    const trimmed = before.trimEnd();
    if (!position && trimmed.length < before.length) {
      const title = titleBefore(trimmed);
      // `Phó Thủ tướng Trương Hòa Bình và Tổng Thanh tra Chính phủ Phan Văn Sáu`: only the last title is this person's.
      if (title) position = lastTitle(title);
    }
    if (!position && !isComradeBefore(before) && !listedAfterComrades(text.slice(Math.max(0, start - 300), start))) continue;
    const near = text.slice(Math.max(0, start - 40), start);
    if (CREDIT_BEFORE.test(near) || NAMED_BY.test(near) || NAME_LIKE_ORGANISATION.test(text.slice(start, start + 24))) continue;
    mentions.push({ name, position, start, nameEnd, end: after.end });
  }
  const foreign = findForeignOfficials(text);
  return foreign.length === 0 ? mentions : [...mentions, ...foreign].sort((a, b) => a.start - b.start);
}

export function collectPeople(mentions: PersonMention[]): Person[] {
  const people = new Map<string, Person>();
  for (const m of mentions) {
    const known = people.get(m.name);
    if (!known) people.set(m.name, { name: m.name, position: m.position });
    else if (!known.position && m.position) known.position = m.position;
  }
  return [...people.values()];
}

const CHAIR_AFTER = /(?:chủ trì|Chủ trì|chủ tọa|chủ toạ|điều hành(?=\s{1,2}(?:phiên họp|hội nghị|kỳ họp|cuộc họp|buổi)))(?![\p{L}])/gu;
/** What joins co-chairs named before one `chủ trì`: `và`, `cùng`, `cùng với`, then at most a title of the next. */
const CO_CHAIR_JOIN = /^\s{0,2},?\s{0,2}(?:và|cùng với|cùng)\s{1,2}(?:(?:đồng chí|ông|bà)\s{1,2})?[^.;:,]{0,80}$/u;
/** `X, <position>, thay mặt Bộ Chính trị điều hành phiên họp`. */
const ON_BEHALF = /^,?\s{0,2}(?:đã\s{1,2})?thay mặt\s{1,2}[^,.;]{1,60}?\s$/u;
const CHAIR_LEADS = /(?:dự và chỉ đạo|chủ trì)[^.;]{0,60}?\scó\s{1,2}(?:các\s)?(?:đồng chí|ông|bà)?\s{0,2}$|dưới sự (?:chủ trì|chủ tọa|chủ toạ|điều hành) của\s{1,2}(?:đồng chí\s{1,2}|ông\s{1,2}|bà\s{1,2})?[^.;]{0,80}$/iu;

/**
 * Who presided: `X, <position> chủ trì`, `X - <position> Chủ trì hội nghị`,
 * `Dự và chỉ đạo Hội nghị có ông X, <position>`, `dưới sự chủ trì của <position> X`.
 * Looks only at the sentences given (those about the primary meeting), first match wins.
 * `textNumbers` are their numbers among the article's texts (text-memo.ts), when known.
 */
export function findChair(sentences: string[], textNumbers?: number[]): Person | null {
  return findChairWith(sentences, textNumbers, CHAIR_AFTER) ?? findChairWith(sentences, textNumbers, DIRECTS_AFTER);
}

/** `X, <position> dự và chỉ đạo Hội nghị`: taken as presiding only when no one is said to chair. */
const DIRECTS_AFTER = /dự và chỉ đạo(?=\s{1,2}(?:hội nghị|cuộc họp|phiên họp|kỳ họp|buổi))/giu;

function findChairWith(sentences: string[], textNumbers: number[] | undefined, chairAfter: RegExp): Person | null {
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    const mentions = findPersonMentions(sentence, textNumbers?.[i]);
    if (mentions.length === 0) continue;
    const candidates: Array<{ at: number; person: Person }> = [];
    for (const m of mentions) {
      const lead = sentence.slice(Math.max(0, m.start - 140), m.start);
      if (chairAfter === CHAIR_AFTER && CHAIR_LEADS.test(lead)) candidates.push({ at: m.start, person: { name: m.name, position: m.position } });
    }
    chairAfter.lastIndex = 0;
    for (let c = chairAfter.exec(sentence); c; c = chairAfter.exec(sentence)) {
      if (/dưới sự\s{1,2}$|sự\s{1,2}$/iu.test(sentence.slice(Math.max(0, c.index - 12), c.index))) continue;
      const idx = c.index;
      const near = (m: PersonMention) => idx - m.end <= 20 || ON_BEHALF.test(sentence.slice(m.end, idx));
      const before = mentions.filter((m) => m.end <= idx && near(m) && !/[.;]/.test(sentence.slice(m.end, idx)));
      let m = before[before.length - 1];
      // `A và B đồng chủ trì`, `A cùng B chủ trì`: co-chairs; the first named is the chair.
      for (let i = m ? mentions.indexOf(m) : -1; i > 0 && CO_CHAIR_JOIN.test(sentence.slice(mentions[i - 1]!.end, mentions[i]!.start)); i--) m = mentions[i - 1];
      if (m) candidates.push({ at: m.start, person: { name: m.name, position: m.position } });
    }
    if (candidates.length > 0) {
      candidates.sort((a, b) => a.at - b.at);
      return candidates[0]!.person;
    }
  }
  return null;
}
