/**
 * Meeting kinds: one entry per kind, with everything the code needs to know about it — the slug
 * stored in records, the Vietnamese and English labels the digests print, and the words that name
 * it in an article. Adding a kind means one entry here (and one test row in
 * test/extract-kinds.test.ts); the model's enum, the labels and the extractor's patterns are built
 * from this list.
 *
 * Words are regular-expression sources in lower case, matched case-insensitively on NFC text with
 * new-style tone marks (see `normalizeForExtraction`); a word must not be followed by a letter.
 */

/** A word (or phrase) that names a meeting on its own: `cuộc họp`, `đại hội`, `lễ kỷ niệm`. */
export interface HeadWord {
  words: string;
  /**
   * Names a meeting only in a Party/State context (`làm việc`, `họp báo`, `lễ trao`): the
   * extractor takes it only when a Party or State body is named next to it.
   */
  weak?: true;
  /**
   * The kind holds only for a sitting of these bodies (`kỳ họp thứ 3, Quốc hội khóa XIV`, `HĐND
   * tỉnh khai mạc kỳ họp`): when the body named nearest the word is one of `otherBodies` (`kỳ họp
   * thứ 13 của Ủy ban Kiểm tra Trung ương`) the meeting is of kind `otherwise`. With no body named,
   * the kind holds.
   */
  sittingOf?: { bodies: string; otherBodies: string; otherwise: string };
}

export interface MeetingKindEntry {
  slug: string;
  vi: string;
  en: string;
  /** Words naming a meeting of this kind on their own. */
  heads?: readonly HeadWord[];
  /** Words after `hội nghị` in the same clause that make it this kind; the earliest such word decides. */
  qualifiers?: readonly string[];
  /** Words right after `hội nghị` (`Hội nghị Ban Chấp hành …`, `Hội nghị lần thứ 7 Tỉnh ủy …`) that decide before any qualifier. */
  anchored?: readonly string[];
}

/** Elected bodies whose sittings are `kỳ họp`. */
const ELECTED_BODIES = 'quốc hội|hđnd|hội đồng nhân dân|đại biểu quốc hội|qh';
/** Other bodies that hold a `kỳ họp` (`Ủy ban Kiểm tra`). */
const OTHER_SITTING_BODIES = 'ủy ban|uỷ ban|ubkt|ban (?:thường vụ|chấp hành|chỉ đạo|kiểm tra)|hội đồng|đảng ủy|tỉnh ủy|thành ủy';

