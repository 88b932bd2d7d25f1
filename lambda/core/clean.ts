/**
 * Clean stage: removes page chrome that scrapers carry along (font-size toggles, banners, image
 * file names, visitor counters, cookie notices, CMS footers, related-news lists and everything
 * after them, photo credits, repeated captions) and joins the body into paragraphs.
 *
 * Chrome lines are short, so every pattern here is anchored and only tried on lines of bounded
 * length: a 1 MB line costs one length check, never a regex scan.
 */

import { codeUnits } from './code-units.ts';

/** Longest line that may be chrome (cookie notices are the longest chrome we know). */
const MAX_CHROME_LINE = 200;

/** White space to collapse: a tab, form or line feed, or two spaces (single spaces stay as they are). */
export const ODD_SPACE = /[\t\f\v]| {2}/;

/**
 * What `toLines` turns into one space: runs of two or more blank characters, and a tab, form or line
 * feed alone. The same result as replacing every run of `[ \t\f\v]+`, without matching (and copying
 * around) each single space: a third of the time on lines with double spaces.
 */
export const ODD_SPACE_RUN = /[ \t\f\v]{2,}|[\t\f\v]/g;

/** `ODD_SPACE.test(line)` as four substring searches, which cost less than the alternation's scan. */
export function hasOddSpace(line: string): boolean {
  return line.includes('  ') || line.includes('\t') || line.includes('\f') || line.includes('\v');
}

/**
 * Splits text into trimmed lines with inner whitespace collapsed; empty lines dropped. Most texts
 * have no odd space and no `<` at all: asked once of the whole text, the lines are not asked.
 */
export function toLines(text: string): string[] {
  const lines: string[] = [];
  const oddSpace = hasOddSpace(text);
  const markup = text.includes('<');
  for (const raw of text.split('\n')) {
    const collapsed = oddSpace && hasOddSpace(raw) ? raw.replace(ODD_SPACE_RUN, ' ') : raw;
    const line = markup ? stripMarkup(collapsed.trim()) : collapsed.trim();
    if (line !== '') lines.push(line);
  }
  return lines;
}

const TAG_LIKE = /<!--[^]{0,2000}?-->|<\/?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>]{0,500})?\/?>/g;

/** Removes anything shaped like a markup tag: text, never markup, leaves the parser. */
export function stripMarkup(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(TAG_LIKE, ' ').replace(/ {2,}/g, ' ').trim();
}

/** A line after which nothing belongs to the article (related news, widgets, footers). */
const END_MARKERS = new RegExp(
  '^(?:[-•*»>]\\s*)?(?:tin liên quan|tin khác|các tin khác|tin cùng chuyên mục|các tin cùng chuyên mục|' +
    'bài liên quan|bài viết liên quan|tin bài liên quan|tin tức liên quan|xem thêm|đọc thêm|' +
    'tin đã đưa|các tin đã đưa|tin mới hơn|tin cũ hơn|tin mới nhất|tin đọc nhiều|tin nổi bật|' +
    'có thể bạn quan tâm|bài cùng chuyên mục|cùng chuyên mục|các bài viết khác|bài viết khác|tin cùng loại|' +
    'thống kê truy cập|related news|related articles|read more articles)\\s*:?$',
  'i',
);

