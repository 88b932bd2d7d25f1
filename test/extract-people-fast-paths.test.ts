/**
 * The fast paths of people.ts find what the plain patterns find (issue 14: speed without changing
 * output): the Latin-word pre-check of the foreign officials.
 */
import { describe, expect, it } from 'vitest';
import { findForeignOfficials } from '../lambda/core/extract/people.ts';

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
