/**
 * Areas of work a Party report is organised by, and which meeting kinds belong to each. Data, not
 * code: every kind of lambda/core/kinds.ts is in exactly one section (checked when this module
 * loads and by test/report.test.ts); a new kind must be given its section here.
 */
import { MEETING_KIND_LIST, type MeetingKindSlug } from './kinds.ts';

export interface ReportSectionEntry {
  slug: string;
  vi: string;
  en: string;
  kinds: readonly MeetingKindSlug[];
}

export const REPORT_SECTIONS = [
  {
    slug: 'hoc-tap',
    vi: 'Học tập, quán triệt, triển khai nghị quyết, chỉ thị',
    en: 'Studying and implementing resolutions and directives',
    kinds: ['quan-triet', 'bao-cao-vien'],
  },
  { slug: 'so-ket-tong-ket', vi: 'Sơ kết, tổng kết', en: 'Interim and final reviews', kinds: ['so-ket', 'tong-ket'] },
  { slug: 'sinh-hoat-chi-bo', vi: 'Sinh hoạt chi bộ', en: 'Party cell meetings', kinds: ['sinh-hoat-chi-bo'] },
  {
    slug: 'doi-thoai',
    vi: 'Đối thoại, gặp mặt, tiếp xúc cử tri',
    en: 'Dialogues, meetings with people and voters',
    kinds: ['doi-thoai', 'gap-mat', 'tiep-xuc-cu-tri'],
  },
  { slug: 'dai-hoi', vi: 'Đại hội', en: 'Congresses', kinds: ['dai-hoi'] },
  {
    slug: 'bch-hdnd',
    vi: 'Hội nghị Ban Chấp hành, kỳ họp HĐND',
    en: 'Executive committee plenums and council sessions',
    kinds: ['hoi-nghi-bch', 'ky-hop'],
  },
  { slug: 'khac', vi: 'Hoạt động khác', en: 'Other activities', kinds: ['hop', 'ky-niem', 'le', 'khac'] },
] as const satisfies readonly ReportSectionEntry[];

export type ReportSectionSlug = (typeof REPORT_SECTIONS)[number]['slug'];
export const REPORT_SECTION_SLUGS = REPORT_SECTIONS.map((s) => s.slug) as [ReportSectionSlug, ...ReportSectionSlug[]];

const sectionOfKind = new Map<string, ReportSectionSlug>();
for (const s of REPORT_SECTIONS) {
  for (const k of s.kinds) {
    if (sectionOfKind.has(k)) throw new Error(`meeting kind ${k} is in two report sections`);
    sectionOfKind.set(k, s.slug);
  }
}
for (const k of MEETING_KIND_LIST) if (!sectionOfKind.has(k.slug)) throw new Error(`meeting kind ${k.slug} has no report section`);

/** The section a meeting kind is reported under (a kind this version does not know: `khac`). */
export function sectionOf(kind: string): ReportSectionSlug {
  return sectionOfKind.get(kind) ?? 'khac';
}
