/**
 * Meeting kind from the words naming the meeting (`Hội nghị sơ kết`, `cuộc họp`, `sinh hoạt chi bộ`).
 * The first meeting noun in a sentence decides; after `hội nghị` the qualifier that follows decides.
 */
import type { MeetingKind } from '../model.ts';

interface Head {
  re: string;
  kind: MeetingKind | 'hoi-nghi';
  /** A word that names a meeting only in a Party/State context (used for stricter anchors). */
  weak?: boolean;
}

const HEADS: Head[] = [
  { re: '(?<!quốc )hội nghị(?! quyết)', kind: 'hoi-nghi' },
  { re: '(?:tổ chức|buổi|chủ trì) sơ kết', kind: 'so-ket' },
  { re: '(?:tổ chức|buổi|chủ trì) tổng kết', kind: 'tong-ket' },
  { re: 'đại hội', kind: 'dai-hoi' },
  { re: 'sinh hoạt (?:chi bộ|chuyên đề|thường kỳ)', kind: 'sinh-hoat-chi-bo' },
  { re: '(?:cuộc |buổi )?họp báo', kind: 'hop', weak: true },
  { re: '(?:cuộc|phiên|kỳ|buổi) họp|họp (?:bàn|trực tuyến|thường kỳ|phiên|thường niên)', kind: 'hop' },
  { re: '(?:buổi|cuộc|có buổi|chương trình) làm việc|(?:đã|đến) làm việc (?:với|tại)|làm việc với', kind: 'hop', weak: true },
  { re: 'giao ban', kind: 'hop' },
  { re: 'lễ (?:kỷ|kỉ) niệm|(?:lễ )?mít ?tinh|(?:kỷ|kỉ) niệm \\d{1,3} năm', kind: 'ky-niem' },
  { re: 'gặp gỡ|đối thoại|tiếp xúc cử tri', kind: 'doi-thoai' },
  { re: '(?:cuộc |buổi )?gặp mặt|họp mặt', kind: 'gap-mat' },
  { re: 't(?:ọa|oạ) đàm|(?<!quốc )hội thảo(?! luận)|tập huấn', kind: 'khac' },
  { re: 'lễ (?:công bố|trao|ra mắt|phát động)|hội thi', kind: 'khac', weak: true },
  { re: 'quán triệt|học tập,? (?:và )?quán triệt', kind: 'quan-triet' },
];

/**
 * No leading `(?<![\\p{L}])`: a lookbehind first makes the engine try the whole alternation at
 * every position. `findMeetingNouns` checks the character before a match instead and resumes one
 * position later (same matches: the lookbehind does not depend on which alternative matches).
 */
const HEAD_RE = new RegExp(`(?:${HEADS.map((h) => `(${h.re})`).join('|')})(?![\\p{L}])`, 'giu');
const LETTER_BEFORE = /\p{L}$/u;
/** Words before a head that make it something else than a meeting (`Nghị quyết Đại hội`, `Trung tâm Hội nghị`). */
const NOT_A_MEETING_BEFORE = /(?:(?:nghị quyết|văn kiện)(?:\s{1,2}(?:số\s{1,2})?\d[\p{L}\d/.-]*)?|trung tâm|chào mừng|tiến tới|hướng tới|sau|trước|của|tinh thần|phòng|nhà|cung)\s{1,3}$/iu;
/** `cần quán triệt đến cán bộ`, `để quán triệt`: a directive, not a meeting. */
const DIRECTIVE_BEFORE = /(?:^|[^\p{L}])(?:cần|phải|để|nhằm|yêu cầu|đề nghị|tiếp tục|chỉ đạo|đẩy mạnh|tăng cường|việc|sẽ)\s{1,3}$/iu;
const SHAREHOLDERS = /đồng cổ đông|cổ đông|hội đồng quản trị/iu;
const PLANNED_BEFORE = /(?:^|[^\p{L}])(?:sẽ|dự kiến|chuẩn bị cho|chuẩn bị)\s[^.;]{0,40}$/iu;

const BCH_ANCHORED = /^\s{0,3}(?:lần thứ [\p{L}\d]{1,10}\s{1,3})?(?:\(?mở rộng\)?\s{1,3})?(?:ban chấp hành|bch|trung ương|t\.?ư|tw|tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy|tỉnh uỷ|thành uỷ)(?![\p{L}])/iu;
const QUALIFIERS: Array<[RegExp, MeetingKind]> = [
  [/gặp gỡ|đối thoại/iu, 'doi-thoai'],
  [/sơ kết/iu, 'so-ket'],
  [/tổng kết/iu, 'tong-ket'],
  [/quán triệt|học tập|phổ biến|(?:triển khai|thông tin) (?:thực hiện )?(?:các |những )?(?:nghị quyết|chỉ thị|kết luận|quy định|nghị định|đề án|luật|quyết định|văn bản|thông tư|chương trình hành động)/iu, 'quan-triet'],
  [/ban chấp hành/iu, 'hoi-nghi-bch'],
  [/gặp mặt/iu, 'gap-mat'],
  [/kỷ niệm|kỉ niệm|mít tinh/iu, 'ky-niem'],
  [/giao ban/iu, 'hop'],
  [/tập huấn|hội thảo|t(?:ọa|oạ) đàm/iu, 'khac'],
  [/(?:đánh giá|kiểm điểm)[^.;]{0,60}(?:6 tháng|sáu tháng|quý [IV1-4])/iu, 'so-ket'],
  // `hội nghị đánh giá kết quả 5 năm triển khai thực hiện Đề án …`: a review, before the `triển khai` it reviews.
  [/(?:đánh giá|nhìn lại)\s(?:về\s)?(?:kết quả\s)?(?:\d{1,2}|một|hai|ba|bốn|năm|mười)\s(?:năm|tháng)(?![\p{L}])/iu, 'so-ket'],
];
const QUALIFIER_WINDOW = 140;

const BCH_BEFORE = /(?:ban chấp hành|bch|tỉnh ủy|thành ủy|huyện ủy|trung ương đảng)[^.;]{0,80}$/iu;
const HOP_QUALIFIED = /^\s{1,2}(sơ kết|tổng kết|giao ban)/iu;

function kindAfterHoiNghi(text: string, from: number): MeetingKind {
  let window = text.slice(from, from + QUALIFIER_WINDOW);
  const stop = window.search(/[.;:!?]\s|\n/);
  if (stop >= 0) window = window.slice(0, stop);
  if (BCH_ANCHORED.test(window)) return 'hoi-nghi-bch';
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

export interface KindMatch {
  kind: MeetingKind;
  /** Offset of the meeting noun in the text. */
  index: number;
  /** The meeting noun is introduced as future (`sẽ gặp mặt`). */
  planned: boolean;
  weak: boolean;
}

/** Every meeting noun in the text, in order, with the kind it names. */
export function findMeetingNouns(text: string): KindMatch[] {
  const found: KindMatch[] = [];
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
