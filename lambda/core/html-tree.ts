/**
 * HTML tree stage: tokenises a page once (htmlparser2's Tokenizer) into a light tree of our own.
 *
 * The work is bounded before and while the tree is built, so a hostile page cannot make it
 * superlinear: the input is cut at MAX_HTML_CHARS, at most MAX_ELEMENTS elements are created,
 * nesting stops at MAX_DEPTH (deeper tags are transparent: their text joins the deepest element),
 * an end tag looks at most END_TAG_SEARCH open elements down for its match, and attributes are
 * capped in number and length. Script, style and similar contents are never kept as text
 * (JSON-LD scripts are kept apart for the metadata stage).
 */
import { Tokenizer } from 'htmlparser2';
import type { TokenizerCallbacks } from 'htmlparser2';
import { collapseWhiteSpace } from './white-space.ts';

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}
/** A text node is a plain string (entities decoded once). */
export type HtmlNode = HtmlElement | string;

export interface HtmlTree {
  root: HtmlElement;
  /** Text of every `<script type="application/ld+json">`, in page order (at most MAX_JSON_LD). */
  jsonLd: string[];
  /** What the bounds cut, for notes and tests. */
  truncated: { input: boolean; elements: boolean; depth: boolean };
  elements: number;
}

export const HTML_BOUNDS = {
  /** Characters of HTML read (the upload limit is 5 MiB of bytes, so a real upload always fits). */
  MAX_HTML_CHARS: 6 * 1024 * 1024,
  MAX_ELEMENTS: 30_000,
  MAX_DEPTH: 180,
  /** Line-breaking elements (p, div, li, br …) still made past MAX_ELEMENTS or MAX_DEPTH, so text keeps its lines. */
  BLOCK_RESERVE: 5_000,
  END_TAG_SEARCH: 24,
  MAX_ATTRS: 32,
  MAX_ATTR_CHARS: 4096,
  MAX_JSON_LD: 20,
  MAX_JSON_LD_CHARS: 200_000,
} as const;

