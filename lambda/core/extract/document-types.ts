/**
 * Document types: one entry per type, with everything the document extractor needs to know about
 * it — the name as printed (`Nghị quyết`), the words that name it in an article, and the letters
 * that stand for it in a document code, Party style (`24-QĐ/TW`: letters before the slash) or
 * State style (`30/2020/NĐ-CP`: letters before the issuer). Adding a type means one entry here
 * (and one test row in test/extract-documents.test.ts); the code patterns, the type-word patterns
 * and the letters-to-type table of documents.ts are built from this list.
 */

/** Letters that stand for a type in a document code. */
export interface CodeLetters {
  /** As a well-formed code prints them (`QĐ`). */
  letters: string;
  /** Other spellings read as these letters: unaccented (`QD`) or misspelt (`HĐ` for `HD`). */
  variants?: readonly string[];
  /** Found in Party codes (`24-QĐ/TW`). */
  party?: true;
  /** Found in State codes (`30/2020/NĐ-CP`, `19-2017/NQ-CP`). */
  state?: true;
  /** The variants are read in Party codes only (by default they are read wherever the letters are). */
  variantsPartyOnly?: true;
  /** In a State code the letters are part of the issuer's symbol (`NĐ-CP`, not `CP`). */
  inIssuer?: true;
}

export interface DocumentTypeEntry {
  /** The type as printed, capitalised (`Nghị quyết`); what `CitedDocument.type` holds. */
  name: string;
  en: string;
  /**
   * Words naming the type in running text, before a number or a code (`Nghị quyết số 05`),
   * matched case-insensitively, any white space between words. None: the type is known only from
   * a code's letters (`Báo cáo`: too common a word to name a document on its own).
   */
  words: readonly string[];
  /** Letters for the type in document codes. */
  codes?: readonly CodeLetters[];
  /** Another type the same document may be called (Party `QĐ` codes are both Quy định and Quyết định). */
  sameDocumentAs?: string;
}

