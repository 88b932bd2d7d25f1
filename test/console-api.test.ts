/**
 * The console API router (lambda/console/api.ts) over a real store: the local pipeline (s3rver on
 * 127.0.0.1, the real SDK, the real ingest and render). Authorisation by group on every route,
 * validation with plain reasons, and each route reading or writing what the pipeline keeps.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConsoleRequest, ROUTES } from '../lambda/console/api.ts';
import type { ConsoleGroup, ConsoleResponse, PeriodDetail, PeriodSummary, RejectedUpload, UploadOutcome, UploadTicket } from '../lambda/console/contract.ts';
import type { ConsoleDeps } from '../lambda/console/deps.ts';
import { safeName } from '../lambda/console/upload-names.ts';
import { LocalUrlSigner } from '../lambda/local/console-server.ts';
import { DEFAULT_CONFIG, localDate } from '../lambda/pipeline/config.ts';
import { correctionKeyOf, rejectionKeyOf } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { SEEDS_DIR } from './helpers/data.ts';
import { startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';

const SEED_001 = readFileSync(path.join(SEEDS_DIR, '001_74d7446270d97ccb.txt'));
const SEED_002 = readFileSync(path.join(SEEDS_DIR, '002_467a0e42bdf0f961.txt'));
const BINARY = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256))]);

let p: TestPipeline;
let deps: ConsoleDeps;
const KEY_001 = 'incoming/2023/so-ket.txt';
const KEY_002 = 'incoming/2023/quan-triet.txt';
const KEY_BAD = 'incoming/2023/scan.txt';

function call(method: string, route: string, groups: ConsoleGroup[], body: unknown = null): Promise<ConsoleResponse> {
  const url = new URL(route, 'http://x');
  return handleConsoleRequest({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, user: { name: 'u', groups } }, deps);
}
const editor: ConsoleGroup[] = ['editors'];
const reader: ConsoleGroup[] = ['readers'];
const message = (r: ConsoleResponse): string => (r.body as { error: { message: string } }).error.message;

beforeAll(async () => {
  p = await startTestPipeline();
  deps = { store: p.store, signer: new LocalUrlSigner(), config: { ...DEFAULT_CONFIG, maxKeySegmentBytes: 200 }, maxUploadBytes: 10_000, log: silentLogger, local: true };
  await p.store.put(KEY_001, SEED_001);
  await p.store.put(KEY_002, SEED_002);
  await p.store.put(KEY_BAD, BINARY);
  await p.idle();
  await p.renderNow();
});
afterAll(async () => p?.dispose());

/** A concrete request for each route of the table (parameters filled with valid values). */
function sample(route: (typeof ROUTES)[number]): string {
  const src = route.path.source;
  if (src.includes('download\\/([^/]+)')) return '/api/periods/2023-H1/download/pdf';
  if (src.includes('periods\\/([^/]+)')) return '/api/periods/2023-H1';
  return src.replace(/^\^|\$$/g, '').replaceAll('\\/', '/') + `?key=${encodeURIComponent(KEY_BAD)}&keys=${encodeURIComponent(KEY_001)}`;
}

describe('authorisation', () => {
  const editorRoutes = ROUTES.filter((r) => r.group === 'editors');

  it('has editor routes for uploading, correcting and deleting', () => {
    expect(editorRoutes.map((r) => r.method).sort()).toEqual(['DELETE', 'DELETE', 'POST', 'PUT']);
  });

  it('answers 403 to a reader on every editor route, and nothing is written', async () => {
    const before = (await p.store.list('')).map((o) => o.key);
    for (const route of editorRoutes) {
      const r = await call(route.method, sample(route), reader, { files: [{ name: 'a.txt', type: 'text/plain', size: 3 }], primaryEvent: { date: '2023-02-17' } });
      expect(r.status, `${route.method} ${sample(route)}`).toBe(403);
      expect(message(r)).toMatch(/editors/);
    }
    expect((await p.store.list('')).map((o) => o.key)).toEqual(before);
  });

  it('lets readers read, and refuses a user in neither group everywhere', async () => {
    for (const route of ROUTES.filter((r) => r.group === 'readers')) {
      expect((await call(route.method, sample(route), reader)).status, sample(route)).not.toBe(403);
      expect((await call(route.method, sample(route), [])).status, sample(route)).toBe(403);
    }
  });

  it('lets an editor do what a reader may not', async () => {
    const r = await call('POST', '/api/uploads', editor, { files: [{ name: 'a.txt', type: 'text/plain', size: 3 }] });
    expect(r.status).toBe(201);
  });

  it('says who is signed in and whether they may edit', async () => {
    expect((await call('GET', '/api/session', reader)).body).toEqual({ user: { name: 'u', groups: ['readers'] }, canEdit: false, local: true });
    expect((await call('GET', '/api/session', editor)).body).toMatchObject({ canEdit: true });
  });

  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    expect((await call('GET', '/api/nothing', editor)).status).toBe(404);
    const r = await call('PATCH', '/api/periods', editor);
    expect(r.status).toBe(405);
    expect(message(r)).toMatch(/use GET/);
  });
});

