/**
 * The synthesised Lambda assets themselves: `cdk synth` (the real CLI, offline), then each
 * function's asset folder copied alone into a temp dir and loaded by a fresh Node process with
 * nothing else (no repo, no node_modules above it), invoked on SQS/S3 and schedule events
 * against a real s3rver. The renderer must produce a PDF whose text is Vietnamese.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_FILE_NAMES } from '../lambda/core/assets.ts';
import { encodeLegacy } from '../lambda/core/decode.ts';
import { readAtImport } from '../bench/coldstart.ts';
import { LOCAL_CREDENTIALS } from '../lambda/local/server.ts';
import { pdfText, s3Client } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = path.join(SEEDS_DIR, '001_74d7446270d97ccb.txt');
const UPLOAD_KEY = 'incoming/thư mục/Hội nghị sơ kết + 6 tháng.txt';
const BUCKET = 'bantin-asset';
const MAX_ZIPPED_BYTES = 5 * 1024 * 1024;

let work: string;
let server: S3rver;
let endpoint: string;
const BUNDLES = ['Ingest', 'Render', 'Finalise', 'ConsoleReader', 'ConsoleEditor'] as const;
const bundles: Record<(typeof BUNDLES)[number], string> = { Ingest: '', Render: '', Finalise: '', ConsoleReader: '', ConsoleEditor: '' };

/** Bytes of a zip of the folder, near enough: deflated file bodies plus per-entry headers. */
function zippedSize(dir: string): number {
  let total = 22;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else total += deflateRawSync(readFileSync(p), { level: 6 }).length + 2 * (46 + path.relative(dir, p).length);
    }
  };
  walk(dir);
  return total;
}

function invoke(bundleDir: string, event: unknown, env: Record<string, string>): Promise<{ result: any; stdout: string; stderr: string }> {
  const runner = path.join(work, `invoke-${path.basename(bundleDir)}.mjs`);
  writeFileSync(
    runner,
    `const { handler } = await import(${JSON.stringify(new URL(`file://${bundleDir}/index.mjs`).href)});
const result = await handler(JSON.parse(process.env.EVENT), { awsRequestId: 'asset-test', getRemainingTimeInMillis: () => 60000 });
process.stdout.write('\\n@@RESULT@@' + JSON.stringify(result ?? null) + '\\n');`,
  );
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [runner],
      {
        cwd: bundleDir,
        // Nothing from this machine's Node setup: a Lambda-like environment.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: bundleDir, EVENT: JSON.stringify(event), ...env },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT@@'));
        if (!line) return reject(new Error(`no result\n${stdout}\n${stderr}`));
        resolve({ result: JSON.parse(line.slice('@@RESULT@@'.length)), stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'bantin-asset-'));
  const out = path.join(work, 'cdk.out');
  execFileSync('npx', ['cdk', 'synth', '--quiet', '--output', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 240_000 });
  const template = JSON.parse(readFileSync(path.join(out, 'Bantin.template.json'), 'utf8')) as { Resources: Record<string, any> };
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const name = BUNDLES.find((n) => id.startsWith(`${n}Function`));
    if (!name) continue;
    // Copy the asset folder alone, away from the repository.
    const dest = path.join(work, 'bundles', name);
    mkdirSync(path.dirname(dest), { recursive: true });
    cpSync(path.join(out, r.Metadata['aws:asset:path']), dest, { recursive: true });
    bundles[name] = dest;
  }
  for (let d = path.join(work, 'bundles'); d !== path.dirname(d); d = path.dirname(d)) {
    if (existsSync(path.join(d, 'node_modules'))) throw new Error(`${d}/node_modules would leak into the bundle test`);
  }

  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(work, 's3'), configureBuckets: [{ name: BUCKET }] });
  endpoint = `http://127.0.0.1:${(await server.run()).port}`;
  const client = s3Client(endpoint);
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: UPLOAD_KEY, Body: readFileSync(SEED) }));
  client.destroy();
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  BANTIN_BUCKET: BUCKET,
  BANTIN_S3_ENDPOINT: endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  BANTIN_PERIODS: 'month,quarter,half,year',
  BANTIN_LANGUAGE: 'vi',
  BANTIN_TIME_ZONE: 'Asia/Ho_Chi_Minh',
  BANTIN_MAX_UPLOAD_BYTES: '5242880',
  ...extra,
});

