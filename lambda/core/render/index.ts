/** The index page listing every digest, grouped by year (years, halves, quarters, months). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '../assets.ts';
import { UNDATED, comparePeriodIds, isPeriodId, periodKindOf, periodLabel } from '../periods.ts';
import { labelsFor, type Lang } from './labels.ts';
import { registerHelpers, safeHref } from './html.ts';

export interface IndexEntry {
  periodId: string;
  label?: string;
  meetings: number;
  articles: number;
  /** Relative link to the digest's HTML, e.g. `2023-H1/digest.html`. */
  href: string;
}

export interface IndexOptions {
  lang?: Lang;
  templateDir?: string;
  title?: string;
}

function readTemplate(name: string, userDir: string | undefined): string {
  const user = userDir ? path.join(userDir, name) : null;
  if (user && existsSync(user)) return readFileSync(user, 'utf8');
  return readFileSync(path.join(templatesDir(), name), 'utf8');
}

export function renderIndexHtml(entries: IndexEntry[], opts: IndexOptions = {}): string {
  const lang = opts.lang ?? 'vi';
  const l = labelsFor(lang);
  const hb = Handlebars.create();
  registerHelpers(hb);
  const template = hb.compile(readTemplate('index.hbs', opts.templateDir));
  const css = readTemplate('style.css', opts.templateDir);

  // Newest year first (what people look for); within a year, year → halves → quarters → months.
  const yearOf = (id: string): string => (id === UNDATED ? '' : id.slice(0, 4));
  const sorted = [...entries].sort((a, b) => yearOf(b.periodId).localeCompare(yearOf(a.periodId)) || comparePeriodIds(a.periodId, b.periodId));
  const groups: { heading: string; entries: unknown[] }[] = [];
  for (const e of sorted) {
    const heading = e.periodId === UNDATED ? periodLabel(UNDATED, lang) : periodLabel(e.periodId.slice(0, 4), lang);
    let group = groups.find((g) => g.heading === heading);
    if (!group) groups.push((group = { heading, entries: [] }));
    const kind = e.periodId === UNDATED || !isPeriodId(e.periodId) ? 'undated' : periodKindOf(e.periodId);
    const href = safeHref(e.href);
    group.entries.push({
      kind,
      label: e.label ?? (kind === 'undated' ? periodLabel(UNDATED, lang) : periodLabel(e.periodId, lang)),
      meetings: e.meetings,
      articles: e.articles,
      href,
      pdf: href.endsWith('.html') ? href.replace(/\.html$/, '.pdf') : null,
      docx: href.endsWith('.html') ? href.replace(/\.html$/, '.docx') : null,
    });
  }
  return template({
    htmlLang: l.htmlLang,
    kicker: l.product,
    title: opts.title ?? l.indexTitle,
    labels: l,
    groups,
    css: css.replace(/<\/style/gi, '<\\/style'),
  });
}
