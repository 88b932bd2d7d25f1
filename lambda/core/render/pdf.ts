/**
 * Digest -> PDF with PDFKit and embedded Be Vietnam Pro.
 *
 * Text is wrapped here, not by PDFKit: lines break only at spaces, so document codes
 * (`05-NQ/TU`) never split; a word wider than the line (a 10,000-character word) is cut
 * into pieces that fit. Every line is then drawn with `lineBreak: false`, so nothing can
 * flow past a margin. Output is reproducible: dates come from `digest.generatedAt`, and
 * PDFKit derives the file ID from the document info.
 */
import { readFileSync } from 'node:fs';
import type { Digest } from '../digest-model.ts';
import { fontPath, type FontFace } from '../assets.ts';
import { labelsFor, type Lang } from './labels.ts';
import { buildView, type DigestView, type MeetingView, type ReportOptions } from './view.ts';
import { niceTicks } from './html.ts';

type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 66, bottom: 58, left: 54, right: 54 };
const CONTENT_W = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const C = {
  ink: '#1d1d1f',
  muted: '#5f6368',
  rule: '#d9d4cc',
  accent: '#a4161a',
  band: '#faf7f2',
  warn: '#8a5300',
  warnBand: '#fff7e8',
  white: '#ffffff',
};

/*
 * PDFKit is imported on the first render, not when this module loads: at import it builds
 * Unicode tables, the Brotli dictionary and AES tables (a few hundred ms of CPU), which a render
 * Lambda that finds nothing to render, or a process that only writes HTML, never needs.
 */
type PdfKit = typeof import('pdfkit');
let pdfKit: Promise<PdfKit> | undefined;
function loadPdfKit(): Promise<PdfKit> {
  pdfKit ??= import('pdfkit').then(
    (m) => m.default,
    (error: unknown) => {
      pdfKit = undefined;
      throw error;
    },
  );
  return pdfKit;
}

const FONT_FACES: FontFace[] = ['regular', 'medium', 'semibold', 'bold', 'italic'];

/*
 * Fonts are read and parsed once per process, not once per document: PDFKit accepts a parsed
 * (fontkit) font in registerFont, and each document still makes its own subset of it. The shaped
 * words PDFKit caches per font (its layout cache) are shared between documents the same way, so
 * a word is shaped once per process and face; the cache starts afresh when it holds more than
 * MAX_CACHED_WORDS words.
 */
interface GlyphRun {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}
interface EmbeddedFontInternals {
  font: object;
  layoutCache?: Record<string, unknown>;
  layout(text: string, features?: unknown, onlyWidth?: boolean): { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number };
  layoutRun(text: string, features?: unknown): GlyphRun;
  layoutCached(text: string): GlyphRun;
}

/**
 * PDFKit's EmbeddedFont#layout, chunking the text the same way (each chunk ends after a space or
 * tab) and returning the same glyphs and positions, but appending to one array instead of
 * concatenating a new array per word (quadratic in the words of a line).
 */
function layoutByWords(this: EmbeddedFontInternals, text: string, features?: unknown, onlyWidth?: boolean): ReturnType<EmbeddedFontInternals['layout']> {
  if (features) return this.layoutRun(text, features);
  const glyphs: unknown[] | null = onlyWidth ? null : [];
  const positions: unknown[] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  let last = 0;
  const n = text.length;
  for (let index = 0; index <= n; index++) {
    const code = text.charCodeAt(index);
    if (index === n ? last < n : code === 32 || code === 9) {
      const run = this.layoutCached(text.slice(last, index + 1));
      if (glyphs && positions) {
        for (const g of run.glyphs) glyphs.push(g);
        for (const p of run.positions) positions.push(p);
      }
      advanceWidth += run.advanceWidth;
      last = index + 1;
    }
  }
  return { glyphs, positions, advanceWidth };
}
interface SharedFont {
  /** File bytes until the first document parses them, then PDFKit's parsed font. */
  src: Buffer | object;
  layoutCache: Record<string, unknown>;
  cachedWords: number;
}
const sharedFonts = new Map<FontFace, SharedFont>();

function sharedFont(face: FontFace): SharedFont {
  let f = sharedFonts.get(face);
  if (!f) sharedFonts.set(face, (f = { src: readFileSync(fontPath(face)), layoutCache: Object.create(null) as Record<string, unknown>, cachedWords: 0 }));
  return f;
}

/** Called once per document and face, after the face is first selected. */
function shareFontCaches(doc: Doc, face: FontFace): void {
  const embedded = (doc as unknown as { _font: EmbeddedFontInternals })._font;
  const shared = sharedFont(face);
  if (Buffer.isBuffer(shared.src)) shared.src = embedded.font;
  if (!embedded.layoutCache || embedded.font !== shared.src) return;
  if (shared.cachedWords > MAX_CACHED_WORDS) {
    shared.layoutCache = Object.create(null) as Record<string, unknown>;
    shared.cachedWords = 0;
  }
  embedded.layoutCache = shared.layoutCache;
  embedded.layout = layoutByWords;
}

/* ------------------------------------------------------------------ text wrapping */

interface Style {
  font: FontFace;
  size: number;
  color?: string;
}

const LINE = 1.38;

function lineHeight(size: number): number {
  return size * LINE;
}

/** Faces each live document has selected (their caches shared). */
const selectedFaces = new WeakMap<Doc, Set<FontFace>>();