describe('uploads', () => {
  it('gives each file a key incoming/<today>/<safe name> and an upload instruction', async () => {
    const r = await call('POST', '/api/uploads', editor, {
      files: [
        { name: 'Bản tin, số 1.txt', type: 'text/plain', size: 10, sourceUrl: 'https://example.org/a', publishedAt: '2023-06-07T09:30' },
        { name: '../../etc/passwd.html', type: '', size: 10 },
        { name: 'Bản tin, số 1.txt', type: 'text/plain; charset=utf-8', size: 10 },
      ],
    });
    expect(r.status).toBe(201);
    const day = localDate(new Date(), DEFAULT_CONFIG.timeZone);
    const tickets = r.body as UploadTicket[];
    expect(tickets.map((t) => t.key)).toEqual([`incoming/${day}/Bản tin- số 1.txt`, `incoming/${day}/passwd.html`, `incoming/${day}/Bản tin- số 1-2.txt`]);
    expect(tickets[0]!.upload).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'text/plain' } });
  });

  it('refuses other types with 415 and files over the limit with 413, with a sentence', async () => {
    const pdf = await call('POST', '/api/uploads', editor, { files: [{ name: 'scan.pdf', type: 'application/pdf', size: 10 }] });
    expect(pdf.status).toBe(415);
    expect(message(pdf)).toMatch(/scan\.pdf.*not a \.txt or \.html file/);
    expect((await call('POST', '/api/uploads', editor, { files: [{ name: 'a.txt', type: 'image/png', size: 10 }] })).status).toBe(415);
    const big = await call('POST', '/api/uploads', editor, { files: [{ name: 'big.txt', type: 'text/plain', size: 10_001 }] });
    expect(big.status).toBe(413);
    expect(message(big)).toMatch(/10001 bytes; the limit is 10000 bytes/);
  });

  it('keeps a source address in its ASCII form, as S3 metadata must be', async () => {
    const signer = new LocalUrlSigner();
    const local = { ...deps, signer };
    const r = await handleConsoleRequest(
      { method: 'POST', path: '/api/uploads', query: {}, body: { files: [{ name: 'a.txt', type: 'text/plain', size: 1, sourceUrl: 'https://báo.vn/tin-tức/bài-1' }] }, user: { name: 'u', groups: editor } },
      local,
    );
    expect(r.status).toBe(201);
    const grants = [...(signer as unknown as { grants: Map<string, { metadata: Record<string, string> }> }).grants.values()];
    expect(grants[0]!.metadata['source-url']).toBe('https://xn--bo-mia.vn/tin-t%E1%BB%A9c/b%C3%A0i-1');
  });

  it('refuses malformed requests with 400 and the reason', async () => {
    const r = await call('POST', '/api/uploads', editor, { files: [{ name: 'a.txt', type: 'text/plain', size: 1, sourceUrl: 'javascript:alert(1)' }] });
    expect(r.status).toBe(400);
    expect(message(r)).toMatch(/sourceUrl must be an http\(s\) address/);
    expect((await call('POST', '/api/uploads', editor, { files: [] })).status).toBe(400);
    expect((await call('POST', '/api/uploads', editor, null)).status).toBe(400);
  });

  it('cuts long names to what the store keeps, extension kept', () => {
    const name = safeName(`${'Nghị quyết '.repeat(40)}.html`, 100);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(100);
    expect(name.endsWith('.html')).toBe(true);
    expect(safeName('..\u0000.txt', 100)).toBe('bai.txt');
  });

  it('tells each upload outcome: parsed with its meeting date, rejected with its reason, or pending', async () => {
    const keys = [KEY_001, KEY_002, KEY_BAD, 'incoming/2023/not-yet.txt'].map(encodeURIComponent).join(',');
    const r = await call('GET', `/api/uploads?keys=${keys}`, reader);
    expect(r.status).toBe(200);
    const [a, b, c, d] = r.body as UploadOutcome[];
    expect(a).toMatchObject({ state: 'parsed', kind: 'so-ket', date: '2023-06-07', yearInferred: false });
    expect(b).toMatchObject({ state: 'parsed', kind: 'quan-triet', date: '2023-02-16', yearInferred: true });
    expect(c).toMatchObject({ state: 'rejected', reason: 'binary' });
    expect(d).toEqual({ key: 'incoming/2023/not-yet.txt', state: 'pending' });
  });

  it('refuses keys outside incoming/ or with unsafe segments', async () => {
    expect((await call('GET', '/api/uploads?keys=articles/x.json', reader)).status).toBe(400);
    const r = await call('GET', `/api/uploads?keys=${encodeURIComponent('incoming/../state/x')}`, reader);
    expect(r.status).toBe(400);
    expect(message(r)).toMatch(/"\." or "\.\." path segment/);
  });
});

