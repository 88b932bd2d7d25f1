import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigestSchema } from '../lambda/core/digest-model.ts';
import { RejectionSchema } from '../lambda/core/model.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const SEEDS = SEEDS_DIR;
const CLI = path.resolve('bin/bantin.js');

/** The clock of these builds (SOURCE_DATE_EPOCH): 30 Nov 2025, 09:00 in Vietnam. */
const EPOCH = '1764468000';

function bantin(args: string[], env: Record<string, string> = { SOURCE_DATE_EPOCH: EPOCH }): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function makeInput(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bantin-build-in-'));
  cpSync(SEEDS, path.join(dir, 'seeds'), { recursive: true });
  // A copy of one seed under another name (same content -> counted once), a binary file, an ignored file.
  copyFileSync(path.join(SEEDS, '001_74d7446270d97ccb.txt'), path.join(dir, 'copy-of-001.txt'));
  mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(path.join(dir, 'nested', 'deeper', 'scan.html'), Buffer.from('%PDF-1.4\n%\xff\xff\n1 0 obj\n<<>>\nendobj\n\0\0\0\0', 'latin1'));
  writeFileSync(path.join(dir, 'notes.docx'), 'ignored');
  const when = new Date('2024-10-01T03:00:00Z');
  for (const f of execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n')) utimesSync(f, when, when);
  return dir;
}

function snapshot(out: string): Map<string, { bytes: string; mtimeMs: number }> {
  const files = execFileSync('find', [out, '-type', 'f', '-not', '-path', '*/.cache/*'], { encoding: 'utf8' }).trim().split('\n');
  return new Map(files.map((f) => [path.relative(out, f), { bytes: readFileSync(f).toString('base64'), mtimeMs: statSync(f).mtimeMs }]));
}

describe('bantin build', () => {
  const input = makeInput();
  const out = mkdtempSync(path.join(tmpdir(), 'bantin-build-out-'));
  const first = bantin(['build', input, '--out', out]);

  it('writes a digest per period touched, an index and rejected.json', () => {
    expect(first.status, first.stderr).toBe(0);
    const periods = [...new Set(readFileSync(path.join(out, 'index.html'), 'utf8').match(/href="([^"]+)\/digest\.html"/g)!.map((h) => h.slice(6, -13)))];
    expect(periods.length).toBeGreaterThanOrEqual(4);
    for (const p of periods) {
      for (const ext of ['html', 'pdf', 'json', 'docx']) expect(existsSync(path.join(out, p, `digest.${ext}`)), `${p}/digest.${ext}`).toBe(true);
      const digest = DigestSchema.parse(JSON.parse(readFileSync(path.join(out, p, 'digest.json'), 'utf8')));
      expect(digest.periodId).toBe(p);
      expect(digest.generation).toBe(0);
    }
    // Every period of every seed's meeting date (gold), the periods of the rejected upload's
    // upload time (a digest lists the files it could not use), and nothing else.
    const gold = ['2021-09-23', '2023-06-07', '2023-02-16', '2019-08-16', '2024-09-18', '2024-10-01'];
    const expected = new Set(gold.flatMap((d) => {
      const y = d.slice(0, 4);
      const m = Number(d.slice(5, 7));
      return [y, `${y}-H${m <= 6 ? 1 : 2}`, `${y}-Q${Math.ceil(m / 3)}`, d.slice(0, 7)];
    }));
    expect([...periods].sort()).toEqual([...expected].sort());
    const rejected = RejectionSchema.array().parse(JSON.parse(readFileSync(path.join(out, 'rejected.json'), 'utf8')));
    // The binary upload read as an article, and the Word file it never reads (named, not silent).
    expect(rejected.map((r) => [r.key, r.reason])).toEqual([['nested/deeper/scan.html', 'binary'], ['notes.docx', 'binary']]);
    expect(rejected[0]!.rejectedAt).toBe('2024-10-01T03:00:00.000Z');
    expect(rejected[1]!.message).toContain('Word document');
  });

  it('parses the seeds into a 2023-H1 digest with exactly the meetings of seeds 001 and 002', () => {
    const h1 = DigestSchema.parse(JSON.parse(readFileSync(path.join(out, '2023-H1', 'digest.json'), 'utf8')));
    const keysOf = (ids: string[]): string[] => ids.flatMap((id) => h1.articles.find((a) => a.id === id)!.sources.map((s) => s.key)).sort();
    expect(h1.meetings.map((m) => [m.date, m.type, keysOf(m.articleIds)])).toEqual([
      ['2023-02-16', 'quan-triet', ['seeds/002_467a0e42bdf0f961.txt']],
      ['2023-06-07', 'so-ket', ['copy-of-001.txt', 'seeds/001_74d7446270d97ccb.txt']],
    ]);
    expect(h1.documents.map((d) => d.code)).toEqual(expect.arrayContaining(['05-NQ/TU', '04-ĐA/TU', '05-CT/TW']));
    const text = execFileSync('pdftotext', [path.join(out, '2023-H1', 'digest.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    for (const s of ['Bản tin tổng hợp 6 tháng đầu năm 2023', 'Đảng ủy Khối các cơ quan tỉnh', 'Nghị quyết', 'Võ Trọng Phú', 'Nguyễn Trọng Hùng', '05-NQ/TU', '04-ĐA/TU']) {
      expect(text).toContain(s);
    }
  });

  it('merges the duplicate upload and reports a summary', () => {
    expect(first.stdout).toContain('Files: 7 (7 parsed, 0 from cache)');
    expect(first.stdout).toContain('Articles: 5 (+1 duplicate upload merged)');
    expect(first.stdout).toContain('Rejected: 1');
    expect(first.stdout).toContain('Skipped: 1 ');
    expect(first.stdout).toMatch(/notes\.docx: Word document \(\.docx\): not read/);
    expect(first.stdout).toMatch(/Time: \d+\.\d\d s/);
    // Not a TTY: no progress bar escape codes.
    expect(first.stderr).not.toContain('\u001b[');
    const june = DigestSchema.parse(JSON.parse(readFileSync(path.join(out, '2023-06', 'digest.json'), 'utf8')));
    const seed001 = june.articles.find((a) => a.title?.includes('sơ kết công tác 6 tháng đầu năm 2023'))!;
    expect(seed001.sources.map((s) => s.key)).toEqual(['copy-of-001.txt', 'seeds/001_74d7446270d97ccb.txt']);
    expect(june.rejections).toHaveLength(0);
  });

  it('re-running on the same folder uses the cache and rewrites nothing', () => {
    const before = snapshot(out);
    // A later clock: an unchanged digest keeps its date and its bytes.
    const again = bantin(['build', input, '--out', out], { SOURCE_DATE_EPOCH: '1800000000' });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Files: 7 (0 parsed, 7 from cache)');
    expect(again.stdout).toMatch(/Files written: 0,/);
    expect(snapshot(out)).toEqual(before);
  });

  it('dates a digest (Ngày lập) by when it was generated, not by the latest upload', () => {
    const h1 = DigestSchema.parse(JSON.parse(readFileSync(path.join(out, '2023-H1', 'digest.json'), 'utf8')));
    expect(h1.generatedAt).toBe(new Date(Number(EPOCH) * 1000).toISOString());
    const text = execFileSync('pdftotext', [path.join(out, '2023-H1', 'digest.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('30/11/2025');
    // The uploads (file times) are of 1 October 2024: that is not the date the digest was made.
    expect(text).not.toContain('01/10/2024');
  });

  it('gives the same bytes from a fresh output folder on the same clock (SOURCE_DATE_EPOCH)', () => {
    const out2 = mkdtempSync(path.join(tmpdir(), 'bantin-build-out2-'));
    expect(bantin(['build', input, '--out', out2, '--no-cache']).status).toBe(0);
    const a = snapshot(out);
    const b = snapshot(out2);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect(b.get(k)!.bytes, k).toBe(v.bytes);
  });

  it('builds only the requested kinds, in the requested language', () => {
    const out3 = mkdtempSync(path.join(tmpdir(), 'bantin-build-out3-'));
    const r = bantin(['build', input, '--out', out3, '--period', 'half', '--period', 'year', '--lang', 'en']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(path.join(out3, '2023-H1', 'digest.pdf'))).toBe(true);
    expect(existsSync(path.join(out3, '2023-06'))).toBe(false);
    expect(existsSync(path.join(out3, '2023-Q2'))).toBe(false);
    expect(readFileSync(path.join(out3, '2023-H1', 'digest.html'), 'utf8')).toContain('<html lang="en">');
  });

  it('explains itself and refuses bad input', () => {
    const help = bantin(['build', '--help']);
    expect(help.stdout).toContain('--period <kinds>');
    expect(help.stdout).toContain('Examples:');
    const bad = bantin(['build', input, '--out', out, '--period', 'week']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('"week" is not one of month, quarter, half, year');
  });
});

describe('bantin build names the files it does not read', () => {
  it('lists Word, PDF, images, other types, links outside the folder and orphan sidecars, in the summary and rejected.json', () => {
    const input = mkdtempSync(path.join(tmpdir(), 'bantin-build-skip-'));
    copyFileSync(path.join(SEEDS, '001_74d7446270d97ccb.txt'), path.join(input, 'a.txt'));
    writeFileSync(path.join(input, 'report.docx'), 'PK\u0003\u0004');
    writeFileSync(path.join(input, 'old.doc'), 'x');
    writeFileSync(path.join(input, 'scan.pdf'), '%PDF-1.4');
    mkdirSync(path.join(input, 'img'));
    writeFileSync(path.join(input, 'img', 'photo.JPG'), 'x');
    writeFileSync(path.join(input, 'table.xlsx'), 'x');
    writeFileSync(path.join(input, 'gone.txt.meta.json'), '{}');
    const outside = mkdtempSync(path.join(tmpdir(), 'bantin-build-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'not yours');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(input, 'link.txt'));
    symlinkSync(path.join(input, 'a.txt'), path.join(input, 'inside-link.txt'));
    symlinkSync(path.join(input, 'nowhere.txt'), path.join(input, 'broken.txt'));
    writeFileSync(path.join(input, '.DS_Store'), 'x');
    const out = mkdtempSync(path.join(tmpdir(), 'bantin-build-skip-out-'));
    const r = bantin(['build', input, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    // The link inside the folder is read like any file (same bytes as a.txt: one article).
    expect(r.stdout).toContain('Files: 2 ');
    expect(r.stdout).toContain('Skipped: 8 ');
    const rejected = RejectionSchema.array().parse(JSON.parse(readFileSync(path.join(out, 'rejected.json'), 'utf8')));
    expect(rejected.map((x) => [x.key, x.reason])).toEqual([
      ['broken.txt', 'unreadable'],
      ['gone.txt.meta.json', 'unsupported-type'],
      ['img/photo.JPG', 'binary'],
      ['link.txt', 'unreadable'],
      ['old.doc', 'binary'],
      ['report.docx', 'binary'],
      ['scan.pdf', 'binary'],
      ['table.xlsx', 'unsupported-type'],
    ]);
    for (const x of rejected) expect(r.stdout).toContain(`${x.key}: ${x.message}`);
    expect(rejected.find((x) => x.key === 'link.txt')!.message).toBe('symbolic link pointing outside the folder: not read');
    expect(readFileSync(path.join(out, 'rejected.json'), 'utf8')).not.toContain('not yours');
  });

  it('fails with a plain sentence on a folder of only Word files, rather than "Files: 0" and success', () => {
    const input = mkdtempSync(path.join(tmpdir(), 'bantin-build-docx-'));
    writeFileSync(path.join(input, 'bai-1.docx'), 'PK\u0003\u0004');
    writeFileSync(path.join(input, 'bai-2.docx'), 'PK\u0003\u0004');
    const out = mkdtempSync(path.join(tmpdir(), 'bantin-build-docx-out-'));
    const r = bantin(['build', input, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Skipped: 2 ');
    expect(r.stdout).toContain('bai-1.docx: Word document (.docx): not read');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('No article was read from');
    expect(r.stderr).toContain('Save each article page as .html, or its text as .txt');
    expect(JSON.parse(readFileSync(path.join(out, 'rejected.json'), 'utf8'))).toHaveLength(2);
  });
});

const PLAIN = 'Chi bộ sinh hoạt chuyên đề\n\nChi bộ Văn phòng tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n';

describe('bantin build with <file>.meta.json sidecars', () => {
  const input = mkdtempSync(path.join(tmpdir(), 'bantin-build-meta-'));
  writeFileSync(path.join(input, 'bai.txt'), PLAIN);
  // 20:00 UTC on 30 June 2023 is 03:00 on 1 July in Vietnam.
  writeFileSync(path.join(input, 'bai.txt.meta.json'), JSON.stringify({ 'source-url': 'https://example.vn/tin/bai-1.html', 'published-at': '2023-06-30T20:00:00Z' }));
  writeFileSync(path.join(input, 'hong.txt'), `${PLAIN}Một bài khác.\n`);
  writeFileSync(path.join(input, 'hong.txt.meta.json'), '{"published-at": "hôm qua", ');
  const when = new Date('2024-10-01T03:00:00Z');
  for (const f of ['bai.txt', 'hong.txt']) utimesSync(path.join(input, f), when, when);
  const built = (timeZone?: string) => {
    const out = mkdtempSync(path.join(tmpdir(), 'bantin-build-meta-out-'));
    const r = bantin(['build', input, '--out', out, '--period', 'month', ...(timeZone ? ['--time-zone', timeZone] : [])]);
    return { out, ...r };
  };
  const vn = built();

  it('takes the publication time and source URL from the sidecar, which is not an article itself', () => {
    expect(vn.status, vn.stderr).toBe(0);
    expect(vn.stdout).toContain('Files: 2 ');
    expect(vn.stdout).not.toContain('Skipped:');
    const july = DigestSchema.parse(JSON.parse(readFileSync(path.join(vn.out, '2023-07', 'digest.json'), 'utf8')));
    expect(july.articles.map((a) => [a.publishedAt, a.dateBasis, a.sources.map((s) => [s.key, s.url])])).toEqual([
      ['2023-07-01T03:00', 'published', [['bai.txt', 'https://example.vn/tin/bai-1.html']]],
    ]);
  });

  it('reports a bad sidecar and ignores it, never failing the build', () => {
    expect(vn.stdout).toContain('Sidecars (.meta.json): 1 used, 1 ignored');
    expect(vn.stdout).toMatch(/hong\.txt\.meta\.json: ignored: not JSON/);
    // Its article is built as if it had no sidecar: dated by the file time.
    const october = DigestSchema.parse(JSON.parse(readFileSync(path.join(vn.out, '2024-10', 'digest.json'), 'utf8')));
    expect(october.articles.map((a) => [a.sources[0]!.key, a.dateBasis, a.sources[0]!.url])).toEqual([['hong.txt', 'uploaded', null]]);
  });

  it('--time-zone: the same sidecar time lands on the local day of the zone given', () => {
    const utc = built('UTC');
    expect(utc.status, utc.stderr).toBe(0);
    expect(existsSync(path.join(utc.out, '2023-06', 'digest.json'))).toBe(true);
    expect(existsSync(path.join(utc.out, '2023-07'))).toBe(false);
    const june = DigestSchema.parse(JSON.parse(readFileSync(path.join(utc.out, '2023-06', 'digest.json'), 'utf8')));
    expect(june.articles[0]!.publishedAt).toBe('2023-06-30T20:00');
    expect(existsSync(path.join(vn.out, '2023-06'))).toBe(false);
  });

  it('--time-zone refuses a name Intl does not know', () => {
    const r = bantin(['build', input, '--out', mkdtempSync(path.join(tmpdir(), 'bantin-build-meta-bad-')), '--time-zone', 'Asia/Hanoi_City']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('"Asia/Hanoi_City" is not an IANA time zone');
  });
});

describe('bantin build with its output folder inside the input folder', () => {
  it('never reads its own output back: a second run finds the same articles and digests', () => {
    const input = mkdtempSync(path.join(tmpdir(), 'bantin-build-self-'));
    cpSync(SEEDS, input, { recursive: true });
    const out = path.join(input, 'out');
    const first = bantin(['build', input, '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    const second = bantin(['build', input, '--out', out]);
    expect(second.status, second.stderr).toBe(0);
    const count = (s: string) => /^Files: (\d+)/m.exec(s)?.[1];
    const digests = (s: string) => /^Digests: (\d+)/m.exec(s)?.[1];
    expect(count(first.stdout)).toBe('5');
    expect(count(second.stdout)).toBe('5');
    expect(digests(second.stdout)).toBe(digests(first.stdout));
  });
});

describe('bantin build --corrections', () => {
  const corrections = {
    '002_467a0e42bdf0f961.txt': { primaryEvent: { date: '2023-02-17' } },
    '003_7b32a01fed08cab9.txt': { exclude: true },
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'bantin-corr-'));
  const file = path.join(dir, 'hieu-chinh.json');
  writeFileSync(file, JSON.stringify(corrections));
  const out = path.join(dir, 'out');
  const run = bantin(['build', SEEDS, '--out', out, '--corrections', file]);
  const seed003 = '003_7b32a01fed08cab9.txt';

  it('shows the corrected date, marked, in the 2023-H1 digest, and keeps the original in the JSON', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Corrections: 2 (1 applied, 1 excluded, 0 not applied)');
    const digest = DigestSchema.parse(JSON.parse(readFileSync(path.join(out, '2023-H1', 'digest.json'), 'utf8')));
    const meeting = digest.meetings.find((m) => m.type === 'quan-triet')!;
    expect(meeting.date).toBe('2023-02-17');
    const ref = digest.articles.find((a) => a.sources.some((s) => s.key === '002_467a0e42bdf0f961.txt'))!;
    expect(ref.corrections).toContainEqual({ source: '002_467a0e42bdf0f961.txt', field: 'primaryEvent.date', original: '2023-02-16', corrected: '2023-02-17' });
    expect(readFileSync(path.join(out, '2023-H1', 'digest.html'), 'utf8')).toContain('<time>17/02/2023</time> <span class="note">(đã hiệu chỉnh)</span>');
    const pdf = execFileSync('pdftotext', [path.join(out, '2023-H1', 'digest.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(pdf).toContain('17/02/2023 (đã hiệu chỉnh)');
    expect(pdf).not.toContain('16/02/2023');
  });

  it("leaves seed 003's meeting out of every digest", () => {
    const periods = readFileSync(path.join(out, 'index.html'), 'utf8').match(/href="([^"]+)\/digest\.html"/g)!.map((h) => h.slice(6, -13));
    expect(periods).not.toContain('2019-08');
    for (const p of periods) {
      const json = readFileSync(path.join(out, p, 'digest.json'), 'utf8');
      expect(json, p).not.toContain(seed003);
      expect(json, p).not.toContain('Nguyễn Nam Đình');
    }
    const report = JSON.parse(readFileSync(path.join(out, 'corrections-report.json'), 'utf8'));
    expect(report.map((r: { status: string }) => r.status)).toEqual(['applied', 'excluded']);
  });

  it('reports a malformed correction, or one naming no article, and changes nothing with it', () => {
    const plain = path.join(dir, 'plain');
    expect(bantin(['build', SEEDS, '--out', plain]).status).toBe(0);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ '002_467a0e42bdf0f961.txt': { primaryEvent: { dat: '2023-02-17' } }, 'khong-co.txt': { exclude: true } }));
    const badOut = path.join(dir, 'bad-out');
    const r = bantin(['build', SEEDS, '--out', badOut, '--corrections', bad]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Corrections: 2 (0 applied, 0 excluded, 2 not applied)');
    expect(r.stdout).toContain('002_467a0e42bdf0f961.txt: not applied: unknown field primaryEvent.dat (primaryEvent has type, date,');
    expect(r.stdout).toContain('khong-co.txt: not applied: no article has the key khong-co.txt');
    for (const p of ['2019-08', '2023-H1', '2024']) {
      expect(readFileSync(path.join(badOut, p, 'digest.json'), 'utf8'), p).toBe(readFileSync(path.join(plain, p, 'digest.json'), 'utf8'));
    }
    const report = JSON.parse(readFileSync(path.join(badOut, 'corrections-report.json'), 'utf8'));
    expect(report.map((x: { key: string; status: string }) => [x.key, x.status])).toEqual([
      ['002_467a0e42bdf0f961.txt', 'invalid'],
      ['khong-co.txt', 'no-article'],
    ]);
  });

  it('refuses a corrections file that is not JSON in one line, before writing anything', () => {
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"002_467a0e42bdf0f961.txt": {');
    const brokenOut = path.join(dir, 'broken-out');
    const r = bantin(['build', SEEDS, '--out', brokenOut, '--corrections', broken]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^bantin: corrections file broken\.json is not valid JSON: /);
    expect(existsSync(brokenOut)).toBe(false);
    const missing = bantin(['build', SEEDS, '--out', brokenOut, '--corrections', path.join(dir, 'none.json')]);
    expect(missing.stderr).toMatch(/^bantin: Corrections file not found: /);
  });
});