function setStyle(doc: Doc, s: Style): void {
  doc.font(s.font);
  const faces = selectedFaces.get(doc);
  if (faces && !faces.has(s.font)) {
    faces.add(s.font);
    shareFontCaches(doc, s.font);
  }
  doc.fontSize(s.size).fillColor(s.color ?? C.ink);
}

/**
 * Widths are measured word by word, never whole lines, so wrapping stays linear. Kerning across
 * a space is ignored; lines are filled to a hair under the width to absorb that.
 */
const FILL = 0.995;

/*
 * A word's advance (font units per 1,000 em) is shaped once per process and face, not once per
 * document: every render (and each document of a build) reuses it. The width in points is then
 * computed exactly as PDFKit's `doc.widthOfString` computes it, so the breaks are the same.
 * The caches start afresh when they grow past MAX_CACHED_WORDS per face (numbers, names and codes
 * are open-ended): a shaped word costs about 1 KB, so a face's shaped words stay under ~40 MB;
 * a 1,000-article digest of the corpus shapes about 9,000 in the regular face.
 */
const MAX_CACHED_WORDS = 40_000;
const advanceCache = new Map<string, Map<string, number>>();

interface FontInternals {
  name: string;
  widthOfString(text: string, size: number): number;
}
interface DocInternals {
  _font: FontInternals;
  _fontSize: number;
}

function wordWidth(doc: Doc, word: string): number {
  const { _font: font, _fontSize: size } = doc as unknown as DocInternals;
  let cache = advanceCache.get(font.name);
  if (!cache) advanceCache.set(font.name, (cache = new Map()));
  let advance = cache.get(word);
  if (advance === undefined) {
    if (cache.size >= MAX_CACHED_WORDS) cache.clear();
    advance = font.widthOfString(word, 1000);
    cache.set(word, advance);
  }
  // = doc.widthOfString(word) with no character spacing and 100 % horizontal scaling.
  return ((advance * (size / 1000) + 0) * 100) / 100;
}

/** Cuts a word wider than `width` into pieces that fit (by code points). */
function splitLongWord(doc: Doc, word: string, width: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let currentW = 0;
  for (const ch of word) {
    const w = wordWidth(doc, ch);
    if (current && currentW + w > width * FILL) {
      pieces.push(current);
      current = ch;
      currentW = w;
    } else {
      current += ch;
      currentW += w;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Greedy wrap at spaces only. Caller must have set the font. */
export function wrapText(doc: Doc, text: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  const limit = width * FILL;
  const spaceW = wordWidth(doc, ' ');
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (lines.length > maxLines) break;
    const words = para.split(/[ \t\u00a0]+/).filter(Boolean);
    let line = '';
    let lineW = 0;
    for (const word of words) {
      if (lines.length > maxLines) break;
      const w = wordWidth(doc, word);
      if (line && lineW + spaceW + w <= limit) {
        line += ` ${word}`;
        lineW += spaceW + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= limit) {
        line = word;
        lineW = w;
      } else {
        const pieces = splitLongWord(doc, word, width);
        lines.push(...pieces.slice(0, -1));
        line = pieces.at(-1) ?? '';
        lineW = wordWidth(doc, line);
      }
    }
    if (line || words.length === 0) lines.push(line);
  }
  while (lines.length > 1 && lines.at(-1) === '') lines.pop();
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1]!;
    while (last && doc.widthOfString(`${last}…`) > limit) last = last.slice(0, -1);
    kept[maxLines - 1] = `${last}…`;
    return kept;
  }
  return lines;
}

interface FragmentDoc {
  _fragment?: (text: string, x: number, y: number, options: object) => void;
}
/**
 * Options for PDFKit's fragment writer: the width it would measure again only places links and
 * underlines, which this document has none of.
 */
const FRAGMENT_OPTIONS = Object.freeze({ lineBreak: false, textWidth: 0, wordCount: 0 });

/**
 * Draws one line of text at (x, y) with the current font, size and colour: what
 * `doc.text(text, x, y, { lineBreak: false })` draws, without that call measuring the text twice
 * more (once for the unused width, once to move the cursor nobody reads).
 */
function put(doc: Doc, text: string, x: number, y: number): void {
  const fragment = (doc as unknown as FragmentDoc)._fragment;
  if (typeof fragment !== 'function' || text.includes('\n')) {
    doc.text(text, x, y, { lineBreak: false });
    return;
  }
  fragment.call(doc, text, x, y, FRAGMENT_OPTIONS);
}

interface ContentDoc {
  page: { write(chunk: string): void };
  addContent(data: unknown): unknown;
}

/**
 * Collects a page's content operators into one string per few hundred before PDFKit stores
 * them: PDFKit otherwise keeps every operator of every buffered page as its own small byte
 * array until the end, hundreds of thousands of them for a long digest. The bytes written are
 * the same (PDFKit ends each written string with a newline; the batch joins them with newlines).
 * Returns the function that writes what is still pending and stops batching; call it before
 * `doc.end()` (which ends the pages).
 */
function batchContent(doc: Doc): () => void {
  const d = doc as unknown as ContentDoc;
  const write = d.addContent.bind(d);
  let page: ContentDoc['page'] | null = null;
  let pending: string[] = [];
  const flush = (): void => {
    if (page && pending.length) page.write(pending.join('\n'));
    pending = [];
  };
  d.addContent = (data: unknown) => {
    if (typeof data !== 'string') {
      flush();
      return write(data);
    }
    if (d.page !== page) {
      flush();
      page = d.page;
    }
    pending.push(data);
    if (pending.length >= 512) flush();
    return d;
  };
  return () => {
    flush();
    d.addContent = write;
  };
}

