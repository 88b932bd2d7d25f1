/**
 * Day/month dates in Vietnamese news text (`Ngày 23/9/2021`, `Sáng 16/8`, `chiều 18-9`,
 * `Hôm nay 22.5`, `ngày 5 tháng 7 năm 2023`). A missing year is inferred in years.ts.
 */
import { pad2 } from './vietnamese.ts';
import { memoByText } from './text-memo.ts';

export interface DateMention {
  day: number;
  month: number;
  year: number | null;
  /** Offsets in the searched text. */
  start: number;
  end: number;
  /** Introduced by `ngày`, `sáng`, `chiều`, `hôm nay`…: a date of an event rather than a bare figure. */
  prefixed: boolean;
  /** Announced for later (`vào ngày 28/9 tới`, `sẽ … ngày 3/7`). */
  planned: boolean;
}

/**
 * The words and marks of the date forms, as plain text in lower case (matched case-insensitively,
 * on NFC text); the patterns below are built from these lists.
 */
export interface DateWord {
  word: string;
  /**
   * Read only before a numeric date (`đêm 5/7`): not in the wordy form (`ngày 5 tháng 7`) nor as
   * a word for today (`đêm nay`).
   */
  numericOnly?: true;
}

/** Parts of the day before a date: `Sáng 16/8`, `chiều nay (18/9)`, `sáng ngày 5 tháng 7`; `sáng nay` is today. */
export const PARTS_OF_DAY: readonly DateWord[] = [
  { word: 'sáng' }, { word: 'chiều' }, { word: 'tối' }, { word: 'trưa' }, { word: 'đêm', numericOnly: true },
];
/** Words naming the day before a numeric date: `ngày 23/9`, `hôm nay 22.5`, `mùng 2/9`. */
export const DAY_WORDS: readonly string[] = ['hôm nay', 'ngày', 'hôm', 'mùng'];
/** The word before a date printed in words (`ngày 5 tháng 7 năm 2023`) and before a range (`ngày 15-17/5`). */
const DAY_WORD = 'ngày';
const MONTH_WORD = 'tháng';
const YEAR_WORD = 'năm';
/** `nay` after a part of the day: today (`Sáng nay`). */
const TODAY_WORD = 'nay';

export interface DateSeparator {
  mark: string;
  /** Joins the days and the month of a range too (`15-17/5`). */
  inRanges?: true;
  /** Between day and month only after a prefix word (`ngày 22.5`): `5.000`, `22,5.` are numbers. */
  needsPrefix?: true;
}

/** Marks between day, month and year: `23/9/2021`, `18-9`, `Hôm nay 22.5`. */
export const DATE_SEPARATORS: readonly DateSeparator[] = [
  { mark: '/', inRanges: true }, { mark: '.', needsPrefix: true }, { mark: '-', inRanges: true },
];

export interface RangeLink {
  word: string;
  /** Only between two full dates (`từ ngày 5-5 tới 10-5-2017`), not inside a range's days (`từ ngày 15 đến 17/5`). */
  betweenDatesOnly?: true;
}