export const MEETING_KIND_LIST = [
  {
    slug: 'so-ket',
    vi: 'Hội nghị sơ kết',
    en: 'Interim review',
    heads: [{ words: '(?:tổ chức|buổi|chủ trì) sơ kết' }],
    qualifiers: [
      'sơ kết',
      '(?:đánh giá|kiểm điểm)[^.;]{0,60}(?:6 tháng|sáu tháng|quý [iv1-4])',
      // `hội nghị đánh giá kết quả 5 năm triển khai thực hiện Đề án …`: a review, before the `triển khai` it reviews.
      '(?:đánh giá|nhìn lại)\\s(?:về\\s)?(?:kết quả\\s)?(?:\\d{1,2}|một|hai|ba|bốn|năm|mười)\\s(?:năm|tháng)',
    ],
  },
  {
    slug: 'tong-ket',
    vi: 'Hội nghị tổng kết',
    en: 'Final review',
    heads: [{ words: '(?:tổ chức|buổi|chủ trì) tổng kết' }],
    qualifiers: ['tổng kết'],
  },
  {
    slug: 'quan-triet',
    vi: 'Học tập, quán triệt, triển khai',
    en: 'Study and implementation',
    heads: [{ words: 'quán triệt|học tập,? (?:và )?quán triệt' }],
    qualifiers: [
      'quán triệt|học tập|phổ biến',
      '(?:triển khai|thông tin) (?:thực hiện )?(?:các |những )?(?:nghị quyết|chỉ thị|kết luận|quy định|nghị định|đề án|luật|quyết định|văn bản|thông tư|chương trình hành động)',
    ],
  },
  {
    slug: 'bao-cao-vien',
    vi: 'Hội nghị báo cáo viên',
    en: 'Briefing of party lecturers',
    qualifiers: ['báo cáo viên'],
  },
  {
    slug: 'doi-thoai',
    vi: 'Gặp gỡ, đối thoại',
    en: 'Dialogue',
    heads: [{ words: 'gặp gỡ|đối thoại' }],
    qualifiers: ['gặp gỡ|đối thoại'],
  },
  {
    slug: 'tiep-xuc-cu-tri',
    vi: 'Tiếp xúc cử tri',
    en: 'Meeting with voters',
    heads: [{ words: '(?:buổi |cuộc )?tiếp xúc (?:với )?cử tri' }],
    qualifiers: ['tiếp xúc'],
  },
  {
    slug: 'gap-mat',
    vi: 'Gặp mặt',
    en: 'Meeting with',
    heads: [{ words: '(?:cuộc |buổi )?gặp mặt|họp mặt' }],
    qualifiers: ['gặp mặt'],
  },
  {
    slug: 'sinh-hoat-chi-bo',
    vi: 'Sinh hoạt chi bộ',
    en: 'Party cell meeting',
    heads: [{ words: 'sinh hoạt (?:chi bộ|chuyên đề|thường kỳ)' }],
  },
  {
    slug: 'dai-hoi',
    vi: 'Đại hội',
    en: 'Congress',
    heads: [{ words: 'đại hội' }],
  },
  {
    slug: 'hoi-nghi-bch',
    vi: 'Hội nghị Ban Chấp hành',
    en: 'Executive committee plenum',
    qualifiers: ['ban chấp hành'],
    anchored: ['(?:lần thứ [\\p{L}\\d]{1,10}\\s{1,3})?(?:\\(?mở rộng\\)?\\s{1,3})?(?:ban chấp hành|bch|trung ương|t\\.?ư|tw|tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy)'],
  },
  {
    slug: 'ky-hop',
    vi: 'Kỳ họp Quốc hội, HĐND',
    en: 'Session of an elected council',
    heads: [{ words: 'kỳ họp', sittingOf: { bodies: ELECTED_BODIES, otherBodies: OTHER_SITTING_BODIES, otherwise: 'hop' } }],
  },
  {
    slug: 'hop',
    vi: 'Cuộc họp, làm việc',
    en: 'Working meeting',
    heads: [
      { words: '(?:cuộc |buổi )?họp báo', weak: true },
      { words: '(?:cuộc|phiên|buổi) họp|họp (?:bàn|trực tuyến|thường kỳ|phiên|thường niên)|(?:chủ trì|triệu tập) họp' },
      { words: '(?:buổi|cuộc|có buổi|chương trình) làm việc|(?:đã|đến) làm việc (?:với|tại)|làm việc với', weak: true },
      { words: 'giao ban' },
    ],
    qualifiers: ['giao ban'],
  },
  {
    slug: 'ky-niem',
    vi: 'Lễ kỷ niệm, mít tinh',
    en: 'Commemoration, rally',
    heads: [{ words: 'lễ (?:kỷ|kỉ) niệm|(?:lễ )?mít ?tinh|(?:kỷ|kỉ) niệm \\d{1,3} năm' }],
    qualifiers: ['kỷ niệm|kỉ niệm|mít tinh'],
  },
  {
    slug: 'le',
    vi: 'Lễ công bố, trao tặng, phát động',
    en: 'Ceremony',
    heads: [
      {
        words: '(?:buổi )?lễ (?:công bố|trao|ra mắt|phát động|đón nhận|kết nạp|tuyên dương|ký kết|xuất quân|giao nhận quân|bàn giao|tiếp nhận)',
        weak: true,
      },
    ],
  },
  {
    slug: 'khac',
    vi: 'Hoạt động khác',
    en: 'Other activity',
    heads: [
      { words: 't(?:ọa|oạ) đàm|(?<!quốc )hội thảo(?! luận)|tập huấn' },
      { words: 'hội thi', weak: true },
    ],
    qualifiers: ['tập huấn|hội thảo|t(?:ọa|oạ) đàm'],
  },
] as const satisfies readonly MeetingKindEntry[];

export type MeetingKindSlug = (typeof MEETING_KIND_LIST)[number]['slug'];
