/**
 * Sticky patterns tried near anchors only (extract/anchored.ts) find what a global copy of the same
 * pattern finds scanning the whole text (issue 14: speed without changing output): the document
 * codes and bare mentions of documents.ts, the place names of places.ts.
 */
import { describe, expect, it } from 'vitest';
import { globalMatches, shown } from './helpers/plain-forms.ts';
import { matchesBefore, positions, wordPositions } from '../lambda/core/extract/anchored.ts';
import { BARE_MENTION, CODE_STEPS, bareMentionMatches, codeMatches } from '../lambda/core/extract/documents.ts';
import { PLACE_PATTERNS, placeMatches } from '../lambda/core/extract/places.ts';

const DOCUMENT_TEXTS = [
  'Nghị quyết số 05 và nghị   quyết 12, xNghị quyết 7, "Quyết định 3", Kế hoạch số 40-KH/TW.',
  'Nghị quyết liên tịch  số  1234 và Thông tư liên tịch 5; Nghị quyết 5 Nghị quyết 6, Chỉ thị 10 năm 2020; Luật 7-2017.',
  'Nghị quyết 05-NQ/TW, Quyết định số 343-QĐNS/TW, Quy định 24 - QĐ/TW, 1234-2017  –  QĐNS  /  TWX của Ban Bí thư.',
  'Theo 19-2017/NQ-CP, 30/2020/NĐ-CP, 30a/2008/NQ-CP, 123 / QĐ-UBND, 24/CT-TTg, 35/2017/QH14 và 333/2017/UBTVQH14.',
  'công văn 1584/BTC-VP, công văn 12/2019/BTC-VP-TW; a24-QĐ/TW, /24-QĐ/TW, 12/24-QĐ/TW, -5-CT/TW, 𝐀24-QĐ/TW, 1/2/3/NĐ-CP.',
  'Ngày 16/8/2024, hội nghị quán triệt Nghị quyết số 5 ngày 3/2/2024; Kết luận 12-KL/TW; Chương trình 4 điểm; Tờ trình số\u00a09.',
  '',
];

describe('documents: patterns tried near their anchors', () => {
  it('code patterns, tried before a slash with capitals, find what a global scan finds', () => {
    let found = 0;
    for (const text of DOCUMENT_TEXTS) {
      for (const [pattern] of CODE_STEPS) {
        const fast = shown(codeMatches(text, pattern));
        expect(fast).toEqual(globalMatches(pattern, text));
        found += fast.length;
      }
    }
    expect(found).toBeGreaterThan(15);
  });

  it('bare mentions, tried before a digit after a type word, find what a global scan finds', () => {
    let found = 0;
    for (const text of DOCUMENT_TEXTS) {
      const fast = shown(bareMentionMatches(text));
      expect(fast).toEqual(globalMatches(BARE_MENTION, text));
      found += fast.length;
    }
    expect(found).toBeGreaterThanOrEqual(8);
  });
});

const PLACE_TEXTS = [
  'Sáng 16/8, Tỉnh ủy Nghệ An tổ chức hội nghị tại TP. Vinh; tỉnhNghệ An, BáoHải Phòng, xNghệ An.',
  'Thái Bình Dương, Thái Bình, Hà Nội Mới, tại Thừa Thiên Huế và Thừa Thiên - Huế, Bà Rịa – Vũng Tàu, Đắk Lăk, Đắk Lắk.',
  'TP.HCM, TP HCM, TPHCM, TP. Hồ Chí Minh, thành phố Hồ Chí Minh, tư tưởng Hồ Chí Minh, xTP.HCM, HCMC, Thành phố Hồ Chí Minh.',
  'Bộ Chỉ huy Quân sự  Long An, Hội đồng nhân dân  Hà Nam, ở Hà Nội, về Huế, đến Hòa Bình, Nam Định, Việt Nam, Hà Nam Ninh.',
  'UBND tỉnh Quảng Ninh, HĐND thành phố Hải Phòng; Công an Hà Nội; Mặt trận Tổ quốc tỉnh Lào Cai; ở Hà\nNội; HCM.',
  '',
];

describe('places: patterns tried near their anchors', () => {
  it.each(['city', 'marked', 'bare'] as const)('%s names find what a global scan finds', (step) => {
    let found = 0;
    for (const text of PLACE_TEXTS) {
      const fast = shown(placeMatches[step](text));
      expect(fast).toEqual(globalMatches(PLACE_PATTERNS[step], text));
      found += fast.length;
    }
    expect(found).toBeGreaterThan(4);
  });
});

describe('matchesBefore', () => {
  it('finds every match starting within the lead, also two before one anchor, and none twice', () => {
    const text = 'ab ab xx abab ab';
    const sticky = /ab/y;
    const anchors = [...text.matchAll(/x|b(?= |$)/g)].map((m) => m.index);
    expect(shown(matchesBefore(text, sticky, anchors, 6))).toEqual(globalMatches(sticky, text));
  });

  it('positions and wordPositions list where matches and words start, ascending', () => {
    expect(positions('a1b22c', /\d/g)).toEqual([1, 3, 4]);
    expect(wordPositions('HCM, Hồ Chí Minh, HCM', ['HCM', 'Hồ Chí Minh'])).toEqual([0, 5, 18]);
  });
});
