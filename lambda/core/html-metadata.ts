/**
 * HTML metadata stage: title, publication time, author, outlet and URL of a page, each chosen
 * among ranked candidates that keep the signal they came from (so a note can name it).
 *
 * Rules are data: the lists below name the signals, classes, labels and date forms; the regexes
 * are built from them. Nothing here names a particular site. Works on the light tree of
 * html-tree.ts and never throws.
 */
import { isEndMarker } from './clean.ts';
import { classId, inlineText, toBlocks, walk, withChrome } from './html-tree.ts';
import type { Block, HtmlElement, HtmlTree } from './html-tree.ts';
import { formatLocal, timeFromUrl, toLocalDateTime } from './metadata.ts';
import { collapseWhiteSpace } from './white-space.ts';

export { timeFromUrl } from './metadata.ts';

export interface Candidate<T> {
  value: T;
  /** Where it came from, in words: `meta og:title`, `JSON-LD datePublished`, `visible stamp near the headline`. */
  signal: string;
}

export interface HtmlMetadata {
  title: string | null;
  publishedAt: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  /** The signal each chosen value came from. */
  signals: { title?: string; publishedAt?: string; author?: string };
  /** What was guessed rather than read from structured metadata, for the article's warnings. */
  notes: string[];
}

// ------------------------------------------------------------------ data

/** Structured title signals and their base weights. */
const TITLE_SIGNALS = {
  'JSON-LD headline': 5,
  'meta og:title': 5,
  'meta twitter:title': 4,
  'itemprop headline': 4,
  'meta title': 3,
  h1: 4,
  'title class': 3,
  '<title> without the site name': 3,
} as const;
type TitleSignal = keyof typeof TITLE_SIGNALS;

/** Class/id names CMSs give the headline element. */
const TITLE_CLASSES = [
  'title', 'article-title', 'detail-title', 'post-title', 'entry-title', 'news-title', 'title-detail', 'main-title',
  'maintitle', 'story-title', 'page-title', 'headline', 'title-news', 'detail__title', 'article__title', 'content-title',
  'baiviet-title', 'title_detail', 'titledetail', 'newstitle', 'tieu-de', 'tieude',
];
/** Class/id names of page parts that hold the site's name, not a headline. */
const BRAND_CLASSES = ['logo', 'brand', 'site-name', 'sitename', 'site-title', 'boardtitle', 'header-logo', 'image-logo'];
/** Whole titles that are navigation or the site, never a headline. */
const GENERIC_TITLES = [
  'trang chủ', 'home', 'homepage', 'tin tức', 'tin mới', 'tin tức sự kiện', 'chi tiết tin', 'chi tiết', 'bài viết', 'tin bài',
  'untitled', 'untitled 1', 'chia sẻ với bạn bè qua', 'đăng nhập', 'liên hệ', 'giới thiệu', 'tìm kiếm', 'sitemap',
];
/** Phrases that make a title segment a description of the site (`Trang thông tin dành cho giới trẻ`). */
const SITE_PHRASES = ['trang thông tin', 'cổng thông tin', 'báo điện tử', 'tạp chí điện tử', 'trang tin điện tử', 'cộng đồng', 'diễn đàn', 'online', 'news', 'tin tức 24h', 'tin nhanh'];
/** Separators between a headline and the site name in `<title>`. */
const TITLE_SEPARATORS = ['|', '-', '–', '—', ':', '»', '::', '/'];

