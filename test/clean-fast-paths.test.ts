/**
 * Fast paths of clean.ts give the plain answers: `tokenHashes` lowers the line unit by unit
 * through a table when it can, and must hash exactly what it hashed on `line.toLowerCase()`;
 * `nearDuplicate` stops counting shared tokens once too many are missing; `hasOddSpace` is
 * `ODD_SPACE.test`.
 */
import { describe, expect, it } from 'vitest';
import { plainNearDuplicate, randomTexts } from './helpers/plain-forms.ts';
import { ODD_SPACE, ODD_SPACE_RUN, hasOddSpace, isChromeLine, nearDuplicate, splitTokens, stripCredits, stripMarkup, toLines, tokenHashes } from '../lambda/core/clean.ts';

/** Code units that end a token (white space and the punctuation of `splitTokens`). */
const BREAKS = new Set([...' \t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff,.;:!?()"“”–-'].map((c) => c.charCodeAt(0)));
for (let c = 0x2000; c < 0x200b; c++) BREAKS.add(c);

/** The token hashes as computed before the table: FNV-1a over the units of `line.toLowerCase()`. */
function plainTokenHashes(line: string): number[] {
  const lower = line.toLowerCase();
  const hashes: number[] = [];
  let hash = 0x811c9dc5;
  let inToken = false;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (BREAKS.has(code)) {
      if (inToken) hashes.push(hash & 0x3fffffff);
      hash = 0x811c9dc5;
      inToken = false;
    } else {
      hash = Math.imul(hash ^ code, 0x01000193);
      inToken = true;
    }
  }
  if (inToken) hashes.push(hash & 0x3fffffff);
  return hashes;
}