/** Elements that start a new line of text: past the bounds they are still made (flat, under one anchor). */
const LINE_BREAKING = new Set(['p', 'div', 'br', 'li', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'pre', 'dd', 'dt', 'table', 'ul', 'ol', 'header', 'footer', 'figcaption']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'basefont', 'frame', 'isindex']);
/** Elements whose text is never page text. */
export const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'iframe', 'svg', 'math', 'template', 'object', 'embed', 'canvas', 'select', 'button', 'textarea', 'video', 'audio', 'map', 'head']);
/** An opening tag closes an open element of these names on top of the stack (HTML's implied ends, simplified). */
const IMPLIED_CLOSE: Record<string, Set<string>> = (() => {
  const p = new Set(['p']);
  const blocks = ['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'figure'];
  const out: Record<string, Set<string>> = {};
  for (const b of blocks) out[b] = p;
  out['li'] = new Set(['li', 'p']);
  out['dt'] = new Set(['dt', 'dd', 'p']);
  out['dd'] = new Set(['dt', 'dd', 'p']);
  out['td'] = new Set(['td', 'th', 'p']);
  out['th'] = new Set(['td', 'th', 'p']);
  out['tr'] = new Set(['tr', 'td', 'th', 'p']);
  out['option'] = new Set(['option']);
  return out;
})();

/** Builds the light tree of `html`. Never throws: on any internal failure the tree so far is returned. */
export function buildTree(input: string): HtmlTree {
  const B = HTML_BOUNDS;
  const truncated = { input: input.length > B.MAX_HTML_CHARS, elements: false, depth: false };
  const html = truncated.input ? input.slice(0, B.MAX_HTML_CHARS) : input;
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], parent: null };
  const jsonLd: string[] = [];
  /** Open elements; `null` marks a transparent (over-bound) open tag. */
  const stack: (HtmlElement | null)[] = [root];
  let current = root;
  let elements = 0;
  /** The element under which line-breaking elements past the depth bound are put, side by side. */
  let capAnchor: HtmlElement | null = null;
  /** Inside a SKIP_CONTENT element (count of them open). */
  let skipping = 0;
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrCount = 0;
  let attrName = '';
  let attrValue = '';
  let scriptText: string[] | null = null;

  const appendText = (text: string) => {
    if (scriptText) {
      if (scriptText.length < 10_000) scriptText.push(text);
      return;
    }
    if (skipping > 0 || text === '') return;
    const children = current.children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] = (children[last] as string) + text;
    else children.push(text);
  };
  const popTo = (index: number) => {
    while (stack.length > index) {
      const el = stack.pop();
      if (!el) continue;
      if (SKIP_CONTENT.has(el.tag) && el.tag !== 'head') skipping = Math.max(0, skipping - 1);
      // transparent entries never change `current`, so the element below is the parent
      current = el.parent ?? root;
    }
    if (stack.length <= B.MAX_DEPTH) capAnchor = null;
  };
  const closeScript = () => {
    if (scriptText && jsonLd.length < B.MAX_JSON_LD) {
      const text = scriptText.join('');
      if (text.length <= B.MAX_JSON_LD_CHARS) jsonLd.push(text);
    }
    scriptText = null;
  };

  const callbacks: TokenizerCallbacks = {
    onattribdata(start, end) {
      if (attrValue.length < B.MAX_ATTR_CHARS) attrValue += html.slice(start, Math.min(end, start + B.MAX_ATTR_CHARS));
    },
    onattribentity(codepoint) {
      if (attrValue.length < B.MAX_ATTR_CHARS) attrValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (attrCount < B.MAX_ATTRS && !(attrName in attrs)) {
        attrs[attrName] = attrValue.length > B.MAX_ATTR_CHARS ? attrValue.slice(0, B.MAX_ATTR_CHARS) : attrValue;
        attrCount++;
      }
      attrValue = '';
    },
    onattribname(start, end) {
      attrName = html.slice(start, Math.min(end, start + 64)).toLowerCase();
      attrValue = '';
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
    onopentagname(start, end) {
      tagName = html.slice(start, Math.min(end, start + 32)).toLowerCase();
      attrs = {};
      attrCount = 0;
      const implied = IMPLIED_CLOSE[tagName];
      // Only the element on top is closed, as htmlparser2 does: constant work per tag.
      if (implied && stack.length > 1 && current === stack[stack.length - 1] && implied.has(current.tag)) popTo(stack.length - 1);
    },
    onopentagend() {
      const name = tagName;
      if (name === 'script' && /ld\+json/i.test(attrs['type'] ?? '')) scriptText = [];
      const isVoid = VOID.has(name);
      if (elements >= B.MAX_ELEMENTS || stack.length > B.MAX_DEPTH) {
        if (elements >= B.MAX_ELEMENTS) truncated.elements = true;
        else truncated.depth = true;
        if (LINE_BREAKING.has(name) && skipping === 0 && elements < B.MAX_ELEMENTS + B.BLOCK_RESERVE) {
          // Still a line of its own, but flat: past the depth bound every such element sits under one anchor.
          elements++;
          const parent = stack.length > B.MAX_DEPTH ? (capAnchor ??= current) : current;
          const el: HtmlElement = { tag: name, attrs: {}, children: [], parent };
          parent.children.push(el);
          if (!isVoid) {
            stack.push(el);
            current = el;
          }
          return;
        }
        if (!isVoid) stack.push(null);
        return;
      }
      elements++;
      const el: HtmlElement = { tag: name, attrs, children: [], parent: current };
      if (skipping === 0 || name === 'meta' || name === 'title' || name === 'link') current.children.push(el);
      if (!isVoid) {
        stack.push(el);
        current = el;
        if (SKIP_CONTENT.has(name) && name !== 'head') skipping++;
      }
    },
    onselfclosingtag() {
      callbacks.onopentagend(0);
    },
    onclosetag(start, end) {
      const name = html.slice(start, Math.min(end, start + 32)).toLowerCase();
      if (name === 'script') closeScript();
      const low = Math.max(1, stack.length - B.END_TAG_SEARCH);
      for (let i = stack.length - 1; i >= low; i--) {
        const el = stack[i];
        if (el === null) {
          // a transparent open tag: an end tag closes the innermost one
          popTo(i);
          return;
        }
        if (el!.tag === name) {
          popTo(i);
          return;
        }
      }
      // unmatched end tag: ignored
    },
    ontext(start, end) {
      appendText(html.slice(start, end));
    },
    ontextentity(codepoint) {
      appendText(String.fromCodePoint(codepoint));
    },
  };
  try {
    const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
    tokenizer.write(html);
    tokenizer.end();
  } catch {
    // keep what was built
  }
  if (scriptText) closeScript();
  return { root, jsonLd, truncated, elements };
}

// ------------------------------------------------------------------ reading the tree

/** `class` and `id` of an element, lower case, one string (`''` when none). */
export function classId(el: HtmlElement): string {
  const c = el.attrs['class'];
  const i = el.attrs['id'];
  if (c === undefined && i === undefined) return '';
  return `${c ?? ''} ${i ?? ''}`.toLowerCase();
}

/**
 * The same blocks with `chrome` decided by `isChrome` on their ancestors (memoised), so one block
 * list serves several stages that disagree on what chrome is.
 */
