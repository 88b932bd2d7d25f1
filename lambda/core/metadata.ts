/**
 * Metadata stage for plain text (and text extracted from HTML): headline, the page's own
 * publication stamp, byline, source outlet and URL.
 *
 * Works on cleaned lines (see clean.ts), only looks at the head and the tail of the article, and
 * only at short lines, so related-news dates (already cut by clean.ts) and long pathological
 * lines never reach a regex.
 */
import { DEFAULT_TIME_ZONE, localParts } from './timezone.ts';

export interface TextMetadata {
  title: string | null;
  publishedAt: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  /** Lines that make up the body (headline, stamp, byline, labels and source lines removed). */
  bodyLines: string[];
  /** What was guessed rather than read, for the article's warnings. */
  notes: string[];
}

export interface TextMetadataHints {
  /** A headline known from elsewhere (HTML meta); lines equal to it are taken as the headline. */
  title?: string | null;
  /** IANA zone machine timestamps are read into (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
}

const MAX_META_LINE = 120;
const HEAD_LINES = 8;

// ------------------------------------------------------------------ dates

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD[THH:mm]` when the parts form a real date/time, else null. */
export function formatLocal(year: number, month: number, day: number, hour?: number, minute?: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hour === undefined || minute === undefined) return date;
  if (hour > 23 || minute > 59) return null;
  return `${date}T${pad(hour)}:${pad(minute)}`;
}

/**
 * Normalises a machine timestamp (ISO 8601 with or without zone, `YYYYMMDD`) to local time
 * `YYYY-MM-DDTHH:mm` in `timeZone` (default Asia/Ho_Chi_Minh, UTC+7 all year). A time without a
 * zone is taken as local already.
 */
