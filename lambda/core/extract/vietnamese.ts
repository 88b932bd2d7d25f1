/**
 * Shared Vietnamese text helpers for the extractors: diacritic folding that keeps string
 * indices aligned, number parsing with Vietnamese thousands separators, sentence splitting.
 */

import { codeUnits } from '../code-units.ts';
import { collapseWhiteSpace } from '../white-space.ts';

export const UPPER = 'A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ';
export const LOWER = 'a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
/** One Vietnamese syllable starting with a capital letter. */
export const CAP_SYLLABLE = `[${UPPER}][${LOWER}]{0,7}`;

/** Code units below this are looked up in the tables of `matchesAtCapitals` (all Vietnamese letters are). */
const TABLE_SIZE = 0x1f00;
const IS_CAPITAL = new Uint8Array(TABLE_SIZE);
const IS_SMALL = new Uint8Array(TABLE_SIZE);
const IS_LETTER_OR_DIGIT = new Uint8Array(TABLE_SIZE);
{
  const capital = new RegExp(`^[${UPPER}]$`, 'u');
  const small = new RegExp(`^[${LOWER}]$`, 'u');
  for (let code = 0; code < TABLE_SIZE; code++) {
    const ch = String.fromCharCode(code);
    if (capital.test(ch)) IS_CAPITAL[code] = 1;
    if (small.test(ch)) IS_SMALL[code] = 1;
    if (/^[\p{L}\d]$/u.test(ch)) IS_LETTER_OR_DIGIT[code] = 1;
  }
}
const isCapital = (code: number) => code < TABLE_SIZE && IS_CAPITAL[code] === 1;

/** Most small letters after a syllable's capital, and most syllables in a capitalised run. */
const SYLLABLE_SMALL_LETTERS = 7;
const RUN_SYLLABLES = 9;

/**
 * A run of two to nine capitalised syllables joined by single spaces, its first capital not glued
 * to a letter or digit before it, no letter or digit after it. The lookbehind comes after the first
 * capital (same matches: a capital is one code point) so the engine scans for a capital first.
 */
export const CAPITALISED_RUN_SOURCE =
  `[${UPPER}](?<![\\p{L}\\d][${UPPER}])[${LOWER}]{0,${SYLLABLE_SMALL_LETTERS}}` +
  `(?: [${UPPER}][${LOWER}]{0,${SYLLABLE_SMALL_LETTERS}}){1,${RUN_SYLLABLES - 1}}(?![\\p{L}\\d])`;
const CAPITALISED_RUN = new RegExp(CAPITALISED_RUN_SOURCE, 'uy');

/** A run of capitalised syllables found in a text; its syllables are cut out of the text only when asked for. */
export class CapitalisedRun {
  private cut: string[] | null = null;
  constructor(
    readonly text: string,
    /** Where the run starts and ends in the text. */
    readonly index: number,
    readonly end: number,
    /** Start and end of each syllable, in turn. */
    readonly bounds: readonly number[],
  ) {}

  get syllables(): number {
    return this.bounds.length / 2;
  }

  /** Its syllables (`text.slice(index, end).split(' ')`). */
  get words(): string[] {
    if (this.cut === null) {
      this.cut = [];
      for (let k = 0; k < this.bounds.length; k += 2) this.cut.push(this.text.slice(this.bounds[k], this.bounds[k + 1]));
    }
    return this.cut;
  }
}

/** Starts and ends of the syllables of the run being read (scratch, reused). */
const SYLLABLE_STARTS = new Int32Array(RUN_SYLLABLES);
const SYLLABLE_ENDS = new Int32Array(RUN_SYLLABLES);

/** Where the small letters (at most seven) from `from` end, in `units` (`codeUnits`: 0 after the text). */
function smallLettersEnd(units: Uint16Array, from: number): number {
  let end = from;
  while (end < from + SYLLABLE_SMALL_LETTERS && IS_SMALL[units[end]!] === 1) end++;
  return end;
}

/** The run `CAPITALISED_RUN` matches at `at`, if any (for the characters outside the tables). */
function runByPattern(text: string, at: number): CapitalisedRun | null {
  CAPITALISED_RUN.lastIndex = at;
  const m = CAPITALISED_RUN.exec(text);
  if (!m) return null;
  const bounds: number[] = [];
  let from = at;
  for (const word of m[0].split(' ')) {
    bounds.push(from, from + word.length);
    from += word.length + 1;
  }
  return new CapitalisedRun(text, at, at + m[0].length, bounds);
}

