/**
 * Issuing bodies of cited documents. A body named in the text (`của Ban Chấp hành Trung ương Đảng
 * (khóa XII)`, `của Chính phủ từ đất lúa sang…`) is kept only when it starts with a known body name,
 * and only up to that name's end; a code suffix that names its issuer (`NĐ-CP`, `QĐ-TTg`, `QH14`)
 * decides the issuer whatever the text says.
 */
import { LOWER, UPPER } from './vietnamese.ts';
import { collapseWhiteSpace } from '../white-space.ts';

/**
 * Issuers a code's symbol names (`30/2020/NĐ-CP`: Chính phủ). `letters`: the type letters that
 * must stand before the symbol (`NĐ-CP`); `lettersOptional`: a symbol right after a slash, with or
 * without letters, and with the legislature's term (`35/2017/QH14`, `916/NQ-UBTVQH13`).
 */
export interface CodeIssuer {
  symbol: string;
  letters: readonly string[];
  lettersOptional?: true;
  body: string;
}

export const CODE_ISSUER_LIST: readonly CodeIssuer[] = [
  { symbol: 'CP', letters: ['NĐ', 'NQ', 'ND'], body: 'Chính phủ' },
  { symbol: 'TTg', letters: ['QĐ', 'CT', 'CĐ', 'QD', 'CD'], body: 'Thủ tướng Chính phủ' },
  { symbol: 'UBTVQH', letters: ['NQ'], lettersOptional: true, body: 'Ủy ban Thường vụ Quốc hội' },
  { symbol: 'QH', letters: ['NQ'], lettersOptional: true, body: 'Quốc hội' },
];

const CODE_ISSUERS: Array<[RegExp, string]> = CODE_ISSUER_LIST.map((c) => {
  const letters = c.letters.join('|');
  const source = c.lettersOptional ? String.raw`\/(?:(?:${letters})-)?${c.symbol}\d{0,2}$` : String.raw`(?:^|[/-])(?:${letters})-${c.symbol}$`;
  return [new RegExp(source, 'u'), c.body];
});

/** Issuer implied by the code's issuing symbol, or null when the symbol is not a national body's. */
export function issuerFromCode(code: string | null): string | null {
  if (!code) return null;
  for (const [re, body] of CODE_ISSUERS) if (re.test(code)) return body;
  return null;
}

const CAP_WORD = `[${UPPER}][${LOWER}]{0,7}`;
/** A place or unit name after a local body: `Nghệ An`, `Thừa Thiên Huế`, `TP. Hồ Chí Minh`, `TPHCM`. */
const PLACE = String.raw`(?:\s(?:TP\.?\s?|Tp\.?\s?)?(?:[${UPPER}]{2,6}\b|${CAP_WORD}(?:\s${CAP_WORD}){0,3}))`;
const LOCAL_UNITS = ['tỉnh', 'thành phố', 'Thành phố', 'TP\\.?', 'huyện', 'quận', 'thị xã', 'xã', 'phường'];
const LOCAL_UNIT = String.raw`(?:\s(?:${LOCAL_UNITS.join('|')}))`;
/** Ministries and provincial departments by name (the lowercase words of `Bộ Y tế` are part of the name). */
const BRANCHES = [
  'Y tế', 'Tài chính', 'Công Thương', 'Nội vụ', 'Xây dựng', 'Công an', 'Quốc phòng', 'Tư pháp', 'Ngoại giao',
  'Giáo dục và Đào tạo', 'Kế hoạch và Đầu tư', 'Thông tin và Truyền thông', 'Tài nguyên và Môi trường',
  'Nông nghiệp và Phát triển nông thôn', 'Nông nghiệp và Môi trường', 'Giao thông vận tải', 'Giao thông Vận tải',
  'Lao động\\s?-\\s?Thương binh và Xã hội', 'Văn hóa,? Thể thao và Du lịch', 'Khoa học và Công nghệ', 'Dân tộc và Tôn giáo',
  'Công nghiệp', 'Thương mại',
  // An abbreviation: `Bộ GD&ĐT`, `Sở TN-MT`, `Bộ KHCN`.
  '[A-ZĐ][A-ZĐa-z]{0,5}(?:\\s?[&-]\\s?[A-ZĐ]{1,5}){0,3}',
];
/** The National Assembly's committees (`Ủy ban Kinh tế của Quốc hội`). */
const ASSEMBLY_COMMITTEES = [
  'Tư pháp', 'Pháp luật', 'Kinh tế', 'Tài chính,? Ngân sách', 'Quốc phòng và An ninh', 'Văn hóa,? Giáo dục', 'Xã hội',
  'Khoa học,? Công nghệ và Môi trường', 'Đối ngoại',
];
/** Party commissions (`Ban Tuyên giáo Tỉnh ủy`). */
const PARTY_COMMISSIONS = ['Tuyên giáo', 'Tổ chức', 'Dân vận', 'Kinh tế', 'Nội chính', 'Đối ngoại', 'Tuyên giáo và Dân vận'];
/** Party committees of a province, city, district, town, or of a body (`Đảng ủy Khối`). */
const PARTY_COMMITTEES = ['Tỉnh ủy', 'Thành ủy', 'Huyện ủy', 'Quận ủy', 'Thị ủy', 'Đảng ủy'];
const PEOPLES_COUNCILS = ['UBND', 'HĐND', 'Ủy ban nhân dân', 'Uỷ ban nhân dân', 'Hội đồng nhân dân'];

