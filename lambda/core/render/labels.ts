/** Every word the digests print, in Vietnamese (default) and English. */
import type { MeetingKind } from '../model.ts';
import { MEETING_KIND_LIST } from '../kinds.ts';
import type { DateBasis } from '../digest-model.ts';

export type Lang = 'vi' | 'en';

const vi = {
  htmlLang: 'vi',
  pdfLang: 'vi-VN',
  product: 'bantin',
  bulletin: 'Bản tin tổng hợp',
  bulletinOf: (period: string) => `Bản tin tổng hợp ${period}`,
  subtitle: 'Tình hình hội nghị, hoạt động của các tổ chức Đảng và văn bản được quán triệt, triển khai',
  scope: 'Phạm vi tổng hợp',
  generatedOn: 'Ngày lập',
  periodSpan: 'Thời gian',
  dataNote: 'Số liệu tổng hợp tự động từ các bài báo, tin bài được thu thập; cần đối chiếu với văn bản gốc trước khi sử dụng chính thức.',
  keyFigures: 'Số liệu chính',
  articles: 'Bài viết',
  meetings: 'Hội nghị, hoạt động',
  documents: 'Văn bản',
  officials: 'Cán bộ chủ trì, phát biểu',
  otherArticlesCount: 'Bài không gắn hội nghị',
  rejectedCount: 'Tệp không sử dụng được',
  meetingsByMonth: 'Số hội nghị, hoạt động theo tháng',
  meetingsByKind: 'Theo loại hình',
  contents: 'Mục lục',
  sectionMeetings: 'Hội nghị, hoạt động trong kỳ',
  sectionDocuments: 'Văn bản được đề cập',
  sectionOfficials: 'Cán bộ chủ trì, phát biểu',
  sectionOther: 'Các bài viết khác',
  sectionOtherNote: 'Bài viết không tường thuật một hội nghị cụ thể.',
  sectionSources: 'Nguồn tin',
  sectionRejected: 'Tệp không sử dụng được',
  sectionWarnings: 'Lưu ý về thời gian',
  noMeetings: 'Không có hội nghị, hoạt động nào trong kỳ.',
  noDocuments: 'Không có văn bản nào được đề cập.',
  noOfficials: 'Không có cán bộ nào được nêu tên.',
  date: 'Ngày',
  kind: 'Loại hình',
  organizer: 'Đơn vị tổ chức',
  chair: 'Chủ trì',
  format: 'Hình thức',
  attendance: 'Thành phần, số lượng',
  documentsDiscussed: 'Văn bản',
  sources: 'Nguồn',
  summary: 'Tóm tắt',
  code: 'Số, ký hiệu',
  docType: 'Loại văn bản',
  issuer: 'Cơ quan ban hành',
  issuedOn: 'Ngày ban hành',
  subject: 'Trích yếu',
  discussedAt: 'Được đề cập tại',
  firstLast: 'Lần đầu – lần cuối',
  name: 'Họ và tên',
  position: 'Chức vụ',
  roles: 'Vai trò',
  chairedN: (n: number) => `Chủ trì ${n} hội nghị`,
  mentionedN: (n: number) => `Được nêu tại ${n} hội nghị`,
  file: 'Tệp',
  reason: 'Lý do',
  title: 'Tiêu đề',
  published: 'Ngày đăng',
  month: 'Tháng',
  monthShort: (m: number) => `T${m}`,
  count: 'Số lượng',
  inferred: 'năm được suy ra',
  yearUnknown: 'không rõ năm',
  planned: 'dự kiến',
  corrected: 'đã hiệu chỉnh',
  online: 'Trực tuyến',
  'in-person': 'Trực tiếp',
  hybrid: 'Trực tiếp kết hợp trực tuyến',
  present: (p: number, e?: number) => (e !== undefined ? `${p}/${e} có mặt` : `${p} có mặt`),
  bridgePoints: (n: string) => `${n} điểm cầu`,
  total: (n: string) => `${n} người tham dự`,
  members: (n: string) => `${n} đảng viên`,
  covers: 'Kỳ đánh giá',
  page: (n: number, of: number) => `Trang ${n}/${of}`,
  basis: {
    meeting: 'theo ngày diễn ra hội nghị',
    'meeting-upload-year': 'Ngày hội nghị không ghi năm; lấy năm theo ngày tải lên — cần kiểm tra',
    published: 'Chưa xác định ngày hội nghị; xếp theo ngày đăng bài',
    uploaded: 'Không rõ ngày hội nghị và ngày đăng; xếp theo ngày tải lên — cần kiểm tra',
    unknown: 'Không xác định được năm; xếp riêng',
  } satisfies Record<DateBasis, string>,
  rejectionReason: {
    empty: 'Tệp rỗng',
    binary: 'Không phải văn bản',
    undecodable: 'Không đọc được bảng mã',
    'too-large': 'Tệp quá lớn',
    'unsafe-key': 'Tên tệp không dùng được',
    'no-text': 'Không có nội dung bài viết',
  } as Record<string, string>,
  kinds: Object.fromEntries(MEETING_KIND_LIST.map((k) => [k.slug, k.vi])) as Record<MeetingKind, string>,
  indexTitle: 'Danh mục bản tin tổng hợp',
  indexPeriod: 'Kỳ báo cáo',
  indexFiles: 'Tệp',
  kindNames: { year: 'Năm', half: '6 tháng', quarter: 'Quý', month: 'Tháng', undated: 'Chưa xác định thời gian' } as Record<string, string>,
  none: '—',
  dateFormat: (iso: string) => formatDateVi(iso),
};

