/**
 * HTML content stage: the article's main text from the light tree (html-tree.ts), by text density.
 *
 * Two passes over the same blocks, the better one kept:
 * - container: paragraphs vote for their parent and grandparent (length, commas, low link
 *   density), the best container and its strong siblings are the article;
 * - run: every block is classified good/short/bad (length, link density, sentence punctuation,
 *   jusText style) and the densest run of good blocks is the article.
 * Chrome (a named list of class/id words and tags) never votes; tool links (print, back, share,
 * font size, view counters …, a named list) are removed; the lead (sapo) is put back in front
 * when the chosen text lacks it. Never throws.
 */
import { BLOCK_TAGS, classId, inlineText, toBlocks, walk, withChrome } from './html-tree.ts';
import type { Block, HtmlElement, HtmlTree } from './html-tree.ts';

export interface ContentResult {
  /** One paragraph a line. */
  text: string;
  /** `container` or `run` (density passes), `page` (whole page text without chrome). */
  method: 'container' | 'run' | 'page';
  /** The lead was missing from the chosen text and put back. */
  leadAdded: boolean;
  /**
   * Short lines right after the chosen text (a right-aligned byline, `Ảnh: …`): not article text,
   * but where the author signs. Empty for the whole-page fallback.
   */
  after: string[];
}

// ------------------------------------------------------------------ data

/** Tags that are never the article. */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'header']);
/** Class/id words of page chrome: navigation, related and most-read lists, sharing, comments, tags, ads. */
const CHROME_WORDS = [
  'nav', 'navbar', 'navigation', 'menu', 'submenu', 'breadcrumb', 'breadcrumbs', 'footer', 'sidebar', 'side-bar', 'banner',
  'related', 'relate', 'lienquan', 'tin-lien-quan', 'tinlienquan', 'tinkhac', 'tin-khac', 'other-news', 'othernews',
  'more-news', 'morenews', 'most-read', 'mostread', 'docnhieu', 'doc-nhieu', 'xemnhieu', 'xem-nhieu', 'popular', 'hot-news',
  'share', 'sharing', 'social', 'comment', 'comments', 'binhluan', 'binh-luan', 'tags', 'tag', 'keyword', 'keywords',
  'advert', 'ads', 'adv', 'quangcao', 'quang-cao', 'widget', 'toolbar', 'tools', 'print', 'rating', 'vote', 'subscribe',
  'newsletter', 'cookie', 'login', 'search', 'pagination', 'paging', 'copyright', 'skip', 'logo', 'fb-like', 'likesubject',
];
/**
 * Chrome words that also name parts of an article (`content-print`, `share-content`, `article-tools`):
 * chrome only when the class/id has no content word beside them.
 */
const WEAK_CHROME_WORDS = ['print', 'share', 'sharing', 'social', 'tools', 'toolbar', 'widget', 'rating', 'vote', 'fb-like', 'likesubject'];
/** Class/id words of the article itself. */
const CONTENT_WORDS = ['content', 'article', 'detail', 'details', 'body', 'entry', 'story', 'post', 'noidung', 'noi-dung', 'chitiet', 'chi-tiet', 'fulltext', 'maincontent'];
/** Class/id names of the lead paragraph. */
const LEAD_CLASSES = ['sapo', 'lead', 'summary', 'chapeau', 'description', 'desc', 'article-sapo', 'detail-sapo', 'sapo-detail', 'news-sapo', 'init_content', 'intro', 'excerpt', 'tom-tat', 'tomtat', 'trichdan', 'short-desc'];
/**
 * Tool links and labels that are never article text: print, back, share, mail, font size, view
 * counters. Whole-text labels, compared in lower case without trailing punctuation.
 */
export const TOOL_LABELS = [
  'bản in', 'in bài', 'in bài viết', 'in trang', 'print', 'quay lại', 'trở lại', 'trở về', 'về trang trước', 'back',
  'xem chi tiết tại đây', 'xem tại đây', 'gửi email', 'gửi bài', 'gửi cho bạn bè', 'gửi bạn bè', 'email', 'e-mail',
  'chia sẻ', 'share', 'tweet', 'facebook', 'zalo', 'twitter', 'lưu', 'lưu bài', 'lưu tin', 'bình luận', 'góp ý', 'phản hồi',
  'cỡ chữ', 'a+', 'a-', '+a', '-a', 'a', 'phóng to', 'thu nhỏ', 'lên đầu trang', 'về đầu trang', 'đầu trang', 'top',
  'đánh giá', 'theo dõi', 'tải về', 'download', 'nghe bài viết', 'nghe đọc bài', 'copy link', 'sao chép liên kết',
  'copy link thành công', 'đăng nhập', 'đăng ký', 'xem thêm', 'đọc tiếp', 'read more', 'like', 'thích',
];
/** Tool labels followed by a number: `Lượt xem: 123`, `Số lần đọc: 45`, `Views 1.234`. */
export const COUNTER_LABELS = ['lượt xem', 'số lượt xem', 'số lần xem', 'lượt đọc', 'số lần đọc', 'lượt truy cập', 'views', 'view', 'lượt thích', 'bình luận', 'chia sẻ'];

