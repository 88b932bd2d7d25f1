/**
 * Fast paths of the text parse (issue 14, round 2) decide what the plain forms decide: the
 * near-duplicate check on token hashes (clean.ts) splits where the token pattern splits and answers
 * as the rule on the tokens themselves; the facts of a parsed article skip the passes of
 * `normalizeForExtraction` that `normaliseText` has made redundant; sentences are cut where the
 * lookbehind form of the sentence-end pattern cuts them.
 */
import { describe, expect, it } from 'vitest';
import { plainNearDuplicate } from './helpers/plain-forms.ts';
import { HashTable, nearDuplicate, splitTokens, tokenHashes } from '../lambda/core/clean.ts';
import { normaliseText } from '../lambda/core/decode.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { INVISIBLE, ODD_SPACES, normalizeForExtraction, normalizeTextForExtraction, splitAtSentenceEnds } from '../lambda/core/extract/vietnamese.ts';

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

describe('HashTable', () => {
  it('holds the distinct hashes of its last fill, colliding slots included', () => {
    const table = new HashTable();
    // 0, 16, 32 and 48 share a slot in a table of 16 or 32; 5 does not
    table.fill([0, 16, 32, 16, 48, 5, 0]);
    expect(table.size).toBe(5);
    expect([0, 16, 32, 48, 5].every((h) => table.has(h))).toBe(true);
    expect([64, 1, 17, 2 ** 29].some((h) => table.has(h))).toBe(false);
    table.fill([1, 1, 2]);
    expect(table.size).toBe(2);
    expect([table.has(1), table.has(2), table.has(16), table.has(0)]).toEqual([true, true, false, false]);
  });

  it('grows for long lines and counts as a Set counts', () => {
    const hashes = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 2048);
    const table = new HashTable().fill(hashes);
    expect(table.size).toBe(new Set(hashes).size);
    expect(hashes.every((h) => table.has(h))).toBe(true);
    expect(table.has(2048)).toBe(false);
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

describe('normalizeTextForExtraction', () => {
  /** Every character `normalizeForExtraction` removes or replaces, each between letters. */
  const odd = [...'\u200B\u200C\u200D\uFEFF\u00AD\u0008\u00A0\u2007\u202F'];
  const text = `Hội${odd.join('nghị ')}hoà Đảng uỷ`;

  it('does what normalizeForExtraction does on normaliseText output', () => {
    const normalised = normaliseText(text);
    expect(normalizeTextForExtraction(normalised)).toBe(normalizeForExtraction(normalised));
    expect(normalizeTextForExtraction(normalised)).toContain('hòa Đảng ủy');
  });

  it('relies on normaliseText leaving none of those characters (each one checked)', () => {
    for (const c of odd) {
      expect(c.replace(INVISIBLE, '').replace(ODD_SPACES, ' ')).not.toBe(c);
      const normalised = normaliseText(`a${c}b`);
      expect(normalised.replace(INVISIBLE, '').replace(ODD_SPACES, ' ')).toBe(normalised);
    }
  });

  it('is what parseArticle gives the facts stage: title and body are free of them', () => {
    const bytes = new TextEncoder().encode(`${text} tổ chức hội nghị\n\nNgày 5/3/2024, Tỉnh ủy tổ chức Hội nghị${odd.join(' lần ')}.\n`);
    const parsed = parseArticle({ bytes, key: 'odd.txt', uploadedAt: null });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    for (const field of [parsed.article.title ?? '', parsed.article.body]) {
      expect(field.length).toBeGreaterThan(10);
      expect(field.replace(INVISIBLE, '').replace(ODD_SPACES, ' ')).toBe(field);
    }
  });
});

describe('splitAtSentenceEnds', () => {
  /** The sentence-end pattern as written before: the punctuation looked behind for, then `split`. */
  const PLAIN = /(?<=[.!?…])(?<!(?:^|[\s(])(?:TP|Tp|TX|Q|P|TT|TS|ThS|PGS|GS|BS|KS)\.)\s+(?=[\p{Lu}"“‘(])/u;
  it.each([
    'Hội nghị bế mạc. Đồng chí Nguyễn Văn A phát biểu! Ai dự? "Tất cả." (Ảnh: TTXVN)',
    'Tại TP. Hồ Chí Minh, PGS. Nguyễn Văn B và TS.  Trần C; (ThS. Lê D) dự. Q. Ba Đình. xTP. Hà Nội.',
    'P. Hòa Bình.   Sáng nay… Chiều nay…\tTối nay.\u00a0Đêm. ‘Trích’. “Dẫn”. và câu thường. 5. 6. Bảy',
    '. Bắt đầu bằng dấu chấm.  ',
    '   Khoảng trắng đầu. Hết',
    'TP. TP. Tp. TX. TT. GS. BS. KS. Xong.',
    'Không có dấu câu nào',
    '',
    '!!! ??? ... Ồ.Không cách. Có cách',
  ])('%s', (paragraph) => {
    expect(splitAtSentenceEnds(paragraph)).toEqual(paragraph.split(PLAIN));
  });

  it('cuts (so the comparison above is not of single pieces only)', () => {
    expect(splitAtSentenceEnds('Hội nghị bế mạc. Đồng chí A phát biểu! Ai dự? "Tất cả."')).toHaveLength(4);
    expect(splitAtSentenceEnds('Tại TP. Hồ Chí Minh, PGS. Nguyễn Văn B dự.')).toHaveLength(1);
  });
});
