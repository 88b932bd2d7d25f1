/**
 * Bounded rendering: the month aggregate reads no article bodies, so a month of long articles
 * renders in a heap far smaller than the articles together. 80 records of 4 MB (320 MB of bodies)
 * are aggregated and rendered by a render process whose heap is capped at 256 MB; it used to keep
 * every body and ran out of memory (200 such articles peaked at 1.9 GB against the render Lambda's
 * 1,536 MB), failing every run after that.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../lambda/core/parse.ts';
import type { ParseInput, ParseResult } from '../lambda/core/model.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { ingestUpload } from '../lambda/pipeline/ingest.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { startLocalS3, type LocalS3 } from './helpers/reliability-s3.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ARTICLES = 80;
const BODY_BYTES = 4 * 1024 * 1024;
const LEAD = 'Sáng 16/6/2023, Huyện ủy tổ chức Hội nghị sơ kết 6 tháng đầu năm 2023, quán triệt Nghị quyết số 05-NQ/TU.';

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => s3?.close());

/** The real parser on the short upload, its record then given a 4 MB body, as a long article would have. */
function longArticle(input: ParseInput): ParseResult {
  const result = parseArticle(input);
  if (!result.ok) return result;
  const filler = `${LEAD} `.repeat(Math.ceil(BODY_BYTES / (LEAD.length + 1))).slice(0, BODY_BYTES);
  return { ok: true, article: { ...result.article, body: filler } };
}

describe('render memory', () => {
  it('renders a month of 80 articles of 4 MB in a 256 MB heap', async () => {
    const store = s3.store();
    const deps = { store, config: DEFAULT_CONFIG, log: silentLogger, parse: longArticle };
    for (let i = 0; i < ARTICLES; i++) {
      const key = `incoming/dai/${String(i).padStart(3, '0')}.txt`;
      await store.put(key, `${LEAD} Bài số ${i}.`);
      const outcome = await ingestUpload(deps, key);
      expect(outcome.status).toBe('ingested');
    }
    const record = await store.head('articles/dai/000.txt.json');
    expect(record!.size).toBeGreaterThan(BODY_BYTES);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=256', '--import', 'tsx', path.join(ROOT, 'test', 'helpers', 'render-child.ts'), s3.endpoint, s3.bucket],
      { cwd: ROOT, maxBuffer: 1 << 20 },
    );
    const run = JSON.parse(stdout.trim().split('\n').pop()!) as { rendered: string[]; failed: string[]; maxRssMb: number };
    expect(run.failed).toEqual([]);
    expect(run.rendered).toEqual(expect.arrayContaining(['2023-06', '2023-Q2', '2023-H1', '2023']));
    console.log(`render of ${ARTICLES} × 4 MB articles: peak RSS ${run.maxRssMb} MB`);
  });
});