export const DOCUMENT_TYPE_LIST: readonly DocumentTypeEntry[] = [
  { name: 'Nghị quyết', en: 'Resolution', words: ['Nghị quyết'], codes: [{ letters: 'NQ', party: true, state: true }] },
  { name: 'Nghị quyết liên tịch', en: 'Joint resolution', words: ['Nghị quyết liên tịch'], codes: [{ letters: 'NQLT', state: true }] },
  { name: 'Chỉ thị', en: 'Directive', words: ['Chỉ thị'], codes: [{ letters: 'CT', party: true, state: true }] },
  {
    name: 'Quy định',
    en: 'Regulation',
    words: ['Quy định'],
    codes: [{ letters: 'QyĐ', party: true }],
    sameDocumentAs: 'Quyết định',
  },
  {
    name: 'Quyết định',
    en: 'Decision',
    words: ['Quyết định'],
    codes: [
      { letters: 'QĐ', variants: ['QD'], party: true, state: true },
      // Personnel decisions (`343-QĐNS/TW`).
      { letters: 'QĐNS', party: true },
    ],
    sameDocumentAs: 'Quy định',
  },
  { name: 'Đề án', en: 'Scheme', words: ['Đề án'], codes: [{ letters: 'ĐA', variants: ['DA'], party: true }] },
  { name: 'Kết luận', en: 'Conclusion', words: ['Kết luận'], codes: [{ letters: 'KL', party: true }] },
  { name: 'Kế hoạch', en: 'Plan', words: ['Kế hoạch'], codes: [{ letters: 'KH', party: true, state: true }] },
  {
    name: 'Hướng dẫn',
    en: 'Guidance',
    words: ['Hướng dẫn'],
    // `HĐ` in a State code is a contract (Hợp đồng), in a Party code a misspelt `HD`.
    codes: [{ letters: 'HD', variants: ['HĐ'], party: true, state: true, variantsPartyOnly: true }],
  },
  { name: 'Thông báo', en: 'Notice', words: ['Thông báo'], codes: [{ letters: 'TB', party: true, state: true }] },
  { name: 'Quy chế', en: 'Rules', words: ['Quy chế'], codes: [{ letters: 'QC', party: true }] },
  { name: 'Báo cáo', en: 'Report', words: [], codes: [{ letters: 'BC', party: true, state: true }] },
  { name: 'Công văn', en: 'Official letter', words: ['Công văn'], codes: [{ letters: 'CV', party: true, state: true }] },
  { name: 'Chương trình', en: 'Programme', words: ['Chương trình'], codes: [{ letters: 'CTr', party: true }] },
  { name: 'Tờ trình', en: 'Submission', words: ['Tờ trình'], codes: [{ letters: 'TTr', party: true, state: true }] },
  { name: 'Nghị định', en: 'Decree', words: ['Nghị định'], codes: [{ letters: 'NĐ', variants: ['ND'], state: true, inIssuer: true }] },
  { name: 'Thông tư', en: 'Circular', words: ['Thông tư'], codes: [{ letters: 'TT', state: true }] },
  { name: 'Thông tư liên tịch', en: 'Joint circular', words: ['Thông tư liên tịch'], codes: [{ letters: 'TTLT', state: true }] },
  { name: 'Công điện', en: 'Official dispatch', words: ['Công điện'], codes: [{ letters: 'CĐ', variants: ['CD'], state: true }] },
  { name: 'Luật', en: 'Law', words: ['Luật'] },
  { name: 'Pháp lệnh', en: 'Ordinance', words: ['Pháp lệnh'] },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first: an alternation takes the first alternative that fits (`Nghị quyết liên tịch` before `Nghị quyết`). */
const longestFirst = (a: string, b: string) => b.length - a.length || a.localeCompare(b);

/** Code letters as printed, with every spelling read as them (`QD` -> `QĐ`). */
export function codeLetters(where: 'party' | 'state'): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const entry of DOCUMENT_TYPE_LIST) {
    for (const code of entry.codes ?? []) {
      if (!code[where]) continue;
      spellings.set(code.letters, code.letters);
      if (where === 'state' && code.variantsPartyOnly) continue;
      for (const variant of code.variants ?? []) spellings.set(variant, code.letters);
    }
  }
  return spellings;
}

/** A regular-expression alternation of the letters (and their variants) found in `where` codes. */
export function lettersPattern(where: 'party' | 'state'): string {
  return [...codeLetters(where).keys()].sort(longestFirst).map(escape).join('|');
}

/** Letters as printed -> type name (`NQ` -> `Nghị quyết`). */
export const TYPE_BY_LETTERS: ReadonlyMap<string, string> = new Map(
  DOCUMENT_TYPE_LIST.flatMap((t) => (t.codes ?? []).map((c): [string, string] => [c.letters, t.name])),
);

/** Letters that are part of a State code's issuer symbol (`NĐ` of `NĐ-CP`). */
export const ISSUER_WITH_LETTERS: ReadonlySet<string> = new Set(
  DOCUMENT_TYPE_LIST.flatMap((t) => (t.codes ?? []).filter((c) => c.inIssuer).map((c) => c.letters)),
);

/** Every word naming a type in text -> the type's name. */
const TYPE_BY_WORD = new Map(DOCUMENT_TYPE_LIST.flatMap((t) => t.words.map((w): [string, string] => [w.toLowerCase(), t.name])));

/** A regular-expression alternation of the type words, longest first, any white space between words. */
export const TYPE_WORD_ALT = [...TYPE_BY_WORD.keys()]
  .sort(longestFirst)
  .map((w) => escape(w).replace(/ /g, '\\s'))
  .join('|');

/** The type a word names (`nghị   quyết` -> `Nghị quyết`); the word itself when it names none. */
export function typeOfWord(word: string): string {
  return TYPE_BY_WORD.get(word.replace(/\s+/g, ' ').toLowerCase()) ?? word;
}

/** Whether two type names may be one document (the same, unknown, or `sameDocumentAs`). */
export function mayBeSameType(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  return DOCUMENT_TYPE_LIST.some((t) => t.name === a && t.sameDocumentAs === b);
}
