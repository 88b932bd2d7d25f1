/**
 * The CLI as a user meets it: the compiled bundle, exit statuses and one-sentence errors, the
 * Vietnamese interface, and Ctrl-C under a terminal (util-linux `script` provides the pty).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR } from './helpers/data.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'bantin.js');
/** A neutral locale unless a test asks for another. */
const BASE_ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', BANTIN_DEBUG: '' };

function bantin(args: string[], env: Record<string, string> = {}, cwd = ROOT): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...BASE_ENV, ...env }, timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** One line on stderr, starting "bantin: ", no stack, no raw system error. */
function expectOneSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^bantin: /);
  expect(stderr).not.toMatch(/\n\s+at |ENOENT|EACCES|ENOTDIR|EADDRINUSE|Usage:/);
}

function treeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('compiled CLI', () => {
  beforeAll(() => {
    // bin/bantin.js uses dist/cli when it is there and newer than every source; build it if not.
    if (!/compiled/.test(bantin(['--version'], { BANTIN_WHICH: '1' }).stderr)) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
  }, 120_000);

  it('is used when present, and gives the same answers as the TypeScript through tsx', () => {
    const compiled = bantin(['--version'], { BANTIN_WHICH: '1' });
    expect(compiled.stderr).toContain('compiled CLI (dist/cli)');
    expect(compiled.stdout.trim()).toBe('0.1.0');
    const tsx = bantin(['--version'], { BANTIN_WHICH: '1', BANTIN_TSX: '1' });
    expect(tsx.stderr).toContain('through tsx');
    expect(tsx.stdout).toBe(compiled.stdout);
    const file = path.join(SEEDS_DIR, readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort()[0]!);
    const a = bantin(['parse', '--json', file]);
    const b = bantin(['parse', '--json', file], { BANTIN_TSX: '1' });
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  }, 120_000);

  it('renders with templates and fonts found from the bundle (import.meta.url of the sources)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-cli-'));
    const r = bantin(['build', SEEDS_DIR, '--out', path.join(dir, 'out'), '--period', 'year'], { SOURCE_DATE_EPOCH: '1764468000', BANTIN_WHICH: '1' });
    expect(r.stderr).toContain('compiled CLI');
    expect(r.status, r.stderr).toBe(0);
    const pdfs = treeFiles(path.join(dir, 'out')).filter((f) => f.endsWith('digest.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('errors: one sentence and a documented exit status', () => {
  it('1: a bad option value names the valid values, without the whole help', () => {
    const r = bantin(['build', SEEDS_DIR, '--out', path.join(tmpdir(), 'never'), '--period', 'weekly']);
    expect(r.status).toBe(1);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain('--period: "weekly" is not one of month, quarter, half, year');
  });

  it('1: unknown options and commands, missing arguments', () => {
    for (const [args, text] of [
      [['parse', '--frobnicate'], 'unknown option --frobnicate'],
      [['frobnicate'], 'unknown command frobnicate'],
      [['build', SEEDS_DIR], 'option --out is required'],
      [['build', '--lang', 'fr', SEEDS_DIR, '--out', 'x'], '--lang: "fr" is not one of vi, en'],
      [['--ui-lang', 'fr', '--version'], '--ui-lang: "fr" is not one of en, vi'],
    ] as const) {
      const r = bantin([...args]);
      expect(r.status, args.join(' ')).toBe(1);
      expectOneSentence(r.stderr);
      expect(r.stderr).toContain(text);
    }
  });

  it('2: rejected input, files that are missing or under a file, in plain words', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-cli-'));
    writeFileSync(path.join(dir, 'scan.txt'), Buffer.from('%PDF-1.4\n\0\0\0'));
    const rejected = bantin(['parse', path.join(dir, 'scan.txt')]);
    expect(rejected.status).toBe(2);
    expect(rejected.stderr).toContain('rejected (binary)');

    const missing = bantin(['parse', path.join(dir, 'none.txt')]);
    expect(missing.status).toBe(2);
    expectOneSentence(missing.stderr);
    expect(missing.stderr).toContain(`${path.join(dir, 'none.txt')}: no such file or folder`);

    const underFile = bantin(['parse', 'README.md/.cache/parse/77']);
    expect(underFile.status).toBe(2);
    expectOneSentence(underFile.stderr);
    expect(underFile.stderr).toContain('README.md/.cache/parse/77: a part of this path is a file, not a folder');

    const notFolder = bantin(['build', path.join(dir, 'scan.txt'), '--out', path.join(dir, 'out')]);
    expect(notFolder.status).toBe(2);
    expectOneSentence(notFolder.stderr);
  });

  it('2: `bantin local` on a busy port says so in one line', async () => {
    const server: Server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'bantin-cli-'));
      const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'local', '--port', String(port), '--data', path.join(dir, 's3')], { cwd: ROOT, env: BASE_ENV });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => resolve({ status, stderr }));
      });
      expect(r.status).toBe(2);
      expectOneSentence(r.stderr);
      expect(r.stderr).toBe(`bantin: port ${port} is in use; pass --port\n`);
    } finally {
      server.close();
    }
  }, 60_000);

  it('3: an internal failure is one line too (BANTIN_DEBUG=1 adds the stack)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-cli-'));
    const assets = path.join(dir, 'no-assets');
    mkdirSync(assets);
    const args = ['build', SEEDS_DIR, '--out', path.join(dir, 'out'), '--period', 'year'];
    const r = bantin(args, { BANTIN_ASSETS_DIR: assets });
    expect(r.status).toBe(3);
    expectOneSentence(r.stderr);
    expect(r.stderr).toMatch(/^bantin: internal error: .*BANTIN_DEBUG=1/);
    const debug = bantin(args, { BANTIN_ASSETS_DIR: assets, BANTIN_DEBUG: '1' });
    expect(debug.status).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 60_000);
});