export function toLocalDateTime(value: string | null | undefined, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  if (!value) return null;
  const s = value.trim().slice(0, 64);
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return formatLocal(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, , zone] = m;
  if (h === undefined || mi === undefined) return formatLocal(+y!, +mo!, +d!);
  if (!zone) return formatLocal(+y!, +mo!, +d!, +h, +mi);
  const instant = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:00${zone === 'Z' ? 'Z' : zone.length === 5 ? zone.slice(0, 3) + ':' + zone.slice(3) : zone}`);
  if (!Number.isFinite(instant)) return null;
  const local = localParts(instant, timeZone);
  return formatLocal(local.year, local.month, local.day, local.hour, local.minute);
}

const D = '(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})';
const T = '(\\d{1,2})[:hg](\\d{2})(?::\\d{2})?';
const WEEKDAY = '(?:(?:thứ\\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\\s*nhật|chủ nhật)\\s*,?\\s*)?';
const PREFIX = '(?:(?:cập nhật|ngày đăng|đăng ngày|đăng lúc|ngày|lúc|xuất bản|thời gian|posted|published|updated)\\s*:?\\s*)?';
const ZONE = '(?:\\s*\\(?(?:GMT|UTC)\\s*\\+\\s*7\\)?)?';
/** `(20:42 23/09/2021)`, `20:42 | 23/09/2021` */
const STAMP_TIME_DATE = new RegExp(`^\\(?${PREFIX}${T}\\s*(?:[|,-]\\s*)?${WEEKDAY}${D}${ZONE}\\)?$`, 'i');
/** `14-06-2023 14:15`, `Thứ hai, 16/08/2019 - 11:19 (GMT+7)`, `23/09/2021` */
const STAMP_DATE_TIME = new RegExp(`^\\(?${PREFIX}${WEEKDAY}${D}(?:\\s*(?:[|,-]|lúc)?\\s*${T})?${ZONE}\\)?$`, 'i');
/** `Mai Hoa 16/08/2019 11:19`, `Mai Hoa • 16/08/2019 - 11:19` */
const STAMP_AUTHOR = new RegExp(`^(.{2,40}?)\\s*[•|,-]?\\s+${WEEKDAY}${D}(?:\\s*(?:[|,-]|lúc)?\\s*${T})?${ZONE}$`, 'i');

interface Stamp {
  publishedAt: string;
  author: string | null;
}

/** Reads a line that is only this page's publication stamp (optionally with the author in front). */
export function parseStampLine(line: string): Stamp | null {
  if (line.length > MAX_META_LINE || !/\d{4}/.test(line)) return null;
  let m = STAMP_TIME_DATE.exec(line);
  if (m) {
    const at = formatLocal(+m[5]!, +m[4]!, +m[3]!, +m[1]!, +m[2]!);
    return at ? { publishedAt: at, author: null } : null;
  }
  m = STAMP_DATE_TIME.exec(line);
  if (m) {
    const at = formatLocal(+m[3]!, +m[2]!, +m[1]!, m[4] === undefined ? undefined : +m[4], m[5] === undefined ? undefined : +m[5]);
    return at ? { publishedAt: at, author: null } : null;
  }
  m = STAMP_AUTHOR.exec(line);
  if (m) {
    const name = personName(m[1]!);
    if (!name) return null;
    const at = formatLocal(+m[4]!, +m[3]!, +m[2]!, m[5] === undefined ? undefined : +m[5], m[6] === undefined ? undefined : +m[6]);
    return at ? { publishedAt: at, author: name } : null;
  }
  return null;
}

// ------------------------------------------------------------------ people and outlets

/** Words that make a capitalised phrase an organisation or place rather than a person. */
const NOT_NAME_WORDS = new Set(
  (
    'sở ban bộ đảng hội ủy uỷ ubnd hđnd báo tạp đài tỉnh huyện xã phường quận ty ' +
    'viện cục vụ khối mặt trận tổng truyền chính trị kinh tế hóa hoá thể thao giáo dục pháp luật ' +
    'thời sự tức ảnh video nguồn theo tttt tt&tt ttxvn vtv vov qđnd cand the and of ngày tháng năm hôm nay chủ nhật thứ cập'
  ).split(' '),
);

/** Capitalised phrases that are places or units, not people. */
const PLACE_PHRASES = /(?:^|\s)(?:Việt Nam|Hà Nội|Nghệ An|Hải Phòng|Thông Tin|Hồ Chí Minh|Đà Nẵng|Cần Thơ)(?:\s|$)|^(?:Ông|Bà|Anh|Chị|Cô|Chú|Em|Cháu|Bác|Đồng Chí) /;
/** Newspapers whose names look like a person's: a byline equal to one of them is the outlet. */
const OUTLET_NAMES = /^(?:Tiền Phong|Thanh Niên|Tuổi Trẻ|Lao Động|Người Lao Động|Nhân Dân|Dân Trí|Dân Việt|Pháp Luật|Tin Tức|Đại Đoàn Kết|Quân Đội Nhân Dân|Công An Nhân Dân|Vietnamnet|VietnamNet|Zing|Kênh|Infonet)$/i;

/** A person's name of 2-5 capitalised words (`Trường Giang`, `Bùi Thị Hoa`), or null. */
export function personName(text: string): string | null {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s.length < 3 || s.length > 40) return null;
  const words = s.split(' ');
  if (words.length < 2 || words.length > 5) return null;
  for (const w of words) {
    if (!/^\p{Lu}(?:\p{Ll}{1,7}|\.)$/u.test(w)) return null;
    if (NOT_NAME_WORDS.has(w.toLowerCase())) return null;
  }
  if (PLACE_PHRASES.test(s)) return null;
  return s;
}

const BYLINE_PREFIXED =
  /^(?:tin|bài|tin và ảnh|tin, ảnh|tin\/ảnh|bài và ảnh|bài, ảnh|bài\/ảnh|bài, ảnh|nhóm pv|pv|ctv|tác giả|người viết|thực hiện)\s*:\s*([^;,–—|()-]{2,40})(?:\s*[;,–—|(-].{0,100})?$/i;
const BYLINE_PLAIN = /^([^,;–—|()-]{3,40}?)\s*(?:(?:[,–—|-]|\()\s*.{1,100})?$/;
const BYLINE_PAIR = /^([^,;–—|()-]{3,40}?)\s+[-–]\s+([^,;–—|()-]{3,40})$/;
/** A byline glued to the last sentence of a flattened text: `… trình Quốc hội thông qua. Phi Sơn`. */
const GLUED_BYLINE = /^(.{40,}?[.!?…"”])\s+(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){1,3})$/u;

/** Reads a byline line: `Trường Giang`, `Phạm Thảo, Chi bộ Sở …`, `Tin: Lê Oanh; Ảnh: Hoàng Phước`. */
export function parseByline(line: string): string | null {
  if (line.length > MAX_META_LINE) return null;
  let m = BYLINE_PREFIXED.exec(line);
  if (m) return personName(m[1]!);
  // Two reporters: `Hoàng Thùy - Sơn Hà`.
  m = BYLINE_PAIR.exec(line);
  if (m && personName(m[1]!) && personName(m[2]!)) return `${personName(m[1]!)} - ${personName(m[2]!)}`;
  m = BYLINE_PLAIN.exec(line);
  if (m) {
    // A plain byline is a name alone or a name followed by its unit, not a sentence.
    if (/[.!?…]$/.test(line) && !/\b[A-Z]{2,}\.?$/.test(line)) return null;
    return personName(m[1]!);
  }
  return null;
}

const SOURCE_LINE = /^(?:nguồn tin|nguồn|theo|source)\s*:?\s*([^:]{2,80}?)\.?$/i;
const OUTLET_PREFIX = /^\(([^()]{2,40})\)\s*[-–—]\s*/;

/** `Nguồn tin: Báo Hải Phòng` / `Theo TTXVN` -> the outlet. */
export function parseSourceLine(line: string): string | null {
  if (line.length > 90) return null;
  const m = SOURCE_LINE.exec(line);
  if (!m) return null;
  const outlet = m[1]!.trim();
  // `Theo` starts many sentences: require an outlet-like phrase (capitalised, short).
  if (!/^[\p{Lu}\d]/u.test(outlet) || outlet.split(' ').length > 8) return null;
  return outlet;
}

/** `(Baonghean.vn) - Dự kiến …` -> `Baonghean.vn` and the line without the prefix. */
export function parseOutletPrefix(line: string): { outlet: string; rest: string } | null {
  const m = OUTLET_PREFIX.exec(line.slice(0, 60));
  if (!m) return null;
  const outlet = m[1]!.trim();
  const looksLikeOutlet = /\.(?:vn|com|net|org|gov|info)$/i.test(outlet) || /^[\p{Lu}\d][\p{L}\d.&' ]{0,30}$/u.test(outlet);
  if (!looksLikeOutlet || outlet.split(' ').length > 5) return null;
  return { outlet, rest: line.slice(m[0].length) };
}

// ------------------------------------------------------------------ headline

/** Section labels printed above headlines on Vietnamese portals. */
const SECTION_LABELS = new Set(
  [
    'chính trị', 'kinh tế', 'xã hội', 'thời sự', 'văn hóa', 'văn hoá', 'thể thao', 'giáo dục', 'pháp luật', 'quốc tế',
    'tin tức', 'tin tức - sự kiện', 'tin tức sự kiện', 'sự kiện', 'tin hoạt động', 'hoạt động', 'tin trong tỉnh',
    'tin trong nước', 'tin địa phương', 'xây dựng đảng', 'công tác đảng', 'hoạt động của các tổ chức đảng cơ sở',
    'hoạt động của đảng bộ', 'tin hoạt động của đảng bộ', 'tin tức - sự kiện', 'quốc phòng - an ninh', 'an ninh - quốc phòng',
    'y tế', 'du lịch', 'đời sống', 'nông nghiệp', 'môi trường', 'khoa học - công nghệ', 'công nghệ', 'bạn đọc',
  ].map((s) => s.toLowerCase()),
);

export function isSectionLabel(line: string): boolean {
  return line.length <= 60 && SECTION_LABELS.has(line.toLowerCase().replace(/\s*[:»>›]+$/, ''));
}

/**
 * `line.split(' ').length` counted only up to `limit` (as far as a comparison with a smaller number
 * needs), without making the words: a first line may be a whole article.
 */
export function wordsUpTo(line: string, limit: number): number {
  let words = 1;
  for (let at = line.indexOf(' '); at >= 0 && words < limit; at = line.indexOf(' ', at + 1)) words++;
  return words;
}

/** Could this line be a headline? (Short, several words, not a sentence-ended paragraph, not a date.) */
export function isHeadlineLike(line: string): boolean {
  if (line.length < 10 || line.length > 250) return false;
  if (wordsUpTo(line, 3) < 3) return false;
  if (/[.:;,]$/.test(line) && !/\.\.\.$|…$/.test(line)) return false;
  if (parseStampLine(line)) return false;
  return /\p{L}/u.test(line);
}

function slugWords(s: string): string[] {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** True when a line's words match the slug of `url` (URLs that end with the headline). */
export function matchesUrlSlug(line: string, url: string): boolean {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\.[a-z]{2,5}$/i, '');
  const slug = new Set(slugWords(path.split('/').pop() ?? ''));
  const words = slugWords(line);
  if (words.length < 3 || slug.size < 3) return false;
  let hit = 0;
  for (const w of words) if (slug.has(w)) hit++;
  return hit / words.length >= 0.7;
}

// ------------------------------------------------------------------ header comments

interface HeaderComments {
  url: string | null;
  date: string | null;
  title: string | null;
  lines: number;
}

/** `# doc_id = …`, `# url = …`, `# date = …` comment lines at the top of scraped corpus files. */
function readHeaderComments(lines: string[]): HeaderComments {
  const out: HeaderComments = { url: null, date: null, title: null, lines: 0 };
  for (const line of lines) {
    const m = /^#\s?([a-z_]{1,20})\s*=\s*(.{0,500})$/i.exec(line.slice(0, 600));
    if (!m) break;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'url' && value) out.url = value;
    else if (key === 'date' && value) out.date = value;
    else if (key === 'title' && value) out.title = value;
    out.lines++;
  }
  return out;
}

