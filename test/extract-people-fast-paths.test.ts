/**
 * The fast paths of people.ts find what the plain patterns find (issue 14: speed without changing
 * output): the Latin-word pre-check of the foreign officials, the end windows of the honorific and
 * title patterns, and the table-driven capitalised runs of vietnamese.ts (capitalisedRuns).
 */
import { describe, expect, it } from 'vitest';
import { HONORIFIC_BEFORE, TITLE_BEFORE, familyNameBeforeLast, findForeignOfficials, findPersonMentions, honorificBefore, titleBefore } from '../lambda/core/extract/people.ts';
import { CAPITALISED_RUN_SOURCE, FAMILY_NAMES, capitalisedRuns } from '../lambda/core/extract/vietnamese.ts';
import { execAll, randomTexts as joinRandom } from './helpers/plain-forms.ts';

const FOREIGN = [
  'Ngoại trưởng Italy Antonio Tajani đã gặp Phó Thủ tướng Nga Alexander Novak tại Hà Nội.',
  'Bộ trưởng Nông nghiệp Hoa Kỳ Tom Vilsack và Tổng thống Mỹ Joe\u00a0Biden; Thủ tướng Ấn Độ Narendra\tModi.',
  'Đại sứ Anh Gareth Ward, Tổng Thư ký LHQ António Guterres, Thống đốc bang Alaska Mike Dunleavy.',
  'Thị trưởng Paris Anne Hidalgo; Người phát ngôn Bộ Ngoại giao Trung Quốc Mao Ning; Nữ hoàng Anh Elizabeth II.',
  'Chủ tịch Hạ viện Mỹ Nancy Pelosi-Smith, Thượng nghị sĩ John O\'Neill và Hạ nghị sĩ Mc Kay.',
  'Phó Tổng thống Kamala\nHarris, Quốc vương Jordan Abdullah, Hoàng tử Anh William, thủ tướng Fumio Kishida.',
  'Thủ tướng cho biết Facebook Meta sẽ đầu tư; Bộ trưởng của Pháp Jean Noel; Tổng thống Tom Vilsack.',
  'Thủ tướng Phạm Minh Chính, Bộ trưởng Bộ Y tế Đào Hồng Lan, Đại sứ Nguyễn Văn A.',
  'Bộ trưởng Quốc phòng Lloyd Austin; Tư lệnh Hạm đội Thái Bình Dương Samuel Paparo; ĐBộ trưởng Ab Cd.',
  'Thủ tướng Singapore Lee Hsien Loong, Tổng thống Indonesia Joko Widodo và Quốc vương Brunei Hassanal Bolkiah.',
  '',
];

describe('findForeignOfficials', () => {
  it('finds with the Latin-word pre-check what it finds without', () => {
    let found = 0;
    // Each text whole and cut at its commas, semicolons and `và`: one name a piece, so no other pair of Latin words hides a miss.
    const pieces = FOREIGN.flatMap((text) => [text, ...text.split(/[,;] | và /)]);
    for (const text of pieces) {
      const fast = findForeignOfficials(text);
      expect(fast).toEqual(findForeignOfficials(text, false));
      found += fast.length;
    }
    expect(found).toBeGreaterThan(30);
  });
});

/** Texts before a name: honorifics and titles at the end, at the start, behind punctuation, long and short. */
const BEFORE = [
  'đồng chí ', 'Đồng chí  ', 'các đồng chí: ', 'xông ', 'ông ', ' ông ', 'Thượng tướng ', 'thượng tướng  ', 'PGS.TS. ', 'GS.TS ',
  'Hội nghị có sự tham dự của đồng chí ', 'Tham dự có các đồng chí: ', 'tại buổi làm việc, ông ', 'phát biểu,bà ', '(đ/c ',
  'x'.repeat(110) + ' các đồng chí: ', 'x'.repeat(110) + ' các đồng chí:  ', 'x'.repeat(110) + ',Thượng tướng  ', 'x'.repeat(100) + 'đại tá ', 'x'.repeat(104) + 'ông ', 'x'.repeat(105) + ' ông ', 'ông',
  'Phó Chủ tịch UBND tỉnh', 'Sáng 5/3, Phó Chủ tịch UBND tỉnh', 'Đoàn công tác do Phó Thủ tướng', 'phó chủ tịch Thường trực UBND TP HCM',
  'Bộ trưởng Bộ Y tế', 'Chủ tịch UBND tỉnh phát biểu, Thứ trưởng Bộ NN&PTNT', ',Giám đốc Sở', 'Giám đốc Sở (Tài chính)',
  'x'.repeat(60) + ' Bí thư Tỉnh ủy ' + 'y'.repeat(70), 'x'.repeat(30) + ' phó chủ nhiệm ủy ban ' + 'y'.repeat(89), 'Bí thư ' + 'y'.repeat(90),
  'Bí thư ' + 'y'.repeat(91), 'x,phó chủ nhiệm ủy ban ' + 'y'.repeat(68), 'Trưởng', 'Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy', 'Ủy viên. Trưởng ban\nDân vận',
  '',
];

