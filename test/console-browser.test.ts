/**
 * The web console in a real browser (Chromium through playwright-core) against a real `bantin
 * local`: s3rver, the ingest and the scheduled render, the console server on free ports.
 *   1. two seeds and a binary file dropped on the page (a real drop event with a DataTransfer);
 *   2. both seeds parsed, with their meeting dates;
 *   3. seed 002's date corrected to 17/02/2023 in the form; the 2023-H1 digest re-renders;
 *   4. the period's PDF downloaded through the page, "17/02/2023" in its text (pdftotext);
 *   5. the binary file rejected, with its reason in plain Vietnamese.
 * The page makes no request outside 127.0.0.1. Screenshots at 1280 px and 390 px go to
 * /tmp/console-shots/ (not committed). Skipped, saying so, when /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodDetail } from '../lambda/console/contract.ts';
import { startLocal, type LocalPipeline } from '../lambda/local/server.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
// @ts-expect-error: a plain ES module without types
import { buildConsole } from '../scripts/build-console.mjs';
import { SEEDS_DIR } from './helpers/data.ts';
import { pdfText } from './helpers/s3rver.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(tmpdir(), 'console-shots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`console-browser: ${CHROMIUM} is absent (apt-get install chromium); the browser steps are skipped`);

const SEED_001 = '001_74d7446270d97ccb.txt';
const SEED_002 = '002_467a0e42bdf0f961.txt';
const BINARY = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 131 + 7) % 256))]);

describe.skipIf(!hasChromium)('web console in Chromium', () => {
  let work: string;
  let local: LocalPipeline;
  let context: BrowserContext;
  let page: Page;
  const external: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildConsole();
    work = mkdtempSync(path.join(tmpdir(), 'bantin-console-'));
    mkdirSync(SHOTS, { recursive: true });
    local = await startLocal({ port: 0, consolePort: 0, bucket: 'bantin', dataDir: path.join(work, 's3'), config: DEFAULT_CONFIG, log: silentLogger, debounceSeconds: 1, batchWindowMs: 20 });
    context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      external.push(url.href);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await context?.close();
    await local?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const shot = async (name: string): Promise<void> => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  /** Drops files on the drop zone: a real drop event carrying a DataTransfer with the files. */
  const drop = async (files: { name: string; type: string; bytes: Buffer }[]): Promise<void> => {
    const list = files.map((f) => ({ name: f.name, type: f.type, b64: f.bytes.toString('base64') }));
    const dataTransfer = await page.evaluateHandle((all) => {
      // Runs in the page, whose globals the Node type library does not describe.
      const page = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } } };
      const dt = new page.DataTransfer();
      for (const f of all) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      return dt;
    }, list);
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });
  };

  const periodPdf = async (): Promise<Buffer> => {
    const b64 = await page.evaluate(async () => {
      const link = (await (await fetch('/api/periods/2023-H1/download/pdf')).json()) as { url: string };
      const bytes = new Uint8Array(await (await fetch(link.url)).arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return btoa(bin);
    });
    return Buffer.from(b64, 'base64');
  };
  const periodDetail = (): Promise<PeriodDetail> => page.evaluate(async () => (await (await fetch('/api/periods/2023-H1')).json()) as PeriodDetail);

  it('is served by bantin local with landmarks, a skip link and labelled controls, in Vietnamese', async () => {
    expect(local.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.goto(local.consoleUrl!);
    await expect.poll(() => page.locator('h2').first().textContent()).toBe('Tải bài lên');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    for (const landmark of ['header', 'nav', 'main']) expect(await page.locator(landmark).count()).toBe(1);
    expect(await page.locator('a.skip[href="#main"]').count()).toBe(1);
    expect(await page.locator('[aria-live]').count()).toBeGreaterThan(0);
    // Keyboard: the first Tab reaches the skip link, which leads to the main content; the file picker is reachable.
    await page.keyboard.press('Tab');
    const active = () => page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { tagName: string; id: string; className: string } } }).document.activeElement;
      return `${el.tagName.toLowerCase()}#${el.id}.${el.className}`;
    });
    expect(await active()).toBe('a#.skip');
    await page.keyboard.press('Enter');
    expect(await active()).toBe('main#main.');
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await active()).startsWith('input#upload-files');
    }
    expect(reached).toBe(true);
    const unlabelled = await page.$$eval('input, select, textarea', (els) => els.filter((e) => !(e.id && e.ownerDocument.querySelector(`label[for="${e.id}"]`)) && !e.getAttribute('aria-label')).length);
    expect(unlabelled).toBe(0);
  });

  it('steps 1–2: takes dropped files, shows a progress bar each and each outcome: seeds parsed with their dates', async () => {
    const seed = (name: string) => ({ name, type: 'text/plain', bytes: readFileSync(path.join(SEEDS_DIR, name)) });
    await drop([seed(SEED_001), seed(SEED_002), { name: 'scan.txt', type: 'text/plain', bytes: BINARY }]);
    expect(await page.locator('.queue li').count()).toBe(3);
    expect(await page.locator('.queue progress').count()).toBe(3);
    // Optional per-file metadata, sent as the upload's source-url metadata.
    await page.locator('.queue li').nth(0).locator('input[type="url"]').fill('https://example.org/so-ket');
    await page.getByRole('button', { name: 'Tải lên', exact: true }).click();

    const row = (name: string) => page.locator('.queue li', { hasText: name });
    await expect.poll(() => row(SEED_001).getAttribute('data-outcome'), { timeout: 60_000 }).toBe('parsed');
    await expect.poll(() => row(SEED_002).getAttribute('data-outcome'), { timeout: 60_000 }).toBe('parsed');
    expect(await row(SEED_001).locator('.status').textContent()).toMatch(/^Đã đọc: Chi bộ Sở Thông tin.* — Hội nghị sơ kết, ngày 07\/06\/2023$/);
    expect(await row(SEED_002).locator('.status').textContent()).toMatch(/ngày 16\/02\/2023 \(năm suy đoán\)$/);
    expect(await row(SEED_001).locator('progress').evaluate((e) => (e as unknown as { value: number }).value)).toBe(1);
    await expect.poll(() => row('scan.txt').getAttribute('data-outcome'), { timeout: 60_000 }).toBe('rejected');
    expect(await row('scan.txt').locator('.status').textContent()).toMatch(/^Bị từ chối: Đây không phải tệp văn bản/);
    const key = (await row(SEED_001).getAttribute('data-key'))!;
    expect((await local.store.head(key))?.metadata['source-url']).toBe('https://example.org/so-ket');
    await shot('upload');
  });

  it('step 3: a date corrected in the form is saved as a correction and the 2023-H1 digest re-renders', async () => {
    await page.goto(`${local.consoleUrl}#periods`);
    const h1 = page.locator('tr[data-period="2023-H1"]');
    await expect.poll(async () => (await h1.count()) > 0 && !(await h1.getAttribute('class'))?.includes('rendering'), { timeout: 60_000 }).toBe(true);
    expect(await h1.locator('td').nth(0).textContent()).toBe('2');
    await shot('periods');
    const before = (await periodDetail()).summary.renderedAt;
    expect(before).not.toBeNull();
    // The date step 4 looks for is not in the PDF before the correction.
    expect(pdfText(await periodPdf())).not.toContain('17/02/2023');

    await h1.getByRole('link').click();
    const meeting = page.locator('article.meeting', { hasText: '16/02/2023' });
    await expect.poll(() => meeting.count(), { timeout: 30_000 }).toBe(1);
    expect(await meeting.locator('.date').textContent()).toBe('16/02/2023 (năm suy đoán)');
    await meeting.getByRole('button', { name: 'Sửa thông tin cuộc họp' }).click();
    await meeting.getByLabel('Ngày').fill('2023-02-17');
    await shot('edit');
    await meeting.getByRole('button', { name: 'Lưu hiệu chỉnh' }).click();

    const corrected = page.locator('article.meeting', { hasText: '17/02/2023' });
    await expect.poll(() => corrected.count(), { timeout: 60_000 }).toBe(1);
    expect(await corrected.locator('h4').textContent()).toMatch(/17\/02\/2023.*Đã hiệu chỉnh/);
    expect(await corrected.locator('.corrected').first().textContent()).toContain('Ngày: 16/02/2023 → 17/02/2023; Năm suy đoán: có → không');
    const after = (await periodDetail()).summary;
    expect(Date.parse(after.renderedAt!)).toBeGreaterThan(Date.parse(before!));
    await expect.poll(() => page.locator('.period-status').textContent(), { timeout: 60_000 }).toMatch(/^Dựng lúc/);
    await shot('period');
  });

  it('merges two meetings, splits an article off again and leaves one out, each re-rendered', async () => {
    const count = () => page.locator('article.meeting').count();
    await page.getByLabel('Chọn để gộp').nth(0).check();
    await page.getByLabel('Chọn để gộp').nth(1).check();
    await page.getByRole('button', { name: 'Gộp các cuộc họp đã chọn' }).click();
    await expect.poll(count, { timeout: 60_000 }).toBe(1);
    expect(await page.locator('article.meeting .article').count()).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('period-title');

    await page.locator('article.meeting .article', { hasText: 'sơ kết' }).getByRole('button', { name: 'Tách bài này thành cuộc họp riêng' }).click();
    await expect.poll(count, { timeout: 60_000 }).toBe(2);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('article.meeting .article', { hasText: 'sơ kết' }).getByRole('button', { name: 'Loại bài này khỏi bản tin' }).click();
    await expect.poll(count, { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => (await periodDetail()).summary.articles, { timeout: 60_000 }).toBe(1);
    // The corrected date of seed 002 stays through all of it.
    expect(await page.locator('article.meeting h4').textContent()).toContain('17/02/2023');
  });

  it('step 4: the PDF downloaded from the page prints 17/02/2023', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF của 6 tháng đầu năm 2023' }).click()]);
    expect(download.suggestedFilename()).toBe('bantin-2023-H1.pdf');
    const pdf = readFileSync(await download.path());
    const text = pdfText(pdf);
    expect(text).toContain('17/02/2023');
  });

  it('step 5: the rejected binary file is listed with its reason', async () => {
    await page.goto(`${local.consoleUrl}#rejected`);
    const row = page.locator('tr', { hasText: 'scan.txt' });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.locator('.reason').textContent()).toMatch(/^Đây không phải tệp văn bản/);
    expect(await row.locator('td .detail').textContent()).toMatch(/binary/);
    await shot('rejected');
  });

  it('gives two files of one name two keys, and refuses a file of another type by name while the others go up', async () => {
    await page.goto(`${local.consoleUrl}#upload`);
    await page.reload();
    const text = (n: number) => Buffer.from(`Hội nghị thứ ${n}\n\nNgày 5/3/2024, Chi bộ tổ chức hội nghị sơ kết công tác quý I năm 2024.\n`);
    await drop([{ name: 'bai.txt', type: 'text/plain', bytes: text(1) }, { name: 'bai.txt', type: 'text/plain', bytes: text(2) }]);
    await page.getByRole('button', { name: 'Tải lên', exact: true }).click();
    const rows = page.locator('.queue li');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')?.replace(/^incoming\/[\d-]+\//, '')))).toEqual(['bai.txt', 'bai-2.txt']);

    await page.reload();
    await drop([{ name: 'bao-cao.pdf', type: 'application/pdf', bytes: BINARY }, { name: 'bai.txt', type: 'text/plain', bytes: text(3) }]);
    await page.getByRole('button', { name: 'Tải lên', exact: true }).click();
    const pdf = page.locator('.queue li', { hasText: 'bao-cao.pdf' });
    await expect.poll(() => pdf.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('refused');
    expect(await pdf.locator('.status').textContent()).toBe('Không tải lên: "bao-cao.pdf" is not a .txt or .html file; save the article as text or as a web page and upload that.');
    const other = page.locator('.queue li', { hasText: 'bai.txt' });
    await expect.poll(() => other.getAttribute('data-outcome'), { timeout: 60_000 }).toBe('parsed');
    expect(await other.getAttribute('data-key')).toMatch(/\/bai-3\.txt$/);
  });

  it('signs in through Cognito (a new password on first sign-in), sends the IdToken, and shows a reader no editing', async () => {
    const cognito = 'https://cognito-idp.ap-southeast-1.amazonaws.com/';
    const calls: { target: string; type: string; body: Record<string, unknown> }[] = [];
    const bearer: (string | undefined)[] = [];
    const signInPage = await context.newPage();
    signInPage.on('pageerror', (e) => pageErrors.push(e.message));
    // What the AWS side serves: Cognito settings in /config.json, and a content policy that lets the page reach Cognito.
    await signInPage.route(`${local.consoleUrl}`, async (route) => {
      const res = await route.fetch();
      const csp = res.headers()['content-security-policy']!.replace("connect-src 'self'", `connect-src 'self' ${cognito}`);
      await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': csp } });
    });
    await signInPage.route('**/config.json', (route) => route.fulfill({ json: { auth: { region: 'ap-southeast-1', userPoolId: 'ap-southeast-1_test', clientId: 'client-1' }, maxUploadBytes: 1000 } }));
    // A stand-in for Cognito's two calls (the page never leaves this machine).
    await signInPage.route(cognito, async (route) => {
      const request = route.request();
      const headers = await request.allHeaders();
      calls.push({ target: headers['x-amz-target']!, type: headers['content-type']!, body: request.postDataJSON() });
      if (headers['x-amz-target']!.endsWith('.InitiateAuth')) return route.fulfill({ json: { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'session-1', ChallengeParameters: {} } });
      return route.fulfill({ json: { AuthenticationResult: { IdToken: 'id-token-1', AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 3600, TokenType: 'Bearer' } } });
    });
    await signInPage.route('**/api/session', async (route) => {
      bearer.push((await route.request().allHeaders()).authorization);
      return route.fulfill({ json: { user: { name: 'lan', groups: ['readers'] }, canEdit: false, local: false } });
    });
    await signInPage.goto(local.consoleUrl!);
    await signInPage.getByLabel('Tên đăng nhập').fill('lan');
    await signInPage.getByLabel('Mật khẩu').fill('Tam-thoi-1');
    await signInPage.getByRole('button', { name: 'Đăng nhập' }).click();
    await signInPage.getByLabel('Mật khẩu mới').fill('Mat-khau-moi-2');
    await signInPage.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }).click();
    await expect.poll(() => signInPage.locator('.notice').textContent()).toMatch(/^Bạn chỉ có quyền xem/);
    expect(calls).toEqual([
      { target: 'AWSCognitoIdentityProviderService.InitiateAuth', type: 'application/x-amz-json-1.1', body: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'lan', PASSWORD: 'Tam-thoi-1' } } },
      { target: 'AWSCognitoIdentityProviderService.RespondToAuthChallenge', type: 'application/x-amz-json-1.1', body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: 'client-1', Session: 'session-1', ChallengeResponses: { USERNAME: 'lan', NEW_PASSWORD: 'Mat-khau-moi-2' } } },
    ]);
    expect(bearer).toEqual(['Bearer id-token-1']);
    expect(await signInPage.locator('#dropzone').count()).toBe(0);
    expect(await signInPage.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('bantin.console.idToken'))).toBe('id-token-1');

    // An hour later the IdToken has expired: the API answers 401 once; the app gets a new token with
    // the refresh token (no password asked) and repeats the call with it.
    await signInPage.unroute(cognito);
    await signInPage.route(cognito, async (route) => {
      const request = route.request();
      calls.push({ target: (await request.allHeaders())['x-amz-target']!, type: 'refresh', body: request.postDataJSON() });
      return route.fulfill({ json: { AuthenticationResult: { IdToken: 'id-token-2', AccessToken: 'a2', ExpiresIn: 3600, TokenType: 'Bearer' } } });
    });
    await signInPage.unroute('**/api/session');
    await signInPage.route('**/api/periods', async (route) => {
      const authorization = (await route.request().allHeaders()).authorization;
      bearer.push(authorization);
      if (authorization === 'Bearer id-token-1') return route.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: 'The token has expired.' } } });
      return route.fulfill({ json: [] });
    });
    await signInPage.getByRole('link', { name: 'Kỳ báo cáo' }).click();
    await expect.poll(() => bearer.length).toBe(3);
    expect(bearer.slice(1)).toEqual(['Bearer id-token-1', 'Bearer id-token-2']);
    expect(calls.at(-1)).toEqual({ target: 'AWSCognitoIdentityProviderService.InitiateAuth', type: 'refresh', body: { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client-1', AuthParameters: { REFRESH_TOKEN: 'r' } } });
    expect(await signInPage.locator('h2').first().textContent()).not.toBe('Đăng nhập');
    await signInPage.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => signInPage.locator('h2').textContent()).toBe('Đăng nhập');
    await signInPage.close();
  });

  it('switches to English and back, and made no request outside 127.0.0.1', async () => {
    await page.goto(`${local.consoleUrl}#rejected`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('nav a').allTextContents()).toEqual(['Upload', 'Periods', 'Rejected files']);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.locator('.reason').first().textContent()).toMatch(/^This is not a text file/);
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await expect.poll(() => page.locator('nav a').first().textContent()).toBe('Tải bài lên');
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