describe('tokenHashes lowers unit by unit as toLowerCase does', () => {
  it('for every code unit, inside and at the end of a token', () => {
    const differing: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const line = `Ab${ch}Cd ${ch} HỘI${ch}`;
      const got = tokenHashes(line);
      const want = plainTokenHashes(line);
      if (got.length !== want.length || got.some((h, i) => h !== want[i])) differing.push(c.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it.each([
    'ΟΔΟΣ ΑΣ.Β Σ', // final sigma depends on context
    'İSTANBUL İi', // one unit lowers to two
    'Đảng ỦY Khối CÁC CƠ QUAN ưu tiên ĐƯỜNG Ý',
    'Ho\u0302\u0323i nghi\u0323 “HỘI NGHỊ” – nghị…',
    'emoji 😀 𐐀𐐨 ĐẢNG',
    'МОСКВА Москва',
    '',
    '   ,,, ',
  ])('%s', (line) => {
    expect(tokenHashes(line)).toEqual(plainTokenHashes(line));
  });
});

describe('nearDuplicate stops at the first miss too many', () => {
  // shares of exactly 3/4, just under and just over, with short lines of 4, 8 and 12 tokens
  const words = 'một hai ba bốn năm sáu bảy tám chín mười mười_một mười_hai'.split(' ');
  const pairs: Array<[string, string]> = [];
  for (const n of [4, 8, 12]) {
    const short = words.slice(0, n);
    for (let missing = 0; missing <= n / 2; missing++) {
      const long = [...short.slice(0, n - missing), 'khác', 'nữa'];
      pairs.push([short.join(' '), long.join(' ')]);
      pairs.push([short.join(' '), [...long].reverse().join(' ')]);
      pairs.push([short.join(' '), `${long.join(' ')} ${'thêm '.repeat(3 * n)}`]);
    }
  }
  it.each(pairs)('%s / %s', (a, b) => {
    expect(nearDuplicate(a, b)).toBe(plainNearDuplicate(a, b));
  });
  it('answers yes at exactly three quarters', () => {
    expect(nearDuplicate('một hai ba bốn', 'một hai ba năm sáu')).toBe(true);
  });
});

describe('hasOddSpace is ODD_SPACE.test', () => {
  const lines = ['', ' ', '  ', 'a b', 'a  b', 'a\tb', 'a\fb', 'a\vb', 'a \u00a0b', 'a\u3000 b', 'Hội nghị ', ' Hội  nghị', 'a\rb', 'a\nb', 'x '.repeat(50), `${'x '.repeat(50)} `];
  it.each(lines.map((l) => [JSON.stringify(l), l]))('%s', (_, line) => {
    expect(hasOddSpace(line)).toBe(ODD_SPACE.test(line));
  });
});

describe('toLines asks the lines about odd spaces and markup only when the whole text has some', () => {
  /** The rule line by line, as written before. */
  const plainLines = (text: string) =>
    text
      .split('\n')
      .map((raw) => stripMarkup((ODD_SPACE.test(raw) ? raw.replace(/[ \t\f\v]+/g, ' ') : raw).trim()))
      .filter((line) => line !== '');
  const texts = [
    'Hội nghị Ban Chấp hành.\nSáng 3/5, tỉnh tổ chức hội nghị.',
    'Hội  nghị Ban Chấp hành.\nSáng 3/5,\ttỉnh tổ chức   hội nghị.\n\n  \n Dòng cuối ',
    'Dòng <b>đậm</b> và <a href="x">liên kết</a>\nDòng thường, a < b',
    'Dòng <i>nghiêng</i>  và hai dấu cách\n\f\v\nkết',
    '', '\n\n', ' a \n b ',
  ];
  it.each(texts.map((t) => [JSON.stringify(t).slice(0, 40), t]))('%s', (_, text) => {
    expect(toLines(text)).toEqual(plainLines(text));
  });
});

describe('stripCredits replaces inline credits only in lines with a bracket and a credit word', () => {
  /** The rule as written before: the replace in every line with a bracket. */
  const INLINE = /\s?\((?:Ảnh|ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh|Photo)(?:\s*:[^()]{0,60})?\)/g;
  const TRAILING = /[\s.]\(?(?:Ảnh|ẢNH|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh|Photo)\s*:\s*[^.:()]{1,60}\)?\.?$/;
  const plainStrip = (line: string) => {
    let out = line.includes('(') ? line.replace(INLINE, '') : line;
    if (/(?:Ảnh|ẢNH|Photo)\s*:/.test(out.slice(-80))) out = out.replace(TRAILING, (m) => (m.startsWith('.') ? '.' : ''));
    return out.trim();
  };
  const lines = [
    'Quang cảnh hội nghị (Ảnh: TTXVN)', 'Quang cảnh (ảnh minh họa) hội nghị', 'Đại biểu dự (Ảnh minh hoạ)', '(Nguồn ảnh: Báo Nhân Dân) Hội nghị',
    'Hội nghị (Photo: Reuters).', 'Hội nghị (lần thứ 12) và (Ảnh)', 'Hội nghị (lần thứ 12)', 'Không có ngoặc. Ảnh: Mai Hoa', '( Ảnh: X)', '(Ảnh: ' + 'x'.repeat(70) + ')', '',
  ];
  it.each(lines.map((l) => [l]))('%j', (line) => {
    expect(stripCredits(line)).toBe(plainStrip(line));
  });
});

describe('isChromeLine tries the cookie notices only on lines with the word', () => {
  const COOKIE = /(?:this (?:web)?site uses cookies|we use cookies|use of cookies|cookie policy|sử dụng cookie|chính sách cookie)/i;
  const lines = ['This website uses cookies to improve', 'WE USE COOKIES', 'Trang web sử dụng Cookie', 'Xem Chính Sách COOKIE', 'our CoOkIe PoLiCy', 'Hội nghị Ban Chấp hành', 'cookies'];
  it.each(lines.map((l) => [l]))('%j', (line) => {
    // Lines of no other chrome kind: chrome exactly when a cookie notice.
    expect(isChromeLine(line)).toBe(COOKIE.test(line));
  });
});

describe('ODD_SPACE_RUN replaces as every blank run does', () => {
  it('gives the same text as /[ \\t\\f\\v]+/g for random mixes of blanks and letters', () => {
    const parts = [' ', ' ', '\t', '\f', '\v', 'a', 'ệ', '\n'];
    for (const text of randomTexts(parts, 5000, { spread: 20 }, 11)) {
      expect(text.replace(ODD_SPACE_RUN, ' ')).toBe(text.replace(/[ \t\f\v]+/g, ' '));
    }
  });
});