/**
 * Date (and time) in a URL, for any site: a digit run `YYYYMMDD[hhmm…]` in a path segment (the last
 * first; 12 or more digits carry the time), or a `/YYYY/MM/DD/` path.
 */
export function timeFromUrl(url: string): { at: string; hasTime: boolean } | null {
  const path = url.slice(0, 1000).replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  const segments = path.split('/').filter(Boolean);
  for (const seg of [...segments].reverse()) {
    for (const run of seg.match(/\d{8,}/g) ?? []) {
      const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2}))?/.exec(run)!;
      const y = Number(m[1]);
      if (y < 1995 || y > 2100) continue;
      if (m[4] !== undefined && run.length >= 12) {
        const at = formatLocal(y, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
        if (at) return { at, hasTime: true };
      }
      const day = formatLocal(y, Number(m[2]), Number(m[3]));
      if (day) return { at: day, hasTime: false };
    }
  }
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})\//.exec(`${path}/`);
  if (m) {
    const day = formatLocal(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day) return { at: day, hasTime: false };
  }
  return null;
}

/** The time in the URL when it agrees with the day known from elsewhere. */
function timeFromUrlOnDay(url: string, day: string | null): string | null {
  const found = timeFromUrl(url);
  if (!found?.hasTime || (day && !found.at.startsWith(day))) return null;
  return found.at;
}