/* ------------------------------------------------------------------ layout primitives */

interface Segment {
  x: number;
  text: string;
  style: Style;
}
interface Line {
  height: number;
  segments: Segment[];
  /** Extra drawing relative to the line's top (badges, rules). */
  paint?: (doc: Doc, top: number) => void;
}

class Layout {
  readonly doc: Doc;
  y = MARGIN.top;
  constructor(doc: Doc) {
    this.doc = doc;
  }
  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }
  /** Remaining height on this page. */
  get room(): number {
    return BOTTOM - this.y;
  }
  drawLine(line: Line): void {
    this.ensure(line.height);
    const top = this.y;
    line.paint?.(this.doc, top);
    for (const s of line.segments) {
      setStyle(this.doc, s.style);
      const baselineShift = (line.height - lineHeight(s.style.size)) / 2;
      put(this.doc, s.text, s.x, top + Math.max(0, baselineShift) + s.style.size * 0.12);
    }
    this.y = top + line.height;
  }
  /** Draws lines, moving the whole block to a new page when it fits on one and not here. */
  drawBlock(lines: Line[], keepTogether = true): void {
    const total = lines.reduce((h, l) => h + l.height, 0);
    if (keepTogether && total > this.room && total <= BOTTOM - MARGIN.top) this.newPage();
    for (const l of lines) this.drawLine(l);
  }
  gap(h: number): void {
    this.y += h;
  }
}

function textLines(doc: Doc, text: string, x: number, width: number, style: Style, maxLines = Infinity): Line[] {
  setStyle(doc, style);
  return wrapText(doc, text, width, maxLines).map((t) => ({ height: lineHeight(style.size), segments: [{ x, text: t, style }] }));
}

/** Label in a left column, value wrapped in the right column. */
function labelValueLines(doc: Doc, label: string, value: string, x: number, labelW: number, width: number, maxLines = 12): Line[] {
  const labelStyle: Style = { font: 'regular', size: 9, color: C.muted };
  const valueStyle: Style = { font: 'regular', size: 9.5 };
  setStyle(doc, labelStyle);
  const labelLines = wrapText(doc, label, labelW - 6, 2);
  setStyle(doc, valueStyle);
  const valueLines = wrapText(doc, value, width - labelW, maxLines);
  const n = Math.max(labelLines.length, valueLines.length);
  const lines: Line[] = [];
  for (let i = 0; i < n; i++) {
    const segments: Segment[] = [];
    if (labelLines[i]) segments.push({ x, text: labelLines[i]!, style: labelStyle });
    if (valueLines[i]) segments.push({ x: x + labelW, text: valueLines[i]!, style: valueStyle });
    lines.push({ height: lineHeight(valueStyle.size), segments });
  }
  return lines;
}

function spacer(h: number): Line {
  return { height: h, segments: [] };
}

function ruleLine(x: number, width: number, color = C.rule, weight = 0.6): Line {
  return {
    height: 1,
    segments: [],
    paint: (doc, top) => {
      doc.save().moveTo(x, top + 0.5).lineTo(x + width, top + 0.5).lineWidth(weight).strokeColor(color).stroke().restore();
    },
  };
}

/* ------------------------------------------------------------------ sections */

/** `keepWith`: the lines that must follow the heading on its page (no heading alone at a page foot). */
function sectionHeading(layout: Layout, title: string, outline: PDFKit.PDFOutline, opts: { newPage?: boolean; keepWith?: Line[] } = {}): PDFKit.PDFOutline {
  const { doc } = layout;
  if (opts.newPage) layout.newPage();
  else layout.ensure(Math.max(80, 50 + (opts.keepWith ?? []).reduce((h, line) => h + line.height, 0)));
  if (layout.y > MARGIN.top) layout.gap(14);
  const item = outline.addItem(title);
  const style: Style = { font: 'bold', size: 13, color: C.accent };
  const lines = textLines(doc, title.toLocaleUpperCase('vi'), MARGIN.left, CONTENT_W, style, 3);
  for (const l of lines) layout.drawLine(l);
  layout.drawLine(ruleLine(MARGIN.left, CONTENT_W, C.accent, 1.4));
  layout.gap(10);
  return item;
}