describe('periods', () => {
  it('lists every period with counts and the time of its last render', async () => {
    const periods = (await call('GET', '/api/periods', reader)).body as PeriodSummary[];
    const h1 = periods.find((x) => x.period === '2023-H1')!;
    expect(h1).toMatchObject({ label: '6 tháng đầu năm 2023', kind: 'half', meetings: 2, articles: 2, rendering: false, formats: ['pdf', 'docx', 'html', 'json'] });
    expect(Date.parse(h1.renderedAt!)).not.toBeNaN();
    // Most recent first (by the day a period ends), the shorter period first where two end together.
    const of2023 = periods.map((x) => x.period).filter((id) => id.startsWith('2023'));
    expect(of2023).toEqual(['2023', '2023-06', '2023-Q2', '2023-H1', '2023-Q1', '2023-02']);
  });

  it('shows a period waiting for a render as rendering', async () => {
    await p.store.put('state/dirty/periods/2023-H1', '{}');
    try {
      const periods = (await call('GET', '/api/periods', reader)).body as PeriodSummary[];
      expect(periods.find((x) => x.period === '2023-H1')!.rendering).toBe(true);
      expect(periods.find((x) => x.period === '2023-H2')).toBeUndefined();
    } finally {
      await p.store.delete('state/dirty/periods/2023-H1');
    }
  });

  it('gives the meetings of a period with their facts and sources', async () => {
    const d = (await call('GET', '/api/periods/2023-H1', reader)).body as PeriodDetail;
    expect(d.meetings!.map((m) => [m.kind, m.date, m.dateInferred])).toEqual([
      ['quan-triet', '2023-02-16', true],
      ['so-ket', '2023-06-07', false],
    ]);
    const m = d.meetings![0]!;
    expect(m.chair?.name).toBe('Võ Trọng Phú');
    expect(m.attendance).toMatchObject({ present: 35, expected: 37, bridgePoints: 237 });
    expect(m.documents.map((x) => x.code)).toContain('05-NQ/TU');
    expect(m.articles[0]!.sources).toEqual([{ key: KEY_002, outlet: null, url: null, upload: true }]);
  });

  it('answers 400 for a malformed period, 404 for one with nothing in it', async () => {
    expect((await call('GET', '/api/periods/2023-H3', reader)).status).toBe(400);
    const r = await call('GET', '/api/periods/1999', reader);
    expect(r.status).toBe(404);
    expect(message(r)).toMatch(/no period 1999/);
    expect((await call('GET', '/api/periods/2023-H1/download/xlsx', reader)).status).toBe(400);
    expect((await call('GET', '/api/periods/1999/download/pdf', reader)).status).toBe(404);
  });

  it('signs a download of each format and of an uploaded file', async () => {
    const link = (await call('GET', '/api/periods/2023-H1/download/pdf', reader)).body as { url: string };
    expect(link.url).toMatch(/^\/local-download\/[\w-]+$/);
    expect((await call('GET', `/api/uploads/download?key=${encodeURIComponent(KEY_002)}`, reader)).status).toBe(200);
    expect((await call('GET', `/api/uploads/download?key=${encodeURIComponent('incoming/none.txt')}`, reader)).status).toBe(404);
  });
});