/** True when the URL's last segment is a headline slug (three or more words). */
function hasSlug(url: string): boolean {
  const last = url.replace(/[?#].*$/, '').split('/').pop() ?? '';
  return (last.replace(/\.[a-z]{2,5}$/i, '').match(/[a-z]{2,}/gi) ?? []).length >= 3;
}

// ------------------------------------------------------------------ main entry

export function extractTextMetadata(input: string[], hints: TextMetadataHints = {}): TextMetadata {
  const notes: string[] = [];
  const header = readHeaderComments(input);
  const lines = input.slice(header.lines);
  let url = header.url;
  let publishedAt: string | null = null;
  let author: string | null = null;
  let outlet: string | null = null;
  let title: string | null = header.title;

  if (header.date) {
    const day = toLocalDateTime(header.date, hints.timeZone);
    const fromUrl = url ? timeFromUrlOnDay(url, day) : null;
    if (fromUrl) notes.push('publication time read from the article id in the URL');
    publishedAt = fromUrl ?? day;
  }

  // The stamp: first short line in the head of the article that is only a date (and time).
  const head = Math.min(lines.length, HEAD_LINES);
  let stampIndex = -1;
  for (let i = 0; i < head; i++) {
    const stamp = parseStampLine(lines[i]!);
    if (stamp) {
      stampIndex = i;
      if (publishedAt !== null) notes.length = 0; // the page's own stamp beats the header guess
      publishedAt = stamp.publishedAt;
      author = stamp.author;
      break;
    }
  }

  // The headline.
  let titleIndex = -1;
  const hinted = hints.title ? hints.title.toLowerCase() : null;
  if (hinted) {
    titleIndex = lines.slice(0, head).findIndex((l) => l.toLowerCase() === hinted);
    title = hints.title ?? null;
  } else if (title === null) {
    if (stampIndex > 0) {
      for (let i = stampIndex - 1; i >= 0; i--) {
        if (isHeadlineLike(lines[i]!) && !isSectionLabel(lines[i]!)) {
          titleIndex = i;
          break;
        }
      }
    } else {
      let i = stampIndex === 0 ? 1 : 0;
      while (i < head - 1 && isSectionLabel(lines[i]!)) i++;
      const first = lines[i];
      if (first !== undefined) {
        const next = lines[i + 1];
        // a short label-like line above a headline is a section label, not the headline
        const shortLabel = wordsUpTo(first, 5) <= 4 && next !== undefined && isHeadlineLike(next) && !/[.?!]$/.test(first);
        const candidate = shortLabel ? i + 1 : i;
        const line = lines[candidate];
        if (line !== undefined && isHeadlineLike(line)) {
          if (!url || !hasSlug(url) || matchesUrlSlug(line, url)) titleIndex = candidate;
        }
      }
    }
    if (titleIndex >= 0) title = lines[titleIndex]!;
  }

  // Body starts after the headline (or after the stamp when there is no headline); what is above
  // is chrome. A sapo between headline and stamp stays; a byline there is the author.
  const bodyStart = titleIndex >= 0 ? titleIndex + 1 : stampIndex >= 0 ? stampIndex + 1 : 0;
  const body: string[] = [];
  for (let i = bodyStart; i < lines.length; i++) {
    if (i === stampIndex) continue;
    if (i < stampIndex) {
      const byline = parseByline(lines[i]!);
      if (byline) {
        author ??= byline;
        continue;
      }
    }
    body.push(lines[i]!);
  }

  // Outlet prefix on the lead: `(Baonghean.vn) - …`.
  if (body.length > 0) {
    const prefix = parseOutletPrefix(body[0]!);
    if (prefix) {
      outlet = prefix.outlet;
      body[0] = prefix.rest;
    }
  }

  // A byline glued to the end of the last paragraph (texts flattened to one line a paragraph).
  if (body.length > 0) {
    const last = body[body.length - 1]!;
    const glued = last.length <= 20_000 ? GLUED_BYLINE.exec(last.slice(-200)) : null;
    const name = glued ? personName(glued[2]!) : null;
    if (glued && name) {
      author ??= name;
      body[body.length - 1] = last.slice(0, last.length - glued[0].length + glued[1]!.length);
    }
  }

  // Tail: source line and byline, scanning the last few lines upwards.
  const tailStart = Math.max(0, body.length - 5);
  const drop = new Set<number>();
  for (let i = body.length - 1; i >= tailStart; i--) {
    const line = body[i]!;
    const source = parseSourceLine(line);
    if (source) {
      outlet ??= source;
      drop.add(i);
      continue;
    }
    if (title && line === title) continue;
    const glued = /^(.{3,40}?\p{Ll})(?:Theo|Nguồn:?)\s+(.{2,60})$/u.exec(line.length <= MAX_META_LINE ? line : '');
    if (glued && personName(glued[1]!)) {
      author ??= personName(glued[1]!);
      outlet ??= glued[2]!.trim();
      drop.add(i);
      break;
    }
    if (line.length <= 40 && OUTLET_NAMES.test(line)) {
      outlet ??= line;
      drop.add(i);
      continue;
    }
    const byline = parseByline(line);
    if (byline) {
      if (author === null) author = byline;
      drop.add(i);
      break;
    }
    // the byline is the last thing in an article; stop at the first long paragraph
    if (line.length > MAX_META_LINE) break;
  }
  const bodyLines = body.filter((_, i) => !drop.has(i));

  return { title, publishedAt, author, outlet, url, bodyLines, notes };
}