function cover(layout: Layout, v: DigestView, outline: PDFKit.PDFOutline): void {
  const { doc } = layout;
  const l = v.labels;
  outline.addItem(v.title);
  doc.save().rect(0, 0, PAGE.width, 10).fill(C.accent).restore();
  layout.y = 70;
  for (const line of textLines(doc, l.bulletin.toLocaleUpperCase('vi'), MARGIN.left, CONTENT_W, { font: 'bold', size: 10, color: C.accent })) layout.drawLine(line);
  layout.gap(4);
  for (const line of textLines(doc, v.title, MARGIN.left, CONTENT_W, { font: 'bold', size: 25 }, 4)) layout.drawLine(line);
  layout.gap(4);
  for (const line of textLines(doc, l.subtitle, MARGIN.left, CONTENT_W, { font: 'regular', size: 10.5, color: C.muted }, 3)) layout.drawLine(line);
  layout.gap(16);

  // Meta band: period, scope, generation date.
  const meta: [string, string][] = [
    [l.periodSpan, v.span],
    [l.scope, `${v.counts.articles} ${l.articles.toLocaleLowerCase('vi')} · ${v.counts.meetings} ${l.meetings.toLocaleLowerCase('vi')} · ${v.counts.documents} ${l.documents.toLocaleLowerCase('vi')}`],
    [l.generatedOn, v.generatedOn],
  ];
  const colW = [CONTENT_W * 0.3, CONTENT_W * 0.46, CONTENT_W * 0.24];
  const metaLines = meta.map(([, value], i) => {
    setStyle(doc, { font: 'semibold', size: 10 });
    return wrapText(doc, value, colW[i]! - 20, 3);
  });
  const metaH = 30 + Math.max(...metaLines.map((x) => x.length)) * lineHeight(10);
  const top = layout.y;
  doc.save().rect(MARGIN.left, top, CONTENT_W, metaH).fillAndStroke(C.band, C.rule).restore();
  let x = MARGIN.left;
  meta.forEach(([label], i) => {
    if (i > 0) doc.save().moveTo(x, top).lineTo(x, top + metaH).lineWidth(0.6).strokeColor(C.rule).stroke().restore();
    setStyle(doc, { font: 'medium', size: 7.5, color: C.muted });
    put(doc, label.toLocaleUpperCase('vi'), x + 10, top + 9);
    setStyle(doc, { font: 'semibold', size: 10 });
    metaLines[i]!.forEach((t, j) => put(doc, t, x + 10, top + 22 + j * lineHeight(10)));
    x += colW[i]!;
  });
  layout.y = top + metaH + 22;

  // Key figures.
  setStyle(doc, { font: 'bold', size: 11 });
  put(doc.fillColor(C.ink), l.keyFigures.toLocaleUpperCase('vi'), MARGIN.left, layout.y);
  layout.y += 20;
  const boxGap = 10;
  const boxW = (CONTENT_W - boxGap * 3) / 4;
  const boxH = 62;
  v.figures.forEach((f, i) => {
    const bx = MARGIN.left + i * (boxW + boxGap);
    doc.save().rect(bx, layout.y, boxW, boxH).fillAndStroke(C.band, C.rule).restore();
    doc.save().rect(bx, layout.y, 3.5, boxH).fill(C.accent).restore();
    setStyle(doc, { font: 'bold', size: 22, color: C.accent });
    put(doc, String(f.value), bx + 12, layout.y + 8);
    setStyle(doc, { font: 'regular', size: 8.5, color: C.muted });
    wrapText(doc, f.label, boxW - 18, 2).forEach((t, j) => put(doc, t, bx + 12, layout.y + 38 + j * 10.5));
  });
  layout.y += boxH + 24;

  // Chart of meetings per month, and counts by kind.
  const chartW = v.byKind.length ? CONTENT_W * 0.6 : CONTENT_W;
  setStyle(doc, { font: 'semibold', size: 10 });
  put(doc, l.meetingsByMonth, MARGIN.left, layout.y);
  if (v.byKind.length) put(doc, l.meetingsByKind, MARGIN.left + chartW + 24, layout.y);
  const chartTop = layout.y + 20;
  const chartH = 170;
  barChart(doc, v.chart, v.chartMax, MARGIN.left, chartTop, chartW, chartH);
  if (v.byKind.length) {
    const kx = MARGIN.left + chartW + 24;
    const kw = CONTENT_W - chartW - 24;
    let ky = chartTop;
    for (const k of v.byKind.slice(0, 11)) {
      setStyle(doc, { font: 'regular', size: 9 });
      const name = wrapText(doc, k.label, kw - 30, 1)[0] ?? '';
      put(doc, name, kx, ky);
      setStyle(doc, { font: 'semibold', size: 9 });
      const num = String(k.count);
      put(doc, num, kx + kw - doc.widthOfString(num), ky);
      ky += 15;
      doc.save().moveTo(kx, ky - 2.5).lineTo(kx + kw, ky - 2.5).lineWidth(0.5).strokeColor(C.rule).stroke().restore();
    }
  }
  layout.y = chartTop + chartH + 22;

  if (v.warnings.length) {
    const items = v.warnings.slice(0, 6).map((w) => `[${w.n}] ${w.title} — ${w.warning}`);
    if (v.warnings.length > 6) items.push(`… (+${v.warnings.length - 6})`);
    const lines: Line[] = [];
    lines.push(...textLines(doc, `${l.sectionWarnings} (${v.warnings.length})`, MARGIN.left + 12, CONTENT_W - 24, { font: 'bold', size: 9, color: C.warn }));
    for (const it of items) lines.push(...textLines(doc, it, MARGIN.left + 12, CONTENT_W - 24, { font: 'regular', size: 8.5, color: C.warn }, 2));
    const h = lines.reduce((s, x) => s + x.height, 0) + 14;
    if (h <= layout.room - 40) {
      const top2 = layout.y;
      doc.save().rect(MARGIN.left, top2, CONTENT_W, h).fill(C.warnBand).restore();
      doc.save().rect(MARGIN.left, top2, 3.5, h).fill('#c77700').restore();
      layout.y += 7;
      for (const line of lines) layout.drawLine(line);
      layout.y = top2 + h + 12;
    }
  }

  // Note at the foot of the cover.
  setStyle(doc, { font: 'italic', size: 8.5, color: C.muted });
  const note = wrapText(doc, l.dataNote, CONTENT_W, 3);
  const noteTop = BOTTOM - note.length * lineHeight(8.5);
  if (noteTop > layout.y) {
    doc.save().moveTo(MARGIN.left, noteTop - 8).lineTo(MARGIN.left + CONTENT_W, noteTop - 8).lineWidth(0.6).strokeColor(C.rule).stroke().restore();
    note.forEach((t, i) => put(doc, t, MARGIN.left, noteTop + i * lineHeight(8.5)));
  }
}