describe('synthesised Lambda assets', () => {
  it('are ESM each, index.mjs plus the lazily imported chunks (renderer: plus pdfkit, templates and the fonts), under 5 MB zipped', () => {
    expect(readdirSync(bundles.Ingest).sort()).toEqual(['chunks', 'index.mjs']);
    expect(readdirSync(bundles.Finalise).sort()).toEqual(['chunks', 'index.mjs']);
    for (const name of ['ConsoleReader', 'ConsoleEditor'] as const) {
      const files = readdirSync(bundles[name]).sort();
      expect(files.includes('index.mjs') && files.every((f) => f === 'index.mjs' || f === 'chunks'), `${name}: ${files.join(', ')}`).toBe(true);
    }
    expect(readdirSync(bundles.Render).sort()).toEqual(['chunks', 'fonts', 'index.mjs', 'node_modules', 'templates']);
    for (const dir of Object.values(bundles)) {
      if (existsSync(path.join(dir, 'chunks'))) expect(readdirSync(path.join(dir, 'chunks')).every((f) => f.endsWith('.mjs'))).toBe(true);
    }
    expect(readdirSync(path.join(bundles.Render, 'fonts')).sort()).toEqual([...FONT_FILE_NAMES].sort());
    expect(readdirSync(path.join(bundles.Render, 'templates')).length).toBeGreaterThan(0);
    expect(existsSync(path.join(bundles.Render, 'node_modules/pdfkit/package.json'))).toBe(true);
    // Everything else is bundled: the AWS SDK is not taken from the runtime.
    expect(readdirSync(path.join(bundles.Render, 'node_modules')).some((n) => n.startsWith('@aws-sdk'))).toBe(false);
    for (const [name, dir] of Object.entries(bundles)) {
      const size = zippedSize(dir);
      console.log(`${name} asset: ${(size / 1024 / 1024).toFixed(2)} MB zipped, index.mjs ${(statSync(path.join(dir, 'index.mjs')).size / 1024).toFixed(0)} KiB`);
      expect(size, name).toBeLessThan(MAX_ZIPPED_BYTES);
    }
  });

  it('ingest: the SQS client and Powertools are in the bundle but not read at import (chunks loaded on first use)', () => {
    const entry = path.join(bundles.Ingest, 'index.mjs');
    const atImport = readAtImport(entry).files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const chunks = readdirSync(path.join(bundles.Ingest, 'chunks')).map((f) => readFileSync(path.join(bundles.Ingest, 'chunks', f), 'utf8')).join('\n');
    // The class name esbuild keeps for SendMessageCommand, and Powertools' environment variables.
    for (const marker of ['"SendMessageCommand"', 'POWERTOOLS_']) {
      expect(chunks, marker).toContain(marker);
      expect(atImport, marker).not.toContain(marker);
    }
  });

  /** An SQS batch of one S3 object-created notification, as the ingest Lambda receives it. */
  function sqsBatchOf(encodedKey: string, size: number) {
    const body = { Records: [{ eventName: 'ObjectCreated:Put', eventTime: new Date().toISOString(), s3: { bucket: { name: BUCKET }, object: { key: encodedKey, size } } }] };
    return {
      Records: [
        {
          messageId: `m-${encodedKey}`,
          receiptHandle: `r-${encodedKey}`,
          body: JSON.stringify(body),
          attributes: { ApproximateReceiveCount: '1' },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
          awsRegion: 'us-east-1',
        },
      ],
    };
  }

  it('ingest: an SQS batch of an S3 notification (URL-encoded key) yields the article record', async () => {
    const encoded = encodeURIComponent(UPLOAD_KEY).replace(/%20/g, '+').replace(/%2F/g, '/');
    const { result, stdout } = await invoke(bundles.Ingest, sqsBatchOf(encoded, 1), env());
    expect(result.batchItemFailures).toEqual([]);
    // Structured JSON logs, without the article text.
    const logs = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    // The correlation id: the request id, the SQS message id and the object key on each line of the message.
    expect(logs.find((l) => l.message === 'article ingested')).toMatchObject({
      level: 'INFO',
      service: 'bantin-ingest',
      requestId: 'asset-test',
      messageId: `m-${encoded}`,
      objectKey: UPLOAD_KEY,
      uploadKey: UPLOAD_KEY,
    });
    // One EMF line (Powertools Metrics, bundled) at the end of the invocation.
    const emf = logs.filter((l) => l._aws);
    expect(emf).toHaveLength(1);
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Bantin', Dimensions: [['service']] });
    expect(emf[0]._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name).sort()).toEqual(['ArticlesIngested', 'CorrectionsApplied']);
    expect(emf[0]).toMatchObject({ service: 'bantin-ingest', ArticlesIngested: 1, CorrectionsApplied: 0 });
    expect(stdout).not.toContain('Chi bộ Sở Thông tin');
    const client = s3Client(endpoint);
    const { Body } = await client.send(new (await import('@aws-sdk/client-s3')).GetObjectCommand({ Bucket: BUCKET, Key: 'articles/thư mục/Hội nghị sơ kết + 6 tháng.txt.json' }));
    const article = JSON.parse(await Body!.transformToString());
    client.destroy();
    expect(article.source.key).toBe(UPLOAD_KEY);
  });

  it('ingest: uploads in Windows-1258, TCVN3 and VNI decode with the code pages the bundle keeps', async () => {
    const text = readFileSync(SEED, 'utf8');
    const client = s3Client(endpoint);
    for (const encoding of ['windows-1258', 'tcvn3', 'vni'] as const) {
      const key = `incoming/legacy/${encoding}.txt`;
      const body = encodeLegacy(text, encoding);
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
      const { result } = await invoke(bundles.Ingest, sqsBatchOf(key, body.length), env());
      expect(result.batchItemFailures, encoding).toEqual([]);
      const { Body } = await client.send(new (await import('@aws-sdk/client-s3')).GetObjectCommand({ Bucket: BUCKET, Key: `articles/legacy/${encoding}.txt.json` }));
      const article = JSON.parse(await Body!.transformToString());
      expect(article.encoding, encoding).toBe(encoding);
      expect(article.title, encoding).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/u);
    }
    client.destroy();
  });

  it('ingest: an HTML page goes through the DOM and readability code bundled in the asset', async () => {
    const key = 'incoming/trang/hoi-nghi.html';
    const paragraph = 'Sáng 16/2/2023, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị học tập, quán triệt Nghị quyết 05-NQ/TU của Ban Thường vụ Tỉnh ủy về đẩy mạnh cải cách hành chính. ';
    const page = `<!doctype html><html lang="vi"><head><title>Hội nghị quán triệt Nghị quyết 05-NQ/TU | Báo Tỉnh</title>
<meta property="og:title" content="Hội nghị quán triệt Nghị quyết 05-NQ/TU"><meta property="article:published_time" content="2023-02-16T10:30:00+07:00"></head>
<body><nav>Trang chủ | Thời sự</nav><article><h1>Hội nghị quán triệt Nghị quyết 05-NQ/TU</h1>${`<p>${paragraph.repeat(3)}</p>`.repeat(4)}</article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Tin khác</a></li></ul></aside></body></html>`;
    const client = s3Client(endpoint);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from(page, 'utf8') }));
    const { result } = await invoke(bundles.Ingest, sqsBatchOf(key, page.length), env());
    expect(result.batchItemFailures).toEqual([]);
    const { Body } = await client.send(new (await import('@aws-sdk/client-s3')).GetObjectCommand({ Bucket: BUCKET, Key: 'articles/trang/hoi-nghi.html.json' }));
    const article = JSON.parse(await Body!.transformToString());
    client.destroy();
    expect(article.format).toBe('html');
    expect(article.title).toBe('Hội nghị quán triệt Nghị quyết 05-NQ/TU');
    expect(article.publishedAt).toBe('2023-02-16T10:30');
    expect(article.body).toContain('Đảng ủy Khối các cơ quan tỉnh');
    expect(article.body).not.toContain('Tin liên quan');
    expect(article.documents.map((d: { code: string | null }) => d.code)).toContain('05-NQ/TU');
  });

  it('render: a scheduled run turns the dirty month into a PDF whose text is Vietnamese, and a Word report with the issuer', async () => {
    const { result, stdout } = await invoke(
      bundles.Render,
      { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} },
      env({ BANTIN_ASSETS_DIR: bundles.Render, BANTIN_ISSUER: 'Đảng ủy Sở Thông tin và Truyền thông', BANTIN_PLACE: 'Nghệ An' }),
    );
    expect(result.failed).toEqual([]);
    const emf = stdout.split('\n').filter((l) => l.startsWith('{') && l.includes('"_aws"')).map((l) => JSON.parse(l));
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ service: 'bantin-render', DigestsRendered: result.rendered.length, RenderFailures: 0 });
    expect(result.rendered.map((r: { periodId: string }) => r.periodId)).toEqual(expect.arrayContaining(['2023-06', '2023-Q2', '2023-H1', '2023']));
    const client = s3Client(endpoint);
    const pdf = await (await client.send(new (await import('@aws-sdk/client-s3')).GetObjectCommand({ Bucket: BUCKET, Key: 'digests/2023-06/digest.pdf' }))).Body!.transformToByteArray();
    // The docx library is bundled into index.mjs (it needs no files of its own at run time).
    const docx = await (await client.send(new (await import('@aws-sdk/client-s3')).GetObjectCommand({ Bucket: BUCKET, Key: 'digests/2023-H1/digest.docx' }))).Body!.transformToByteArray();
    client.destroy();
    const docxFile = path.join(work, 'digest.docx');
    writeFileSync(docxFile, docx);
    const documentXml = execFileSync('unzip', ['-p', docxFile, 'word/document.xml'], { encoding: 'utf8' }).normalize('NFC');
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'Đảng ủy Sở Thông tin và Truyền thông', 'Nghệ An, ngày', 'BÁO CÁO', '6 tháng đầu năm 2023']) expect(documentXml).toContain(s);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(pdf).normalize('NFC');
    expect(text).toContain('Chi bộ Sở Thông tin và Truyền thông');
    expect(text).toContain('Tháng 6 năm 2023');
  });

  /** An HTTP API (payload 2.0) request as API Gateway hands it over after its JWT authorizer. */
  function apiEvent(method: string, rawPath: string, claims: Record<string, string> | null) {
    return {
      version: '2.0',
      routeKey: `${method} /api/{proxy+}`,
      rawPath,
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: {
        http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'asset-test' },
        requestId: 'api-req',
        routeKey: `${method} /api/{proxy+}`,
        stage: '$default',
        ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
      },
    };
  }

  it('console API: the bundled adapter answers with JSON errors by itself, and hands a signed-in request to the router', async () => {
    const editorClaims = { 'cognito:username': 'lan', 'cognito:groups': '[editors readers]' };
    const anonymous = await invoke(bundles.ConsoleReader, apiEvent('GET', '/api/session', null), env({ BANTIN_CONSOLE_ROLE: 'reader' }));
    expect(anonymous.result.statusCode).toBe(401);
    expect(JSON.parse(anonymous.result.body).error.code).toBe('unauthorized');
    // The editor function never answers GET (it may not read what GET routes show).
    const wrong = await invoke(bundles.ConsoleEditor, apiEvent('GET', '/api/session', editorClaims), env({ BANTIN_CONSOLE_ROLE: 'editor' }));
    expect(wrong.result.statusCode).toBe(405);
    const session = await invoke(bundles.ConsoleReader, apiEvent('GET', '/api/session', editorClaims), env({ BANTIN_CONSOLE_ROLE: 'reader' }));
    // The router behind the bundled adapter: the signed-in editor's session.
    expect(session.result.statusCode).toBe(200);
    expect(JSON.parse(session.result.body)).toMatchObject({ user: { name: 'lan', groups: ['editors', 'readers'] }, canEdit: true, local: false });
    expect(session.result.headers['content-type']).toBe('application/json; charset=utf-8');
    const logs = session.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(logs.find((l) => l.message === 'console request')).toMatchObject({ service: 'bantin-console-api', requestId: 'asset-test', method: 'GET', path: '/api/session', user: 'lan' });
  });

  it('finalise: runs and finds nothing due when every rendered period is already final', async () => {
    const { result } = await invoke(bundles.Finalise, { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} }, env());
    expect(result).toEqual({ due: [] });
  });
});