/**
 * The matches of `CAPITALISED_RUN_SOURCE`, exactly as a global scan finds them, read by table
 * lookups (V8 scans for a class of capitals slowly, and most capitals start one capitalised word
 * only). At a capital that starts a word, syllables are read while a space and a capital follow
 * the small letters (at most seven; at most nine syllables). The pattern backtracks only at its
 * end: when a letter or digit follows the last syllable, giving back its small letters leaves a
 * small letter after it, so the run ends one syllable earlier (before a space), if two are left.
 * A letter or digit test outside the tables (astral letters, other scripts) is left to the pattern.
 */
export function capitalisedRuns(text: string): CapitalisedRun[] {
  const runs: CapitalisedRun[] = [];
  // The text's code units, read past its end as 0 (no letter, digit or space).
  const units = codeUnits(text);
  for (let i = 0; i < text.length; i++) {
    const code = units[i]!;
    if (code >= TABLE_SIZE || IS_CAPITAL[code] === 0) continue;
    const before = i > 0 ? units[i - 1]! : 0;
    if (before < TABLE_SIZE && IS_LETTER_OR_DIGIT[before] === 1) continue;
    let run: CapitalisedRun | null = null;
    if (before >= TABLE_SIZE) run = runByPattern(text, i);
    else {
      let end = smallLettersEnd(units, i + 1);
      SYLLABLE_STARTS[0] = i;
      SYLLABLE_ENDS[0] = end;
      let syllables = 1;
      while (syllables < RUN_SYLLABLES && units[end] === 32 && isCapital(units[end + 1]!)) {
        SYLLABLE_STARTS[syllables] = end + 1;
        end = smallLettersEnd(units, end + 2);
        SYLLABLE_ENDS[syllables++] = end;
      }
      if (syllables < 2) continue;
      const after = units[end]!;
      if (after >= TABLE_SIZE) run = runByPattern(text, i);
      else {
        if (IS_LETTER_OR_DIGIT[after] === 1) syllables--;
        if (syllables < 2) continue;
        const bounds: number[] = [];
        for (let k = 0; k < syllables; k++) bounds.push(SYLLABLE_STARTS[k]!, SYLLABLE_ENDS[k]!);
        run = new CapitalisedRun(text, i, SYLLABLE_ENDS[syllables - 1]!, bounds);
      }
    }
    if (run) {
      runs.push(run);
      i = run.end - 1;
    }
  }
  return runs;
}

/**
 * `(?<!before)(?<name>words)`, written to run fast: a lookbehind in front is tried at every
 * position of the text, so here the words come first and the lookbehind after them steps back over
 * what they matched (`\k<name>`) to check what stands before. Same matches, same `index`; the
 * words are the group `name`. `before` defaults to a letter (the words start a word).
 */
export function notAfter(name: string, words: string, before = String.raw`[\p{L}]`): string {
  return String.raw`(?<${name}>${words})(?<!${before}\k<${name}>)`;
}

const FOLD_TABLE = new Map<string, string>();
function foldChar(ch: string): string {
  let out = FOLD_TABLE.get(ch);
  if (out !== undefined) return out;
  if (ch === 'đ' || ch === 'Đ') out = 'd';
  else {
    const base = ch.normalize('NFD')[0] ?? ch;
    out = base.toLowerCase();
    if (out.length !== 1) out = ch;
  }
  FOLD_TABLE.set(ch, out);
  return out;
}

/**
 * Lower-case ASCII-ish form of NFC text with the SAME length and indices as the input
 * (`Đảng ủy` -> `dang uy`), so a match found in the folded text maps back to the original.
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 128 ? text[i]!.toLowerCase() : foldChar(text[i]!);
  }
  return out;
}

/**
 * Old-style tone placement at the end of a syllable (`uỷ`, `hoà`, `toạ`, `khoẻ`) moved to the
 * first vowel as the patterns expect (`ủy`, `hòa`, `tọa`, `khỏe`); `quý`, `quỹ` keep theirs.
 * Same length, so indices stay aligned.
 */
const OLD_TONE = /(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![\p{L}])/gu;
function moveTone(_: string, first: string, second: string): string {
  const [base, mark] = second.normalize('NFD');
  const pair = /[oO]/.test(first) ? /[aAeE]/.test(base!) : /[yY]/.test(base!);
  return pair ? `${first}${mark}`.normalize('NFC') + base : first + second;
}
export function normalizeToneMarks(text: string): string {
  return text.replace(OLD_TONE, moveTone);
}

/** Characters `normalizeForExtraction` removes, and the spaces it makes plain; `normaliseText` (decode.ts) leaves none of either. */
export const INVISIBLE = /[\u200B-\u200D\uFEFF\u00AD\u0008]/g;
export const ODD_SPACES = /[\u00A0\u2007\u202F]/g;

/** NFC, no zero-width characters or soft hyphens, non-breaking spaces as spaces, new-style tone placement. */
export function normalizeForExtraction(text: string): string {
  return normalizeToneMarks(text.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACES, ' '));
}