function barChart(doc: Doc, bars: DigestView['chart'], max: number, x: number, y: number, w: number, h: number): void {
  const ticks = niceTicks(max);
  const tickMax = ticks.at(-1)!;
  const left = x + 22;
  const bottom = y + h - 18;
  const plotH = h - 18 - 10;
  const step = (x + w - left) / Math.max(1, bars.length);
  const barW = Math.min(34, step * 0.62);
  const yOf = (vv: number): number => bottom - (vv / tickMax) * plotH;
  doc.save();
  setStyle(doc, { font: 'regular', size: 7.5, color: C.muted });
  for (const t of ticks) {
    doc.moveTo(left, yOf(t)).lineTo(x + w, yOf(t)).lineWidth(0.5).strokeColor('#e4dfd7').stroke();
    const s = String(t);
    put(doc.fillColor(C.muted), s, left - 5 - doc.widthOfString(s), yOf(t) - 4);
  }
  bars.forEach((b, i) => {
    const cx = left + step * i + step / 2;
    if (b.count > 0) {
      doc.rect(cx - barW / 2, yOf(b.count), barW, bottom - yOf(b.count)).fill(C.accent);
      setStyle(doc, { font: 'bold', size: 8, color: C.ink });
      const s = String(b.count);
      put(doc, s, cx - doc.widthOfString(s) / 2, yOf(b.count) - 11);
    }
    setStyle(doc, { font: 'regular', size: 7.5, color: C.muted });
    put(doc, b.label, cx - doc.widthOfString(b.label) / 2, bottom + 5);
  });
  doc.moveTo(left, bottom).lineTo(x + w, bottom).lineWidth(0.8).strokeColor(C.ink).stroke();
  doc.restore();
}

function meetingLines(doc: Doc, m: MeetingView, v: DigestView): Line[] {
  const l = v.labels;
  const indent = 34;
  const x = MARGIN.left + indent;
  const w = CONTENT_W - indent;
  const lines: Line[] = [];
  const when = `${m.date}${m.dateNote ? ` (${m.dateNote})` : ''}`;
  setStyle(doc, { font: 'medium', size: 8.5 });
  const whenW = doc.widthOfString(`${when}  ·  `);
  setStyle(doc, { font: 'semibold', size: 8.5 });
  const kindText = wrapText(doc, m.kind.toLocaleUpperCase('vi'), Math.max(40, w - whenW), 1)[0] ?? '';
  lines.push({
    height: lineHeight(8.5) + 2,
    segments: [
      { x, text: `${when}  ·  `, style: { font: 'medium', size: 8.5, color: C.muted } },
      { x: x + whenW, text: kindText, style: { font: 'semibold', size: 8.5, color: C.accent } },
    ],
    paint: (d, top) => {
      d.save().circle(MARGIN.left + 11, top + 13, 11).fill(C.accent).restore();
      setStyle(d, { font: 'bold', size: 9, color: C.white });
      const s = String(m.n);
      put(d, s, MARGIN.left + 11 - d.widthOfString(s) / 2, top + 8);
    },
  });
  lines.push(...textLines(doc, m.organizer ?? m.kind, x, w, { font: 'bold', size: 11.5 }, 4));
  lines.push(spacer(3));
  const labelW = 92;
  if (m.chair) lines.push(...labelValueLines(doc, l.chair, m.chair, x, labelW, w));
  if (m.format) lines.push(...labelValueLines(doc, l.format, m.format, x, labelW, w));
  if (m.attendance) lines.push(...labelValueLines(doc, l.attendance, m.attendance, x, labelW, w));
  if (m.covers) lines.push(...labelValueLines(doc, l.covers, m.covers, x, labelW, w));
  if (m.documents.length) lines.push(...labelValueLines(doc, l.documentsDiscussed, m.documents.join('; '), x, labelW, w));
  if (m.summary) {
    lines.push(spacer(4));
    lines.push(...textLines(doc, m.summary, x, w, { font: 'regular', size: 9.5 }, 14));
  }
  if (m.warning) {
    lines.push(spacer(2));
    lines.push(...textLines(doc, m.warning, x, w, { font: 'italic', size: 8.5, color: C.warn }, 3));
  }
  lines.push(spacer(2));
  lines.push(...textLines(doc, `${l.sources}: ${m.sourceNumbers.map((n) => `[${n}]`).join(' ')}`, x, w, { font: 'regular', size: 8.5, color: C.muted }, 3));
  lines.push(spacer(8));
  lines.push(ruleLine(MARGIN.left, CONTENT_W));
  lines.push(spacer(9));
  return lines;
}

/* ------------------------------------------------------------------ tables */

interface Column<R> {
  header: string;
  width: number;
  text: (row: R) => string;
  style?: Style;
  /** Never wrapped: shrunk to fit instead (document codes, dates). */
  noWrap?: boolean | ((row: R) => boolean);
  align?: 'left' | 'right';
  maxLines?: number;
}

const CELL_PAD = 4;