// ------------------------------------------------------------------ regexes built from the data

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternation = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => escapeRe(w).replace(/ /g, '\\s+')).join('|');
const wordRe = (words: readonly string[]) => new RegExp(`(?:^|[\\s_-])(?:${alternation(words)})(?:$|[\\s_-])`, 'i');
const CHROME_CLASS_RE = wordRe(CHROME_WORDS.filter((w) => !WEAK_CHROME_WORDS.includes(w)));
const WEAK_CHROME_CLASS_RE = wordRe(WEAK_CHROME_WORDS);
const CONTENT_CLASS_RE = wordRe(CONTENT_WORDS);
const LEAD_CLASS_RE = new RegExp(`(?:^|[\\s_-])(?:${alternation(LEAD_CLASSES)})(?:$|[\\s_-])`, 'i');
const TOOL_SET = new Set(TOOL_LABELS);
const COUNTER_RE = new RegExp(`^(?:${alternation(COUNTER_LABELS)})\\s*:?\\s*[\\d.,]+$`, 'i');

/** True when a short text is only a tool label or a counter. */
export function isToolText(text: string): boolean {
  if (text.length > 40) return false;
  const t = text.toLowerCase().replace(/[\s:.|»›>»]+$/g, '').replace(/^[\s|•·»>]+/, '').trim();
  if (t === '') return false;
  if (TOOL_SET.has(t) || COUNTER_RE.test(t)) return true;
  // a row of tool labels: `Bản in | Gửi email | Quay lại`
  const parts = t.split(/\s*[|•·]\s*|\s{2,}/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => TOOL_SET.has(p) || COUNTER_RE.test(p));
}

export function isChromeElement(el: HtmlElement): boolean {
  if (CHROME_TAGS.has(el.tag)) {
    // a header inside the article holds its headline and stamp
    if (el.tag === 'header' || el.tag === 'form') return false;
    return true;
  }
  const role = el.attrs['role'];
  if (role && /^(?:navigation|banner|contentinfo|complementary|search)$/i.test(role)) return true;
  const cls = classId(el);
  if (cls === '') return false;
  return CHROME_CLASS_RE.test(cls) || (WEAK_CHROME_CLASS_RE.test(cls) && !CONTENT_CLASS_RE.test(cls));
}

/** Anchors, buttons and small elements whose whole text is a tool label. */
function isToolElement(el: HtmlElement): boolean {
  if (!/^(?:a|span|li|div|p|button|label|td|strong|b)$/.test(el.tag)) return false;
  if (el.children.length > 6) return false;
  let direct = 0;
  for (const c of el.children) if (typeof c === 'string' && (direct += c.length) > 60) return false;
  const text = inlineText(el, 80);
  return text !== '' && isToolText(text);
}

// ------------------------------------------------------------------ passes

interface Scored {
  score: number;
}

const commas = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 46 || c === 59) n++;
  }
  return n;
};

function linkDensity(b: Block): number {
  return b.text.length === 0 ? 1 : b.linkChars / b.text.length;
}