/** Structured publication-time signals, in order of trust. */
const TIME_META = [
  'article:published_time', 'datepublished', 'og:published_time', 'published_time', 'pubdate', 'publishdate', 'publish-date',
  'publish_date', 'date', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.created', 'dcterms.issued', 'sailthru.date',
  'parsely-pub-date', 'article.published', 'created', 'datecreated',
];
/** Class/id words of elements that print the page's own date. */
const DATE_CLASSES = ['date', 'time', 'datetime', 'publish', 'published', 'pubdate', 'post-date', 'post-time', 'ngay', 'ngaydang', 'thoigian', 'thoi-gian', 'meta', 'created', 'updated', 'timestamp', 'dateline'];
const WEEKDAYS = ['thứ hai', 'thứ ba', 'thứ tư', 'thứ năm', 'thứ sáu', 'thứ bảy', 'thứ bẩy', 'chủ nhật', 'thứ 2', 'thứ 3', 'thứ 4', 'thứ 5', 'thứ 6', 'thứ 7', 't2', 't3', 't4', 't5', 't6', 't7', 'cn', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const STAMP_LABELS = ['ngày đăng', 'ngày cập nhật', 'cập nhật lúc', 'cập nhật', 'đăng lúc', 'đăng ngày', 'đăng bởi', 'ngày xuất bản', 'xuất bản', 'thời gian', 'ngày', 'lúc', 'posted on', 'posted', 'published', 'updated'];
const AM_PM = ['am', 'pm', 'sa', 'ch', 'sáng', 'chiều', 'tối'];

/** Class/id names of byline elements. */
const AUTHOR_CLASSES = ['author', 'byline', 'tac-gia', 'tacgia', 'writer', 'signature', 'nguoi-viet', 'author-name', 'authorname', 'post-author', 'article-author', 'detail-author', 'name', 'fullname', 'user-name', 'username'];
/** Labels in front of a byline. */
const BYLINE_LABELS = ['tin và ảnh', 'tin, ảnh', 'tin/ảnh', 'tin - ảnh', 'bài và ảnh', 'bài, ảnh', 'bài/ảnh', 'bài - ảnh', 'tác giả', 'người viết', 'thực hiện', 'nhóm thực hiện', 'bài', 'tin', 'pv', 'ctv', 'theo', 'bởi', 'bắt đầu bởi', 'viết bởi', 'đăng bởi', 'by', 'written by'];
/** What follows a name in a byline and is not part of it: `(tổng hợp)`, `/Vcamp.vn`, `(Vietnamnet/Reuters)`. */
const BYLINE_TAILS = ['tổng hợp', 'tổng hợp', 'theo', 'lược dịch', 'dịch', 'biên dịch', 'ghi', 'tổng hợp và biên dịch'];
/** Words that make a short capitalised line something else than a person's name. */
/** Words that are never part of a person's name in a byline (one word an entry). */
const NOT_PERSON_WORDS = new Set(
  (
    'sở ban bộ đảng hội ủy uỷ ubnd hđnd báo đài tỉnh huyện xã phường quận viện cục vụ ' +
    'ảnh video nguồn tttt ttxvn vtv vov qđnd cand the and of ngày tháng năm thứ ' +
    'facebook zalo twitter email in team staff desk editor editors'
  ).split(' '),
);
/** Phrases that make a byline-like text something else (whole words, any position). */
const NOT_PERSON_PHRASES = [
  'công ty', 'tạp chí', 'trung tâm', 'thời sự', 'tin tức', 'hôm nay', 'chủ nhật', 'cập nhật', 'trang chủ', 'liên hệ',
  'tin liên quan', 'xem thêm', 'bình luận', 'chia sẻ', 'quảng cáo', 'đọc tiếp',
];
const NOT_PERSON_PHRASE_RE = new RegExp(`(?:^|\\s)(?:${NOT_PERSON_PHRASES.join('|')})(?:$|\\s)`, 'iu');

// ------------------------------------------------------------------ regexes built from the data

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternation = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => escapeRe(w).replace(/ /g, '\\s+')).join('|');
const classRe = (names: readonly string[]) => new RegExp(`(?:^|[\\s_-])(?:${alternation(names)})(?:$|[\\s_-])`, 'i');

const TITLE_CLASS_RE = classRe(TITLE_CLASSES);
const BRAND_CLASS_RE = classRe(BRAND_CLASSES);
const DATE_CLASS_RE = classRe(DATE_CLASSES);
const AUTHOR_CLASS_RE = classRe(AUTHOR_CLASSES);
const GENERIC_TITLE_SET = new Set(GENERIC_TITLES);
const SITE_PHRASE_RE = new RegExp(`(?:^|\\s)(?:${alternation(SITE_PHRASES)})(?:\\s|$)`, 'i');
const SEPARATOR_RE = new RegExp(`\\s+(?:${alternation(TITLE_SEPARATORS)})\\s+|\\s*(?:\\||»)\\s*`);

const WEEKDAY = `(?:(?:${alternation(WEEKDAYS)})\\s*[,-]?\\s*)`;
const LABEL = `(?:(?:${alternation(STAMP_LABELS)})\\s*:?\\s*)`;
const TIME = (n: number) => `(?<h${n}>\\d{1,2})\\s*(?::|h|g|giờ)\\s*(?<mi${n}>\\d{2})(?:\\s*:\\s*\\d{2})?(?:\\s*(?<ap${n}>${alternation(AM_PM)})\\b)?`;
const DMY = `(?<d>\\d{1,2})\\s*(?<sep>[/.-])\\s*(?<m>\\d{1,2})\\s*\\k<sep>\\s*(?<y>\\d{4}|\\d{2})(?!\\d)`;
const YMD = `(?<y2>\\d{4})-(?<m2>\\d{1,2})-(?<d2>\\d{1,2})`;
const WORDS = `ngày\\s+(?<d3>\\d{1,2})\\s+tháng\\s+(?<m3>\\d{1,2})\\s+năm\\s+(?<y3>\\d{4})`;
const JOIN = `\\s*(?:[|,–—-]|lúc|\\s)\\s*`;
/**
 * A printed stamp: `Thứ năm, 20/12/2012, 10:18 GMT+7`, `15:20 PM | 21/12/2012`, `26-12-2012 17:14`,
 * `Cập nhật: 08:06 ngày 07/03/2026`, `ngày 26 tháng 12 năm 2012`, `2026-03-07 08:06`.
 */
