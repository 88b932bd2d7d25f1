/**
 * The pre-checks of the meeting extractors decide as the plain patterns do (issue 14: speed without
 * changing output): attendance.ts `findBridge` (a `cầu` check before the bridge-count pattern) and
 * meeting-kinds.ts `HEAD_SYLLABLES` (a syllable check before the head-word pattern), summary.ts `isCaption` (an `Ảnh` / sentence-start check before the caption pattern), and the date
 * reading of dates.ts (`isSpaceCode`, no try after an ASCII letter or digit in `anchoredMatches`).
 */
import { describe, expect, it } from 'vitest';
import { execAll } from './helpers/plain-forms.ts';
import { BRIDGE_PATTERN, TOTAL_PATTERN, extractAttendance, findBridge } from '../lambda/core/extract/attendance.ts';
import { CAPTION, isCaption } from '../lambda/core/extract/summary.ts';
import { HEAD_SYLLABLES, HEAD_WORD_SOURCES, findMeetingNouns } from '../lambda/core/extract/meeting-kinds.ts';
import { DATE_FORMS, NO_LETTER_OR_DIGIT_BEFORE, anchoredMatches, findDates, isPlanned, isSpaceCode } from '../lambda/core/extract/dates.ts';

const DATES = [
  'Sáng 16/8, Tỉnh ủy tổ chức hội nghị; chiều nay (hôm nay (18-9), trưa nay 22.5.2023.',
  'x16/8 a16/8 Sáng16/8 sáng 16/8 5 16/8 ,16/8 ngày16/8 Ngày 23/9/2021 123/45 1/2/3/4 9/2021',
  'ngày 5 tháng 7 năm 2023, aNgày 5 tháng 7, Sáng ngày 5 tháng 7, bsáng ngày 6 tháng 8',
  'từ ngày 15 đến 17/5, Từ ngày 15-17/5/2023, xtừ ngày 1 đến 3/6, ztừ  ngày 2 – 4.7',
  'Ñgày 5/6 éSáng 7/8 đ9/10 (ngày 11/12) “Sáng 13/1” Chiều\u00a0nay 14/2',
  '',
];

const BRIDGES = [
  'Hội nghị được tổ chức trực tuyến tới 237 điểm cầu trong cả nước.',
  'Kết nối 1.234 ĐIỂM CẦU và hai đầu cầu; 12 Điểm Cầu.',
  'Với năm  đầu cầu tại các tỉnh.',
  'KẾT NỐI 40 ĐIỂM CẦU',
  'x5 điểm cầu, 3/4 điểm cầu, 2,5 điểm cầu, tám điểm cầu',
  'Cầu Long Biên có 3 nhịp; 4 cầu; 6 đầu cầu\u0301',
  'Không có số liệu điểm cầu nào.',
  'Hội nghị trực tuyến',
  '',
];

const CAPTIONS = [
  'Ảnh: Thu Hà',
  'Ảnh minh họa',
  'Quang cảnh hội nghị.',
  'Toàn cảnh: hội nghị',
  'Toàn cảnh hội nghị (Ảnh Minh Quang)',
  'Các đại biểu dự hội nghị. Ảnh:\u00a0TTXVN',
  'Đồng chí Bí thư phát biểu (ảnh: Văn Hùng)',
  ' Quang cảnh hội nghị',
  'Toàn cảnhhội nghị',
  'ẢNH: TTXVN',
  'Hình ảnh đẹp của hội nghị',
  '',
];

