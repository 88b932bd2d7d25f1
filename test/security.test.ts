/**
 * Security guarantees of issue 5 that are not stack assertions:
 * - logs hold no article text and no credentials: the real local pipeline (s3rver + the ingest and
 *   render handlers) runs the seed articles plus a rejected upload with each of the two loggers the
 *   project has (local console lines, Lambda JSON lines) at debug level, capturing every line;
 * - no unsigned download link is offered: the stack has no website hosting, CDN or public grant,
 *   its outputs are s3:// URIs (reachable only with credentials), and the digest index links
 *   relatively. So no presigned URL is needed; a change that starts offering HTTP links fails here.
 *
 * The bucket's public-access block and TLS-only policy, and least-privilege IAM, are asserted in
 * test/stack.test.ts ("bucket › is private, TLS-only, …" and the "least privilege" tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BantinStack } from '../lib/bantin-stack.ts';
import { renderIndexHtml } from '../lambda/core/render/index.ts';
import { ArticleSchema } from '../lambda/core/model.ts';
import { JsonLogger } from '../lambda/handlers/logger.ts';
import { consoleLogger } from '../lambda/local/console-logger.ts';
import { LOCAL_CREDENTIALS } from '../lambda/local/server.ts';
import { ARTICLES } from '../lambda/pipeline/keys.ts';
import type { Logger } from '../lambda/pipeline/log.ts';
import { getJson } from '../lambda/storage/object-store.ts';
import { startTestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const SEEDS = SEEDS_DIR;

/** Sentences of an article body long enough to be unmistakable (and free of characters a log escapes). */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…:;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 25 && !/["\\]/.test(s));
}

/** Every body sentence found in the captured log (raw lines and, for JSON lines, their decoded string values). */
function leaked(lines: string[], sentences: string[]): string[] {
  const decoded: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') decoded.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const line of lines) {
    try {
      collect(JSON.parse(line));
    } catch {
      // not JSON: the raw line is searched below
    }
  }
  const haystack = `${lines.join('\n')}\n${decoded.join('\n')}`;
  return sentences.filter((s) => haystack.includes(s));
}

const capture = (lines: string[]) =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

const LOGGERS: [string, (lines: string[]) => Logger][] = [
  ['local console logger (bantin local --verbose)', (lines) => consoleLogger({ verbose: true, write: (line) => lines.push(line) })],
  ['Lambda JSON logger (DEBUG level)', (lines) => new JsonLogger('bantin-test', { level: 'DEBUG', stdout: capture(lines), stderr: capture(lines) })],
];

describe('logs hold no article bodies or secrets', () => {
  it('the leak check finds a body sentence when one is logged', () => {
    const sentence = 'Hội nghị đã thảo luận, cho ý kiến vào dự thảo báo cáo chính trị của Ban Chấp hành';
    const lines: string[] = [];
    consoleLogger({ write: (l) => lines.push(l) }).info('oops', { text: `… ${sentence} …` });
    new JsonLogger('t', { stdout: capture(lines), stderr: capture(lines) }).info('oops', { text: `“${sentence}”` });
    expect(lines).toHaveLength(2);
    expect(leaked([lines[0]!], [sentence])).toEqual([sentence]);
    expect(leaked([lines[1]!], [sentence])).toEqual([sentence]);
  });

  for (const [name, makeLogger] of LOGGERS) {
    it(`${name}: ingesting and rendering the seeds logs metadata only`, async () => {
      const lines: string[] = [];
      const pipeline = await startTestPipeline({ log: makeLogger(lines) });
      try {
        const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
        expect(seeds.length).toBeGreaterThan(0);
        for (const seed of seeds) {
          const body = readFileSync(path.join(SEEDS, seed));
          await pipeline.client.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: `incoming/${seed}`, Body: body, ContentLength: body.byteLength }));
        }
        // A rejected upload too: the rejection path logs its reason and detail.
        const binary = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0)]);
        await pipeline.client.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: 'incoming/bien-ban.pdf.txt', Body: binary, ContentLength: binary.byteLength }));
        await pipeline.idle();
        await pipeline.renderNow();

        const records = (await pipeline.store.list(ARTICLES)).filter((o) => o.key.endsWith('.json'));
        expect(records).toHaveLength(seeds.length);
        const sentences: string[] = [];
        for (const r of records) {
          const article = (await getJson(pipeline.store, r.key, (v) => ArticleSchema.parse(v)))!;
          sentences.push(...sentencesOf(article.body));
        }
        expect(sentences.length).toBeGreaterThan(20);

        // The capture works: ingest, rejection and render all logged something.
        const text = lines.join('\n');
        expect(text).toContain('article ingested');
        expect(text).toContain('upload rejected');
        expect(text).toContain('digest rendered');

        expect(leaked(lines, sentences)).toEqual([]);
        expect(text).not.toContain(LOCAL_CREDENTIALS.secretAccessKey);
      } finally {
        await pipeline.dispose();
      }
    }, 120_000);
  }
});

