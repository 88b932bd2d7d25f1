/**
 * Provinces and centrally-run cities named in an article (the 63 units before the 2025 merger
 * plus `Huế`, which the 34 post-2025 units add). Ho Chi Minh City is always `TP. Hồ Chí Minh`.
 */
import { matchesBefore, wordPositions } from './anchored.ts';
import { notAfter } from './vietnamese.ts';

/** Canonical name -> spellings seen in text (old-style tone marks, hyphenated forms). */
const PROVINCES: Record<string, string[]> = {
  'An Giang': [], 'Bà Rịa - Vũng Tàu': ['Bà Rịa-Vũng Tàu', 'Bà Rịa – Vũng Tàu', 'Bà Rịa Vũng Tàu'], 'Bắc Giang': [],
  'Bắc Kạn': ['Bắc Cạn'], 'Bạc Liêu': [], 'Bắc Ninh': [], 'Bến Tre': [], 'Bình Định': [], 'Bình Dương': [],
  'Bình Phước': [], 'Bình Thuận': [], 'Cà Mau': [], 'Cần Thơ': [], 'Cao Bằng': [], 'Đà Nẵng': [],
  'Đắk Lắk': ['Đắc Lắc', 'Đăk Lăk', 'Đắk Lăk'], 'Đắk Nông': ['Đăk Nông', 'Đắc Nông'], 'Điện Biên': [],
  'Đồng Nai': [], 'Đồng Tháp': [], 'Gia Lai': [], 'Hà Giang': [], 'Hà Nam': [], 'Hà Nội': [], 'Hà Tĩnh': [],
  'Hải Dương': [], 'Hải Phòng': [], 'Hậu Giang': [], 'Hòa Bình': ['Hoà Bình'], 'Hưng Yên': [],
  'Khánh Hòa': ['Khánh Hoà'], 'Kiên Giang': [], 'Kon Tum': [], 'Lai Châu': [], 'Lâm Đồng': [], 'Lạng Sơn': [],
  'Lào Cai': [], 'Long An': [], 'Nam Định': [], 'Nghệ An': [], 'Ninh Bình': [], 'Ninh Thuận': [], 'Phú Thọ': [],
  'Phú Yên': [], 'Quảng Bình': [], 'Quảng Nam': [], 'Quảng Ngãi': [], 'Quảng Ninh': [], 'Quảng Trị': [],
  'Sóc Trăng': [], 'Sơn La': [], 'Tây Ninh': [], 'Thái Bình': [], 'Thái Nguyên': [], 'Thanh Hóa': ['Thanh Hoá'],
  'Thừa Thiên Huế': ['Thừa Thiên - Huế', 'Thừa Thiên-Huế', 'Thừa Thiên – Huế'], 'Tiền Giang': [], 'Trà Vinh': [],
  'Tuyên Quang': [], 'Vĩnh Long': [], 'Vĩnh Phúc': [], 'Yên Bái': [], 'Huế': [],
  'TP. Hồ Chí Minh': ['Hồ Chí Minh', 'HCM'],
};

export const PROVINCE_NAMES: string[] = Object.keys(PROVINCES);

const CANONICAL = new Map<string, string>();
for (const [name, variants] of Object.entries(PROVINCES)) {
  for (const spelling of [name, ...variants]) CANONICAL.set(spelling, name);
}
const SPELLINGS = [...CANONICAL.keys()].filter((s) => s !== 'TP. Hồ Chí Minh').sort((a, b) => b.length - a.length);
const ALT = SPELLINGS.map((s) => s.replace(/\./g, '\\.').replace(/ /g, '\\s')).join('|');

