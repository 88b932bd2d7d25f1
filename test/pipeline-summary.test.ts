/**
 * Summary digests through the pipeline (real s3rver over HTTP, the real SDK): with a tiny meeting cap
 * (config `summaryMeetings`), a period above it is rendered from the month summaries alone — no
 * article record and no month aggregate is read — and says so; a period under it renders in full as
 * before; a month above it links a file with every one of its meetings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestSchema, PeriodSummarySchema } from '../lambda/core/digest-model.ts';
import { renderPeriod } from '../lambda/pipeline/render.ts';
import { ARTICLES, digestKeys, MONTHS, monthSummaryKey, periodStatusKey } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { PeriodStatusSchema } from '../lambda/pipeline/state.ts';
import type { ObjectStore } from '../lambda/storage/object-store.ts';
import { pdfText, startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const CAP = 1;
const seedFiles = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
let p: TestPipeline;

const text = async (key: string): Promise<string | null> => {
  const bytes = await p.store.get(key);
  return bytes ? Buffer.from(bytes).toString('utf8') : null;
};
const digestOf = async (period: string) => DigestSchema.parse(JSON.parse((await text(digestKeys(period).json))!));

/** The visible text of a DOCX's document.xml (unzip, as test/render-docx.test.ts reads it). */
function docxText(docx: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bantin-docx-'));
  try {
    const file = path.join(dir, 'digest.docx');
    writeFileSync(file, docx);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').normalize('NFC');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bucket as the render sees it, recording every key it reads (the real s3rver store underneath). */
function recording(store: ObjectStore): { store: ObjectStore; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    store: {
      head: (k) => store.head(k),
      get: (k) => (reads.push(k), store.get(k)),
      put: (k, b, o) => store.put(k, b, o),
      delete: (k) => store.delete(k),
      list: (prefix) => store.list(prefix),
    },
  };
}

beforeAll(async () => {
  p = await startTestPipeline({ config: { summaryMeetings: CAP } });
  for (const f of seedFiles) {
    await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: `incoming/seeds/${f}`, Body: readFileSync(path.join(SEEDS_DIR, f)) }));
  }
  // A second meeting in February 2023: seed 002's report, a day later.
  const seed002 = readFileSync(path.join(SEEDS_DIR, seedFiles.find((f) => f.startsWith('002'))!), 'utf8');
  await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: 'incoming/seeds/002-next-day.txt', Body: Buffer.from(seed002.replaceAll('16/2', '17/2')) }));
  await p.idle();
  await p.renderNow();
});
afterAll(async () => {
  await p?.dispose();
});

describe('periods above the meeting cap', () => {
  it('a month rebuild writes its summary beside its aggregate', async () => {
    const summary = PeriodSummarySchema.parse(JSON.parse((await text(monthSummaryKey('2023-02')))!));
    expect(summary.months).toEqual(['2023-02']);
    expect(summary.counts.meetings).toBe(2);
  });

  it('renders the year from the month summaries only, without reading any article or month aggregate', async () => {
    const { store, reads } = recording(p.store);
    const outcome = await renderPeriod({ store, config: { ...DEFAULT_CONFIG, summaryMeetings: CAP }, log: silentLogger }, '2023');
    expect(outcome.kind).toBe('rendered');
    expect(reads).toContain(monthSummaryKey('2023-02'));
    expect(reads.filter((k) => k.startsWith(ARTICLES) || k.startsWith(MONTHS))).toEqual([]);

    const digest = await digestOf('2023');
    expect(digest.summary).toBeDefined();
    expect(digest.summary!.meetingCap).toBe(CAP);
    expect(digest.counts.meetings).toBe(3);
    expect(digest.summary!.months.map((m) => [m.periodId, m.meetings, m.summary])).toEqual([
      ['2023-02', 2, true],
      ['2023-06', 1, false],
    ]);
    const html = (await text(digestKeys('2023').html))!;
    expect(html).toContain('Bản tin dạng tóm tắt');
    // The stable copy links the month digests one folder up; the generation the index links, three.
    expect(html).toContain('href="../2023-06/digest.html"');
    const status = PeriodStatusSchema.parse(JSON.parse((await text(periodStatusKey('2023')))!));
    expect((await text(`digests/${status.folder}/digest.html`))!).toContain('href="../../../2023-06/digest.html"');
    expect(pdfText((await p.store.get(digestKeys('2023').pdf))!)).toMatch(/BẢN TIN DẠNG TÓM TẮT[\s\S]*vượt mức 1 của một bản tin đầy đủ/);
    expect(docxText((await p.store.get(digestKeys('2023').docx))!)).toMatch(/Bản tin dạng tóm tắt[\s\S]*vượt mức 1 của một bản tin đầy đủ[\s\S]*Tháng 6 năm 2023: 1 hội nghị/);
  });

  it('a month above the cap is a summary too, with every meeting in a file beside it', async () => {
    const digest = await digestOf('2023-02');
    expect(digest.summary?.meetingsFile).toBe('meetings.ndjson');
    const lines = (await text(digestKeys('2023-02').meetings))!.trim().split('\n').map((l) => JSON.parse(l) as { meeting?: { date: string } });
    expect(lines.filter((l) => l.meeting).map((l) => l.meeting!.date).sort()).toEqual(['2023-02-16', '2023-02-17']);
  });

  it('a period under the cap renders in full, as before', async () => {
    const digest = await digestOf('2023-06');
    expect(digest.summary).toBeUndefined();
    expect(digest.meetings).toHaveLength(1);
    expect(await text(digestKeys('2023-06').meetings)).toBeNull();
    expect((await text(digestKeys('2023-06').html))!).not.toContain('Bản tin dạng tóm tắt');
  });
});
