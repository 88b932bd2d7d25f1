/**
 * HTML format: detection, DOM (linkedom), main content (@mozilla/readability with a fallback),
 * and page metadata (<title>, Open Graph, article:*, meta author, canonical, JSON-LD NewsArticle).
 *
 * Only text leaves this module. Nothing here may throw: any failure falls back to a simpler path.
 */
import { createRequire } from 'node:module';
import type * as Linkedom from 'linkedom';
import type * as ReadabilityModule from '@mozilla/readability';
import { decodeEntities } from './decode.ts';
import { toLocalDateTime } from './metadata.ts';

/*
 * linkedom's module top level costs about 0.2 s of CPU, paid at every cold start of the ingest
 * Lambda although most uploads are plain text: it is loaded on the first HTML page instead. In the
 * Lambda bundle `require` exists (the ESM banner) and esbuild turns these literal require calls into
 * lazily initialised bundled modules; under Node ESM (tsx, the CLI) there is no global `require`.
 */
let domModules: { parseHTML: typeof Linkedom.parseHTML; Readability: typeof ReadabilityModule.Readability } | undefined;
function dom(): NonNullable<typeof domModules> {
  if (!domModules) {
    const load = createRequire(import.meta.url);
    const [linkedom, readability] =
      typeof require === 'function'
        ? [require('linkedom') as typeof Linkedom, require('@mozilla/readability') as typeof ReadabilityModule]
        : [load('linkedom') as typeof Linkedom, load('@mozilla/readability') as typeof ReadabilityModule];
    domModules = { parseHTML: linkedom.parseHTML, Readability: readability.Readability };
  }
  return domModules;
}
const parseHTML = (html: string) => dom().parseHTML(html);

export interface HtmlMetadata {
  title: string | null;
  publishedAt: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
}

export interface HtmlExtraction {
  /** Main content as text, one paragraph a line. */
  text: string;
  meta: HtmlMetadata;
  /** How the content was found (`readability`, `fallback`). */
  method: 'readability' | 'fallback';
}

const TAG = /<\/?(?:html|head|body|p|div|br|span|a|h[1-6]|table|tr|td|li|ul|ol|article|section|meta|title|script|style|link|img|strong|em|b|i|header|footer|nav|main)\b[^<>]{0,300}>/gi;

/** True when text is HTML: a doctype/html/head/body opening, or several real tags early on. */
export function looksLikeHtml(text: string): boolean {
  const start = text.slice(0, 2048).trimStart();
  if (/^(?:<\?xml[^>]{0,200}>\s*)?(?:<!--[\s\S]{0,500}?-->\s*)?<(?:!doctype\s+html|html|head|body)\b/i.test(start)) return true;
  const sample = text.slice(0, 65536);
  let count = 0;
  TAG.lastIndex = 0;
  while (TAG.exec(sample) !== null) {
    if (++count >= 4) return true;
  }
  return false;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P',
  'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL', 'BODY', 'HTML',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'IFRAME', 'SVG', 'TEMPLATE', 'OBJECT', 'EMBED', 'CANVAS', 'HEAD', 'SELECT', 'BUTTON', 'INPUT', 'TEXTAREA', 'VIDEO', 'AUDIO', 'MAP']);
/** Page regions that are never the article in the fallback path. */
const CHROME_REGIONS = 'nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo], .menu, .nav, .navbar, .footer, .header, .sidebar, .breadcrumb, .related, .cookie, #cookie';

type Doc = ReturnType<typeof parseHTML>['document'];

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> };

/** Text of a DOM subtree, one line per block; iterative so deep nesting cannot overflow the stack. */
export function blockText(root: DomNode): string {
  const parts: string[] = [];
  const stack: (DomNode | '\n')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === '\n') {
      parts.push('\n');
      continue;
    }
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    const block = BLOCK.has(name);
    if (block) {
      parts.push('\n');
      stack.push('\n');
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

function attr(document: Doc, selector: string, name = 'content'): string | null {
  try {
    const value = document.querySelector(selector)?.getAttribute(name);
    const trimmed = value?.replace(/\s+/g, ' ').trim();
    return trimmed ? trimmed : null;
  } catch {
    return null;
  }
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function jsonLdArticles(document: Doc): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  let scripts: { textContent: string | null }[] = [];
  try {
    scripts = Array.from(document.querySelectorAll('script[type="application/ld+json"]'));
  } catch {
    return out;
  }
  for (const script of scripts.slice(0, 20)) {
    let data: Json;
    try {
      data = JSON.parse(script.textContent ?? '') as Json;
    } catch {
      continue;
    }
    const queue: Json[] = [data];
    let guard = 0;
    while (queue.length > 0 && guard++ < 200) {
      const item = queue.shift()!;
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        const type = item['@type'];
        const types = Array.isArray(type) ? type : [type];
        if (types.some((t) => typeof t === 'string' && /(News)?Article|BlogPosting|Report/.test(t))) out.push(item);
        if (item['@graph']) queue.push(item['@graph']);
      }
    }
  }
  return out;
}

function nameOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return nameOf(value[0]);
  if (value && typeof value === 'object') return nameOf(value['name']);
  return null;
}

/** `Tiêu đề - Báo Nghệ An` -> `Tiêu đề` when the suffix is the site name. */
function stripSiteSuffix(title: string, site: string | null): string {
  const m = /^(.{10,}?)\s+[-|–—]\s+([^-|–—]{2,60})$/.exec(title.slice(0, 400));
  if (!m) return title;
  const suffix = m[2]!.toLowerCase();
  if ((site && suffix.includes(site.toLowerCase())) || /báo|tạp chí|cổng|trang|\.vn|\.com|online|news|tv/i.test(suffix)) return m[1]!;
  return title;
}

export function readHtmlMetadata(document: Doc): HtmlMetadata {
  const ld = jsonLdArticles(document)[0];
  const site = attr(document, 'meta[property="og:site_name"]') ?? nameOf(ld?.['publisher']);
  const docTitle = (() => {
    try {
      return document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() || null;
    } catch {
      return null;
    }
  })();
  const h1 = (() => {
    try {
      const text = document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
      return text && text.length <= 300 ? text : null;
    } catch {
      return null;
    }
  })();
  const rawTitle =
    (typeof ld?.['headline'] === 'string' ? ld['headline'].trim() : null) ||
    attr(document, 'meta[property="og:title"]') ||
    attr(document, 'meta[name="twitter:title"]') ||
    h1 ||
    docTitle;
  const published =
    (typeof ld?.['datePublished'] === 'string' ? ld['datePublished'] : null) ??
    attr(document, 'meta[property="article:published_time"]') ??
    attr(document, 'meta[itemprop="datePublished"]') ??
    attr(document, 'meta[name="pubdate"]') ??
    attr(document, 'meta[name="publishdate"]') ??
    attr(document, 'time[datetime]', 'datetime');
  const author = nameOf(ld?.['author']) ?? attr(document, 'meta[name="author"]') ?? attr(document, 'meta[property="article:author"]');
  const url =
    attr(document, 'meta[property="og:url"]') ??
    attr(document, 'link[rel="canonical"]', 'href') ??
    (typeof ld?.['url'] === 'string' ? ld['url'] : null);
  return {
    title: rawTitle ? stripSiteSuffix(rawTitle, site).slice(0, 500) : null,
    publishedAt: toLocalDateTime(published),
    author: author && author.length <= 80 && !/^https?:/.test(author) ? author : null,
    outlet: site,
    url: url && /^https?:\/\//i.test(url) ? url : null,
  };
}

function removeAll(document: Doc, selector: string): void {
  try {
    for (const el of Array.from(document.querySelectorAll(selector)) as { remove(): void }[]) el.remove();
  } catch {
    // a selector linkedom cannot handle: nothing removed
  }
}

/** Readability's scoring walks ancestors per node: deep trees make it quadratic, so skip them. */
const MAX_READABILITY_DEPTH = 150;

/** True when the element tree is deeper than `limit` (iterative; stops as soon as it knows). */
export function deeperThan(root: DomNode, limit: number): boolean {
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
  return false;
}

function readabilityText(html: string): string | null {
  try {
    const { document } = parseHTML(html);
    if (deeperThan(document as unknown as DomNode, MAX_READABILITY_DEPTH)) return null;
    removeAll(document, 'script, style, noscript, iframe, svg, template, object, embed');
    const article = new (dom().Readability)(document as never, { charThreshold: 200, maxElemsToParse: 20000 }).parse();
    if (!article?.content) return null;
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    const text = blockText(content as unknown as DomNode);
    return text.length >= 200 ? text : null;
  } catch {
    return null;
  }
}

function fallbackText(document: Doc): string {
  try {
    removeAll(document, 'script, style, noscript, iframe, svg, template, object, embed');
    removeAll(document, CHROME_REGIONS);
    const main = document.querySelector('article') ?? document.querySelector('main') ?? document.body ?? document.documentElement;
    return main ? blockText(main as unknown as DomNode) : '';
  } catch {
    return '';
  }
}

/** Strips all markup from a fragment of HTML (used when even the DOM fails). */
function stripTags(html: string): string {
  return html
    .replace(/<(script|style|noscript|iframe)\b[^>]{0,1000}>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(?:br|\/p|\/div|\/h[1-6]|\/li|\/tr)\b[^>]{0,1000}>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/[<>]/g, ' ');
}

export function extractHtml(html: string): HtmlExtraction {
  let meta: HtmlMetadata = { title: null, publishedAt: null, author: null, outlet: null, url: null };
  let document: Doc | null = null;
  try {
    document = parseHTML(html).document;
    meta = readHtmlMetadata(document);
  } catch {
    document = null;
  }
  const main = readabilityText(html);
  if (main) return { text: main, meta, method: 'readability' };
  let text = document ? fallbackText(document) : '';
  if (!text) {
    // The DOM itself failed: strip tags textually.
    text = decodeEntities(stripTags(html));
  }
  return { text, meta, method: 'fallback' };
}
