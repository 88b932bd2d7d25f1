/**
 * Corrections through `bantin local`: a real s3rver over HTTP, the real AWS SDK, the handlers the
 * Lambdas run. A correction uploaded under `corrections/` re-renders the periods it touches (before
 * and after), is reported under `state/corrections/`, and a malformed one changes nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrectionReportSchema } from '../lambda/core/corrections.ts';
import { DigestSchema, type Digest } from '../lambda/core/digest-model.ts';
import { ArticleSchema } from '../lambda/core/model.ts';
import { articleKeyOf, digestKeys, INDEX_KEY } from '../lambda/pipeline/keys.ts';
import type { Logger } from '../lambda/pipeline/log.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { redrive } from '../lambda/pipeline/redrive.ts';
import { pdfText, startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const S002 = '002_467a0e42bdf0f961.txt';
const S003 = '003_7b32a01fed08cab9.txt';
const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
const log: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, fields) => void warnings.push({ message, ...(fields ? { fields } : {}) }),
  error: (message, fields) => void warnings.push({ message, ...(fields ? { fields } : {}) }),
};

let p: TestPipeline;

async function put(key: string, body: string | Buffer): Promise<void> {
  await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
}
async function text(key: string): Promise<string | null> {
  try {
    const r = await p.client.send(new GetObjectCommand({ Bucket: p.bucket, Key: key }));
    return await r.Body!.transformToString('utf8');
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}
async function digest(period: string): Promise<Digest | null> {
  const json = await text(digestKeys(period).json);
  return json === null ? null : DigestSchema.parse(JSON.parse(json));
}
async function settle() {
  await p.idle();
  const errorsBefore = warnings.length;
  try {
    return await p.renderNow();
  } catch (error) {
    // Say why: the render logged it.
    throw new Error(`${(error as Error).message}: ${JSON.stringify(warnings.slice(errorsBefore))}`);
  }
}
const periodsOfIndex = async (): Promise<string[]> =>
  [...((await text(INDEX_KEY)) ?? '').matchAll(/href="([^"/]+)\//g)].map((m) => m[1]!);

beforeAll(async () => {
  p = await startTestPipeline({ log });
  for (const f of readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort()) await put(`incoming/${f}`, readFileSync(path.join(SEEDS_DIR, f)));
  await settle();
});
afterAll(async () => {
  await p?.dispose();
});

describe('corrections uploaded to corrections/', () => {
  it('before any correction: 16/02/2023 in 2023-H1, seed 003 in 2019', async () => {
    expect((await digest('2023-H1'))!.meetings.map((m) => m.date)).toContain('2023-02-16');
    expect((await periodsOfIndex())).toContain('2019-08');
  });

  it('a date correction re-renders the half-year with 17/02/2023, marked, the original kept in the JSON', async () => {
    const before = (await digest('2023-H1'))!.generation;
    await put(`corrections/${S002}.json`, JSON.stringify({ primaryEvent: { date: '2023-02-17' }, note: 'ngày theo giấy mời' }));
    const run = await settle();
    expect(run.rendered.map((r) => r.periodId)).toEqual(expect.arrayContaining(['2023-02', '2023-Q1', '2023-H1', '2023']));
    const h1 = (await digest('2023-H1'))!;
    expect(h1.generation).toBeGreaterThan(before);
    expect(h1.meetings.map((m) => m.date)).toContain('2023-02-17');
    expect(h1.meetings.map((m) => m.date)).not.toContain('2023-02-16');
    const ref = h1.articles.find((a) => a.sources[0]!.key === `incoming/${S002}`)!;
    expect(ref.corrections).toContainEqual({ source: `incoming/${S002}`, field: 'primaryEvent.date', original: '2023-02-16', corrected: '2023-02-17' });
    expect(await text(digestKeys('2023-H1').html)).toContain('<time>17/02/2023</time> <span class="note">(đã hiệu chỉnh)</span>');
    const pdf = await p.client.send(new GetObjectCommand({ Bucket: p.bucket, Key: digestKeys('2023-H1').pdf }));
    expect(pdfText(await pdf.Body!.transformToByteArray()).normalize('NFC')).toContain('17/02/2023 (đã hiệu chỉnh)');
    // The record stays as parsed: corrections survive re-parsing because they are never written into it.
    const record = ArticleSchema.parse(JSON.parse((await text(articleKeyOf(`incoming/${S002}`)))!));
    expect(record.primaryEvent!.date).toBe('2023-02-16');
    const report = CorrectionReportSchema.parse(JSON.parse((await text(`state/corrections/${S002}.json`))!));
    expect(report).toMatchObject({ key: `incoming/${S002}`, correction: `corrections/${S002}.json`, status: 'applied', problems: [], note: 'ngày theo giấy mời' });
  });

  it('an exclusion takes seed 003 out of every digest (its emptied periods are removed)', async () => {
    await put(`corrections/${S003}.json`, JSON.stringify({ exclude: true }));
    const run = await settle();
    expect(run.removed).toEqual(expect.arrayContaining(['2019-08', '2019-Q3', '2019-H2', '2019']));
    const periods = await periodsOfIndex();
    expect(periods).not.toContain('2019-08');
    for (const period of periods) expect(JSON.stringify(await digest(period)), period).not.toContain(S003);
    expect(await digest('2019')).toBeNull();
  });

  it('a date correction that moves a meeting to another month re-renders both months', async () => {
    await put(`corrections/${S002}.json`, JSON.stringify({ primaryEvent: { date: '2023-03-20' } }));
    const run = await settle();
    expect(run.removed).toContain('2023-02');
    expect(run.rendered.map((r) => r.periodId)).toEqual(expect.arrayContaining(['2023-03', '2023-Q1', '2023-H1']));
    expect((await digest('2023-03'))!.meetings.map((m) => m.date)).toEqual(['2023-03-20']);
    expect(await digest('2023-02')).toBeNull();
    // Back to the example's correction for what follows.
    await put(`corrections/${S002}.json`, JSON.stringify({ primaryEvent: { date: '2023-02-17' } }));
    await settle();
    expect((await digest('2023-02'))!.meetings.map((m) => m.date)).toEqual(['2023-02-17']);
  });

  it('a malformed correction is reported in state/corrections/ and a log line, and changes nothing', async () => {
    const h1 = await text(digestKeys('2023-H1').json);
    warnings.length = 0;
    await put(`corrections/${S002}.json`, '{"primaryEvent": {"date": "2023-02-17"}, "exlude": true}');
    await settle();
    const report = CorrectionReportSchema.parse(JSON.parse((await text(`state/corrections/${S002}.json`))!));
    expect(report.status).toBe('invalid');
    expect(report.problems).toEqual([expect.stringMatching(/^unknown field exlude \(a correction has exclude, meeting, note/)]);
    expect(warnings).toContainEqual(expect.objectContaining({ message: 'correction not applied', fields: expect.objectContaining({ status: 'invalid' }) }));
    // Nothing applied: the half-year is back to the parsed date, without the mark; nothing else moved.
    const after = (await digest('2023-H1'))!;
    expect(after.meetings.map((m) => m.date)).toContain('2023-02-16');
    expect(after.articles.some((a) => a.corrections)).toBe(false);
    expect(JSON.parse(h1!).counts).toEqual(after.counts);

    await put(`corrections/${S002}.json`, '{"primaryEvent": ');
    await settle();
    const notJson = CorrectionReportSchema.parse(JSON.parse((await text(`state/corrections/${S002}.json`))!));
    expect(notJson.problems[0]).toMatch(/^corrections\/002_467a0e42bdf0f961\.txt\.json is not valid JSON: /);
    expect(p.deadLettered()).toBe(0);
  });

  it('a correction naming no upload is reported as such and changes nothing', async () => {
    const index = await text(INDEX_KEY);
    await put('corrections/khong-co.txt.json', JSON.stringify({ exclude: true }));
    const run = await settle();
    expect(run.rendered).toEqual([]);
    const report = CorrectionReportSchema.parse(JSON.parse((await text('state/corrections/khong-co.txt.json'))!));
    expect(report.status).toBe('no-article');
    expect(report.problems[0]).toBe('no article to correct: there is no upload incoming/khong-co.txt');
    expect(await text(INDEX_KEY)).toBe(index);
    // A key that names no upload (not .json) is logged and left alone.
    warnings.length = 0;
    await put('corrections/ghi-chu.txt', 'x');
    await settle();
    expect(warnings).toContainEqual(expect.objectContaining({ message: 'correction ignored' }));
  });

  it('deleting a correction undoes it, and its report goes with it', async () => {
    await put(`corrections/${S002}.json`, JSON.stringify({ primaryEvent: { date: '2023-02-17' } }));
    await settle();
    await p.client.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: `corrections/${S002}.json` }));
    await settle();
    expect((await digest('2023-H1'))!.meetings.map((m) => m.date)).toContain('2023-02-16');
    expect(await text(`state/corrections/${S002}.json`)).toBeNull();
  });

  it('a correction uploaded before its article applies when the article arrives', async () => {
    const seed = readFileSync(path.join(SEEDS_DIR, S002));
    await put('corrections/sau/bai.txt.json', JSON.stringify({ primaryEvent: { date: '2023-01-05' } }));
    await settle();
    await put('incoming/sau/bai.txt', seed);
    await settle();
    expect((await digest('2023-01'))!.meetings.map((m) => m.date)).toEqual(['2023-01-05']);
    const report = CorrectionReportSchema.parse(JSON.parse((await text('state/corrections/sau/bai.txt.json'))!));
    expect(report.status).toBe('applied');
  });

  it('a correction whose event was lost (bantin local stopped) is caught up by the re-drive at start, a stray report removed', async () => {
    await p.store.delete('state/corrections/sau/bai.txt.json');
    await p.store.put('state/corrections/da-xoa.txt.json', '{}');
    const result = await redrive({ store: p.store, config: DEFAULT_CONFIG, log, parse: parseArticle }, DEFAULT_CONFIG);
    expect(result.outcomes.filter((o) => o.status === 'corrected').map((o) => (o as { correctionKey: string }).correctionKey).sort()).toEqual([
      'corrections/da-xoa.txt.json',
      'corrections/sau/bai.txt.json',
    ]);
    expect(CorrectionReportSchema.parse(JSON.parse((await text('state/corrections/sau/bai.txt.json'))!)).status).toBe('applied');
    expect(await text('state/corrections/da-xoa.txt.json')).toBeNull();
  });
});