describe('honorificBefore', () => {
  it('finds what HONORIFIC_BEFORE finds over the whole text', () => {
    let found = 0;
    for (const before of BEFORE) {
      const fast = honorificBefore(before);
      const plain = HONORIFIC_BEFORE.exec(before);
      expect(fast && [fast.index, ...fast]).toEqual(plain && [plain.index, ...plain]);
      if (plain) found++;
    }
    expect(found).toBeGreaterThan(10);
  });
});

describe('titleBefore', () => {
  it('finds what TITLE_BEFORE finds over the whole text', () => {
    let found = 0;
    for (const before of BEFORE) {
      expect(titleBefore(before)).toBe(TITLE_BEFORE.exec(before)?.[1] ?? null);
      if (TITLE_BEFORE.test(before)) found++;
    }
    expect(found).toBeGreaterThan(10);
  });
});

describe('capitalisedRuns', () => {
  const TEXTS = [
    'Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy và ông Trần Thị B (Hà Nội) dự; 2Nguyễn Văn C; aNguyễn Văn D.',
    'Thái Bình Dương, Ông Ted Osius, 𝐀Nguyễn Văn E, ÉNguyễn Văn F, Nguyễn\u00a0Văn G, Nguyễn  Văn H, Nguyễn',
    'Aaaaaaaa Bb, Aaaaaaaaa Bb Cc, A B C D E F G H I J K L, Ngô Quyền,Lê Lợi, Hà Nội Mới-Hà Nội. Bà Rịa', 'Aa B', 'A',
    'Nguyễn Văn Anhhhhhhhh, Nguyễn Văn AB, Nguyễn Văn A1, Nguyễn VănΩ, Nguyễn Văn 中, Nguyễn Văn 𝐀, ΩNguyễn Văn, 中Nguyễn Văn',
    'Sáng 16/8, Tỉnh ủy Nghệ An tổ chức hội nghị tại TP. Vinh; tỉnhNghệ An, BáoHải Phòng, xNghệ An.',
    'Thái Bình, Hà Nội Mới, Ông Ted Osius, 𝐀Nguyễn Văn E, ÉNguyễn Văn F, Nguyễn\u00a0Văn G.',
    '',
  ];
  /** Random texts of capitals, small letters, spaces, digits, punctuation and letters outside the tables. */
  function randomTexts(count: number): string[] {
    const syllables = ['Nguyễn', 'Văn', 'A', 'Đ', 'Ưaaaaaaa', 'Ỹaaaaaaaa', 'Bc'];
    const glue = [' ', ' ', ' ', ' ', ' ', ' ', '  ', ',', '.', '-', '', 'a', 'ễ', '1'];
    const others = ['Ω', 'ж', '中', '𝐀', '\u0301', 'ΩΩ '];
    return joinRandom([...syllables, ...syllables, ...glue, ...glue, ...others], count, { min: 5, spread: 60 }, 7);
  }

  it('finds what a global scan of the pattern finds, with the same syllables', () => {
    const global = new RegExp(CAPITALISED_RUN_SOURCE, 'gu');
    let runs = 0;
    for (const text of [...TEXTS, ...randomTexts(5000)]) {
      const fast = capitalisedRuns(text).map((r) => `${r.index}:${text.slice(r.index, r.end)}:${r.words.join('|')}`);
      const plain = execAll(global, text).map((found) => `${found}:${found.slice(found.indexOf(':') + 1).split(' ').join('|')}`);
      expect(fast).toEqual(plain);
      runs += fast.length;
    }
    expect(runs).toBeGreaterThan(500);
  });

  it('says which runs have a family name before their last syllable without cutting the syllables out', () => {
    const texts = [...TEXTS, 'Ông Nguyễn Văn An, Bà Trần Thị Bình, Lê Lợi, Hồ Chí Minh, Ban Chấp Hành, Hội Nghị Trung Ương, Văn Hóa Nguyễn', ...randomTexts(2000)];
    let withName = 0;
    let without = 0;
    for (const text of texts) {
      for (const run of capitalisedRuns(text)) {
        const plain = run.words.slice(0, -1).some((w) => FAMILY_NAMES.has(w));
        expect(familyNameBeforeLast(run)).toBe(plain);
        if (plain) withName++;
        else without++;
      }
    }
    expect(withName).toBeGreaterThan(50);
    expect(without).toBeGreaterThan(50);
  });
});

describe('the title before a name, behind any white space', () => {
  it('is read after every white-space character (as /\\s$/ said) and after no other character', () => {
    const blanks = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => /\s/.test(c));
    const wrong: string[] = [];
    for (const c of [...blanks, '-', ',', '(', '"', '/']) {
      const mentions = findPersonMentions(`Phó Chủ tịch UBND tỉnh${c}Nguyễn Văn An phát biểu.`);
      const found = mentions.length === 1 && mentions[0]!.name === 'Nguyễn Văn An' && mentions[0]!.position === 'Phó Chủ tịch UBND tỉnh';
      if (found !== /\s/.test(c)) wrong.push(c.charCodeAt(0).toString(16));
    }
    expect(blanks.length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });
});