describe('Vietnamese interface', () => {
  it('--help follows LANG=vi_VN.UTF-8, LC_ALL before LANG, and --ui-lang', () => {
    const vi = bantin(['--help'], { LANG: 'vi_VN.UTF-8' });
    expect(vi.status).toBe(0);
    expect(vi.stdout).toContain('Cách dùng: bantin');
    expect(vi.stdout).toContain('Tùy chọn:');
    expect(vi.stdout).toContain('Lệnh:');
    expect(vi.stdout).toContain('in số phiên bản');
    const build = bantin(['build', '--help'], { LANG: 'vi_VN.UTF-8' });
    expect(build.stdout).toContain('thư mục kết quả');
    expect(build.stdout).toContain('mặc định: "vi"');
    expect(bantin(['--help'], { LANG: 'vi_VN.UTF-8', LC_ALL: 'C' }).stdout).toContain('Usage: bantin');
    expect(bantin(['--help'], { LC_MESSAGES: 'vi_VN' }).stdout).toContain('Cách dùng: bantin');
    expect(bantin(['parse', '--help', '--ui-lang', 'vi']).stdout).toContain('Đối số:');
    expect(bantin(['--ui-lang=en', '--help'], { LANG: 'vi_VN.UTF-8' }).stdout).toContain('Usage: bantin');
    expect(bantin(['--help']).stdout).toContain('Usage: bantin');
  });

  it('errors in Vietnamese, with the same exit statuses', () => {
    const missing = bantin(['parse', '/khong-co/bai.txt'], { LANG: 'vi_VN.UTF-8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('bantin: /khong-co/bai.txt: không có tệp hoặc thư mục này\n');
    const bad = bantin(['build', SEEDS_DIR, '--out', 'x', '--period', 'weekly'], { LANG: 'vi_VN.UTF-8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--period: "weekly" không phải là một trong month, quarter, half, year');
  });
});

describe('Ctrl-C under a terminal', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('restores the cursor and line wrap, exits 130, leaves no temp file; the next run removes a crashed run\'s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-ctrlc-'));
    const input = path.join(dir, 'in');
    // Enough articles that the build is still busy when Ctrl-C arrives.
    for (let i = 0; i < 40; i++) cpSync(SEEDS_DIR, path.join(input, `copy-${i}`), { recursive: true });
    const out = path.join(dir, 'out');
    mkdirSync(path.join(out, '2023'), { recursive: true });
    // A crashed run's temp file (no such process), a file that only looks similar, and one outside OUT.
    const stale = path.join(out, '2023', 'digest.html.99999999.tmp');
    writeFileSync(stale, 'partial');
    writeFileSync(path.join(out, 'notes.tmp'), 'mine');
    const outside = path.join(dir, 'index.html.99999999.tmp');
    writeFileSync(outside, 'not in OUT');

    const command = [process.execPath, CLI, 'build', input, '--out', out, '--no-cache'].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, env: { ...BASE_ENV, COLUMNS: '100', LINES: '30' } });
    let output = '';
    let sent = false;
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('latin1');
      // Once the progress bar is drawn (cursor hidden), press Ctrl-C on the terminal.
      if (!sent && /parsing|rendering/.test(output)) {
        sent = true;
        child.stdin.write('\x03');
      }
    });
    const status = await done;
    expect(sent, output).toBe(true);
    expect(status, output).toBe(130);
    expect(output).toContain('bantin: interrupted');
    const hidden = output.lastIndexOf('\x1b[?25l');
    expect(hidden).toBeGreaterThanOrEqual(0);
    expect(output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(hidden);
    expect(output.lastIndexOf('\x1b[?7h')).toBeGreaterThan(output.lastIndexOf('\x1b[?7l'));
    expect(output).not.toMatch(/\n\s+at /);
    const temps = treeFiles(out).filter((f) => /\.\d+\.tmp$/.test(f));
    expect(temps).toEqual([]);
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(path.join(out, 'notes.tmp'), 'utf8')).toBe('mine');
    expect(statSync(outside).isFile()).toBe(true);
  }, 180_000);
});