const FONT_TOGGLE = /^(?:[-+]\s?A|A\s?[-+]|A\s?[-+]\s?A\s?[-+]?|[-+]?A\s+[-+]?A|cỡ chữ.{0,20}|[aA]\s?[aA])$/;
const IMAGE_FILE = /^[^\s/]{1,120}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)(?:\s*\(\d{1,4}\))?$/i;
const VISITOR_COUNTER = new RegExp(
  '^(?:[•*·-]\\s*)?(?:thống kê truy cập|đang online|đang truy cập|online|hôm nay|hôm qua|trong tuần|tuần này|tuần trước|' +
    'trong tháng|tháng này|tháng trước|tất cả|tổng cộng|tổng truy cập|tổng lượt truy cập|lượt truy cập|số lượt truy cập|' +
    'lượt xem|truy cập)\\s*:?\\s*[\\d .,]*$',
  'i',
);
const SHARE_AND_UI = new RegExp(
  '^(?:image banner|banner|thông báo|in bài(?: viết)?|in trang|bản in|gửi email|gửi bài|chia sẻ|share|tweet|facebook|twitter|zalo|' +
    'bình luận|lưu|lưu bài|quay lại|về đầu trang|trở về|trang chủ|lên đầu trang|print|email|like|menu|tìm kiếm|search|' +
    'đăng nhập|đăng ký|read more|đọc tiếp|xem tiếp|chấp nhận|đồng ý|accept|accept all|ok|close|đóng|' +
    'nghe bài viết|nghe đọc bài|tải xuống|download|top|video|audio|ảnh|photo|loading\\.*|đang tải\\.*)$',
  'i',
);
const COOKIE = /(?:this (?:web)?site uses cookies|we use cookies|use of cookies|cookie policy|sử dụng cookie|chính sách cookie)/i;
/** A word every COOKIE match holds (one literal's scan, half the alternation's): COOKIE is tried on lines with it only. */
const COOKIE_WORD = /cookie/i;
const CMS_FOOTER = /^(?:powered by\b|designed by\b|thiết kế bởi\b|phát triển bởi\b|copyright\b|©|bản quyền thuộc|® ?bản quyền)/i;
/** A whole line that is only a photo credit: `Ảnh: Mai Hoa`, `(Ảnh minh họa)`. */
const CREDIT_LINE = /^\(?(?:ảnh|ảnh minh họa|ảnh minh hoạ|nguồn ảnh|ảnh tư liệu|photo)(?:\s*:\s*[^.]{0,80})?\)?\.?$/i;
/** A trailing credit after a caption: `… tới. Ảnh: Mai Hoa`. */
const TRAILING_CREDIT = /[\s.]\(?(?:Ảnh|ẢNH|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh|Photo)\s*:\s*[^.:()]{1,60}\)?\.?$/;
/** An inline parenthesised credit: `(Ảnh: TTXVN)`, `(Ảnh minh họa)`. */
const INLINE_CREDIT_WORDS = 'Ảnh|ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh|Photo';
const INLINE_CREDIT = new RegExp(`\\s?\\((?:${INLINE_CREDIT_WORDS})(?:\\s*:[^()]{0,60})?\\)`, 'g');
/** What every INLINE_CREDIT match holds: a bracket and a credit word (asked of lines with a bracket: a character search costs far less than a pattern's scan). */
const INLINE_CREDIT_OPEN = new RegExp(`\\((?:${INLINE_CREDIT_WORDS})`);
/** A line of only bullets, dashes, punctuation or one stray letter. */
const JUNK = /^(?:[\p{L}\p{N}]|[\p{P}\p{S}\s]{1,20})$/u;

/** True when `line` is page chrome that never belongs to an article body. */
export function isChromeLine(line: string): boolean {
  if (line.length > MAX_CHROME_LINE) return false;
  return (
    FONT_TOGGLE.test(line) ||
    IMAGE_FILE.test(line) ||
    VISITOR_COUNTER.test(line) ||
    SHARE_AND_UI.test(line) ||
    (COOKIE_WORD.test(line) && COOKIE.test(line)) ||
    CMS_FOOTER.test(line) ||
    CREDIT_LINE.test(line) ||
    JUNK.test(line)
  );
}

/** True when `line` starts the related-news list or footer widgets: the article is over. */
export function isEndMarker(line: string): boolean {
  return line.length <= 60 && END_MARKERS.test(line);
}

/**
 * Generic chrome removal on raw text: lines out, chrome dropped, everything after the first end
 * marker that follows some content dropped.
 */
export function cleanLines(text: string): string[] {
  const out: string[] = [];
  for (const line of toLines(text)) {
    if (isEndMarker(line)) {
      // A related-news heading above any content (a sidebar first in the page) is only dropped.
      if (out.some((l) => l.length > 80)) break;
      continue;
    }
    if (isChromeLine(line)) continue;
    out.push(line);
  }
  return out;
}

/** Removes photo credits from a body line (the caption text itself stays). */
export function stripCredits(line: string): string {
  if (line.length > 5000) return line;
  let out = line.includes('(') && INLINE_CREDIT_OPEN.test(line) ? line.replace(INLINE_CREDIT, '') : line;
  if (/(?:Ảnh|ẢNH|Photo)\s*:/.test(out.slice(-80))) out = out.replace(TRAILING_CREDIT, (m) => (m.startsWith('.') ? '.' : ''));
  return out.trim();
}