describe('corrections', () => {
  it('refuses a correction the article schema refuses, with each problem, and stores nothing', async () => {
    const r = await call('PUT', `/api/corrections?key=${encodeURIComponent(KEY_002)}`, editor, { primaryEvent: { date: '2023-02-30' }, colour: 'red' });
    expect(r.status).toBe(400);
    expect((r.body as { error: { problems: string[] } }).error.problems.join('\n')).toMatch(/unknown field colour/);
    expect(await p.store.head(correctionKeyOf(KEY_002))).toBeNull();
    const bad = await call('PUT', `/api/corrections?key=${encodeURIComponent(KEY_002)}`, editor, { primaryEvent: { date: '2023-02-30' } });
    expect((bad.body as { error: { problems: string[] } }).error.problems).toEqual(['primaryEvent.date: "2023-02-30" is not a day of the calendar']);
  });

  it('answers 404 for an upload without a parsed article', async () => {
    expect((await call('PUT', `/api/corrections?key=${encodeURIComponent(KEY_BAD)}`, editor, { exclude: true })).status).toBe(404);
  });

  it('stores a valid correction as corrections/<path>.json, which the pipeline applies and the period shows', async () => {
    const r = await call('PUT', `/api/corrections?key=${encodeURIComponent(KEY_002)}`, editor, { primaryEvent: { date: '2023-02-17' } });
    expect(r.status).toBe(200);
    expect((r.body as { applied: string[] }).applied).toEqual(['primaryEvent.date: "2023-02-16" -> "2023-02-17"', 'primaryEvent.dateInferred: true -> false']);
    expect((await call('GET', `/api/corrections?key=${encodeURIComponent(KEY_002)}`, reader)).body).toEqual({ primaryEvent: { date: '2023-02-17' } });
    await p.idle();
    await p.renderNow();
    const d = (await call('GET', '/api/periods/2023-H1', reader)).body as PeriodDetail;
    const m = d.meetings!.find((x) => x.kind === 'quan-triet')!;
    expect(m.date).toBe('2023-02-17');
    expect(m.articles[0]!.corrections).toContainEqual({ field: 'primaryEvent.date', original: '2023-02-16', corrected: '2023-02-17' });
  });

  it('deletes a correction', async () => {
    expect((await call('DELETE', `/api/corrections?key=${encodeURIComponent(KEY_002)}`, editor)).body).toEqual({ deleted: true });
    expect(await p.store.head(correctionKeyOf(KEY_002))).toBeNull();
    expect((await call('GET', `/api/corrections?key=${encodeURIComponent(KEY_002)}`, reader)).body).toBeNull();
  });
});

describe('rejected uploads', () => {
  it('lists them with reason, message, time and size', async () => {
    const list = (await call('GET', '/api/rejected', reader)).body as RejectedUpload[];
    expect(list).toEqual([expect.objectContaining({ key: KEY_BAD, reason: 'binary', size: BINARY.length })]);
    expect(list[0]!.message).toMatch(/binary/);
  });

  it('signs a download and deletes the upload with its record', async () => {
    expect((await call('GET', `/api/rejected/download?key=${encodeURIComponent(KEY_BAD)}`, reader)).status).toBe(200);
    expect((await call('GET', `/api/rejected/download?key=${encodeURIComponent(KEY_001)}`, reader)).status).toBe(404);
    expect((await call('DELETE', `/api/rejected?key=${encodeURIComponent(KEY_001)}`, editor)).status).toBe(404);
    expect(await p.store.head(KEY_001)).not.toBeNull();
    expect((await call('DELETE', `/api/rejected?key=${encodeURIComponent(KEY_BAD)}`, editor)).status).toBe(200);
    await p.idle();
    expect(await p.store.head(KEY_BAD)).toBeNull();
    expect(await p.store.head(rejectionKeyOf(KEY_BAD))).toBeNull();
    expect((await call('GET', '/api/rejected', reader)).body).toEqual([]);
  });
});
