/**
 * Day/month dates in Vietnamese news text (`Ngày 23/9/2021`, `Sáng 16/8`, `chiều 18-9`,
 * `Hôm nay 22.5`, `ngày 5 tháng 7 năm 2023`). A missing year is inferred in years.ts.
 */
import { pad2 } from './vietnamese.ts';

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

const DMY = new RegExp(
  String.raw`(?<![\p{L}\d/.,-])(?:(sáng|chiều|tối|trưa|đêm)(?:\s+nay)?\s{0,2}\(?\s{0,2})?(?:(hôm nay|ngày|hôm|mùng)\s{0,2}\(?\s{0,2})?` +
    String.raw`(\d{1,2})\s?([/.-])\s?(\d{1,2})(?:\s?[/.-]\s?(\d{4}))?(?!\d|[/.-]\d)`,
  'giu',
);
const WORDY = /(?<![\p{L}\d])(?:(sáng|chiều|tối|trưa)\s+)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?(?!\d)/giu;
/** `từ ngày 15 đến 17/5`, `từ ngày 15-17/5`: the meeting starts on the first day. */
const RANGE = /(?<![\p{L}\d])(?:từ\s{1,2})?ngày\s{1,2}(\d{1,2})\s{0,2}(?:đến|-|–)\s{0,2}(?:ngày\s{1,2})?(\d{1,2})\s{0,2}[/-]\s{0,2}(\d{1,2})(?:\s{0,2}[/-]\s{0,2}(\d{4}))?(?!\d)/giu;
const RANGE_LINK = /^\s{0,2}(?:đến|tới|-|–)\s{0,2}(?:ngày\s{1,2})?$/iu;
const PLANNED_AFTER = /^\s{0,3}\)?\s{0,3}(?:tới|sắp tới)(?![\p{L}])/iu;
const PLANNED_BEFORE = /(?:^|[^\p{L}])(?:sẽ|dự kiến|chuẩn bị cho)(?![\p{L}])/iu;
const DONE_BEFORE = /(?:^|[^\p{L}])(?:đã|vừa|hôm qua)(?![\p{L}])/iu;

export function isValidDayMonth(day: number, month: number, year: number | null): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year !== null && year % 4 !== 0 ? 28 : 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days && (year === null || (year >= 1900 && year <= 2100));
}

function isPlanned(text: string, start: number, end: number): boolean {
  if (PLANNED_AFTER.test(text.slice(end, end + 16))) return true;
  const before = text.slice(Math.max(0, start - 90), start);
  return PLANNED_BEFORE.test(before) && !DONE_BEFORE.test(before);
}

/** Cheap tests first: most sentences have no number, and only the wordy forms and ranges need `ngày`. */
const HAS_DIGIT = /\d/;
const HAS_NGAY = /ngày/iu;
/** Parts every match contains, a few letters after its start (DMY: `trưa nay (hôm nay (` has 16). */
const DMY_ANCHOR = /\d{1,2}\s?[/.-]\s?\d{1,2}/g;
const NGAY_ANCHOR = /ngày/giu;
const SPACE = /\s/u;
const stickyCopies = new Map<RegExp, RegExp>();

/**
 * The matches of the global `pattern` in `text`, exactly as exec() in a loop finds them, but
 * tried only just before each match of `anchor`: a cheap pattern for a part every match contains,
 * at most `prefixLetters` non-space characters after the match's start (any amount of space).
 * The date patterns open with a lookbehind and optional words, which makes running them over
 * every position of an article slow.
 */
function anchoredMatches(text: string, pattern: RegExp, anchor: RegExp, prefixLetters: number): RegExpExecArray[] {
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
      if (!SPACE.test(text[start - 1]!)) {
        if (letters === prefixLetters) break;
        letters++;
      }
    }
    let m: RegExpExecArray | null = null;
    for (let at = start; at <= a.index && !m; at++) {
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

export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  if (!HAS_DIGIT.test(text)) return found;
  for (const m of anchoredMatches(text, DMY, DMY_ANCHOR, 20)) {
    const prefixed = Boolean(m[1] || m[2]);
    if (m[4] === '.' && !prefixed) continue; // `5.000`, `22,5.` are numbers, not dates
    const day = Number(m[3]);
    const month = Number(m[5]);
    const year = m[6] ? Number(m[6]) : null;
    if (!isValidDayMonth(day, month, year)) continue;
    const end = m.index + m[0].length;
    found.push({ day, month, year, start: m.index, end, prefixed, planned: isPlanned(text, m.index, end) });
  }
  const ngay = HAS_NGAY.test(text);
  for (const m of ngay ? anchoredMatches(text, WORDY, NGAY_ANCHOR, 8) : []) {
    const day = Number(m[2]);
    const month = Number(m[3]);
    const year = m[4] ? Number(m[4]) : null;
    if (!isValidDayMonth(day, month, year)) continue;
    const end = m.index + m[0].length;
    found.push({ day, month, year, start: m.index, end, prefixed: true, planned: isPlanned(text, m.index, end) });
  }
  for (const m of ngay ? anchoredMatches(text, RANGE, NGAY_ANCHOR, 8) : []) {
    const day = Number(m[1]);
    const month = Number(m[3]);
    const year = m[4] ? Number(m[4]) : null;
    if (!isValidDayMonth(day, month, year) || day > Number(m[2])) continue;
    const end = m.index + m[0].length;
    found.push({ day, month, year, start: m.index, end, prefixed: true, planned: isPlanned(text, m.index, end) });
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

const TODAY = /(?<![\p{L}])(?:(?:sáng|chiều|tối|trưa)\s+nay|hôm nay)(?![\p{L}])/iu;
/** `Sáng nay, …` / `… hôm nay tổ chức …` with no date printed. */
export function mentionsToday(text: string): boolean {
  return TODAY.test(text);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}