/** The words of a line in lower case, without the spaces and punctuation between them. */
export function splitTokens(line: string): string[] {
  return line.toLowerCase().match(/[^\s,.;:!?()"“”–-]+/g) ?? [];
}

/** Code units that end a token in `splitTokens`: white space (`\s`) and its punctuation. */
const TOKEN_BREAKS = new Uint8Array(0x10000);
for (const c of ' \t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff,.;:!?()"“”–-') TOKEN_BREAKS[c.charCodeAt(0)] = 1;
TOKEN_BREAKS.fill(1, 0x2000, 0x200b);

/** Hashes are cut to 30 bits: V8 keeps such numbers unboxed (small integers), in arrays and sets alike. */
const SMALL_INTEGER = 0x3fffffff;

/** FNV-1a's offset basis as a 32-bit integer (`^` reads 0x811c9dc5 so anyway), keeping the hash an int32 throughout. */
const FNV_BASIS = 0x811c9dc5 | 0;

/**
 * For each code unit that lower-cases on its own, without context, to one code unit (Latin with
 * Vietnamese, combining marks, general punctuation): -1 when that lower-case unit ends a token,
 * else the lower-case unit; 0 for every other unit. The one context rule of `toLowerCase` (final
 * sigma) and its one one-to-many mapping (U+0130) lie outside.
 */
const TOKEN_UNIT = new Int32Array(0x10000);
for (const [from, to] of [[0x0001, 0x036f], [0x1e00, 0x1eff], [0x2000, 0x20cf]] as const) {
  for (let c = from; c <= to; c++) {
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) TOKEN_UNIT[c] = TOKEN_BREAKS[lower.charCodeAt(0)] === 1 ? -1 : lower.charCodeAt(0);
  }
}

/**
 * The tokens of `splitTokens(line)` as 30-bit hashes (FNV-1a over the code units), without making
 * a string for each. Equal tokens hash equal; unequal tokens may too, rarely, and `nearDuplicate`
 * confirms a positive answer on the tokens themselves.
 */
export function tokenHashes(line: string): number[] {
  // When every code unit is in TOKEN_UNIT, `line.toLowerCase()` is that table applied unit by
  // unit: the same units are hashed, without making the lower-case copy.
  return hashTableTokens(line) ?? hashLowerTokens(line.toLowerCase());
}

/** `hashLowerTokens(line.toLowerCase())` through TOKEN_UNIT; null when a unit is not in it. */
function hashTableTokens(line: string): number[] | null {
  const hashes: number[] = [];
  let hash = FNV_BASIS;
  let inToken = false;
  const units = codeUnits(line);
  for (let i = 0; i < line.length; i++) {
    const unit = TOKEN_UNIT[units[i]!]!;
    if (unit > 0) {
      hash = Math.imul(hash ^ unit, 0x01000193);
      inToken = true;
    } else if (unit < 0) {
      if (inToken) hashes.push(hash & SMALL_INTEGER);
      hash = FNV_BASIS;
      inToken = false;
    } else {
      return null;
    }
  }
  if (inToken) hashes.push(hash & SMALL_INTEGER);
  return hashes;
}

/** Hashes of the tokens of `lower` (a lower-cased line). */
function hashLowerTokens(lower: string): number[] {
  const hashes: number[] = [];
  let hash = FNV_BASIS;
  let inToken = false;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (TOKEN_BREAKS[code] === 1) {
      if (inToken) hashes.push(hash & SMALL_INTEGER);
      hash = FNV_BASIS;
      inToken = false;
    } else {
      hash = Math.imul(hash ^ code, 0x01000193);
      inToken = true;
    }
  }
  if (inToken) hashes.push(hash & SMALL_INTEGER);
  return hashes;
}

/** The distinct tokens of the longer line, as `nearDuplicate` asks about them. */
interface TokenSet<T> {
  has(token: T): boolean;
  readonly size: number;
}

/**
 * A set of hashes in one table reused for every line (open addressing; empty slots are -1, which
 * no hash is): no Set and no allocation per line. Holds the last `fill` only.
 */
export class HashTable implements TokenSet<number> {
  private slots = new Int32Array(1024);
  private mask = 0;
  size = 0;

  fill(hashes: readonly number[]): this {
    let length = 16;
    while (length < hashes.length * 2) length *= 2;
    if (this.slots.length < length) this.slots = new Int32Array(length);
    this.slots.fill(-1, 0, length);
    this.mask = length - 1;
    this.size = 0;
    for (const hash of hashes) {
      const slot = this.slotOf(hash);
      if (this.slots[slot] === -1) {
        this.slots[slot] = hash;
        this.size++;
      }
    }
    return this;
  }

  has(hash: number): boolean {
    return this.slots[this.slotOf(hash)] === hash;
  }

  /** Where `hash` is, or the empty slot where it would go. */
  private slotOf(hash: number): number {
    let slot = hash & this.mask;
    while (this.slots[slot] !== -1 && this.slots[slot] !== hash) slot = (slot + 1) & this.mask;
    return slot;
  }
}