export function withChrome(blocks: Block[], isChrome: (el: HtmlElement) => boolean): Block[] {
  const memo = new Map<HtmlElement, boolean>();
  const chromeOf = (el: HtmlElement | null): boolean => {
    const path: HtmlElement[] = [];
    let result = false;
    for (let e = el; e; e = e.parent) {
      const known = memo.get(e);
      if (known !== undefined) {
        result = known;
        break;
      }
      path.push(e);
      if (path.length > 400) break;
    }
    // from the outermost unknown ancestor inwards
    for (let i = path.length - 1; i >= 0; i--) {
      const e = path[i]!;
      if (!result && e.tag !== '#root' && isChrome(e)) result = true;
      memo.set(e, result);
    }
    return result;
  };
  return blocks.map((b) => ({ ...b, chrome: chromeOf(b.el) }));
}

/** Calls `visit` on every element in document order (iterative); `visit` returning false skips the subtree. */
export function walk(root: HtmlElement, visit: (el: HtmlElement) => boolean | void): void {
  const stack: HtmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (visit(el) === false) continue;
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (typeof child !== 'string') stack.push(child);
    }
  }
}

/** Text of a subtree on one line, spaces collapsed, skipped elements left out. */
export function inlineText(el: HtmlElement, limit = 100_000): string {
  const parts: string[] = [];
  let length = 0;
  const stack: HtmlNode[] = [el];
  while (stack.length > 0 && length < limit) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      parts.push(node);
      length += node.length;
      continue;
    }
    if (node !== el && SKIP_CONTENT.has(node.tag)) continue;
    if (node.tag === 'br') parts.push(' ');
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return collapseWhiteSpace(parts.join('')).trim();
}

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'body', 'html', 'center', 'tfoot', 'title',
]);

/** First element (document order) for which `test` holds, or null. */
export function find(root: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement | null {
  let found: HtmlElement | null = null;
  walk(root, (el) => {
    if (found) return false;
    if (test(el)) {
      found = el;
      return false;
    }
    return true;
  });
  return found;
}

// ------------------------------------------------------------------ blocks

/** One line of page text: the text of a run of inline content between block boundaries. */
export interface Block {
  text: string;
  /** The block element the text belongs to (its nearest block ancestor). */
  el: HtmlElement;
  /** Characters of the text inside links. */
  linkChars: number;
  /** Inside an element `isChrome` marked (navigation, related news, comments …). */
  chrome: boolean;
}

/**
 * The text of `root` as blocks in document order. `isChrome` marks subtrees as chrome (their
 * blocks are kept, flagged); `drop` removes an element's subtree entirely (tool links).
 */
export function toBlocks(
  root: HtmlElement,
  options: { isChrome?: (el: HtmlElement) => boolean; drop?: (el: HtmlElement) => boolean; maxChars?: number } = {},
): Block[] {
  const blocks: Block[] = [];
  const maxChars = options.maxChars ?? 2_000_000;
  let total = 0;
  let parts: string[] = [];
  let linkChars = 0;
  let blockEl: HtmlElement = root;
  let blockChrome = false;
  const flush = () => {
    if (parts.length === 0) return;
    const text = collapseWhiteSpace(parts.join('')).trim();
    if (text !== '' && total < maxChars) {
      blocks.push({ text, el: blockEl, linkChars: Math.min(linkChars, text.length), chrome: blockChrome });
      total += text.length;
    }
    parts = [];
    linkChars = 0;
  };
  // Enter/exit events: [node, chrome, inLink, enclosing block] or an exit marker restoring the block.
  type Frame = { node: HtmlNode; chrome: boolean; link: boolean; block: HtmlElement } | { exit: HtmlElement; chrome: boolean; block: HtmlElement };
  const stack: Frame[] = [{ node: root, chrome: false, link: false, block: root }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('exit' in frame) {
      flush();
      blockEl = frame.block;
      blockChrome = frame.chrome;
      continue;
    }
    const node = frame.node;
    if (typeof node === 'string') {
      if (blockEl !== frame.block) {
        flush();
        blockEl = frame.block;
      }
      blockChrome = frame.chrome;
      parts.push(node);
      if (frame.link) linkChars += collapseWhiteSpace(node).length;
      continue;
    }
    if (node !== root && (SKIP_CONTENT.has(node.tag) || node.tag === 'title')) continue;
    if (options.drop && node !== root && options.drop(node)) continue;
    const chrome = frame.chrome || (node !== root && options.isChrome !== undefined && options.isChrome(node));
    const link = frame.link || node.tag === 'a';
    const isBlock = BLOCK_TAGS.has(node.tag);
    const block = isBlock ? node : frame.block;
    if (isBlock) {
      flush();
      blockEl = node;
      blockChrome = chrome;
      stack.push({ exit: node, chrome: frame.chrome, block: frame.block });
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, chrome, link, block });
  }
  flush();
  return blocks;
}