describe('meeting pre-checks', () => {
  it('findBridge finds what the bridge pattern finds', () => {
    for (const text of BRIDGES) expect(findBridge(text)?.[0] ?? null, text).toEqual(BRIDGE_PATTERN.exec(text)?.[0] ?? null);
    expect(findBridge(BRIDGES[0]!)?.[1]).toBe('237');
    expect(findBridge(BRIDGES[1]!)?.[0]).toBe('1.234 ĐIỂM CẦU');
  });

  it('isCaption decides as the caption pattern does', () => {
    for (const text of CAPTIONS) expect(isCaption(text), text).toBe(CAPTION.test(text));
    expect(CAPTIONS.filter(isCaption)).toHaveLength(6);
  });

  it('isSpaceCode is /\\s/u on every code unit', () => {
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/u.test(String.fromCharCode(c))) expect(c).toBe(-1);
  });

  it('anchoredMatches finds what the date patterns find', () => {
    for (const form of DATE_FORMS) {
      expect(form.pattern.source.startsWith(NO_LETTER_OR_DIGIT_BEFORE)).toBe(true);
      for (const text of DATES) expect(anchoredMatches(text, form.pattern, form.anchor, form.prefixLetters).map((m) => `${m.index}:${m[0]}`), text).toEqual(execAll(form.pattern, text));
    }
    expect(DATES.flatMap((t) => execAll(DATE_FORMS[0]!.pattern, t)).length).toBeGreaterThan(8);
  });

  it('a total needs a digit: sentences without one are not searched for participation words', () => {
    const noDigit = ['Hơn hai trăm đại biểu tham dự hội nghị.', 'Có mặt năm đồng chí.', 'Khoảng một nghìn người tham gia.', 'Tham dự có mười cán bộ.'];
    for (const text of noDigit) expect(execAll(TOTAL_PATTERN, text), text).toEqual([]);
    expect(extractAttendance(noDigit)).toBeNull();
    expect(extractAttendance([...noDigit, 'Hơn 200 đại biểu tham dự hội nghị.'])?.total).toBe(200);
  });

  it('a date is planned as isPlanned says, though isPlanned is asked only in texts with a planned word', () => {
    const texts = [
      'HỘI NGHỊ SẼ DIỄN RA NGÀY 28/9.', 'Hội nghị tổ chức ngày 28/9 TỚI.', 'Dự Kiến ngày 3/7, kỳ họp khai mạc.', 'Chuẩn Bị Cho hội nghị ngày 5/6.',
      'Hội nghị diễn ra ngày 28/9 (tới đây sẽ họp tiếp).', 'Sáng 16/8, Tỉnh ủy tổ chức hội nghị; ngày 20/8 sắp tới sẽ họp.', 'Hội nghị đã diễn ra ngày 28/9.',
      'Từ ngày 15 đến 17/5 tới, hội nghị diễn ra; ngày 5 tháng 7 năm 2023 sẽ họp.', 'Đến ngày 3/4 vừa qua; tớingày 4/5; sẽ1/2',
    ];
    let planned = 0;
    for (const text of texts) {
      for (const d of findDates(text)) {
        expect(d.planned, text).toBe(isPlanned(text, d.start, d.end));
        if (d.planned) planned++;
      }
    }
    expect(planned).toBeGreaterThanOrEqual(6);
  });

  it('every head word holds one of HEAD_SYLLABLES outside its optional parts', () => {
    for (const source of HEAD_WORD_SOURCES) {
      for (const alternative of source.split(/\|(?![^(]*\))/u)) {
        // Cut out groups (alternations, optional words, lookarounds) and optional characters: what is left is always matched
        // (a cut leaves a NUL, so that no syllable is made up across it).
        let required = alternative;
        for (let before = ''; before !== required; ) [before, required] = [required, required.replace(/\([^()]*\)\??/gu, '\0')];
        required = required.replace(/.\?/gu, '\0');
        expect(HEAD_SYLLABLES.some((k) => required.includes(k)), `${alternative} -> ${required}`).toBe(true);
      }
    }
  });

  it('texts without those syllables have no meeting noun; texts with them keep theirs', () => {
    const plain = new RegExp(`(?:${HEAD_WORD_SOURCES.map((h) => `(${h})`).join('|')})(?![\\p{L}])`, 'giu');
    const without = ['Quốc hội thảo luận', 'Ông Nguyễn Văn A phát biểu tại buổi', 'Tổ chức Lễ', 'hôi nghi (no tone marks)', ''];
    for (const text of without) if (!HEAD_SYLLABLES.some((k) => text.toLowerCase().includes(k))) expect(execAll(plain, text), text).toEqual([]);
    const withNouns = ['HỘI NGHỊ BAN CHẤP HÀNH', 'Buổi Tiếp Xúc Cử Tri', 'Lễ Mít Tinh kỷ niệm', 'TỌA ĐÀM', 'cuộc GẶP MẶT', 'Sinh Hoạt Chi Bộ', 'kỉ niệm 70 năm', 'có buổi làm việc với UBND'];
    for (const text of withNouns) expect(findMeetingNouns(text).length, text).toBeGreaterThan(0);
  });
});