/**
 * The rule of `nearDuplicate` on the two lines' tokens. With hashes in place of strings a collision
 * can only add shared tokens, remove distinct ones or make a start equal: a `false` holds for the
 * strings too, a `true` must be confirmed on them.
 */
function nearDuplicateTokens<T>(shortTokens: T[], longTokens: T[], distinct: (tokens: T[]) => TokenSet<T>): boolean {
  if (shortTokens.length < 4) return false;
  const longSet = distinct(longTokens);
  // More than a quarter of the short tokens missing already means shared / length < 0.75.
  const allowedMisses = shortTokens.length * 0.25;
  let misses = 0;
  for (const t of shortTokens) if (!longSet.has(t) && ++misses > allowedMisses) return false;
  const shared = shortTokens.length - misses;
  if (shared / shortTokens.length < 0.75) return false;
  // similar length (a caption printed twice), or the short one is a cut-off start of the long one
  if (shortTokens.length >= longSet.size * 0.5) return true;
  return shortTokens.slice(0, 6).every((t, i) => longTokens[i] === t);
}

/** `finishBody` compares each line with the one before it: the last two lines' token hashes are kept (read only). */
const hashCache: Array<{ line: string; hashes: number[] }> = [];

function hashesOf(line: string): number[] {
  for (const entry of hashCache) if (entry.line === line) return entry.hashes;
  const entry = { line, hashes: tokenHashes(line) };
  hashCache.unshift(entry);
  if (hashCache.length > 2) hashCache.pop();
  return entry.hashes;
}

const hashTable = new HashTable();
const distinctHashes = (hashes: number[]) => hashTable.fill(hashes);
const distinctStrings = (tokens: string[]) => new Set(tokens);

/**
 * True when `shorter` is (nearly) contained in `longer`: captions printed twice, once cut short,
 * or with small wording differences. Decided on token hashes; a yes is confirmed on the tokens.
 */
export function nearDuplicate(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length > 2000 || b.length > 2000) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (!nearDuplicateTokens(hashesOf(short), hashesOf(long), distinctHashes)) return false;
  return nearDuplicateTokens(splitTokens(short), splitTokens(long), distinctStrings);
}

/** What `normText` turns into a space (and trims off the ends). */
const NORM_SEPARATOR = /[\s.:,;!?"“”]/;
const NORM_SEPARATORS = new RegExp(`${NORM_SEPARATOR.source}+`, 'g');

function normText(s: string): string {
  return s.toLowerCase().replace(NORM_SEPARATORS, ' ').trim();
}

/**
 * The start `normText(line)` has when it is not empty: its first character that is not a
 * separator, lower-cased (separators are left as they are by lower-casing and come off with the
 * trim; nothing cased stands before that character, so it lower-cases as it does alone). `''` when
 * the line is only separators.
 */
function normStart(line: string): string {
  for (let i = 0; i < line.length; i++) {
    const code = line.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    if (!NORM_SEPARATOR.test(char)) return char.toLowerCase();
  }
  return '';
}

/**
 * `normText(line) === title` (`title` normalised already). Lower-casing and collapsing work left to
 * right and stop at a space, so the line's start up to a space normalises to a start of the whole:
 * a long line is normalised in full only when its start is the title's.
 */
export function repeatsTitle(line: string, title: string): boolean {
  // Most lines differ from the title at their first letter: nothing is lower-cased for them.
  if (!title.startsWith(normStart(line))) return false;
  const space = line.indexOf(' ', title.length + 1);
  if (space >= 0 && !title.startsWith(normText(line.slice(0, space)))) return false;
  return normText(line) === title;
}

export interface BodyOptions {
  /** The headline: repeats of it are removed from the body. */
  title: string | null;
}

/**
 * Finishes body lines: credits stripped, headline repeats and near-duplicate neighbours removed
 * (the longer of two near-duplicates is kept), paragraphs joined with a blank line.
 */
export function finishBody(lines: string[], options: BodyOptions): string {
  const kept: string[] = [];
  const title = options.title ? normText(options.title) : null;
  for (const raw of lines) {
    const line = stripCredits(raw);
    if (line === '' || isChromeLine(line)) continue;
    if (title !== null && repeatsTitle(line, title)) continue;
    const previous = kept[kept.length - 1];
    // a caption or sentence broken across two lines: the second half starts in lower case
    if (previous !== undefined && /^\p{Ll}/u.test(line) && !/[.!?:;…"”]$/.test(previous) && previous.length + line.length < 5000) {
      kept[kept.length - 1] = `${previous} ${line}`;
      continue;
    }
    if (previous !== undefined && nearDuplicate(previous, line)) {
      if (line.length > previous.length) kept[kept.length - 1] = line;
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n\n');
}