/** Blocks that look like paragraphs of prose. */
function isProse(b: Block): boolean {
  return b.text.length >= 60 && linkDensity(b) < 0.3 && /[.!?…:;"”]/.test(b.text);
}

/** Readability-style container vote: the element collecting most prose, discounted by its link density. */
function containerPass(blocks: Block[]): HtmlElement | null {
  const scores = new Map<HtmlElement, Scored>();
  const add = (el: HtmlElement | null, value: number) => {
    if (!el || el.tag === '#root' || el.tag === 'html') return;
    const s = scores.get(el);
    if (s) s.score += value;
    else scores.set(el, { score: value });
  };
  for (const b of blocks) {
    if (b.chrome || b.text.length < 25 || linkDensity(b) > 0.33) continue;
    const value = 1 + Math.min(commas(b.text), 10) + Math.min(Math.floor(b.text.length / 100), 3);
    // Text directly in a div (br-separated) votes for that div; a p or li votes for its container.
    const own = /^(?:div|td|section|article|main)$/.test(b.el.tag) ? b.el : b.el.parent;
    add(own, value);
    add(own?.parent ?? null, value / 2);
    add(own?.parent?.parent ?? null, value / 3);
  }
  if (scores.size === 0) return null;
  // Link density of each candidate over its blocks.
  const text = new Map<HtmlElement, { all: number; link: number }>();
  for (const b of blocks) {
    for (let el: HtmlElement | null = b.el, i = 0; el && i < 6; el = el.parent, i++) {
      if (!scores.has(el)) continue;
      const t = text.get(el) ?? { all: 0, link: 0 };
      t.all += b.text.length;
      t.link += b.linkChars;
      text.set(el, t);
    }
  }
  let best: HtmlElement | null = null;
  let bestScore = 0;
  for (const [el, s] of scores) {
    const t = text.get(el);
    const density = t && t.all > 0 ? t.link / t.all : 0;
    const final = s.score * (1 - density);
    if (final > bestScore) {
      bestScore = final;
      best = el;
    }
  }
  return best;
}

/** jusText-style run: from the first to the last good block of the densest stretch of good ones. */
function runPass(blocks: Block[]): Block[] {
  const good = blocks.map((b) => !b.chrome && isProse(b) && b.text.length >= 80);
  let bestStart = -1;
  let bestEnd = -1;
  let bestChars = 0;
  let start = -1;
  let chars = 0;
  let gap = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (good[i]) {
      if (start < 0) {
        start = i;
        chars = 0;
      }
      chars += b.text.length;
      gap = 0;
      if (chars > bestChars) {
        bestChars = chars;
        bestStart = start;
        bestEnd = i;
      }
    } else if (start >= 0) {
      // short captions and subheadings inside the article do not end the run; link lists and chrome do
      const bad = b.chrome || linkDensity(b) > 0.5;
      gap += bad ? 3 : b.text.length < 80 ? 1 : 2;
      if (gap > 6) start = -1;
    }
  }
  if (bestStart < 0) return [];
  return blocks.slice(bestStart, bestEnd + 1).filter((b) => !b.chrome && linkDensity(b) <= 0.5);
}

/** Characters of prose blocks inside `el`. */
function proseChars(blocks: Block[], el: HtmlElement): number {
  let n = 0;
  for (const b of blocks) if (!b.chrome && isProse(b) && contains(el, b.el)) n += b.text.length;
  return n;
}

function contains(ancestor: HtmlElement, el: HtmlElement): boolean {
  for (let e: HtmlElement | null = el, i = 0; e && i < 400; e = e.parent, i++) if (e === ancestor) return true;
  return false;
}

/** The lead paragraph: a sapo-classed element, or the h2/strong paragraph right after the h1. */
function findLead(blocks: Block[]): string | null {
  const h1 = blocks.findIndex((b) => b.el.tag === 'h1' && !b.chrome);
  for (const b of blocks) {
    if (b.chrome || b.text.length < 40 || b.text.length > 1200 || linkDensity(b) > 0.3) continue;
    const cls = `${classId(b.el)} ${b.el.parent ? classId(b.el.parent) : ''}`;
    if (LEAD_CLASS_RE.test(cls)) return b.text;
  }
  if (h1 >= 0) {
    for (let i = h1 + 1; i < Math.min(blocks.length, h1 + 4); i++) {
      const b = blocks[i]!;
      if (b.chrome || linkDensity(b) > 0.3) continue;
      const strongOnly = b.el.children.length === 1 && typeof b.el.children[0] !== 'string' && /^(?:strong|b)$/.test((b.el.children[0] as HtmlElement).tag);
      if ((b.el.tag === 'h2' || strongOnly) && b.text.length >= 60 && b.text.length <= 1200) return b.text;
    }
  }
  return null;
}

const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '').slice(0, 80);

function lineList(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (isToolText(b.text)) continue;
    out.push(b.text);
  }
  return out;
}

/** Quality of a candidate text: prose characters minus link-heavy and very short lines. */
function quality(blocks: Block[]): number {
  let q = 0;
  for (const b of blocks) {
    if (isProse(b)) q += b.text.length;
    else if (linkDensity(b) > 0.5) q -= b.text.length;
  }
  return q;
}

/** The main text of the page. */
export function extractContent(tree: HtmlTree, plain?: Block[]): ContentResult {
  try {
    return extract(tree, plain);
  } catch {
    return { text: '', method: 'page', leadAdded: false, after: [] };
  }
}

/** The body's blocks with tool elements removed and no chrome decided yet (shared with the metadata stage). */
export function pageBlocks(tree: HtmlTree): Block[] {
  return toBlocks(findBody(tree.root), { drop: isToolElement });
}