function drawTable<R>(layout: Layout, columns: Column<R>[], rows: R[]): void {
  const { doc } = layout;
  const headStyle: Style = { font: 'semibold', size: 7.5, color: C.muted };
  const cellStyle: Style = { font: 'regular', size: 8.5 };

  const headerLines = columns.map((c) => {
    setStyle(doc, headStyle);
    return wrapText(doc, c.header.toLocaleUpperCase('vi'), c.width - 2 * CELL_PAD, 3);
  });
  const headerH = Math.max(...headerLines.map((x) => x.length)) * lineHeight(7.5) + 2 * CELL_PAD + 2;
  const drawHeader = (): void => {
    const top = layout.y;
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      setStyle(doc, headStyle);
      headerLines[i]!.forEach((t, j) => put(doc, t, x + CELL_PAD, top + CELL_PAD + j * lineHeight(7.5)));
      x += c.width;
    });
    doc.save().moveTo(MARGIN.left, top + headerH).lineTo(MARGIN.left + CONTENT_W, top + headerH).lineWidth(1.2).strokeColor(C.ink).stroke().restore();
    layout.y = top + headerH + 1;
  };

  layout.ensure(headerH + 30);
  drawHeader();
  rows.forEach((row, ri) => {
    const cells = columns.map((c) => {
      const style = { ...cellStyle, ...c.style };
      const text = c.text(row);
      if (typeof c.noWrap === 'function' ? c.noWrap(row) : c.noWrap) {
        let size = style.size;
        setStyle(doc, { ...style, size });
        while (size > 6 && doc.widthOfString(text) > c.width - 2 * CELL_PAD) {
          size -= 0.25;
          doc.fontSize(size);
        }
        if (doc.widthOfString(text) > c.width - 2 * CELL_PAD) {
          return { style: { ...style, size }, lines: wrapText(doc, text, c.width - 2 * CELL_PAD, c.maxLines ?? 4) };
        }
        return { style: { ...style, size }, lines: [text] };
      }
      setStyle(doc, style);
      return { style, lines: wrapText(doc, text, c.width - 2 * CELL_PAD, c.maxLines ?? 10) };
    });
    const rowH = Math.max(...cells.map((c) => c.lines.length * lineHeight(cellStyle.size))) + 2 * CELL_PAD;
    if (layout.y + rowH > BOTTOM) {
      layout.newPage();
      drawHeader();
    }
    const top = layout.y;
    if (ri % 2 === 1) doc.save().rect(MARGIN.left, top, CONTENT_W, rowH).fill(C.band).restore();
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      const cell = cells[i]!;
      setStyle(doc, cell.style);
      cell.lines.forEach((t, j) => {
        const tx = c.align === 'right' ? x + c.width - CELL_PAD - doc.widthOfString(t) : x + CELL_PAD;
        put(doc, t, tx, top + CELL_PAD + j * lineHeight(cellStyle.size) + (lineHeight(cellStyle.size) - lineHeight(cell.style.size)) / 2);
      });
      x += c.width;
    });
    doc.save().moveTo(MARGIN.left, top + rowH).lineTo(MARGIN.left + CONTENT_W, top + rowH).lineWidth(0.5).strokeColor(C.rule).stroke().restore();
    layout.y = top + rowH;
  });
  layout.gap(6);
}

/* ------------------------------------------------------------------ page furniture */

function pageFurniture(doc: Doc, v: DigestView): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    if (i > 0) {
      setStyle(doc, { font: 'semibold', size: 7.5, color: C.accent });
      const left = v.labels.bulletin.toLocaleUpperCase('vi');
      put(doc, left, MARGIN.left, 32);
      setStyle(doc, { font: 'regular', size: 7.5, color: C.muted });
      const right = wrapText(doc, v.periodLabel, CONTENT_W * 0.6, 1)[0] ?? '';
      put(doc, right, PAGE.width - MARGIN.right - doc.widthOfString(right), 32);
      doc.save().moveTo(MARGIN.left, 45).lineTo(PAGE.width - MARGIN.right, 45).lineWidth(0.6).strokeColor(C.rule).stroke().restore();
    }
    setStyle(doc, { font: 'regular', size: 7.5, color: C.muted });
    const pageText = v.labels.page(i + 1, total);
    put(doc, pageText, PAGE.width - MARGIN.right - doc.widthOfString(pageText), PAGE.height - 36);
    const leftFoot = `bantin · ${v.generatedOn}`;
    put(doc, leftFoot, MARGIN.left, PAGE.height - 36);
    doc.page.margins = saved;
  }
}

/* ------------------------------------------------------------------ entry point */

export interface PdfOptions extends ReportOptions {
  lang?: Lang;
}

