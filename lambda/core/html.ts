/**
 * HTML format: detection, then one tokenisation into a light tree (html-tree.ts, bounded), the
 * page metadata as ranked candidates (html-metadata.ts) and the main text by density
 * (html-content.ts).
 *
 * Only text leaves this module. Nothing here may throw: any failure falls back to a simpler path.
 */
import { decodeEntities } from './decode.ts';
import { buildTree } from './html-tree.ts';
import { extractContent, pageBlocks } from './html-content.ts';
import { readHtmlMetadata } from './html-metadata.ts';
import type { HtmlMetadata } from './html-metadata.ts';

export type { HtmlMetadata } from './html-metadata.ts';

export interface HtmlExtraction {
  /** Main content as text, one paragraph a line. */
  text: string;
  meta: HtmlMetadata;
  /** How the content was found: a density pass (`container`, `run`) or the whole page text (`page`, `markup-stripped`). */
  method: 'container' | 'run' | 'page' | 'markup-stripped';
  /** The lead paragraph was put back in front of the chosen text. */
  leadAdded: boolean;
}

const TAG = /<\/?(?:html|head|body|p|div|br|span|a|h[1-6]|table|tr|td|li|ul|ol|article|section|meta|title|script|style|link|img|strong|em|b|i|header|footer|nav|main)\b[^<>]{0,300}>/gi;

/** True when text is HTML: a doctype/html/head/body opening, or several real tags early on. */
export function looksLikeHtml(text: string): boolean {
  const sample = text.slice(0, 65536);
  // Both tests below need a `<` in the sample: most plain texts are answered by one character search.
  if (!sample.includes('<')) return false;
  const start = text.slice(0, 2048).trimStart();
  if (/^(?:<\?xml[^>]{0,200}>\s*)?(?:<!--[\s\S]{0,500}?-->\s*)?<(?:!doctype\s+html|html|head|body)\b/i.test(start)) return true;
  let count = 0;
  TAG.lastIndex = 0;
  while (TAG.exec(sample) !== null) {
    if (++count >= 4) return true;
  }
  return false;
}

/** Strips all markup from a fragment of HTML (used when even the tree fails). */
function stripTags(html: string): string {
  return html
    .slice(0, 6 * 1024 * 1024)
    .replace(/<(script|style|noscript|iframe)\b[^>]{0,1000}>[\s\S]{0,200000}?<\/\1\s*>/gi, ' ')
    .replace(/<(?:br|\/p|\/div|\/h[1-6]|\/li|\/tr)\b[^>]{0,1000}>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/[<>]/g, ' ');
}

const EMPTY_META: HtmlMetadata = { title: null, publishedAt: null, author: null, outlet: null, url: null, signals: {}, notes: [] };

export function extractHtml(html: string, options: { timeZone?: string } = {}): HtmlExtraction {
  try {
    const tree = buildTree(html);
    const blocks = pageBlocks(tree);
    const content = extractContent(tree, blocks);
    let meta = EMPTY_META;
    try {
      meta = readHtmlMetadata(tree, blocks, { contentTail: content.text.split('\n'), afterContent: content.after, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
    } catch {
      meta = EMPTY_META;
    }
    if (content.text.trim() !== '' || meta.title !== null) return { text: content.text, meta, method: content.method, leadAdded: content.leadAdded };
  } catch {
    // fall through to the textual strip
  }
  return { text: decodeEntities(stripTags(html)), meta: EMPTY_META, method: 'markup-stripped', leadAdded: false };
}
