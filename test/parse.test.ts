import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../lambda/core/parse.ts';
import { encodeLegacy } from '../lambda/core/decode.ts';
import { looksLikeHtml } from '../lambda/core/html.ts';
import { ArticleSchema, RejectionSchema } from '../lambda/core/model.ts';
import type { Article, ParseInput } from '../lambda/core/model.ts';

const run = promisify(execFile);
const fixturePath = (name: string) => new URL(`./fixtures/parser/${name}`, import.meta.url).pathname;
const fixture = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));
const utf8 = (s: string) => new TextEncoder().encode(s);

function parsed(input: Partial<ParseInput> & { bytes: Uint8Array }): Article {
  const result = parseArticle({ key: 'test', ...input });
  if (!result.ok) throw new Error(`rejected: ${result.rejection.reason}: ${result.rejection.message}`);
  expect(ArticleSchema.safeParse(result.article).success).toBe(true);
  return result.article;
}

describe('parseArticle: HTML news page', () => {
  const a = parsed({ bytes: fixture('news-page.html'), key: 'news-page.html', uploadedAt: '2024-01-02T03:04:05.000Z' });

  it('reads metadata from og/JSON-LD/article meta', () => {
    expect(a.format).toBe('html');
    expect(a.title).toBe('Đảng ủy Khối tổ chức Hội nghị quán triệt Nghị quyết 05-NQ/TU');
    expect(a.publishedAt).toBe('2023-03-20T09:15');
    expect(a.author).toBe('Thanh Lê');
    expect(a.source).toEqual({
      key: 'news-page.html',
      outlet: 'Báo Nghệ An',
      url: 'https://baonghean.vn/dang-uy-khoi-quan-triet-nghi-quyet-05-nq-tu-10245.html',
    });
    expect(a.uploadedAt).toBe('2024-01-02T03:04:05.000Z');
  });

  it('keeps the article text and nothing of the page chrome or markup', () => {
    expect(a.body).toContain('Sáng 20/3, Đảng ủy Khối các cơ quan tỉnh tổ chức Hội nghị học tập');
    expect(a.body).toContain('hơn 5.000 cán bộ, đảng viên');
    expect(a.body).toContain('Chỉ thị 05-CT/TW của Bộ Chính trị');
    expect(a.body).toContain('Quang cảnh Hội nghị tại điểm cầu Đảng ủy Khối.');
    for (const chrome of [
      'cookies', 'Read More', 'Thời sự', 'Trang chủ', '-A', '+A', 'Tin liên quan', 'Nghệ An đẩy mạnh chuyển đổi số',
      'Tin đọc nhiều', 'xổ số', 'POWERED BY', 'Tổng Biên tập', 'dataLayer', 'trackArticle', 'youtube', 'Ảnh: Thanh Lê',
      '(Baonghean.vn)', '<', '>', 'font-family',
    ]) {
      expect(a.body, chrome).not.toContain(chrome);
    }
    expect(a.body.split('\n\n')).toHaveLength(5);
    // the parser guessed nothing (the facts stage may add its own warnings)
    expect(a.warnings.join('\n')).not.toMatch(/encoding guessed|title missing|publication time|readability|invalid UTF-8/);
  });
});

