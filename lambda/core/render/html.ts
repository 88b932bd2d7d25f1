/**
 * Digest -> one self-contained HTML file from Handlebars templates (layout.hbs, partials/*.hbs,
 * style.css). A user template folder overrides any of these files; missing ones fall back to
 * the built-in templates.
 *
 * Safety: article data only ever reaches the page through `{{ }}` (escaped) or helpers that
 * escape before adding markup. Templates are compiled from our files, never from article
 * text, so `{{` inside an article stays literal text.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Digest } from '../digest-model.ts';
import { templatesDir } from '../assets.ts';
import type { Lang } from './labels.ts';
import { buildView, type DigestView, type ReportOptions } from './view.ts';

export interface HtmlOptions extends ReportOptions {
  lang?: Lang;
  /** A folder with layout.hbs, partials/*.hbs and/or style.css overriding the built-in ones. */
  templateDir?: string;
}

/** Document numbers and symbols (`05-NQ/TU`, `24-QĐ/TW`, `105/2020/NĐ-CP`): never broken across lines. */
export const DOCUMENT_CODE_RE = /\d{1,4}(?:\/\d{4})?[-/][A-ZĐ][A-Za-zĐđ0-9]{0,9}(?:[-/][A-ZĐ][A-Za-zĐđ0-9]{0,9})*/gu;

const escape = (s: unknown): string => Handlebars.Utils.escapeExpression(s == null ? '' : String(s));

export function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('lower', (s: unknown) => String(s ?? '').toLocaleLowerCase('vi'));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  hb.registerHelper('join', (xs: unknown, sep: unknown) => (Array.isArray(xs) ? xs.map(String).join(typeof sep === 'string' ? sep : ', ') : ''));
  /** Escapes text, then keeps document codes on one line. */
  hb.registerHelper('codeText', (s: unknown) => {
    const html = escape(s).replace(DOCUMENT_CODE_RE, (code) => `<span class="code">${code}</span>`);
    return new hb.SafeString(html);
  });
  hb.registerHelper('barChart', (bars: unknown, max: unknown) => new hb.SafeString(barChartSvg(bars as DigestView['chart'], Number(max) || 1)));
}

/** Meetings per month as an inline SVG (no script, no external references). */
export function barChartSvg(bars: DigestView['chart'], max: number): string {
  const width = 560;
  const height = 200;
  const left = 28;
  const bottom = 26;
  const top = 16;
  const plotH = height - top - bottom;
  const step = (width - left - 8) / Math.max(1, bars.length);
  const barW = Math.min(46, step * 0.62);
  const ticks = niceTicks(max);
  const tickMax = ticks.at(-1)!;
  const y = (v: number): number => top + plotH - (v / tickMax) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(bars.map((b) => `${b.label}: ${b.count}`).join(', '))}">`,
  ];
  for (const t of ticks) {
    parts.push(`<line x1="${left}" x2="${width - 4}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e4dfd7" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#5f6368">${t}</text>`);
  }
  bars.forEach((b, i) => {
    const cx = left + step * i + step / 2;
    const h = (b.count / tickMax) * plotH;
    if (b.count > 0) {
      parts.push(`<rect x="${(cx - barW / 2).toFixed(1)}" y="${y(b.count).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="#a4161a" rx="1.5"/>`);
      parts.push(`<text x="${cx.toFixed(1)}" y="${(y(b.count) - 4).toFixed(1)}" text-anchor="middle" font-size="11" font-weight="700" fill="#1d1d1f">${b.count}</text>`);
    }
    parts.push(`<text x="${cx.toFixed(1)}" y="${height - 8}" text-anchor="middle" font-size="11" fill="#5f6368">${escape(b.label)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${width - 4}" y1="${y(0)}" y2="${y(0)}" stroke="#1d1d1f" stroke-width="1"/>`);
  parts.push('</svg>');
  return parts.join('');
}

/** Integer axis ticks from 0 to a round maximum >= max. */
export function niceTicks(max: number): number[] {
  const target = Math.max(1, Math.ceil(max));
  const step = target <= 5 ? 1 : target <= 10 ? 2 : target <= 25 ? 5 : target <= 50 ? 10 : Math.ceil(target / 5 / 10) * 10;
  const top = Math.ceil(target / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

interface CompiledTemplates {
  layout: Handlebars.TemplateDelegate;
  css: string;
}

const cache = new Map<string, CompiledTemplates>();

function readTemplateFiles(dir: string | undefined): { layout?: string; css?: string; partials: Map<string, string> } {
  const out: { layout?: string; css?: string; partials: Map<string, string> } = { partials: new Map() };
  if (!dir) return out;
  const layout = path.join(dir, 'layout.hbs');
  const css = path.join(dir, 'style.css');
  if (existsSync(layout)) out.layout = readFileSync(layout, 'utf8');
  if (existsSync(css)) out.css = readFileSync(css, 'utf8');
  const partialsDir = path.join(dir, 'partials');
  if (existsSync(partialsDir) && statSync(partialsDir).isDirectory()) {
    for (const f of readdirSync(partialsDir).sort()) {
      if (f.endsWith('.hbs')) out.partials.set(f.slice(0, -4), readFileSync(path.join(partialsDir, f), 'utf8'));
    }
  }
  return out;
}

function compile(templateDir: string | undefined): CompiledTemplates {
  const builtInDir = templatesDir();
  const cacheKey = `${builtInDir}\u0000${templateDir ?? ''}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const builtIn = readTemplateFiles(builtInDir);
  const user = readTemplateFiles(templateDir);
  const layout = user.layout ?? builtIn.layout;
  if (!layout) throw new Error(`No layout.hbs in ${templateDir ?? builtInDir}`);
  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const [name, src] of [...builtIn.partials, ...user.partials]) hb.registerPartial(name, src);
  const compiled: CompiledTemplates = {
    layout: hb.compile(layout, { strict: false, preventIndent: true }),
    css: user.css ?? builtIn.css ?? '',
  };
  cache.set(cacheKey, compiled);
  return compiled;
}

export function renderDigestHtml(digest: Digest, opts: HtmlOptions = {}): string {
  const { layout, css } = compile(opts.templateDir);
  const view = buildView(digest, opts.lang ?? 'vi', opts);
  // CSS is ours (or the user's own template folder), never article data.
  return layout({ view, generation: digest.generation, css: css.replace(/<\/style/gi, '<\\/style') });
}

/** Drops compiled templates (tests that write template folders). */
export function clearTemplateCache(): void {
  cache.clear();
}

/** Relative or http(s) links only; anything else (javascript:, data:) becomes `#`. */
export function safeHref(href: string): string {
  if (/^https?:\/\//i.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return '#';
  return href;
}
