/**
 * Fast paths of the text parse (issue 14, round 2) decide what the plain forms decide: the
 * near-duplicate check on token hashes (clean.ts) splits where the token pattern splits and answers
 * as the rule on the tokens themselves.
 */
import { describe, expect, it } from 'vitest';
import { nearDuplicate, splitTokens, tokenHashes } from '../lambda/core/clean.ts';

/** The near-duplicate rule on the token strings, as written before the hashes. */
function plainNearDuplicate(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length > 2000 || b.length > 2000) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const shortTokens = splitTokens(short);
  if (shortTokens.length < 4) return false;
  const longTokens = splitTokens(long);
  const longSet = new Set(longTokens);
  const shared = shortTokens.filter((t) => longSet.has(t)).length;
  if (shared / shortTokens.length < 0.75) return false;
  if (shortTokens.length >= longSet.size * 0.5) return true;
  return shortTokens.slice(0, 6).every((t, i) => longTokens[i] === t);
}

describe('tokenHashes', () => {
  it('splits at every code unit where the token pattern splits, and nowhere else', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const line = `ab${String.fromCharCode(code)}cd`;
      if (tokenHashes(line).length !== splitTokens(line).length) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('gives equal tokens equal hashes whatever their case, and different words different ones', () => {
    const [a, b, c, d] = tokenHashes('Hội nghị, HỘI NGHỊ (hội) nghị');
    expect([a, b]).toEqual([c, d]);
    expect(new Set(tokenHashes('Đảng ủy Khối các cơ quan tỉnh Nghệ An')).size).toBe(9);
  });
});

describe('nearDuplicate on hashes', () => {
  const LINES = [
    'Đồng chí Chu Bá Long - Phó Bí thư Đảng ủy Khối các cơ quan cấp tỉnh thông tin',
    'Đồng chí Chu Bá Long - Phó Bí thư Đảng ủy Khối Các cơ quan tỉnh thông tin',
    'Đồng chí Chu Bá Long - Phó Bí thư Đảng ủy Khối các cơ quan cấp tỉnh thông tin tại hội nghị sáng nay về công tác cán bộ của tỉnh trong năm 2024 và các năm tới.',
    'Hội nghị đã thảo luận về công tác cán bộ.',
    'Hội nghị đã thảo luận về công tác cán bộ; đại biểu thảo luận sôi nổi.',
    'Đại hội bầu Ban Chấp hành khóa mới gồm 35 đồng chí.',
    'Quang cảnh hội nghị. Ảnh: Mai Hoa',
    'Quang cảnh hội nghị',
    'một hai ba bốn năm sáu bảy tám chín mười',
    'một hai ba bốn năm sáu khác hẳn nhau rồi mười một mười hai mười ba mười bốn mười lăm',
    'Một, hai; ba: bốn!',
  ];
  it.each(LINES.flatMap((a) => LINES.map((b) => [a, b] as const)))('%s / %s', (a, b) => {
    expect(nearDuplicate(a, b)).toBe(plainNearDuplicate(a, b));
  });

  it('finds the duplicates it should (so the comparison above is not all "no")', () => {
    expect(nearDuplicate(LINES[0]!, LINES[1]!)).toBe(true);
    expect(nearDuplicate(LINES[0]!, LINES[2]!)).toBe(true);
    expect(nearDuplicate(LINES[3]!, LINES[5]!)).toBe(false);
  });
});
