/**
 * Meeting kind from the words naming the meeting (`Hội nghị sơ kết`, `cuộc họp`, `sinh hoạt chi bộ`).
 * The first meeting noun in a sentence decides; after `hội nghị` the qualifier that follows decides.
 */
import type { MeetingKind } from '../model.ts';
import { MEETING_KIND_LIST } from '../kinds.ts';
import type { HeadWord } from '../kinds.ts';
import { memoByText } from './text-memo.ts';

interface Head {
  re: string;
  kind: MeetingKind | 'hoi-nghi';
  /** A word that names a meeting only in a Party/State context (used for stricter anchors). */
  weak?: boolean;
  /** Whose sitting it must be (see `HeadWord.sittingOf`), as patterns. */
  sittingOf?: { bodies: RegExp; otherBodies: RegExp; otherwise: MeetingKind };
}

/** `hội nghị` names a meeting of any kind: the qualifier after it decides (`kindAfterHoiNghi`). */
const CONFERENCE: Head = { re: '(?<!quốc )hội nghị(?! quyết)', kind: 'hoi-nghi' };

const isKind = (slug: string): slug is MeetingKind => MEETING_KIND_LIST.some((k) => k.slug === slug);

function headOf(kind: MeetingKind, word: HeadWord): Head {
  const head: Head = { re: word.words, kind, weak: word.weak };
  const of = word.sittingOf;
  if (of && isKind(of.otherwise)) {
    head.sittingOf = {
      bodies: new RegExp(`^(?:${of.bodies})$`, 'iu'),
      otherBodies: new RegExp(`(?<![\\p{L}])(?:${of.bodies}|${of.otherBodies})(?![\\p{L}])`, 'giu'),
      otherwise: of.otherwise,
    };
  }
  return head;
}

/** Every head word of every kind, `hội nghị` first; one capture group each, in this order. */
const HEADS: Head[] = [CONFERENCE, ...MEETING_KIND_LIST.flatMap((k) => ((k as { heads?: readonly HeadWord[] }).heads ?? []).map((w) => headOf(k.slug, w)))];

/**
 * No leading `(?<![\\p{L}])`: a lookbehind first makes the engine try the whole alternation at
 * every position. `findMeetingNouns` checks the character before a match instead and resumes one
 * position later (same matches: the lookbehind does not depend on which alternative matches).
 */
const HEAD_RE = new RegExp(`(?:${HEADS.map((h) => `(${h.re})`).join('|')})(?![\\p{L}])`, 'giu');
const LETTER_BEFORE = /\p{L}$/u;

/**
 * Syllables of which every head word holds one outside its optional parts (`hội nghị`, `sơ kết`,
 * `quán triệt`, `cuộc họp`, `mít tinh`, `tọa đàm` …; test/extract-meeting-fast-paths.test.ts checks
 * each head word). A text holding none names no meeting, and this one pattern (same flags as
 * `HEAD_RE`, so the same letters match) is cheaper than `HEAD_RE` on the most texts, which have none.
 */
export const HEAD_SYLLABLES = ['hội', 'kết', 'triệt', 'gặp', 'thoại', 'cử tri', 'mặt', 'sinh hoạt', 'họp', 'làm việc', 'giao ban', 'lễ', 'tinh', 'niệm', 'đàm', 'huấn'];
const MAY_NAME_A_MEETING = new RegExp(HEAD_SYLLABLES.join('|'), 'iu');
/** The head words' pattern sources, in group order (for the test of `HEAD_SYLLABLES`). */
export const HEAD_WORD_SOURCES: readonly string[] = HEADS.map((h) => h.re);
/** Words before a head that make it something else than a meeting (`Nghị quyết Đại hội`, `Trung tâm Hội nghị`). */
const NOT_A_MEETING_BEFORE = /(?:(?:nghị quyết|văn kiện)(?:\s{1,2}(?:số\s{1,2})?\d[\p{L}\d/.-]*)?|trung tâm|chào mừng|tiến tới|hướng tới|sau|trước|của|tinh thần|phòng|nhà|cung)\s{1,3}$/iu;
/** `cần quán triệt đến cán bộ`, `để quán triệt`: a directive, not a meeting. */
const DIRECTIVE_BEFORE = /(?:^|[^\p{L}])(?:cần|phải|để|nhằm|yêu cầu|đề nghị|tiếp tục|chỉ đạo|đẩy mạnh|tăng cường|việc|sẽ)\s{1,3}$/iu;
const SHAREHOLDERS = /đồng cổ đông|cổ đông|hội đồng quản trị/iu;
const PLANNED_BEFORE = /(?:^|[^\p{L}])(?:sẽ|dự kiến|chuẩn bị cho|chuẩn bị)\s[^.;]{0,40}$/iu;

/** Words right after `hội nghị` that decide its kind (`Hội nghị Ban Chấp hành …`). */
const ANCHORED: Array<[RegExp, MeetingKind]> = MEETING_KIND_LIST.flatMap((k) =>
  ((k as { anchored?: readonly string[] }).anchored ?? []).map((w): [RegExp, MeetingKind] => [new RegExp(`^\\s{0,3}(?:${w})(?![\\p{L}])`, 'iu'), k.slug]),
);
/** Words after `hội nghị` in its clause; the earliest decides. */
const QUALIFIERS: Array<[RegExp, MeetingKind]> = MEETING_KIND_LIST.flatMap((k) =>
  ((k as { qualifiers?: readonly string[] }).qualifiers ?? []).map((w): [RegExp, MeetingKind] => [new RegExp(w, 'iu'), k.slug]),
);
const QUALIFIER_WINDOW = 140;