/** Words before a range's first day: `từ ngày 15 đến 17/5`. */
const RANGE_OPENERS = ['từ'];
/** Words joining a range's first and last day. */
export const RANGE_LINKS: readonly RangeLink[] = [{ word: 'đến' }, { word: 'tới', betweenDatesOnly: true }, { word: '-' }, { word: '–' }];
/** A date announced for later: `vào ngày 28/9 tới`, `sẽ … ngày 3/7`, unless done (`đã`). */
const PLANNED_AFTER_WORDS = ['tới', 'sắp tới'];
const PLANNED_BEFORE_WORDS = ['sẽ', 'dự kiến', 'chuẩn bị cho'];
const DONE_BEFORE_WORDS = ['đã', 'vừa', 'hôm qua'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Inside a character class only `\`, `]`, `^` and `-` are special. */
const escapeInClass = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
const longestFirst = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
const anyOf = (words: readonly string[]) => longestFirst(words).map(escape).join('|');
const marks = (list: readonly DateSeparator[]) => list.map((s) => escapeInClass(s.mark)).join('');
const partsOfDay = (numeric: boolean) => anyOf(PARTS_OF_DAY.filter((p) => numeric || !p.numericOnly).map((p) => p.word));
const letterCount = (word: string) => word.replace(/\s/g, '').length;
const longest = (words: readonly string[]) => Math.max(...words.map(letterCount));

const SEP_MARKS = marks(DATE_SEPARATORS);
const SEP = `[${SEP_MARKS}]`;
const RANGE_SEP = `[${marks(DATE_SEPARATORS.filter((s) => s.inRanges))}]`;
const NEEDS_PREFIX = new Set(DATE_SEPARATORS.filter((s) => s.needsPrefix).map((s) => s.mark));

/** `Ngày 23/9/2021`, `Sáng 16/8`, `chiều nay (18-9)`, `Hôm nay 22.5`, `23/9`. */
const DMY = new RegExp(
  String.raw`(?<![\p{L}\d,${SEP_MARKS}])(?:(?<partOfDay>${partsOfDay(true)})(?:\s+${TODAY_WORD})?\s{0,2}\(?\s{0,2})?(?:(?<dayWord>${anyOf(DAY_WORDS)})\s{0,2}\(?\s{0,2})?` +
    String.raw`(?<day>\d{1,2})\s?(?<sep>${SEP})\s?(?<month>\d{1,2})(?:\s?${SEP}\s?(?<year>\d{4}))?(?!\d|${SEP}\d)`,
  'giu',
);
/** `ngày 5 tháng 7 năm 2023`, `sáng ngày 5 tháng 7`. */
const WORDY = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:${partsOfDay(false)})\s+)?${DAY_WORD}\s+(?<day>\d{1,2})\s+${MONTH_WORD}\s+(?<month>\d{1,2})(?:\s+${YEAR_WORD}\s+(?<year>\d{4}))?(?!\d)`,
  'giu',
);
const RANGE_LINK_WORDS = anyOf(RANGE_LINKS.filter((l) => !l.betweenDatesOnly).map((l) => l.word));
/** `từ ngày 15 đến 17/5`, `từ ngày 15-17/5`: the meeting starts on the first day. */
const RANGE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:${anyOf(RANGE_OPENERS)})\s{1,2})?${DAY_WORD}\s{1,2}(?<day>\d{1,2})\s{0,2}(?:${RANGE_LINK_WORDS})\s{0,2}(?:${DAY_WORD}\s{1,2})?(?<lastDay>\d{1,2})\s{0,2}${RANGE_SEP}\s{0,2}(?<month>\d{1,2})(?:\s{0,2}${RANGE_SEP}\s{0,2}(?<year>\d{4}))?(?!\d)`,
  'giu',
);
/** What may stand between two dates of one range: `5-5 đến 10-5-2017`. */
const RANGE_LINK = new RegExp(String.raw`^\s{0,2}(?:${anyOf(RANGE_LINKS.map((l) => l.word))})\s{0,2}(?:${DAY_WORD}\s{1,2})?$`, 'iu');
const PLANNED_AFTER = new RegExp(String.raw`^\s{0,3}\)?\s{0,3}(?:${anyOf(PLANNED_AFTER_WORDS)})(?![\p{L}])`, 'iu');
const PLANNED_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${anyOf(PLANNED_BEFORE_WORDS)})(?![\p{L}])`, 'iu');
const DONE_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${anyOf(DONE_BEFORE_WORDS)})(?![\p{L}])`, 'iu');

export function isValidDayMonth(day: number, month: number, year: number | null): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year !== null && year % 4 !== 0 ? 28 : 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days && (year === null || (year >= 1900 && year <= 2100));
}

/** Every word that can make a date planned: a text without one, or without a digit, has no planned date (cheaper than reading its dates). */
const PLANNED_WORD = new RegExp(anyOf([...PLANNED_AFTER_WORDS, ...PLANNED_BEFORE_WORDS]), 'iu');
/** Memoised per article (see text-memo.ts): `readDates` and the meeting extractor ask it of a sentence up to four times. */
export const mayHavePlannedDate = memoByText((text: string, at?: number): boolean => hasDigit(text, at) && PLANNED_WORD.test(text));

export function isPlanned(text: string, start: number, end: number): boolean {
  if (PLANNED_AFTER.test(text.slice(end, end + 16))) return true;
  const before = text.slice(Math.max(0, start - 90), start);
  return PLANNED_BEFORE.test(before) && !DONE_BEFORE.test(before);
}

/** Cheap tests first: most sentences have no number, and only the wordy forms and ranges need `ngày`. */
const HAS_DIGIT = /\d/;
/** `/\d/.test(text)`, memoised per article (see text-memo.ts): the date, planned-date and year readers all ask it of a sentence. */
export const hasDigit = memoByText((text: string): boolean => HAS_DIGIT.test(text));
const HAS_NGAY = new RegExp(DAY_WORD, 'iu');
/** Parts every match contains: the digits of a numeric date, the day word of the others. */
const DMY_ANCHOR = new RegExp(String.raw`\d{1,2}\s?${SEP}\s?\d{1,2}`, 'g');
const NGAY_ANCHOR = new RegExp(DAY_WORD, 'giu');
const stickyCopies = new Map<RegExp, RegExp>();

/** `/\s/u` on one UTF-16 code unit (the ECMAScript white space and line terminators), without a regex call per character. */
export function isSpaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * An ASCII letter or digit: every date pattern opens with a lookbehind refusing a letter or digit
 * before the match (`(?<![\p{L}\d…])`), so no match starts just after one (and trying there is skipped).
 */
const isAsciiLetterOrDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** The date patterns' opening, which `isAsciiLetterOrDigit` relies on (checked in test/extract-meeting-fast-paths.test.ts against `DATE_FORMS`). */
export const NO_LETTER_OR_DIGIT_BEFORE = String.raw`(?<![\p{L}\d`;

/**
 * The matches of the global `pattern` in `text`, exactly as exec() in a loop finds them, but
 * tried only just before each match of `anchor`: a cheap pattern for a part every match contains,
 * at most `prefixLetters` non-space characters after the match's start (any amount of space).
 * The date patterns open with a lookbehind and optional words, which makes running them over
 * every position of an article slow.
 */
export function anchoredMatches(text: string, pattern: RegExp, anchor: RegExp, prefixLetters: number): RegExpExecArray[] {
  let sticky = stickyCopies.get(pattern);
  if (!sticky) stickyCopies.set(pattern, (sticky = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y')));
  const found: RegExpExecArray[] = [];
  let from = 0;
  for (;;) {
    anchor.lastIndex = from;
    const a = anchor.exec(text);
    if (!a) return found;
    let start = a.index;
    for (let letters = 0; start > from; start--) {
      if (!isSpaceCode(text.charCodeAt(start - 1))) {
        if (letters === prefixLetters) break;
        letters++;
      }
    }
    let m: RegExpExecArray | null = null;
    for (let at = start; at <= a.index && !m; at++) {
      if (at > 0 && isAsciiLetterOrDigit(text.charCodeAt(at - 1))) continue;
      sticky.lastIndex = at;
      m = sticky.exec(text);
    }
    if (m) {
      found.push(m);
      from = m.index + m[0].length;
    } else {
      from = a.index + 1;
    }
  }
}

/** A date read from a match's groups, or null when the match is not one (checked for a valid day and month after). */
type DateReader = (g: Record<string, string | undefined>) => { day: number; month: number; year: number | null; prefixed: boolean } | null;

export interface DateForm {
  pattern: RegExp;
  /** A part every match contains, and how many letters a match may have before it (see `anchoredMatches`). */
  anchor: RegExp;
  prefixLetters: number;
  /** Only in texts with `ngày`. */
  needsDayWord: boolean;
  read: DateReader;
}

const year = (g: Record<string, string | undefined>) => (g.year ? Number(g.year) : null);

/** `23/9/2021`, `Sáng 16/8`: prefixed by a part of the day or a day word. */
const numericDate: DateReader = (g) => {
  const prefixed = Boolean(g.partOfDay || g.dayWord);
  if (NEEDS_PREFIX.has(g.sep!) && !prefixed) return null;
  return { day: Number(g.day), month: Number(g.month), year: year(g), prefixed };
};
/** `ngày 5 tháng 7 năm 2023`. */
const wordyDate: DateReader = (g) => ({ day: Number(g.day), month: Number(g.month), year: year(g), prefixed: true });
/** `từ ngày 15 đến 17/5`: the first day. */
const rangeStart: DateReader = (g) => (Number(g.day) > Number(g.lastDay) ? null : { day: Number(g.day), month: Number(g.month), year: year(g), prefixed: true });

/** The date forms in order (matches are sorted by position after). */
export const DATE_FORMS: readonly DateForm[] = [
  {
    pattern: DMY, anchor: DMY_ANCHOR, needsDayWord: false, read: numericDate,
    // `trưa nay (hôm nay (`: a part of the day, `nay`, a bracket, a day word, a bracket.
    prefixLetters: longest(PARTS_OF_DAY.map((p) => p.word)) + TODAY_WORD.length + 1 + longest(DAY_WORDS) + 1,
  },
  { pattern: WORDY, anchor: NGAY_ANCHOR, needsDayWord: true, read: wordyDate, prefixLetters: longest(PARTS_OF_DAY.map((p) => p.word)) },
  { pattern: RANGE, anchor: NGAY_ANCHOR, needsDayWord: true, read: rangeStart, prefixLetters: longest(RANGE_OPENERS) },
];

/** Every date in `text`, in order; memoised per article (see text-memo.ts), so read only. */
export const findDates = memoByText(readDates);

function readDates(text: string, at?: number): DateMention[] {
  const found: DateMention[] = [];
  if (!hasDigit(text, at)) return found;
  const ngay = HAS_NGAY.test(text);
  // `isPlanned` needs a planned word (same flags) in the text: without one no date of it is planned.
  const mayBePlanned = mayHavePlannedDate(text, at);
  for (const form of DATE_FORMS) {
    if (form.needsDayWord && !ngay) continue;
    for (const m of anchoredMatches(text, form.pattern, form.anchor, form.prefixLetters)) {
      const date = form.read(m.groups!);
      if (!date || !isValidDayMonth(date.day, date.month, date.year)) continue;
      const end = m.index + m[0].length;
      found.push({ day: date.day, month: date.month, year: date.year, start: m.index, end, prefixed: date.prefixed, planned: mayBePlanned && isPlanned(text, m.index, end) });
    }
  }
  found.sort((a, b) => a.start - b.start);
  // `từ ngày 5-5 đến 10-5-2017`: the first day takes the year of the second.
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1]!;
    if (a.year === null && b.year !== null && RANGE_LINK.test(text.slice(a.end, b.start))) a.year = b.year;
  }
  return found;
}

const TODAY = new RegExp(String.raw`(?<![\p{L}])(?:(?:${partsOfDay(false)})\s+${TODAY_WORD}|hôm ${TODAY_WORD})(?![\p{L}])`, 'iu');
/** `Sáng nay, …` / `… hôm nay tổ chức …` with no date printed. */
export function mentionsToday(text: string): boolean {
  return TODAY.test(text);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}