/** Administrative words in front of a name: `tỉnh Nghệ An`, `Tỉnh ủy Nghệ An`, `Báo Hải Phòng`, `TP.HCM`. */
const MARKERS = String.raw`tỉnh|thành phố|TP\.?|T\.P|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân|Báo|Đài|Công an|Đảng bộ|Bộ Chỉ huy Quân sự|Mặt trận Tổ quốc|MTTQ|tại|ở|về|đến`;
const MARKED = new RegExp(String.raw`${notAfter('marker', MARKERS)}\s{0,2}(?<place>${ALT})(?![\p{L}])`, 'uy');
/** Names used without such a word: only when not part of a longer capitalised run (`Thái Bình Dương`, a person's name). */
const BARE = new RegExp(String.raw`${notAfter('place', ALT, String.raw`(?:[\p{L}]|[\p{Lu}][\p{Ll}]{0,7}\s)`)}(?![\p{L}]|\s[\p{Lu}])`, 'uy');
const HCMC = new RegExp(String.raw`${notAfter('city', String.raw`TP\.?\s?HCM|TPHCM|TP\.?\s?Hồ Chí Minh|Thành phố Hồ Chí Minh|thành phố Hồ Chí Minh`)}(?![\p{L}])`, 'uy');
/** Every HCMC spelling has `HCM` or `Hồ Chí Minh`, at most `Thành phố `.length after its start: HCMC is tried there only. */
const HCMC_CORES = ['HCM', 'Hồ Chí Minh'];
const HCMC_LEAD = 'Thành phố '.length;

/**
 * Where a spelling may start: the first words of the spellings (`Bà` of `Bà Rịa - Vũng Tàu`), plain
 * words that V8 finds fast, where the spellings' `\s` keeps it from scanning for ALT fast.
 */
const FIRST_WORDS = [...new Set(SPELLINGS.map((s) => s.split(/[\s-]/)[0]!))].sort((a, b) => b.length - a.length);
const FIRST_WORD = new RegExp(FIRST_WORDS.join('|'), 'g');
const SPELLING_AT = new RegExp(String.raw`(?:${ALT})(?![\p{L}])`, 'uy');
/** The longest marker and the white space after it (`Bộ Chỉ huy Quân sự  `): a MARKED match starts at most this far before its place. */
const MAX_MARKER_LEAD = Math.max(...MARKERS.split('|').map((m) => m.replace(/\\/g, '').length)) + 2;

/**
 * Where a spelling starts (followed by no letter), found through FIRST_WORD: every MARKED and BARE
 * match has its place there, so they are tried near these positions only (see matchesBefore).
 * Each FIRST_WORD position is tried, the next search a character on (first words may overlap).
 */
function spellingStarts(text: string): number[] {
  const starts: number[] = [];
  FIRST_WORD.lastIndex = 0;
  for (let m = FIRST_WORD.exec(text); m; m = FIRST_WORD.exec(text)) {
    SPELLING_AT.lastIndex = m.index;
    if (SPELLING_AT.test(text)) starts.push(m.index);
    FIRST_WORD.lastIndex = m.index + 1;
  }
  return starts;
}

/** Names that are also ordinary words or people when they stand alone. */
const NOT_BARE = new Set(['Hồ Chí Minh', 'HCM', 'Huế', 'Long An', 'Hòa Bình', 'Hoà Bình']);

/** The sticky patterns of the steps below, for tests comparing them with a global copy. */
export const PLACE_PATTERNS = { city: HCMC, marked: MARKED, bare: BARE };
/** Each pattern's matches, tried near its anchors only. */
export const placeMatches = {
  city: (text: string) => matchesBefore(text, HCMC, wordPositions(text, HCMC_CORES), HCMC_LEAD),
  marked: (text: string, starts = spellingStarts(text)) => matchesBefore(text, MARKED, starts, MAX_MARKER_LEAD),
  bare: (text: string, starts = spellingStarts(text)) => matchesBefore(text, BARE, starts, 0),
};

export function extractPlaces(text: string): string[] {
  const found: Array<{ name: string; at: number }> = [];
  const add = (spelling: string, at: number) => {
    const name = CANONICAL.get(spelling);
    if (name) found.push({ name, at });
  };
  for (const m of placeMatches.city(text)) found.push({ name: 'TP. Hồ Chí Minh', at: m.index });
  const starts = spellingStarts(text);
  for (const m of placeMatches.marked(text, starts)) add(m.groups!.place!, m.index);
  for (const m of placeMatches.bare(text, starts)) {
    if (!NOT_BARE.has(m.groups!.place!)) add(m.groups!.place!, m.index);
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.name))];
}

/** True when a capitalised run is a province name (so not a person). */
export function isProvinceName(text: string): boolean {
  return CANONICAL.has(text);
}