/**
 * A body that issues documents, recognised at the start of a text (after `của`). Words are
 * regular-expression sources; the parts are joined by one white space in this order:
 * a prefix, the body's words, a branch, the suffixes, the place.
 */
export interface IssuingBodyEntry {
  /**
   * The name reported. With `asPrinted` a label for the entry; for a `partyCentre` body also the
   * start every printed form shares.
   */
  name: string;
  /** Report the name as printed (spaces tidied): `Ban Bí thư Trung ương Đảng`, `Tỉnh ủy Nghệ An`. */
  asPrinted?: true;
  /** The body's own words (alternatives). */
  words: readonly string[];
  /** Titles or organs that may come first and are part of the name as printed (`Ban Thường vụ Tỉnh ủy`, `Chủ tịch UBND`). */
  prefixes?: readonly string[];
  /** A ministry's or department's branch follows (`Bộ Y tế`, `Sở Tài chính`). */
  branch?: true;
  /** Words that may follow, each only after the one before (`Ban Bí thư Trung ương Đảng`). */
  suffixes?: readonly string[];
  /** A place may follow (`Tỉnh ủy Nghệ An`), or a local unit and place (`UBND tỉnh Đắk Nông`). */
  place?: 'place' | 'unit or place';
  /** A Party-centre body: may issue a `/TW` document. */
  partyCentre?: true;
  ignoreCase?: true;
}