const STAMP_RE = new RegExp(
  `(?:${TIME(1)}${JOIN}(?:ngày\\s+)?)?${WEEKDAY}?(?:ngày\\s+)?(?:${DMY}|${YMD}|${WORDS})(?:${JOIN}(?:${WEEKDAY})?${TIME(2)})?`,
  'iu',
);
const STAMP_LABEL_RE = new RegExp(`^\\(?${LABEL}?${WEEKDAY}?`, 'iu');
const BYLINE_LABEL_RE = new RegExp(`^(?:${alternation(BYLINE_LABELS)})\\s*:?\\s+`, 'iu');
const BYLINE_TAIL_RE = new RegExp(`\\s*(?:\\((?:[^()]{0,60})\\)|[/|]\\s*\\S.{0,60}|,\\s*(?:${alternation(BYLINE_TAILS)}).{0,40})$`, 'iu');

// ------------------------------------------------------------------ helpers

function clean(text: string | undefined | null, max = 600): string | null {
  if (!text) return null;
  const s = collapseWhiteSpace(text).trim();
  return s && s.length <= max ? s : null;
}

/** Text still carrying entity syntax after one decoding (a double-encoded value). */
export function hasEntityText(text: string): boolean {
  return /&(?:#\d{2,7}|#x[0-9a-f]{2,6}|[a-z]{2,8});/i.test(text);
}

const norm = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[“”"'‘’«»]/g, '')
    .replace(/[\s.:,;!?…]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** Letters and digits only: `NLD.COM.VN` → `nldcomvn`. */
const squash = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/[^a-z0-9]/g, '');

function hostName(url: string | null): string | null {
  const m = url ? /^https?:\/\/(?:www\.)?([^/:?#]+)/i.exec(url) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** Names of the site: og:site_name, publisher, the host and its first label. */
function siteNames(meta: Map<string, string[]>, ld: LdArticle | null, url: string | null): string[] {
  const names: string[] = [];
  for (const v of meta.get('og:site_name') ?? []) names.push(v);
  for (const v of meta.get('application-name') ?? []) names.push(v);
  if (ld?.publisher) names.push(ld.publisher);
  const host = hostName(url);
  if (host) {
    names.push(host);
    names.push(host.split('.')[0]!);
  }
  return names.map(squash).filter((n) => n.length >= 3);
}

function isSiteName(text: string, sites: string[]): boolean {
  const s = squash(text);
  if (s.length < 3) return false;
  if (/\.(?:vn|com|net|org|gov|info|edu)\b/i.test(text)) return true;
  return sites.some((site) => s === site || (s.length >= 5 && (site.includes(s) || s.includes(site))));
}

// ------------------------------------------------------------------ structured sources

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
interface LdArticle {
  headline: string | null;
  datePublished: string | null;
  authors: { name: string; person: boolean }[];
  publisher: string | null;
  url: string | null;
}

function ldName(value: Json | undefined): string | null {
  if (typeof value === 'string') return clean(value, 200);
  if (Array.isArray(value)) return ldName(value[0]);
  if (value && typeof value === 'object') return ldName(value['name']);
  return null;
}

function readJsonLd(scripts: string[]): LdArticle | null {
  for (const script of scripts) {
    let data: Json;
    try {
      data = JSON.parse(script) as Json;
    } catch {
      continue;
    }
    const queue: Json[] = [data];
    let guard = 0;
    while (queue.length > 0 && guard++ < 200) {
      const item = queue.shift()!;
      if (Array.isArray(item)) {
        queue.push(...item.slice(0, 50));
        continue;
      }
      if (!item || typeof item !== 'object') continue;
      if (item['@graph']) queue.push(item['@graph']);
      const type = item['@type'];
      const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
      if (!types.some((t) => /Article|BlogPosting|Report|WebPage/.test(t))) continue;
      const authorList = Array.isArray(item['author']) ? item['author'] : item['author'] !== undefined ? [item['author']] : [];
      const authors = authorList.slice(0, 5).flatMap((a) => {
        const name = ldName(a);
        if (!name) return [];
        const t = a && typeof a === 'object' && !Array.isArray(a) ? a['@type'] : null;
        return [{ name, person: typeof t !== 'string' || t === 'Person' }];
      });
      const article: LdArticle = {
        headline: typeof item['headline'] === 'string' ? clean(item['headline']) : null,
        datePublished: typeof item['datePublished'] === 'string' ? item['datePublished'] : null,
        authors,
        publisher: ldName(item['publisher']),
        url: typeof item['url'] === 'string' ? item['url'] : typeof item['mainEntityOfPage'] === 'string' ? item['mainEntityOfPage'] : null,
      };
      // A WebPage only counts when nothing better is there.
      if (types.some((t) => /Article|BlogPosting|Report/.test(t)) || article.headline) return article;
    }
  }
  return null;
}

interface PageFacts {
  /** meta property/name/itemprop (lower case) → contents, in page order. */
  meta: Map<string, string[]>;
  /** Elements with itemprop → their first text/content. */
  itemprop: Map<string, string[]>;
  titles: string[];
  h1s: HtmlElement[];
  titleClassed: HtmlElement[];
  times: HtmlElement[];
  canonical: string | null;
}

function collect(tree: HtmlTree): PageFacts {
  const facts: PageFacts = { meta: new Map(), itemprop: new Map(), titles: [], h1s: [], titleClassed: [], times: [], canonical: null };
  const add = (map: Map<string, string[]>, key: string, value: string | null) => {
    if (!value) return;
    const list = map.get(key) ?? [];
    if (list.length < 5) list.push(value);
    map.set(key, list);
  };
  walk(tree.root, (el) => {
    const a = el.attrs;
    if (el.tag === 'meta') {
      const content = clean(a['content'], 2000);
      for (const key of [a['property'], a['name'], a['itemprop']]) if (key) add(facts.meta, key.toLowerCase().trim(), content);
      return false;
    }
    if (el.tag === 'link') {
      if (/\bcanonical\b/i.test(a['rel'] ?? '') && a['href']) facts.canonical ??= a['href'].trim();
      return false;
    }
    if (el.tag === 'title') {
      const t = clean(inlineText(el, 2000));
      if (t && facts.titles.length < 5) facts.titles.push(t);
      return false;
    }
    if (a['itemprop']) {
      const key = a['itemprop'].toLowerCase().trim();
      add(facts.itemprop, key, clean(a['content'] ?? a['datetime'] ?? null) ?? (key === 'author' ? null : clean(inlineText(el, 1000), 600)));
    }
    if (el.tag === 'h1' && facts.h1s.length < 5) facts.h1s.push(el);
    else if (/^(?:h[2-4]|div|p|span|strong|td|header)$/.test(el.tag) && facts.titleClassed.length < 5 && TITLE_CLASS_RE.test(classId(el))) facts.titleClassed.push(el);
    if (el.tag === 'time' && a['datetime'] && facts.times.length < 10) facts.times.push(el);
    return true;
  });
  return facts;
}

// ------------------------------------------------------------------ title

/** `<title>` with the site name removed: segments equal to the site, site-like, or an unaccented slug are dropped. */
export function stripSiteName(title: string, sites: string[]): string | null {
  let segments = title.split(SEPARATOR_RE).map((s) => s.trim()).filter(Boolean);
  // `Tiêu đề có dấu-tieu de khong dau`: a slug glued on with a hyphen
  const last = segments[segments.length - 1];
  if (last) {
    const glued = /^(.*\p{L}.*[^\x00-\x7f].*?)\s*-([a-z0-9 ]{6,})$/u.exec(last);
    if (glued) segments[segments.length - 1] = glued[1]!.trim();
  }
  const hasDiacritics = /[^\x00-\x7f]/.test(title);
  segments = segments.filter((seg, i) => {
    if (isSiteName(seg, sites)) return false;
    if (i > 0 && SITE_PHRASE_RE.test(seg)) return false;
    if (i > 0 && hasDiacritics && /^[a-z0-9 .-]+$/.test(seg)) return false;
    return true;
  });
  if (segments.length === 0) return null;
  // Keep the longest run from the start (the headline may itself contain `-` or `:`).
  const original = title.split(SEPARATOR_RE).map((s) => s.trim()).filter(Boolean);
  let end = 0;
  while (end < original.length && segments.includes(original[end]!)) end++;
  const kept = end > 0 ? original.slice(0, end) : segments.slice(0, 1);
  // Rejoin with the separators the title used.
  let out = kept[0]!;
  let rest = title.slice(title.indexOf(out) + out.length);
  for (const seg of kept.slice(1)) {
    const at = rest.indexOf(seg);
    if (at < 0) break;
    out += rest.slice(0, at) + seg;
    rest = rest.slice(at + seg.length);
  }
  return out.trim();
}

function isGenericTitle(text: string, sites: string[]): boolean {
  const n = norm(text);
  if (GENERIC_TITLE_SET.has(n)) return true;
  if (isSiteName(text, sites)) return true;
  if (SITE_PHRASE_RE.test(n) && n.split(' ').length <= 12 && /(?:^|\s)(?:trang thông tin|cổng thông tin|báo điện tử)/.test(n)) return true;
  return false;
}

interface Scored extends Candidate<string> {
  score: number;
}

function chooseTitle(candidates: Candidate<string>[], sites: string[]): Candidate<string> | null {
  const usable = candidates.filter((c) => c.value.length >= 4 && c.value.length <= 400 && /\p{L}/u.test(c.value) && !isGenericTitle(c.value, sites));
  if (usable.length === 0) return null;
  const scored: Scored[] = usable.map((c) => ({ ...c, score: TITLE_SIGNALS[c.signal as TitleSignal] ?? 2 }));
  for (const c of scored) {
    const n = norm(c.value);
    for (const other of usable) {
      if (other === c) continue;
      const o = norm(other.value);
      // the same text, or another candidate that is this one plus a suffix (site name, slug)
      if (o === n) c.score += 3;
      else if (n.length >= 10 && o.startsWith(n) && /^[\s|:»–—-]/.test(o.slice(n.length))) c.score += 2;
    }
    if (hasEntityText(c.value)) c.score -= 10;
    if (c.value.length < 10) c.score -= 2;
    if (/<\/?[a-z]*>?$|<\/>/.test(c.value)) c.score -= 1;
  }
  scored.sort((a, b) => b.score - a.score);
  return { value: scored[0]!.value, signal: scored[0]!.signal };
}

function titleCandidates(facts: PageFacts, ld: LdArticle | null, sites: string[], blocks: Block[]): Candidate<string>[] {
  const out: Candidate<string>[] = [];
  const push = (value: string | null | undefined, signal: TitleSignal) => {
    const v = clean(value, 400);
    if (v) out.push({ value: v, signal });
  };
  push(ld?.headline, 'JSON-LD headline');
  for (const v of facts.meta.get('og:title') ?? []) push(v, 'meta og:title');
  for (const v of facts.meta.get('twitter:title') ?? []) push(v, 'meta twitter:title');
  for (const v of facts.itemprop.get('headline') ?? []) push(v, 'itemprop headline');
  for (const v of facts.meta.get('title') ?? []) push(v, 'meta title');
  const linkOnly = (el: HtmlElement) => {
    const block = blocks.find((b) => b.el === el);
    return block !== undefined && block.linkChars >= block.text.length * 0.9;
  };
  for (const h1 of facts.h1s) {
    if (BRAND_CLASS_RE.test(classId(h1)) || (h1.parent && BRAND_CLASS_RE.test(classId(h1.parent)))) continue;
    if (linkOnly(h1) && facts.h1s.length > 1) continue;
    push(inlineText(h1, 1000), 'h1');
  }
  for (const el of facts.titleClassed) {
    if (BRAND_CLASS_RE.test(classId(el)) || linkOnly(el)) continue;
    push(inlineText(el, 1000), 'title class');
  }
  for (const t of facts.titles) push(stripSiteName(t, sites), '<title> without the site name');
  return out;
}

// ------------------------------------------------------------------ publication time

export interface Stamp {
  at: string;
  hasTime: boolean;
}

function hour12(h: number, ap: string | undefined): number {
  if (!ap) return h;
  const p = ap.toLowerCase();
  if ((p === 'pm' || p === 'ch' || p === 'chiều' || p === 'tối') && h < 12) return h + 12;
  if ((p === 'am' || p === 'sa' || p === 'sáng') && h === 12) return 0;
  return h;
}

/** The first printed date (and time) in a short line, in any common Vietnamese form. */
export function findStamp(line: string): Stamp | null {
  if (line.length > 300) return null;
  const m = STAMP_RE.exec(line);
  if (!m?.groups) return null;
  const g = m.groups;
  let y = Number(g['y'] ?? g['y2'] ?? g['y3']);
  const mo = Number(g['m'] ?? g['m2'] ?? g['m3']);
  const d = Number(g['d'] ?? g['d2'] ?? g['d3']);
  if (g['y'] !== undefined && g['y'].length === 2) {
    if (g['sep'] !== '/') return null;
    y += 2000;
  }
  const h = g['h2'] ?? g['h1'];
  const mi = g['mi2'] ?? g['mi1'];
  const ap = g['h2'] !== undefined ? g['ap2'] : g['ap1'];
  if (h !== undefined && mi !== undefined) {
    const at = formatLocal(y, mo, d, hour12(Number(h), ap), Number(mi));
    if (at) return { at, hasTime: true };
  }
  const day = formatLocal(y, mo, d);
  return day ? { at: day, hasTime: false } : null;
}

/** A block that is only a stamp (with a label, weekday, zone, byline or icon text around it). */
export function stampLine(text: string): Stamp | null {
  if (text.length > 160 || !/\d/.test(text)) return null;
  const m = STAMP_RE.exec(text);
  if (!m) return null;
  const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).replace(STAMP_LABEL_RE, '');
  // what is left beside the stamp: labels, a zone, a short byline, separators
  if (rest.replace(/\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?00)?\s*\)?/gi, '').replace(/[\s|,()–—•·:-]+/g, ' ').trim().length > 70) return null;
  return findStamp(text);
}

// ------------------------------------------------------------------ author

/** Tidies a byline: labels in front (`Tin, ảnh:`, `Theo`), sources and notes behind (`/Vcamp.vn`, `(tổng hợp)`). */
export function bylineName(text: string): string | null {
  let s = collapseWhiteSpace(text).trim();
  if (s.length > 120) return null;
  for (let i = 0; i < 2; i++) s = s.replace(BYLINE_LABEL_RE, '');
  s = s.replace(/^[:\-–—\s]+/, '');
  for (let i = 0; i < 2; i++) s = s.replace(BYLINE_TAIL_RE, '');
  s = s.replace(/[.,;:\s]+$/, (m) => (/\p{Lu}\.$/u.test(s) && m.startsWith('.') ? '.' : ''));
  return s.length >= 2 && s.length <= 60 ? s : null;
}

const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’]{0,9}|\p{Lu}\.(?:\p{Lu}\.){0,3}|\p{Lu}{1,3}\.?)$/u;