const BCH_BEFORE = /(?:ban chấp hành|bch|tỉnh ủy|thành ủy|huyện ủy|trung ương đảng)[^.;]{0,80}$/iu;
const HOP_QUALIFIED = /^\s{1,2}(sơ kết|tổng kết|giao ban)/iu;

function kindAfterHoiNghi(text: string, from: number): MeetingKind {
  let window = text.slice(from, from + QUALIFIER_WINDOW);
  const stop = window.search(/[.;:!?]\s|\n/);
  if (stop >= 0) window = window.slice(0, stop);
  for (const [re, kind] of ANCHORED) if (re.test(window)) return kind;
  // `Ban Chấp hành Đảng bộ thành phố … tổ chức Hội nghị lần thứ 7`.
  if (/^\s{0,2}lần thứ/iu.test(window) && BCH_BEFORE.test(text.slice(Math.max(0, from - 130), from))) return 'hoi-nghi-bch';
  let best: MeetingKind = 'khac';
  let bestAt = Infinity;
  for (const [re, kind] of QUALIFIERS) {
    const m = re.exec(window);
    if (m && m.index < bestAt) {
      bestAt = m.index;
      best = kind;
    }
  }
  return best;
}

const SITTING_AFTER = 80;
const SITTING_BEFORE = 150;

/**
 * `kỳ họp thứ 13 của Ủy ban Kiểm tra Trung ương`: the kind of a sitting of another body than those
 * the head word is for, or null when it is theirs or no body is named. The body named just after the
 * word (`kỳ họp thứ 3, Quốc hội khóa XIV`) decides; else the nearest one before it in the sentence.
 */
function sittingKind(text: string, start: number, end: number, of: NonNullable<Head['sittingOf']>): MeetingKind | null {
  const pick = (body: string): MeetingKind | null => (of.bodies.test(body) ? null : of.otherwise);
  let after = text.slice(end, end + SITTING_AFTER);
  const stop = after.search(/[.;:!?]\s|\n/);
  if (stop >= 0) after = after.slice(0, stop);
  of.otherBodies.lastIndex = 0;
  const first = of.otherBodies.exec(after);
  if (first) return pick(first[0]);
  let before = text.slice(Math.max(0, start - SITTING_BEFORE), start);
  const sentence = before.search(/[.;!?]\s(?=[^.;!?]*$)|\n(?=[^\n]*$)/);
  if (sentence >= 0) before = before.slice(sentence + 1);
  let last: string | null = null;
  of.otherBodies.lastIndex = 0;
  for (let b = of.otherBodies.exec(before); b; b = of.otherBodies.exec(before)) last = b[0];
  return last === null ? null : pick(last);
}

export interface KindMatch {
  kind: MeetingKind;
  /** Offset of the meeting noun in the text. */
  index: number;
  /** The meeting noun is introduced as future (`sẽ gặp mặt`). */
  planned: boolean;
  weak: boolean;
}

/** Every meeting noun in the text, in order, with the kind it names; memoised per article (see text-memo.ts), so read only. */
export const findMeetingNouns = memoByText(readMeetingNouns);

function readMeetingNouns(text: string): KindMatch[] {
  const found: KindMatch[] = [];
  if (!MAY_NAME_A_MEETING.test(text)) return found;
  HEAD_RE.lastIndex = 0;
  for (let m = HEAD_RE.exec(text); m; m = HEAD_RE.exec(text)) {
    if (m.index > 0 && LETTER_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      HEAD_RE.lastIndex = m.index + 1;
      continue;
    }
    const group = m.slice(1).findIndex((g) => g !== undefined);
    const head = HEADS[group];
    if (!head) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (NOT_A_MEETING_BEFORE.test(before)) continue;
    if (SHAREHOLDERS.test(text.slice(m.index, m.index + m[0].length + 30))) continue;
    if (head.kind === 'quan-triet' && DIRECTIVE_BEFORE.test(before)) continue;
    // `Đối thoại Shangri-La`, `Gặp gỡ Việt Nam`: a capitalised name in mid-sentence, not a meeting kind.
    if ((head.kind === 'doi-thoai' || head.kind === 'gap-mat') && /^\p{Lu}/u.test(m[0]) && m.index > 0 && /\p{L}\s{1,2}$/u.test(before)) continue;
    let kind = head.kind === 'hoi-nghi' ? kindAfterHoiNghi(text, m.index + m[0].length) : head.kind;
    if (head.sittingOf) kind = sittingKind(text, m.index, m.index + m[0].length, head.sittingOf) ?? kind;
    if (kind === 'hop') {
      // `cuộc họp sơ kết công việc 6 tháng` is a review.
      const q = HOP_QUALIFIED.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 12));
      if (q) kind = /sơ/iu.test(q[1]!) ? 'so-ket' : /tổng/iu.test(q[1]!) ? 'tong-ket' : 'hop';
    }
    found.push({ kind, index: m.index, planned: PLANNED_BEFORE.test(before), weak: Boolean(head.weak) });
  }
  return found;
}

/** Kind named first in the text (skipping future meetings unless nothing else is named). */
export function classifyMeeting(text: string): KindMatch | null {
  const nouns = findMeetingNouns(text);
  return nouns.find((n) => !n.planned) ?? null;
}
