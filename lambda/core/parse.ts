/**
 * The parser pipeline: decode -> format (text/HTML) -> clean -> metadata -> facts -> Article.
 * Pure: knows nothing of AWS or the file system. Never throws on any input: unusable input
 * becomes a Rejection with a reason, everything else a validated Article.
 */
import { hash } from 'node:crypto';
import { ARTICLE_SCHEMA_VERSION, ArticleSchema } from './model.ts';
import type { Article, ParseInput, ParseResult, RejectionReason } from './model.ts';
import { decodeBytes, normaliseText } from './decode.ts';
import { extractHtml, looksLikeHtml } from './html.ts';
import type { HtmlMetadata } from './html.ts';
import { cleanLines, finishBody, stripMarkup } from './clean.ts';
import { extractTextMetadata, toLocalDateTime } from './metadata.ts';
import { extractFacts } from './extract/facts.ts';
import { webUrl } from './urls.ts';
import type { Facts } from './extract/facts.ts';

export interface ParseOptions {
  /** Reject uploads larger than this (checked before decoding). */
  maxBytes?: number;
  /** IANA zone for local dates and times (default Asia/Ho_Chi_Minh): machine timestamps with a zone are read into it. */
  timeZone?: string;
}

/** A page metadata value as plain, single-line text, or null when nothing is left. */
function cleanField(value: string | null): string | null {
  if (value === null) return null;
  const text = stripMarkup(normaliseText(value)).replace(/\s+/g, ' ').trim();
  return /[\p{L}\p{N}]/u.test(text) ? text : null;
}

function reject(input: ParseInput, reason: RejectionReason, message: string): ParseResult {
  return {
    ok: false,
    rejection: {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      key: input.key,
      reason,
      message,
      bytes: input.bytes.length,
      rejectedAt: new Date().toISOString(),
    },
  };
}

const NO_FACTS: Facts = { primaryEvent: null, otherEvents: [], documents: [], people: [], places: [], summary: '', warnings: [] };

function safeFacts(title: string | null, body: string, publishedAt: string | null, warnings: string[]): Facts {
  try {
    return extractFacts({ title, body, publishedAt, normalised: true });
  } catch (error) {
    warnings.push(`facts extraction failed: ${error instanceof Error ? error.message : String(error)}`);
    return NO_FACTS;
  }
}

export function parseArticle(input: ParseInput, options: ParseOptions = {}): ParseResult {
  try {
    return parseOrReject(input, options);
  } catch (error) {
    // Only reached through a bug; report it as a rejection rather than crash a batch.
    const message = error instanceof Error ? error.message : String(error);
    return reject(input, 'undecodable', `parser error: ${message.slice(0, 300)}`);
  }
}

function parseOrReject(input: ParseInput, options: ParseOptions): ParseResult {
  const decoded = decodeBytes(input.bytes, { maxBytes: options.maxBytes });
  if (!decoded.ok) return reject(input, decoded.reason, decoded.message);

  const warnings: string[] = [];
  if (decoded.guessed) warnings.push(`encoding guessed as ${decoded.encoding}`);
  if (decoded.replaced > 0) warnings.push(`${decoded.replaced} invalid UTF-8 byte(s) replaced`);

  const normalised = normaliseText(decoded.text, { plain: decoded.plain });
  // The id is the SHA-256 of the normalised text's UTF-8. When the input was strict UTF-8 and
  // normalising changed nothing, that UTF-8 is the input bytes: hash them rather than encode again.
  // One-shot `hash` (Node ≥ 20.12) costs less than a createHash object an article.
  const id = hash('sha256', decoded.exact && normalised === decoded.text ? input.bytes : normalised, 'hex');
  const format = looksLikeHtml(normalised) ? 'html' : 'text';

  let text: string;
  let page: Pick<HtmlMetadata, 'title' | 'publishedAt' | 'author' | 'outlet' | 'url'> = { title: null, publishedAt: null, author: null, outlet: null, url: null };
  if (format === 'html') {
    const extracted = extractHtml(normalised, options.timeZone ? { timeZone: options.timeZone } : {});
    text = normaliseText(extracted.text);
    page = {
      title: cleanField(extracted.meta.title),
      publishedAt: extracted.meta.publishedAt,
      author: cleanField(extracted.meta.author),
      outlet: cleanField(extracted.meta.outlet),
      url: extracted.meta.url,
    };
    if (extracted.method === 'page' || extracted.method === 'markup-stripped') warnings.push('main content not found; used page text');
    if (extracted.leadAdded) warnings.push('lead paragraph restored in front of the main text');
    warnings.push(...extracted.meta.notes);
  } else {
    // Plain text: character references decoded too (without any `&` there is none: the text is normalised already).
    text = decoded.text.includes('&') ? normaliseText(decoded.text, { entities: true }) : normalised;
  }

  const lines = cleanLines(text);
  const meta = extractTextMetadata(lines, { title: page.title, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
  const title = page.title ?? meta.title;
  let publishedAt = page.publishedAt ?? meta.publishedAt;
  if (publishedAt === null && input.publishedAt) {
    publishedAt = toLocalDateTime(input.publishedAt, options.timeZone);
    if (publishedAt) warnings.push('publication time taken from upload metadata');
  }
  const body = finishBody(meta.bodyLines, { title });
  if (!/\p{L}/u.test(body) && !(title && /\p{L}/u.test(title))) {
    return reject(input, 'no-text', 'no article text left after removing page chrome');
  }

  if (title === null) warnings.push('title missing');
  if (publishedAt === null) warnings.push('publication time missing');
  if (body === '') warnings.push('body empty');
  warnings.push(...meta.notes);

  const givenUrl = page.url ?? meta.url ?? input.sourceUrl ?? null;
  const sourceUrl = webUrl(givenUrl);
  if (givenUrl !== null && sourceUrl === null) warnings.push(`source URL dropped: not an http(s) address (${JSON.stringify(givenUrl.slice(0, 80))})`);

  const facts = safeFacts(title, body, publishedAt, warnings);
  const article: Article = {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id,
    title,
    publishedAt,
    author: page.author ?? meta.author,
    source: {
      key: input.key,
      outlet: page.outlet ?? meta.outlet,
      url: sourceUrl,
    },
    places: facts.places,
    summary: facts.summary,
    body,
    warnings: [...warnings, ...facts.warnings],
    primaryEvent: facts.primaryEvent,
    otherEvents: facts.otherEvents,
    documents: facts.documents,
    people: facts.people,
    encoding: decoded.encoding,
    format,
    uploadedAt: input.uploadedAt ?? null,
  };

  const checked = ArticleSchema.safeParse(article);
  if (checked.success) return { ok: true, article: checked.data };
  // The facts stage produced something off-schema: keep the article, drop the facts, say so.
  const issue = checked.error.issues[0];
  const repaired: Article = {
    ...article,
    ...{ primaryEvent: null, otherEvents: [], documents: [], people: [], places: [], summary: '' },
    warnings: [...warnings, `internal: invalid facts dropped (${issue?.path.join('.')}: ${issue?.message})`],
  };
  // Anything still invalid is a bug in this file and must surface.
  return { ok: true, article: ArticleSchema.parse(repaired) };
}