export const ISSUING_BODY_LIST: readonly IssuingBodyEntry[] = [
  { name: 'Bộ Chính trị', words: ['Bộ [Cc]hính trị'], partyCentre: true },
  { name: 'Ban Bí thư', asPrinted: true, words: ['Ban Bí thư'], suffixes: ['Trung ương', 'Đảng'], partyCentre: true },
  { name: 'Ban Chấp hành Trung ương', words: ['(?:Ban Chấp hành|BCH) (?:[Tt]rung ương|T\\.?Ư|TW)'], suffixes: ['Đảng'], partyCentre: true },
  { name: 'Thủ tướng Chính phủ', words: ['Thủ tướng'], suffixes: ['Chính phủ'] },
  // `Hội đồng Chính phủ`: the Government before 1981.
  { name: 'Chính phủ', asPrinted: true, prefixes: ['Hội đồng'], words: ['Chính phủ'] },
  { name: 'Ủy ban Thường vụ Quốc hội', words: ['(?:Ủy ban|Uỷ ban|UB) [Tt]hường vụ Quốc hội'] },
  { name: 'Quốc hội', words: ['Quốc hội'] },
  { name: 'Ủy ban của Quốc hội', asPrinted: true, words: [`(?:Ủy ban|Uỷ ban) (?:${ASSEMBLY_COMMITTEES.join('|')})`, 'Hội đồng Dân tộc'], suffixes: ['của Quốc hội'] },
  { name: 'Ban của Đảng', asPrinted: true, words: [`Ban (?:${PARTY_COMMISSIONS.join('|')}) (?:Trung ương|Tỉnh ủy|Thành ủy)`] },
  { name: 'Ủy ban Kiểm tra Trung ương', asPrinted: true, words: ['(?:Ủy ban|Uỷ ban) Kiểm tra Trung ương'] },
  {
    name: 'Cấp ủy', asPrinted: true, words: PARTY_COMMITTEES, place: 'place',
    prefixes: ['Ban Thường vụ', 'Ban Chấp hành Đảng bộ', 'Ban Chấp hành', 'Thường trực', 'Ban Cán sự Đảng'],
  },
  { name: 'UBND, HĐND', asPrinted: true, prefixes: ['Chủ tịch'], words: PEOPLES_COUNCILS, place: 'unit or place' },
  { name: 'Bộ', asPrinted: true, prefixes: ['Bộ trưởng'], words: ['Bộ'], branch: true },
  { name: 'Sở', asPrinted: true, words: ['Sở'], branch: true, place: 'place' },
  { name: 'Ngân hàng Nhà nước', asPrinted: true, prefixes: ['Thống đốc'], words: ['Ngân hàng Nhà nước(?: Việt Nam)?', 'NHNN(?:VN)?'] },
  { name: 'Tòa án nhân dân tối cao', asPrinted: true, prefixes: ['Chánh án'], words: ['Tòa án nhân dân tối cao'], ignoreCase: true },
  { name: 'Viện kiểm sát nhân dân tối cao', asPrinted: true, prefixes: ['Viện trưởng'], words: ['Viện [Kk]iểm sát nhân dân tối cao'] },
];

const alternatives = (words: readonly string[]) => `(?:${words.join('|')})`;

function bodyPattern(entry: IssuingBodyEntry): RegExp {
  let source = alternatives(entry.words);
  if (entry.prefixes) source = String.raw`(?:${alternatives(entry.prefixes)}\s)?${source}`;
  if (entry.branch) source += String.raw`\s(?:${BRANCHES.join('|')})(?![\p{L}])`;
  if (entry.suffixes) source += entry.suffixes.reduceRight((inner, word) => String.raw`(?:\s${word}${inner})?`, '');
  if (entry.place === 'place') source += `(?:${PLACE})?`;
  if (entry.place === 'unit or place') source += `(?:${LOCAL_UNIT}(?:${PLACE})?|${PLACE})?`;
  return new RegExp(String.raw`^${source}(?![\p{L}])`, entry.ignoreCase ? 'iu' : 'u');
}

const BODIES: Array<[RegExp, IssuingBodyEntry]> = ISSUING_BODY_LIST.map((entry) => [bodyPattern(entry), entry]);
const CENTRE_NAMES = ISSUING_BODY_LIST.filter((b) => b.partyCentre).map((b) => b.name);

/** The known body a text starts with, cut at the body name's end (`Chính phủ từ đất lúa…` -> `Chính phủ`); null otherwise. */
export function issuingBody(text: string): string | null {
  return matchIssuingBody(text.trim())?.name ?? null;
}

/** The known body `text` starts with: its name and how many characters it takes as printed. */
export function matchIssuingBody(text: string): { name: string; length: number } | null {
  for (const [re, body] of BODIES) {
    const m = re.exec(text);
    if (m) return { name: body.asPrinted ? collapseWhiteSpace(m[0]).trim() : body.name, length: m[0].length };
  }
  return null;
}

/** Party-centre bodies that may issue a `/TW` document. */
export function isCentralPartyBody(name: string): boolean {
  return CENTRE_NAMES.some((centre) => name.startsWith(centre));
}