/** `normalizeForExtraction` of text made by `normaliseText` (NFC, no invisible characters or odd spaces): two passes fewer. */
export function normalizeTextForExtraction(text: string): string {
  return normalizeToneMarks(text.normalize('NFC'));
}

/** `5.000` -> 5000, `1 497` -> 1497, `237` -> 237; null when not a plausible count. */
export function parseVietnameseInt(printed: string): number | null {
  const digits = printed.replace(/[.\s ]/g, '');
  if (!/^\d{1,9}$/.test(digits)) return null;
  return Number.parseInt(digits, 10);
}

export interface Sentence {
  text: string;
  /** Paragraph number (0-based). */
  paragraph: number;
  /** Sentence number in the whole body (0-based). */
  index: number;
}

/** Longest sentence the extractors look at; longer runs (flattened bodies, garbage) are cut in chunks. */
export const MAX_SENTENCE = 1500;

/**
 * A sentence end: the punctuation, then the spaces to split at, before a capital, quote or bracket.
 * Not after abbreviations that take a capitalised word (`HĐND TP. Hồ Chí Minh`, `PGS. Nguyễn …`).
 * The punctuation is matched, not looked behind for: a lookbehind first is tried at every position.
 */
const SENTENCE_END = /[.!?…](?<!(?:^|[\s(])(?:TP|Tp|TX|Q|P|TT|TS|ThS|PGS|GS|BS|KS)\.)\s+(?=[\p{Lu}"“‘(])/gu;

/** `paragraph` cut at each `SENTENCE_END`, the punctuation kept and the spaces dropped. */
export function splitAtSentenceEnds(paragraph: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let end = SENTENCE_END.exec(paragraph); end; end = SENTENCE_END.exec(paragraph)) {
    pieces.push(paragraph.slice(from, end.index + 1));
    from = end.index + end[0].length;
  }
  pieces.push(paragraph.slice(from));
  return pieces;
}

/**
 * Paragraphs on blank lines; a line starting in lower case continues the previous one
 * (captions broken over two lines: `…Phó Giám đốc phụ trách Sở` / `chủ trì Hội nghị`).
 * A block after a blank line that starts in lower case continues the previous paragraph too, so the
 * blank lines decide nothing the lines do not: every line not starting in lower case starts a
 * paragraph, every other line joins the one before (test/extract-split.test.ts compares this with
 * the split at blank lines).
 */
export function splitParagraphs(body: string): string[] {
  const paragraphs: string[] = [];
  let current = '';
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[\p{Ll}]/u.test(line)) current = current ? `${current} ${line}` : line;
    else {
      if (current) paragraphs.push(current);
      current = line;
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

export function splitSentences(paragraphs: string[]): Sentence[] {
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    for (const piece of splitAtSentenceEnds(paragraph)) {
      const text = piece.trim();
      if (!text) continue;
      for (let start = 0; start < text.length; start += MAX_SENTENCE) {
        sentences.push({ text: text.slice(start, start + MAX_SENTENCE), paragraph: p, index: sentences.length });
      }
    }
  });
  return sentences;
}

/** Common Vietnamese family names (first syllable of a personal name). */
export const FAMILY_NAMES = new Set([
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
  'Dương', 'Lý', 'Lã', 'Chu', 'Mai', 'Đinh', 'Trịnh', 'Đào', 'Cao', 'Lương', 'Lâm', 'Tô', 'Tạ', 'Hà',
  'Đoàn', 'Vương', 'Trương', 'Đàm', 'Kiều', 'Thái', 'Lưu', 'Triệu', 'Từ', 'Tăng', 'La', 'Quách', 'Phùng',
  'Đồng', 'Khổng', 'Lại', 'Văn', 'Tống', 'Doãn', 'Giang', 'Nghiêm', 'Thân', 'Mạc', 'Lò', 'Hầu', 'Ông',
  'Diệp', 'Châu', 'Âu', 'Mã', 'Vi', 'Y', 'Phí', 'Nông', 'Ninh', 'Lục', 'Quan', 'Bế', 'Hứa', 'Tôn',
  'Thạch', 'Danh', 'Kim', 'Khúc', 'Cù', 'Lường', 'Sầm', 'Sơn', 'Tòng', 'Điểu', 'Kha', 'Trình', 'Đậu',
]);

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
export function romanOrDigit(text: string): number | null {
  const t = text.toLowerCase();
  if (ROMAN[t] !== undefined) return ROMAN[t]!;
  const n = Number.parseInt(t, 10);
  return n >= 1 && n <= 4 ? n : null;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Trim spaces and trailing punctuation/dashes. */
export function tidy(text: string): string {
  return collapseWhiteSpace(text).replace(/^[\s,;:–—-]+|[\s,;:–—.-]+$/g, '').trim();
}