describe('parseArticle: text', () => {
  it('gives every encoding of the same article the same record and id', () => {
    const reference = parsed({ bytes: fixture('source-utf8.txt') });
    for (const name of ['utf8-bom.txt', 'utf16le-bom.txt', 'utf16be-bom.txt', 'windows-1258.txt', 'tcvn3.txt', 'vni.txt', 'nfd-controls.txt']) {
      const a = parsed({ bytes: fixture(name) });
      expect(a.id, name).toBe(reference.id);
      expect(a.body, name).toBe(reference.body);
      expect(a.title, name).toBe('Chi bộ Sở Tư pháp tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2024');
    }
    expect(reference.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('warns about every guess', () => {
    expect(parsed({ bytes: fixture('windows-1258.txt') }).warnings).toContain('encoding guessed as windows-1258');
    const bare = parsed({ bytes: utf8('Nội dung không có tiêu đề, chỉ là một đoạn văn bản dài kết thúc bằng dấu chấm.') });
    expect(bare.title).toBeNull();
    expect(bare.warnings).toEqual(expect.arrayContaining(['title missing', 'publication time missing']));
  });

  it('uses upload metadata only when the page has none', () => {
    const text = utf8('Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12\nSáng nay, Hội nghị đã khai mạc tại Vinh.');
    const a = parsed({ bytes: text, sourceUrl: 'https://example.vn/a.html', publishedAt: '2024-05-01T01:30:00Z' });
    expect(a.publishedAt).toBe('2024-05-01T08:30');
    expect(a.source.url).toBe('https://example.vn/a.html');
    expect(a.warnings).toContain('publication time taken from upload metadata');
    const own = parsed({ bytes: fixture('source-utf8.txt'), publishedAt: '2000-01-01T00:00:00Z' });
    expect(own.publishedAt).toBe('2024-07-15T10:30');
  });

  it('decodes entities in plain text but never treats text with a stray tag as HTML', () => {
    const a = parsed({ bytes: utf8('Sở TT&amp;TT tổ chức hội nghị về chuyển đổi số\nNội dung: dùng thẻ <b> để in đậm &quot;tiêu đề&quot;.') });
    expect(a.format).toBe('text');
    expect(a.title).toBe('Sở TT&TT tổ chức hội nghị về chuyển đổi số');
    expect(a.body).toContain('"tiêu đề"');
    expect(looksLikeHtml('<p>một</p><p>hai</p><div>ba</div><br>')).toBe(true);
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
  });

  it('parses HTML in a legacy encoding and HTML fragments without a readable article', () => {
    const html = '<html><head><title>Họp báo Chính phủ thường kỳ tháng 6</title></head><body><p>Chiều 3/7, Chính phủ tổ chức họp báo thường kỳ.</p></body></html>';
    const a = parsed({ bytes: encodeLegacy(html, 'windows-1258') });
    expect(a.format).toBe('html');
    expect(a.encoding).toBe('windows-1258');
    expect(a.title).toBe('Họp báo Chính phủ thường kỳ tháng 6');
    expect(a.body).toBe('Chiều 3/7, Chính phủ tổ chức họp báo thường kỳ.');
    expect(a.warnings).toContain('main content not found; used page text');
  });
});

describe('parseArticle: rejections', () => {
  it.each([
    ['empty', new Uint8Array()],
    ['empty', utf8('   \n\n  ')],
    ['binary', utf8('%PDF-1.4 whatever')],
    ['no-text', utf8('-A\n+A\nimage banner\n12345\n')],
    ['no-text', utf8('<html><body><script>var a = 1;</script><style>p{}</style></body></html>')],
  ])('%s', (reason, bytes) => {
    const result = parseArticle({ bytes, key: 'k' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.reason).toBe(reason);
    expect(RejectionSchema.safeParse(result.rejection).success).toBe(true);
    expect(result.rejection.bytes).toBe(bytes.length);
  });

  it('too-large with maxBytes', () => {
    const result = parseArticle({ bytes: fixture('source-utf8.txt'), key: 'k' }, { maxBytes: 100 });
    expect(result).toMatchObject({ ok: false, rejection: { reason: 'too-large' } });
  });
});

describe('bantin parse (CLI)', () => {
  const cli = (args: string[]) => run(process.execPath, ['bin/bantin.js', 'parse', ...args], { cwd: new URL('..', import.meta.url).pathname });

  it('--json prints one validated record for one file, an array for several', async () => {
    const one = await cli(['--json', fixturePath('news-page.html')]);
    expect(ArticleSchema.parse(JSON.parse(one.stdout)).title).toBe('Đảng ủy Khối tổ chức Hội nghị quán triệt Nghị quyết 05-NQ/TU');
    const many = await cli(['--json', fixturePath('vni.txt'), fixturePath('tcvn3.txt')]);
    const records = JSON.parse(many.stdout) as unknown[];
    expect(records.map((r) => ArticleSchema.parse(r).encoding)).toEqual(['vni', 'tcvn3']);
  }, 60_000);

  it('prints a readable summary, reports rejections on stderr and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bantin-parse-'));
    writeFileSync(join(dir, 'scan.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]));
    const error = await cli([fixturePath('source-utf8.txt'), join(dir, 'scan.txt')]).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect('code' in error && error.code).toBe(2);
    expect(error.stdout).toContain('title:       Chi bộ Sở Tư pháp tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2024');
    expect(error.stdout).toContain('published:   2024-07-15T10:30');
    expect(error.stdout).toContain('author:      Nguyễn Thị Lụa');
    expect(error.stderr).toContain('scan.txt: rejected (binary): binary file (PDF document)');
  }, 60_000);

  it('--stats counts a folder tree', async () => {
    const { stdout } = await cli(['--stats', new URL('./fixtures/parser', import.meta.url).pathname]);
    expect(stdout).toMatch(/^files: +9$/m);
    expect(stdout).toMatch(/^parsed: +9$/m);
    expect(stdout).toMatch(/^with title: +9 /m);
    expect(stdout).toMatch(/^time: /m);
  }, 60_000);

  it('--help shows examples', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('--stats');
  }, 60_000);
});