/** A person's name, or several joined by `-`, `,` or `và`: `Trung`, `H.V.`, `Quang Phong - Tùng Nguyên`. */
export function isPersonLike(text: string, sites: string[], options: { singleWord?: boolean } = {}): boolean {
  if (text.length < 2 || text.length > 60 || isSiteName(text, sites)) return false;
  if (NOT_PERSON_PHRASE_RE.test(text)) return false;
  const people = text.split(/\s+(?:-|–|và|&)\s+|\s*,\s*/);
  if (people.length > 4) return false;
  for (const person of people) {
    const words = person.split(' ');
    if (words.length > 5 || words.length === 0) return false;
    if (words.length === 1 && !options.singleWord && people.length === 1 && !/\./.test(person)) return false;
    for (const w of words) {
      if (!NAME_WORD.test(w)) return false;
      if (NOT_PERSON_WORDS.has(w.toLowerCase())) return false;
    }
  }
  return true;
}

// ------------------------------------------------------------------ main entry

const isChromeForMeta = (el: HtmlElement) => el.tag === 'nav' || el.tag === 'footer' || el.tag === 'aside';

/** Link-list containers (related news, most read): a parent whose text is mostly links over several items. */
function inLinkList(block: Block): boolean {
  let el: HtmlElement | null = block.el;
  for (let i = 0; i < 3 && el; i++, el = el.parent) {
    if (/^(?:ul|ol)$/.test(el.tag) && el.children.filter((c) => typeof c !== 'string' && c.tag === 'li').length >= 3) return true;
    const cls = classId(el);
    if (/(?:^|[\s_-])(?:related|relate|lienquan|tinlienquan|tin-lien-quan|tinkhac|tin-khac|other|more|most|docnhieu|xemnhieu|comment|binhluan|list|listing|box-news|sidebar|footer)(?:$|[\s_-])/i.test(cls)) return true;
  }
  return false;
}