export async function renderDigestPdf(digest: Digest, opts: PdfOptions = {}): Promise<Buffer> {
  const lang = opts.lang ?? 'vi';
  const v = buildView(digest, lang, opts);
  const l = labelsFor(lang);
  const when = new Date(digest.generatedAt);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: l.pdfLang,
    displayTitle: true,
    compress: true,
    info: {
      Title: v.title,
      Subject: `${l.subtitle} — ${v.periodLabel}`,
      Author: 'bantin',
      Creator: 'bantin',
      Producer: 'bantin (PDFKit)',
      Keywords: `bantin, ${digest.periodId}, generation ${digest.generation}`,
      CreationDate: when,
      ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const fontIds: Record<FontFace, string> = { regular: 'regular', medium: 'medium', semibold: 'semibold', bold: 'bold', italic: 'italic' };
  for (const face of FONT_FACES) doc.registerFont(fontIds[face], sharedFont(face).src as Buffer);
  selectedFaces.set(doc, new Set());
  const flushContent = batchContent(doc);

  const layout = new Layout(doc);
  const outline = doc.outline;
  cover(layout, v, outline);

  // The report's figures: meetings by area of work, the dissemination ledger, the comparisons.
  reportSections(layout, v, outline);

  // Meetings
  const mItem = sectionHeading(layout, l.sectionMeetings, outline, { newPage: true });
  if (v.meetings.length === 0) layout.drawBlock(textLines(doc, l.noMeetings, MARGIN.left, CONTENT_W, { font: 'italic', size: 9.5, color: C.muted }));
  for (const m of v.meetings) {
    const lines = meetingLines(doc, m, v);
    const total = lines.reduce((h, x) => h + x.height, 0);
    if (total > layout.room && total <= BOTTOM - MARGIN.top) layout.newPage();
    mItem.addItem(`${m.n}. ${m.date} · ${m.kind}`);
    layout.drawBlock(lines, false);
  }

  // Documents index
  sectionHeading(layout, l.sectionDocuments, outline);
  if (v.documents.length === 0) layout.drawBlock(textLines(doc, l.noDocuments, MARGIN.left, CONTENT_W, { font: 'italic', size: 9.5, color: C.muted }));
  else {
    const W = CONTENT_W;
    // The code column is as wide as the longest code needs (within limits), so codes stay whole and legible.
    setStyle(doc, { font: 'semibold', size: 8.5 });
    const longestCode = Math.max(0, ...v.documents.map((d) => (d.code ? doc.widthOfString(d.code) : 0)));
    const codeW = Math.min(W * 0.24, Math.max(W * 0.14, longestCode + 2 * CELL_PAD + 1));
    const fixed = { type: W * 0.1, issuer: W * 0.12, issued: W * 0.115, discussed: W * 0.085, mentions: W * 0.145 };
    const subjectW = W - codeW - Object.values(fixed).reduce((a, b) => a + b, 0);
    drawTable(layout, [
      { header: l.code, width: codeW, text: (d) => d.code ?? d.name, noWrap: (d) => d.code !== null, style: { font: 'semibold', size: 8.5 }, maxLines: 4 },
      { header: l.docType, width: fixed.type, text: (d) => d.type, maxLines: 3 },
      { header: l.issuer, width: fixed.issuer, text: (d) => d.issuer, maxLines: 4 },
      { header: l.issuedOn, width: fixed.issued, text: (d) => d.issuedOn, noWrap: true },
      { header: l.subject, width: subjectW, text: (d) => d.subject || l.none, maxLines: 8 },
      { header: l.discussedAt, width: fixed.discussed, text: (d) => d.discussedAt.map((n) => `#${n}`).join(' ') || l.none, maxLines: 4 },
      { header: l.firstLast, width: fixed.mentions, text: (d) => d.mentions, maxLines: 3 },
    ], v.documents);
  }

  // Officials
  sectionHeading(layout, l.sectionOfficials, outline);
  if (v.officials.length === 0) layout.drawBlock(textLines(doc, l.noOfficials, MARGIN.left, CONTENT_W, { font: 'italic', size: 9.5, color: C.muted }));
  else {
    const W = CONTENT_W;
    drawTable(layout, [
      { header: l.name, width: W * 0.26, text: (o) => o.name, style: { font: 'semibold', size: 8.5 }, maxLines: 3 },
      { header: l.position, width: W * 0.5, text: (o) => o.positions, maxLines: 6 },
      { header: l.roles, width: W * 0.24, text: (o) => o.role, maxLines: 3 },
    ], v.officials);
  }

  // Other articles
  if (v.otherArticles.length) {
    const note = textLines(doc, l.sectionOtherNote, MARGIN.left, CONTENT_W, { font: 'italic', size: 9, color: C.muted });
    sectionHeading(layout, l.sectionOther, outline, { keepWith: [...note, ...sourceLines(doc, v.otherArticles[0]!, false)] });
    layout.drawBlock(note);
    layout.gap(4);
    for (const a of v.otherArticles) layout.drawBlock(sourceLines(doc, a, false));
  }

  // Sources
  sectionHeading(layout, l.sectionSources, outline, { keepWith: v.sources.length ? sourceLines(doc, v.sources[0]!, true) : [] });
  for (const s of v.sources) layout.drawBlock(sourceLines(doc, s, true));

  // Rejected files
  if (v.rejections.length) {
    sectionHeading(layout, l.sectionRejected, outline);
    const W = CONTENT_W;
    drawTable(layout, [
      { header: l.file, width: W * 0.4, text: (r) => r.file, maxLines: 4 },
      { header: l.reason, width: W * 0.6, text: (r) => (r.message ? `${r.reason} (${r.message})` : r.reason), maxLines: 4 },
    ], v.rejections);
  }

  pageFurniture(doc, v);
  flushContent();
  for (const face of selectedFaces.get(doc) ?? []) {
    const shared = sharedFont(face);
    shared.cachedWords = Object.keys(shared.layoutCache).length;
  }
  doc.end();
  return done;
}

/** A summary digest says so first: why, and where the full lists are (the month digests, or the month's data file). */
function summaryNotice(layout: Layout, s: NonNullable<DigestView['summary']>, outline: PDFKit.PDFOutline): void {
  const { doc } = layout;
  sectionHeading(layout, s.title, outline, { newPage: true });
  const para: Style = { font: 'regular', size: 9.5 };
  layout.drawBlock(textLines(doc, s.notice, MARGIN.left, CONTENT_W, para));
  layout.gap(6);
  layout.drawBlock(textLines(doc, s.where, MARGIN.left, CONTENT_W, para));
  if (s.meetingsFile) {
    layout.gap(6);
    layout.drawBlock(textLines(doc, `${s.meetingsFile.label}: ${s.meetingsFile.href}`, MARGIN.left, CONTENT_W, { font: 'italic', size: 9 }));
  }
  if (s.months.length) {
    layout.gap(8);
    layout.drawBlock(textLines(doc, s.monthsTitle, MARGIN.left, CONTENT_W, { font: 'bold', size: 10 }));
    for (const m of s.months) layout.drawBlock(textLines(doc, `${m.label}: ${m.text}${m.note ? ` (${m.note})` : ''}`, MARGIN.left + 10, CONTENT_W - 10, para));
  }
  layout.gap(10);
}

function reportSections(layout: Layout, v: DigestView, outline: PDFKit.PDFOutline): void {
  const { doc } = layout;
  const l = v.labels;
  const W = CONTENT_W;
  if (v.summary) summaryNotice(layout, v.summary, outline);
  sectionHeading(layout, l.sectionsTitle, outline, { newPage: !v.summary });
  drawTable(layout, [
    { header: l.kind, width: W * 0.34, text: (s) => s.title, style: { font: 'semibold', size: 8.5 }, maxLines: 3 },
    { header: l.count, width: W * 0.08, text: (s) => String(s.count), align: 'right' },
    {
      header: l.meetings,
      width: W * 0.58,
      text: (s) => s.meetings.map((m) => `#${m.n} ${m.date}${m.organizer ? ` — ${m.organizer}` : ''}${m.chair ? ` (${l.chair}: ${m.chair})` : ''}`).join('\n') || l.none,
      maxLines: 40,
    },
  ], v.sections);

  sectionHeading(layout, l.ledgerTitle, outline);
  if (v.ledger.length === 0) layout.drawBlock(textLines(doc, l.noLedger, MARGIN.left, W, { font: 'italic', size: 9.5, color: C.muted }));
  else {
    layout.drawBlock(textLines(doc, l.ledgerNote, MARGIN.left, W, { font: 'italic', size: 8.5, color: C.muted }, 3));
    layout.gap(4);
    drawTable(layout, [
      { header: l.ledgerDocument, width: W * 0.22, text: (r) => (r.subject ? `${r.document}\n${r.subject}` : r.document), style: { font: 'regular', size: 8.5 }, maxLines: 6 },
      { header: l.ledgerConferences, width: W * 0.09, text: (r) => `${r.conferences} (${r.meetingNumbers.map((n) => `#${n}`).join(' ')})`, maxLines: 4 },
      { header: l.ledgerOrganizers, width: W * 0.2, text: (r) => r.organizers, maxLines: 6 },
      { header: l.ledgerDates, width: W * 0.13, text: (r) => r.dates, maxLines: 2 },
      { header: l.ledgerBridgePoints, width: W * 0.11, text: (r) => r.bridgePoints, maxLines: 4 },
      { header: l.ledgerAttendance, width: W * 0.13, text: (r) => r.attendance, maxLines: 4 },
      { header: l.ledgerPresent, width: W * 0.12, text: (r) => r.presentOfExpected, maxLines: 4 },
    ], v.ledger);
  }

  if (v.comparisons.length) {
    sectionHeading(layout, l.comparisonsTitle, outline);
    for (const c of v.comparisons) {
      layout.drawBlock(textLines(doc, c.heading, MARGIN.left, W, { font: 'bold', size: 10 }, 2));
      layout.gap(2);
      if (!c.hasData) {
        layout.drawBlock(textLines(doc, c.note ?? '', MARGIN.left, W, { font: 'italic', size: 9.5, color: C.muted }, 2));
        layout.gap(8);
        continue;
      }
      drawTable(layout, [
        { header: l.indicator, width: W * 0.44, text: (r) => r.label, maxLines: 3 },
        { header: l.thisPeriod, width: W * 0.17, text: (r) => r.current, maxLines: 3 },
        { header: c.periodLabel, width: W * 0.17, text: (r) => r.compared, maxLines: 3 },
        { header: l.change, width: W * 0.22, text: (r) => r.change, maxLines: 3 },
      ], c.rows);
      layout.gap(6);
    }
  }
}

function sourceLines(doc: Doc, s: DigestView['sources'][number], withFiles: boolean): Line[] {
  const x = MARGIN.left + 30;
  const w = CONTENT_W - 30;
  const lines: Line[] = [];
  const title = textLines(doc, s.title, x, w, { font: 'semibold', size: 9 }, 4);
  title[0]!.segments.unshift({ x: MARGIN.left, text: `[${s.n}]`, style: { font: 'regular', size: 9, color: C.muted } });
  lines.push(...title);
  const meta = [s.outlet, s.date].filter(Boolean).join(' · ');
  if (meta) lines.push(...textLines(doc, meta, x, w, { font: 'regular', size: 8.5, color: C.muted }, 2));
  if (withFiles) lines.push(...textLines(doc, s.files.join(', '), x, w, { font: 'regular', size: 8, color: C.muted }, 4));
  if (s.url) lines.push(...textLines(doc, s.url, x, w, { font: 'regular', size: 8, color: C.accent }, 3));
  if (s.warning) lines.push(...textLines(doc, s.warning, x, w, { font: 'italic', size: 8, color: C.warn }, 2));
  lines.push(spacer(6));
  return lines;
}
