/**
 * Issuing bodies of cited documents. A body named in the text (`của Ban Chấp hành Trung ương Đảng
 * (khóa XII)`, `của Chính phủ từ đất lúa sang…`) is kept only when it starts with a known body name,
 * and only up to that name's end; a code suffix that names its issuer (`NĐ-CP`, `QĐ-TTg`, `QH14`)
 * decides the issuer whatever the text says.
 */
import { LOWER, UPPER } from './vietnamese.ts';

/** Issuer implied by the code's issuing symbol, or null when the symbol is not a national body's. */
export function issuerFromCode(code: string | null): string | null {
  if (!code) return null;
  if (/(?:^|[/-])(?:NĐ|NQ|ND)-CP$/u.test(code)) return 'Chính phủ';
  if (/(?:^|[/-])(?:QĐ|CT|CĐ|QD|CD)-TTg$/u.test(code)) return 'Thủ tướng Chính phủ';
  if (/\/(?:NQ-)?UBTVQH\d{0,2}$/u.test(code)) return 'Ủy ban Thường vụ Quốc hội';
  if (/\/(?:NQ-)?QH\d{0,2}$/u.test(code)) return 'Quốc hội';
  return null;
}

const CAP_WORD = `[${UPPER}][${LOWER}]{0,7}`;
/** A place or unit name after a local body: `Nghệ An`, `Thừa Thiên Huế`, `TP. Hồ Chí Minh`, `TPHCM`. */
const PLACE = String.raw`(?:\s(?:TP\.?\s?|Tp\.?\s?)?(?:[${UPPER}]{2,6}\b|${CAP_WORD}(?:\s${CAP_WORD}){0,3}))`;
const LOCAL_UNIT = String.raw`(?:\s(?:tỉnh|thành phố|Thành phố|TP\.?|huyện|quận|thị xã|xã|phường))`;
/** Ministries and provincial departments by name (the lowercase words of `Bộ Y tế` are part of the name). */
const BRANCH = String.raw`(?:Y tế|Tài chính|Công Thương|Nội vụ|Xây dựng|Công an|Quốc phòng|Tư pháp|Ngoại giao|Giáo dục và Đào tạo|Kế hoạch và Đầu tư|Thông tin và Truyền thông|Tài nguyên và Môi trường|Nông nghiệp và Phát triển nông thôn|Nông nghiệp và Môi trường|Giao thông vận tải|Giao thông Vận tải|Lao động\s?-\s?Thương binh và Xã hội|Văn hóa,? Thể thao và Du lịch|Khoa học và Công nghệ|Dân tộc và Tôn giáo|Công nghiệp|Thương mại|[A-ZĐ][A-ZĐa-z]{0,5}(?:\s?[&-]\s?[A-ZĐ]{1,5}){0,3})(?![\p{L}])`;

const BODIES: Array<[RegExp, string | null]> = [
  [/^Bộ [Cc]hính trị(?![\p{L}])/u, 'Bộ Chính trị'],
  [/^Ban Bí thư(?: Trung ương(?: Đảng)?)?(?![\p{L}])/u, null],
  [/^(?:Ban Chấp hành|BCH) (?:Trung ương|[Tt]rung ương|T\.?Ư|TW)(?: Đảng)?(?![\p{L}])/u, 'Ban Chấp hành Trung ương'],
  [/^Thủ tướng(?: Chính phủ)?(?![\p{L}])/u, 'Thủ tướng Chính phủ'],
  [/^(?:Hội đồng )?Chính phủ(?![\p{L}])/u, null],
  [/^(?:Ủy ban|Uỷ ban|UB) [Tt]hường vụ Quốc hội(?![\p{L}])/u, 'Ủy ban Thường vụ Quốc hội'],
  [/^Quốc hội(?![\p{L}])/u, null],
  [/^(?:(?:Ủy ban|Uỷ ban) (?:Tư pháp|Pháp luật|Kinh tế|Tài chính,? Ngân sách|Quốc phòng và An ninh|Văn hóa,? Giáo dục|Xã hội|Khoa học,? Công nghệ và Môi trường|Đối ngoại)|Hội đồng Dân tộc)(?: của Quốc hội)?(?![\p{L}])/u, null],
  [/^Ban (?:Tuyên giáo|Tổ chức|Dân vận|Kinh tế|Nội chính|Đối ngoại|Tuyên giáo và Dân vận)(?: Trung ương| Tỉnh ủy| Thành ủy)(?![\p{L}])/u, null],
  [/^(?:Ủy ban|Uỷ ban) Kiểm tra Trung ương(?![\p{L}])/u, null],
  [new RegExp(String.raw`^(?:(?:Ban Thường vụ|Ban Chấp hành Đảng bộ|Ban Chấp hành|Thường trực|Thường trực|Ban Cán sự Đảng)\s)?(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)(?:${PLACE})?(?![\p{L}])`, 'u'), null],
  [new RegExp(String.raw`^(?:Chủ tịch\s)?(?:UBND|HĐND|Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)(?:${LOCAL_UNIT}(?:${PLACE})?|${PLACE})?(?![\p{L}])`, 'u'), null],
  [new RegExp(String.raw`^(?:Bộ trưởng\s)?Bộ\s${BRANCH}`, 'u'), null],
  [new RegExp(String.raw`^Sở\s${BRANCH}(?:${PLACE})?(?![\p{L}])`, 'u'), null],
  [/^(?:Thống đốc )?(?:Ngân hàng Nhà nước(?: Việt Nam)?|NHNN(?:VN)?)(?![\p{L}])/u, null],
  [/^(?:Chánh án )?Tòa án nhân dân tối cao(?![\p{L}])/iu, null],
  [/^(?:Viện trưởng )?Viện [Kk]iểm sát nhân dân tối cao(?![\p{L}])/u, null],
];

/** The known body a text starts with, cut at the body name's end (`Chính phủ từ đất lúa…` -> `Chính phủ`); null otherwise. */
export function issuingBody(text: string): string | null {
  return matchIssuingBody(text.trim())?.name ?? null;
}

/** The known body `text` starts with: its name and how many characters it takes as printed. */
export function matchIssuingBody(text: string): { name: string; length: number } | null {
  for (const [re, canonical] of BODIES) {
    const m = re.exec(text);
    if (m) return { name: canonical ?? m[0].replace(/\s+/g, ' ').trim(), length: m[0].length };
  }
  return null;
}

/** Party-centre bodies that may issue a `/TW` document. */
export function isCentralPartyBody(name: string): boolean {
  return /^(?:Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương)/u.test(name);
}