export interface MetadataContext {
  /** Body lines chosen by the content stage (for a byline at the end). */
  contentTail?: string[];
  /** Short lines right after the article text (html-content.ts): where a right-aligned byline sits. */
  afterContent?: string[];
  /** IANA zone machine timestamps are read into (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
}

export function readHtmlMetadata(tree: HtmlTree, plain?: Block[], context: MetadataContext = {}): HtmlMetadata {
  const blocks = plain ? withChrome(plain, isChromeForMeta) : toBlocks(tree.root, { isChrome: isChromeForMeta });
  const notes: string[] = [];
  const facts = collect(tree);
  const ld = readJsonLd(tree.jsonLd);
  const first = (key: string) => facts.meta.get(key)?.[0] ?? null;
  const urlCandidates = [first('og:url'), facts.canonical, ld?.url].filter((u): u is string => !!u && /^https?:\/\//i.test(u.trim()));
  const url = urlCandidates[0]?.trim() ?? null;
  const sites = siteNames(facts.meta, ld, url);
  const outlet = clean(first('og:site_name'), 120) ?? ld?.publisher ?? null;

  // Title
  const title = chooseTitle(titleCandidates(facts, ld, sites, blocks), sites);

  // Where the headline is in the page text.
  let titleIndex = -1;
  if (title) {
    const n = norm(title.value);
    titleIndex = blocks.findIndex((b) => !b.chrome && b.text.length <= title.value.length + 40 && norm(b.text).startsWith(n.slice(0, 60)));
  }
  if (titleIndex < 0) titleIndex = blocks.findIndex((b) => b.el.tag === 'h1' && !b.chrome);

  // Publication time
  let published: Candidate<string> | null = null;
  let publishedHasTime = false;
  const structured: [string | null | undefined, string][] = [[ld?.datePublished, 'JSON-LD datePublished']];
  for (const key of TIME_META) {
    for (const v of facts.meta.get(key) ?? []) structured.push([v, `meta ${key}`]);
    for (const v of facts.itemprop.get(key) ?? []) structured.push([v, `itemprop ${key}`]);
  }
  for (const el of facts.times) structured.push([el.attrs['datetime'], '<time datetime>']);
  for (const [value, signal] of structured) {
    const at = toLocalDateTime(value ?? null, context.timeZone) ?? (value ? findStamp(value)?.at ?? null : null);
    if (at) {
      published = { value: at, signal };
      publishedHasTime = at.length > 10;
      break;
    }
  }
  if (!published || !publishedHasTime) {
    const stamp = visibleStamp(blocks, titleIndex);
    if (stamp && (!published || stamp.at.startsWith(published.value))) {
      if (published) notes.push(`publication time of day from the stamp printed near the headline (${published.signal} has the day only)`);
      else notes.push('publication time read from the stamp printed near the headline');
      published = { value: stamp.at, signal: 'visible stamp near the headline' };
      publishedHasTime = stamp.hasTime;
    }
  }
  if (!published && url) {
    const fromUrl = timeFromUrl(url);
    if (fromUrl) {
      published = { value: fromUrl.at, signal: 'date in the URL' };
      notes.push('publication time read from the date in the URL');
    }
  }

  // Author
  const author = chooseAuthor(facts, ld, sites, blocks, titleIndex, context.contentTail ?? [], context.afterContent ?? []);
  if (author && /^(?:byline|last line)/.test(author.signal)) notes.push(`author read from the ${author.signal}`);

  return {
    title: title ? title.value.slice(0, 500) : null,
    publishedAt: published?.value ?? null,
    author: author?.value ?? null,
    outlet,
    url,
    signals: { ...(title ? { title: title.signal } : {}), ...(published ? { publishedAt: published.signal } : {}), ...(author ? { author: author.signal } : {}) },
    notes,
  };
}

/** The stamp printed nearest the headline (not in link lists), or in a date-classed element near it. */
function visibleStamp(blocks: Block[], titleIndex: number): Stamp | null {
  const anchor = titleIndex >= 0 ? titleIndex : 0;
  let best: { stamp: Stamp; distance: number } | null = null;
  const lo = Math.max(0, anchor - 8);
  const hi = Math.min(blocks.length, anchor + (titleIndex >= 0 ? 15 : 60));
  for (let i = lo; i < hi; i++) {
    const b = blocks[i]!;
    if (b.chrome || b.text.length > 160) continue;
    const dated = DATE_CLASS_RE.test(classId(b.el)) || (b.el.parent !== null && DATE_CLASS_RE.test(classId(b.el.parent)));
    if (!dated && inLinkList(b)) continue;
    const stamp = stampLine(b.text);
    if (!stamp) continue;
    // before the headline counts a little further than after; a date-classed element comes closer
    const distance = (i < anchor ? (anchor - i) * 1.5 : i - anchor) - (dated ? 2 : 0) - (stamp.hasTime ? 1 : 0);
    if (!best || distance < best.distance) best = { stamp, distance };
  }
  return best?.stamp ?? null;
}

function chooseAuthor(facts: PageFacts, ld: LdArticle | null, sites: string[], blocks: Block[], titleIndex: number, tail: string[], after: string[]): Candidate<string> | null {
  // JSON-LD Person
  for (const a of ld?.authors ?? []) {
    const name = bylineName(a.name);
    if (a.person && name && !isSiteName(name, sites) && !/^https?:/i.test(name) && isPersonLike(name, sites, { singleWord: true })) return { value: name, signal: 'JSON-LD author' };
  }
  // Byline elements near the headline
  if (titleIndex >= 0) {
    for (let i = Math.max(0, titleIndex - 3); i < Math.min(blocks.length, titleIndex + 6); i++) {
      const b = blocks[i]!;
      if (b.chrome || b.text.length > 120) continue;
      const cls = `${classId(b.el)} ${b.el.parent ? classId(b.el.parent) : ''}`;
      const forum = /(?:bắt đầu bởi|đăng bởi|viết bởi|posted by)\s+([^\s,]{2,30})/i.exec(b.text);
      if (forum && !isSiteName(forum[1]!, sites)) return { value: forum[1]!, signal: 'byline near the headline' };
      if (!AUTHOR_CLASS_RE.test(cls)) continue;
      const name = bylineName(b.text.replace(STAMP_RE, ' ').replace(/[|•·]+/g, ' '));
      if (name && isPersonLike(name, sites, { singleWord: true })) return { value: name, signal: 'byline element' };
    }
  }
  // meta author / itemprop author
  for (const [key, signal] of [['author', 'meta author'], ['article:author', 'meta article:author'], ['dc.creator', 'meta dc.creator']] as const) {
    for (const v of [...(facts.meta.get(key) ?? []), ...(key === 'author' ? facts.itemprop.get('author') ?? [] : [])]) {
      const name = bylineName(v);
      if (name && isPersonLike(name, sites)) return { value: name, signal };
    }
  }
  return bylineAtEnd(tail, after, sites);
}

/** `Theo Thanh Niên`, `Nguồn: VOV`: the outlet a story comes from, not its author (`Theo Sầm Hoa (Vietnamnet)`, `Theo Minh Nguyễn/Vcamp.vn` name one). */
const SOURCE_LINE_RE = /^(?:theo|nguồn(?:\s+tin)?\s*:?)\s+[^()/]+$/iu;
/** A reporters' group signing as such. */
const GROUP_BYLINE_RE = /^nhóm\s+(?:pv|phóng viên|ctv|cộng tác viên|thực hiện)$/iu;
/** Caption credits that may share the byline's line: `H.V. Ảnh: Misso`. */
const CREDIT_SPLIT_RE = /\s+(?=(?:ảnh|nguồn ảnh|photo|video|clip|đồ họa)\s*:)/iu;

/**
 * The byline where articles end: among the last lines of the text and the short lines right after
 * it, up to a related-news heading. A labelled byline (`Tin, ảnh: …`) first, then a name of several
 * words, then a single name standing as the article's last line.
 */
function bylineAtEnd(tail: string[], after: string[], sites: string[]): Candidate<string> | null {
  const lines: { line: string; after: boolean }[] = [];
  for (const line of tail.slice(-6)) lines.push({ line, after: false });
  for (const raw of after) {
    if (isEndMarker(raw) || /:$/.test(raw.trim())) break;
    for (const line of raw.split(/\n|\s*[|•]\s*/).flatMap((l) => l.split(CREDIT_SPLIT_RE))) lines.push({ line: line.trim(), after: true });
  }
  // Related-news headings inside the text end it too.
  const endAt = lines.findIndex((l, i) => i > 0 && (isEndMarker(l.line) || /^[^.]{3,40}:$/.test(l.line)));
  const scan = endAt >= 0 ? lines.slice(0, endAt) : lines;
  let multi: string | null = null;
  let single: string | null = null;
  // The last line of the text, or the first line after it, is where a single name can sign.
  const lastText = scan.map((l) => l.after).lastIndexOf(false);
  for (let i = scan.length - 1; i >= 0; i--) {
    const { line, after: isAfter } = scan[i]!;
    if (line === '') continue;
    if (!isAfter && line.length > 80) break;
    if (/^\(?(?:ảnh|nguồn ảnh|photo|video|clip|đồ họa)\b/i.test(line)) continue;
    if (SOURCE_LINE_RE.test(line)) continue;
    if (GROUP_BYLINE_RE.test(line)) return { value: line, signal: 'last line of the article (byline)' };
    const prefixed = BYLINE_LABEL_RE.test(line);
    const name = bylineName(line);
    if (!name) continue;
    if (prefixed && isPersonLike(name, sites, { singleWord: true })) return { value: name, signal: 'last line of the article (byline)' };
    if (isPersonLike(name, sites)) multi ??= name;
    else if ((i === lastText || (isAfter && i === lastText + 1)) && isPersonLike(name, sites, { singleWord: true })) single ??= name;
  }
  if (multi) return { value: multi, signal: 'last line of the article' };
  if (single) return { value: single, signal: 'last line of the article' };
  return null;
}