export type Labels = typeof vi;

const en: Labels = {
  ...vi,
  htmlLang: 'en',
  pdfLang: 'en-GB',
  bulletin: 'Digest',
  bulletinOf: (period: string) => `Digest — ${period}`,
  subtitle: 'Party meetings, activities and the documents they studied and implemented',
  scope: 'Scope',
  generatedOn: 'Generated',
  periodSpan: 'Period',
  dataNote: 'Compiled automatically from collected news articles; check against the original documents before official use.',
  keyFigures: 'Key figures',
  articles: 'Articles',
  meetings: 'Meetings and activities',
  documents: 'Documents',
  officials: 'Officials presiding or speaking',
  otherArticlesCount: 'Articles without a meeting',
  rejectedCount: 'Unusable files',
  meetingsByMonth: 'Meetings per month',
  meetingsByKind: 'By kind',
  contents: 'Contents',
  sectionMeetings: 'Meetings and activities',
  sectionDocuments: 'Documents cited',
  sectionOfficials: 'Officials presiding or speaking',
  sectionOther: 'Other articles',
  sectionOtherNote: 'Articles that do not report a specific meeting.',
  sectionSources: 'Sources',
  sectionRejected: 'Unusable files',
  sectionWarnings: 'Date warnings',
  noMeetings: 'No meetings in this period.',
  noDocuments: 'No documents cited.',
  noOfficials: 'No officials named.',
  date: 'Date',
  kind: 'Kind',
  organizer: 'Organiser',
  chair: 'Chair',
  format: 'Format',
  attendance: 'Attendance',
  documentsDiscussed: 'Documents',
  sources: 'Sources',
  summary: 'Summary',
  code: 'Number & symbol',
  docType: 'Type',
  issuer: 'Issuer',
  issuedOn: 'Issued',
  subject: 'Subject',
  discussedAt: 'Discussed at',
  firstLast: 'First – last mention',
  name: 'Name',
  position: 'Position',
  roles: 'Role',
  chairedN: (n: number) => `Chaired ${n} meeting${n === 1 ? '' : 's'}`,
  mentionedN: (n: number) => `Named at ${n} meeting${n === 1 ? '' : 's'}`,
  file: 'File',
  reason: 'Reason',
  title: 'Title',
  published: 'Published',
  month: 'Month',
  monthShort: (m: number) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]!,
  count: 'Count',
  inferred: 'year inferred',
  yearUnknown: 'year unknown',
  planned: 'planned',
  corrected: 'corrected',
  online: 'Online',
  'in-person': 'In person',
  hybrid: 'In person and online',
  present: (p: number, e?: number) => (e !== undefined ? `${p}/${e} present` : `${p} present`),
  bridgePoints: (n: string) => `${n} bridge points`,
  total: (n: string) => `${n} participants`,
  members: (n: string) => `${n} Party members`,
  covers: 'Reviews',
  page: (n: number, of: number) => `Page ${n} of ${of}`,
  basis: {
    meeting: 'by meeting date',
    'meeting-upload-year': 'Meeting date has no year; year taken from the upload date — please check',
    published: 'Meeting date unknown; placed by publication date',
    uploaded: 'Meeting and publication dates unknown; placed by upload date — please check',
    unknown: 'Year unknown; listed apart',
  },
  rejectionReason: {
    empty: 'Empty file',
    binary: 'Not a text file',
    undecodable: 'Unreadable encoding',
    'too-large': 'File too large',
    'unsafe-key': 'Unusable file name',
    'no-text': 'No article text',
  },
  kinds: Object.fromEntries(MEETING_KIND_LIST.map((k) => [k.slug, k.en])) as Record<MeetingKind, string>,
  indexTitle: 'Digests',
  indexPeriod: 'Period',
  indexFiles: 'Files',
  kindNames: { year: 'Year', half: 'Half-year', quarter: 'Quarter', month: 'Month', undated: 'Undated' },
  dateFormat: (iso: string) => formatDateEn(iso),
};

export function labelsFor(lang: Lang = 'vi'): Labels {
  return lang === 'en' ? en : vi;
}

/** `YYYY-MM-DD…` or `--MM-DD` (no year). */
const DATE_PARTS = /^(?:(\d{4})-|--)(\d{2})-(\d{2})/;

/** `2023-02-16` -> `16/02/2023`; `--02-16` -> `16/02`; instants are shown as their Vietnam date. */
export function formatDateVi(iso: string): string {
  const m = DATE_PARTS.exec(iso);
  if (!m) return iso;
  return m[1] === undefined ? `${m[3]}/${m[2]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

function formatDateEn(iso: string): string {
  const m = DATE_PARTS.exec(iso);
  if (!m) return iso;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1];
  return m[1] === undefined ? `${Number(m[3])} ${month}` : `${Number(m[3])} ${month} ${m[1]}`;
}

/** Local (Vietnam, UTC+7) date of an ISO instant, `YYYY-MM-DD`. */
export function localDate(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant.slice(0, 10);
  return new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}