describe('download links', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(new BantinStack(app, 'Bantin')).toJSON() as {
    Resources: Record<string, { Type: string; Properties?: Record<string, any> }>;
    Outputs?: Record<string, { Value: unknown }>;
  };
  const resources = Object.values(template.Resources);

  it('the stack serves over HTTP only the web console: one CDN reading console/* through OAC, one HTTP API with a JWT authorizer on every route; no website hosting, public grant or Lambda URL', () => {
    for (const r of resources) {
      // No REST API, no function URL; the console's HTTP API and distribution are counted below.
      expect(r.Type).not.toMatch(/^AWS::ApiGateway::|^AWS::Lambda::Url$/);
      if (r.Type === 'AWS::S3::Bucket') expect(r.Properties?.WebsiteConfiguration).toBeUndefined();
      if (r.Type === 'AWS::S3::BucketPolicy') {
        for (const s of r.Properties!.PolicyDocument.Statement as { Effect: string; Principal?: unknown; Resource: unknown; Condition?: unknown }[]) {
          if (s.Effect !== 'Allow') continue;
          expect(JSON.stringify(s.Principal ?? null)).not.toMatch(/"\*"/);
          // The one grant: CloudFront, for this distribution, on the console's files.
          expect(s.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
          expect(JSON.stringify(s.Resource)).toMatch(/"\/console\/\*"\]\]\}$/);
          expect(JSON.stringify(s.Condition)).toContain('AWS:SourceArn');
        }
      }
    }
    const ofType = (type: string) => resources.filter((r) => r.Type === type);
    expect(ofType('AWS::CloudFront::Distribution')).toHaveLength(1);
    expect(ofType('AWS::ApiGatewayV2::Api')).toHaveLength(1);
    const routes = ofType('AWS::ApiGatewayV2::Route');
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) expect(r.Properties!.AuthorizationType, r.Properties!.RouteKey).toBe('JWT');
    const outputs = Object.entries(template.Outputs ?? {});
    expect(outputs.length).toBeGreaterThan(0);
    for (const [name, output] of outputs) {
      if (name === 'DeadLetterQueueUrl') continue; // an SQS queue URL, usable only with credentials
      if (name === 'ConsoleUrl') continue; // the console's address: the app, then sign-in
      expect(JSON.stringify(output.Value)).not.toMatch(/https?:\/\//);
    }
  });

  it('the digest index links its digests relatively (no absolute download URL to sign)', () => {
    const html = renderIndexHtml([{ periodId: '2023-06', label: 'Tháng 6/2023', meetings: 1, articles: 2, href: '2023-06/digest.html' }]);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs).toContain('2023-06/digest.html');
    for (const href of hrefs) expect(href).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
  });
});

describe('source URLs', () => {
  it('keeps only http(s) addresses in records and digests, and says what it dropped', async () => {
    const { parseArticle } = await import('../lambda/core/parse.ts');
    const { aggregateMonth } = await import('../lambda/core/aggregate.ts');
    const bytes = readFileSync(path.join(SEEDS, '001_74d7446270d97ccb.txt'));
    for (const bad of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', ' JAVASCRIPT:alert(1)', '/relative/page.html']) {
      const result = parseArticle({ bytes, key: 'a.txt', sourceUrl: bad });
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.article.source.url, bad).toBeNull();
      expect(result.article.warnings.some((w) => w.startsWith('source URL dropped')), bad).toBe(true);
    }
    const good = parseArticle({ bytes, key: 'a.txt', sourceUrl: 'https://example.org/bai-viet?id=1' });
    expect(good.ok && good.article.source.url).toBe('https://example.org/bai-viet?id=1');

    // A record stored before URLs were checked still reaches no digest with its link.
    if (!good.ok) return;
    const old = { ...good.article, source: { ...good.article.source, url: 'javascript:alert(1)' } };
    const month = aggregateMonth('2023-06', [old]);
    expect(JSON.stringify(month)).not.toContain('javascript:');
  });
});