function extract(tree: HtmlTree, plain?: Block[]): ContentResult {
  const body = findBody(tree.root);
  // A chrome-named element that holds the headline or the article body is the article's wrapper
  // (`print-news`, `share-content`): it stays.
  const wrappers = articleWrappers(body);
  const blocks = withChrome(plain ?? toBlocks(body, { drop: isToolElement }), (el) => !wrappers.has(el) && isChromeElement(el));

  // Pass 1: best container (and its strong siblings).
  let containerBlocks: Block[] = [];
  const best = containerPass(blocks);
  if (best) {
    const keep = new Set<HtmlElement>([best]);
    const parent = best.parent;
    if (parent) {
      // siblings that are themselves prose (a p beside the content div) or share the container's class
      for (const sib of parent.children) {
        if (typeof sib === 'string' || sib === best || !BLOCK_TAGS.has(sib.tag) || isChromeElement(sib)) continue;
        if (sib.attrs['class'] !== undefined && sib.attrs['class'] === best.attrs['class'] && proseChars(blocks, sib) >= 200) keep.add(sib);
      }
    }
    const keepList = [...keep];
    containerBlocks = blocks.filter((b) => !b.chrome && !(linkDensity(b) > 0.5 && b.text.length < 300) && keepList.some((k) => contains(k, b.el)));
  }
  // Pass 2: densest run of good blocks.
  const run = runPass(blocks);
  let chosen: Block[];
  let method: ContentResult['method'];
  const qc = quality(containerBlocks);
  const qr = quality(run);
  if (containerBlocks.length > 0 && qc >= qr * 0.9) {
    // Prose of the run that the container missed (an article split over two containers) joins it.
    const inContainer = new Set(containerBlocks);
    const runStart = run.length > 0 ? blocks.indexOf(run[0]!) : -1;
    const extra = new Set(run.filter((b) => !inContainer.has(b) && isProse(b) && b.linkChars === 0));
    chosen = extra.size === 0 || runStart < 0 ? containerBlocks : blocks.filter((b) => inContainer.has(b) || extra.has(b));
    method = 'container';
  } else if (run.length > 0) {
    chosen = run;
    method = 'run';
  } else {
    chosen = blocks.filter((b) => !b.chrome);
    method = 'page';
  }
  let lines = lineList(chosen);
  if (lines.join('').length < 200 && method !== 'page') {
    // too little for an article: the page text without chrome
    const page = lineList(blocks.filter((b) => !b.chrome));
    if (page.join('').length >= lines.join('').length) lines = page;
    method = 'page';
  }

  // The lead, when the chosen text lacks it.
  let leadAdded = false;
  const lead = findLead(blocks);
  if (lead && method !== 'page') {
    const k = key(lead).slice(0, 60);
    if (!lines.some((l) => key(l).includes(k))) {
      lines = [lead, ...lines];
      leadAdded = true;
    }
  }
  return { text: lines.join('\n'), method, leadAdded, after: method === 'page' ? [] : linesAfter(blocks, chosen) };
}

/** Blocks looked at after the article's last block, and the longest text such a line may have. */
const AFTER_BLOCKS = 6;
const AFTER_MAX_CHARS = 120;

/** The short lines that follow the chosen blocks, up to the first long paragraph. */
function linesAfter(blocks: Block[], chosen: Block[]): string[] {
  const last = chosen.length > 0 ? blocks.indexOf(chosen[chosen.length - 1]!) : -1;
  if (last < 0) return [];
  const out: string[] = [];
  for (let i = last + 1; i < blocks.length && i <= last + AFTER_BLOCKS; i++) {
    const b = blocks[i]!;
    if (b.text.length > AFTER_MAX_CHARS) break;
    if (b.chrome || linkDensity(b) > 0.5) continue;
    out.push(b.text);
  }
  return out;
}

/** Ancestors of every h1 and of any element marked as the article body. */
function articleWrappers(body: HtmlElement): Set<HtmlElement> {
  const out = new Set<HtmlElement>();
  walk(body, (el) => {
    if (el.tag === 'h1' || el.tag === 'article' || /articlebody/i.test(el.attrs['itemprop'] ?? '')) {
      for (let e: HtmlElement | null = el, i = 0; e && i < 400; e = e.parent, i++) out.add(e);
    }
  });
  return out;
}

function findBody(root: HtmlElement): HtmlElement {
  const stack: HtmlElement[] = [root];
  let guard = 0;
  while (stack.length > 0 && guard++ < 50) {
    const el = stack.shift()!;
    if (el.tag === 'body') return el;
    for (const c of el.children) if (typeof c !== 'string' && (c.tag === 'html' || c.tag === 'body')) stack.push(c);
  }
  return root;
}
