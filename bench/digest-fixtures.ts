/**
 * Synthetic digests of N articles for the render benchmarks: real corpus articles (the party
 * meeting reports, plus general articles that report a meeting) are parsed once, then replicated
 * with distinct ids, sources and dates spread over one half-year (2023-H1), so every replica is
 * its own article and its own meeting.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Article } from '../lambda/core/model.ts';
import { corpusFiles, loadCorpus, type CorpusFile } from './corpus.ts';
import { storyFromText } from './html-pages.ts';

export const HALF_YEAR = '2023-H1';
const HALF_START = Date.UTC(2023, 0, 1);
const HALF_DAYS = 181;

const MEETING_WORDS = /Hội nghị|hội nghị|Nghị quyết|nghị quyết|Đại hội|Chỉ thị|sơ kết|tổng kết|quán triệt/;

export interface ArticlePool {
  articles: Article[];
  /** `parser` when parseArticle produced them, `fallback` when the parser was not available. */
  source: 'parser' | 'fallback';
  note: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** An Article built straight from the text, used only while the parser is still a stub. */
function fallbackArticle(file: CorpusFile): Article {
  const story = storyFromText(new TextDecoder().decode(file.bytes));
  const body = [story.lead, ...story.paragraphs].filter(Boolean).join('\n\n');
  return {
    schemaVersion: 1,
    id: sha256(body),
    title: story.title || null,
    publishedAt: story.publishedAt,
    author: null,
    source: { key: file.key, outlet: null, url: story.url },
    places: [],
    summary: (story.lead || body).slice(0, 400),
    body,
    warnings: [],
    primaryEvent: {
      type: 'hop',
      date: null,
      dateInferred: false,
      planned: false,
      organizer: 'UBND tỉnh',
      chair: { name: 'Nguyễn Văn A', position: 'Chủ tịch UBND tỉnh' },
      format: 'in-person',
      attendance: null,
      coversPeriod: null,
    },
    otherEvents: [],
    documents: [],
    people: [],
    encoding: 'utf-8',
    format: 'text',
    uploadedAt: null,
  };
}

/** Party articles plus up to `extra` general articles that mention meetings, parsed. */
export async function articlePool(extra = 300): Promise<ArticlePool> {
  const party = loadCorpus(['party']);
  // The first `extra` general files mentioning meetings, read one at a time: the rest of the corpus
  // (30 MB) is not kept in memory, so the renders' peak RSS is not the fixture's.
  const general: CorpusFile[] = [];
  for (const file of corpusFiles(['general'])) {
    if (general.length >= extra) break;
    if (MEETING_WORDS.test(Buffer.from(file.bytes).toString('utf8'))) general.push(file);
  }
  const files = [...party, ...general];
  try {
    const { parseArticle } = await import('../lambda/core/parse.ts');
    const parsed = files.flatMap((file) => {
      const result = parseArticle({ bytes: file.bytes, key: file.key });
      return result.ok ? [result.article] : [];
    });
    const withMeeting = parsed.filter((a) => a.primaryEvent);
    const articles = withMeeting.length >= 50 ? withMeeting : parsed;
    return {
      articles,
      source: 'parser',
      note: `${articles.length} distinct parsed corpus articles${articles === withMeeting ? ' with a primary meeting' : ''} (of ${files.length} parsed: ${party.length} party + ${files.length - party.length} general mentioning meetings)`,
    };
  } catch (error) {
    const articles = files.map(fallbackArticle);
    return {
      articles,
      source: 'fallback',
      note: `parser unavailable (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): ${articles.length} articles built from the text with a placeholder meeting`,
    };
  }
}

let poolFile: Promise<string> | undefined;

/**
 * `articlePool()` built once in this process and written as JSON to a temporary file: the render
 * children read the articles as records (as the render Lambda reads them from storage) instead of
 * loading the parser and parsing the corpus themselves, so their peak memory is the renders'.
 */
export function articlePoolFile(): Promise<string> {
  poolFile ??= articlePool().then((pool) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bantin-pool-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'pool.json');
    writeFileSync(file, JSON.stringify(pool));
    return file;
  });
  return poolFile;
}

/** The pool `articlePoolFile` wrote. */
export function readArticlePool(file: string): ArticlePool {
  return JSON.parse(readFileSync(file, 'utf8')) as ArticlePool;
}

function dayOf(i: number): string {
  const day = (i * 37) % HALF_DAYS; // 37 and 181 coprime: consecutive replicas land on spread-out days
  return new Date(HALF_START + day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * N articles dated within 2023-H1. Replica i copies pool[i % pool.length] on day (37·i mod 181);
 * as 181 is prime, (article, day) pairs do not repeat below pool.length × 181 replicas.
 */
export function replicate(pool: readonly Article[], n: number): Article[] {
  if (pool.length === 0) throw new Error('replicate: empty pool');
  const out: Article[] = [];
  for (let i = 0; i < n; i++) {
    const base = pool[i % pool.length]!;
    const date = dayOf(i);
    const hour = String(7 + (i % 10)).padStart(2, '0');
    out.push({
      ...base,
      id: sha256(`${base.id}:${i}`),
      publishedAt: `${date}T${hour}:30`,
      uploadedAt: `${date}T${hour}:45:00.000Z`,
      source: { ...base.source, key: `uploads/${date}/${String(i).padStart(5, '0')}-${base.source.key.split('/').pop()}` },
      primaryEvent: base.primaryEvent ? { ...base.primaryEvent, date, dateInferred: false, planned: false } : null,
    });
  }
  return out;
}
