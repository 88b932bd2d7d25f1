/**
 * The Word report: `bantin build --issuer …` on the seeds, the 2023-H1 digest.docx read back from
 * its XML (unzip) and with python-docx, converted to PDF by LibreOffice (Debian packages `unzip`,
 * `python3-docx`, `libreoffice-writer-nogui`; see .ci/run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDigests } from '../lambda/core/aggregate.ts';
import { renderDigestDocx, stampZipEntries } from '../lambda/core/render/docx.ts';
import { SEEDS_DIR } from './helpers/data.ts';
import { seedArticles } from './fixtures/digest/articles.ts';

const CLI = path.resolve('bin/bantin.js');
const ISSUER = 'Đảng ủy Sở Thông tin và Truyền thông';

function build(out: string, extra: string[] = []): void {
  const r = spawnSync(process.execPath, [CLI, 'build', SEEDS_DIR, '--out', out, '--issuer', ISSUER, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1764468000' },
  });
  expect(r.status, r.stderr).toBe(0);
}

/** A part of the package, as text. */
const part = (docx: string, name: string): string => execFileSync('unzip', ['-p', docx, name], { encoding: 'utf8', maxBuffer: 64 << 20 });
/** The visible text of document.xml, paragraph by paragraph. */
const textOf = (xml: string): string => xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').normalize('NFC');

describe('digest.docx of the seeds (2023-H1)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'bantin-docx-'));
  build(out);
  const docx = path.join(out, '2023-H1', 'digest.docx');
  const xml = part(docx, 'word/document.xml');
  const text = textOf(xml);

  it('has the Party report header of Hướng dẫn 36-HD/VPTW and the subject', () => {
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', ISSUER, 'BÁO CÁO', 'Tình hình hội nghị, học tập quán triệt nghị quyết 6 tháng đầu năm 2023', 'Số       -BC/…', '*']) {
      expect(text).toContain(s);
    }
    // The date line: the place (a neutral placeholder here) and the day the digest was made (SOURCE_DATE_EPOCH).
    expect(text).toContain('…………, ngày 30 tháng 11 năm 2025');
    // The issuer in capitals by Word's "All caps", its text as given; the Party name underlined (its rule).
    expect(xml).toMatch(/<w:caps\/>[^]*?Đảng ủy Sở Thông tin và Truyền thông/);
    expect(xml).toMatch(/<w:u w:val="single"\/>[^]*?ĐẢNG CỘNG SẢN VIỆT NAM/);
  });

  it('has both chairs, the sections, 05-NQ/TU with 237 bridge points in its ledger row, and the comparisons', () => {
    expect(text).toContain('Võ Trọng Phú');
    expect(text).toContain('Nguyễn Trọng Hùng');
    expect(text).toContain('Học tập, quán triệt, triển khai nghị quyết, chỉ thị (1 hội nghị, hoạt động)');
    expect(text).toContain('Hội nghị Ban Chấp hành, kỳ họp HĐND (0 hội nghị, hoạt động)');
    // The ledger row of 05-NQ/TU: its table row holds the code, the organiser, the date and 237.
    const rows = xml.split('</w:tr>').map(textOf);
    const row = rows.find((r) => r.includes('05-NQ/TU') && r.includes('237'))!;
    expect(row).toBeDefined();
    expect(row).toContain('Đảng ủy Khối các cơ quan tỉnh');
    expect(row).toContain('16/02/2023');
    expect(row).toContain('hơn 5.000');
    expect(row).toContain('35/37');
    expect(text).toContain('So với 6 tháng cuối năm 2022');
    expect(text).toContain('Không có số liệu của 6 tháng cuối năm 2022 để so sánh.');
    expect(text).toContain('So với 6 tháng đầu năm 2022');
  });

  it('is Times New Roman 14 pt on A4 with the guide margins, page numbers from page 2, real styles and repeating table headers', () => {
    const styles = part(docx, 'word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*\/><w:sz w:val="28"\/>/);
    for (const id of ['Heading1', 'Heading2', 'BodyText', 'BantinTable']) expect(styles).toContain(`w:styleId="${id}"`);
    expect(styles).toContain('<w:style w:type="table" w:styleId="BantinTable">');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const margin = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(xml)!;
    const mm = margin.slice(1).map((t) => Number(t) / 56.7);
    expect(mm[0]).toBeGreaterThanOrEqual(20); expect(mm[0]).toBeLessThanOrEqual(25); // top
    expect(mm[1]).toBeGreaterThanOrEqual(15); expect(mm[1]).toBeLessThanOrEqual(20); // right
    expect(mm[2]).toBeGreaterThanOrEqual(20); expect(mm[2]).toBeLessThanOrEqual(25); // bottom
    expect(mm[3]).toBeGreaterThanOrEqual(30); expect(mm[3]).toBeLessThanOrEqual(35); // left
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toMatch(/<w:headerReference w:type="first"/);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:tblStyle w:val="BantinTable"/>');
    expect(xml).toContain('<w:tblHeader/>');
    const headers = [part(docx, 'word/header1.xml'), part(docx, 'word/header2.xml')];
    expect(headers.some((h) => h.includes('PAGE'))).toBe(true);
  });

  it('reads back with python-docx: A4, Times New Roman, the styles by name', () => {
    const script = `
import docx, json, sys
d = docx.Document(sys.argv[1])
s = d.sections[0]
print(json.dumps({
  "w": s.page_width.twips if hasattr(s.page_width, "twips") else int(s.page_width / 635),
  "h": s.page_height.twips if hasattr(s.page_height, "twips") else int(s.page_height / 635),
  "font": d.styles["Normal"].font.name or d.styles.element.xpath("//w:rPrDefault//w:rFonts/@w:ascii")[0],
  "styles": [st.name for st in d.styles],
  "text": "\\n".join(p.text for p in d.paragraphs),
  "tables": len(d.tables),
}))`;
    const r = spawnSync('/usr/bin/python3', ['-c', script, docx], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const read = JSON.parse(r.stdout) as { w: number; h: number; font: string; styles: string[]; text: string; tables: number };
    expect([read.w, read.h]).toEqual([11906, 16838]);
    expect(read.font).toBe('Times New Roman');
    expect(read.styles).toEqual(expect.arrayContaining(['Heading 1', 'Heading 2', 'Body Text', 'Bantin Table']));
    expect(read.text.normalize('NFC')).toContain('BÁO CÁO');
    expect(read.tables).toBeGreaterThanOrEqual(4);
  });

  it('converts to PDF with LibreOffice without errors: A4 pages with the report text', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-lo-'));
    const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const pdf = path.join(dir, 'digest.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(2);
    const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BÁO CÁO', '05-NQ/TU', 'Võ Trọng Phú', 'So với 6 tháng cuối năm 2022']) expect(pdfText).toContain(s);
    // Page numbers from page 2: the first page has none at its top.
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).trim();
    const second = execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' }).trim();
    expect(first.split('\n')[0]).not.toBe('1');
    expect(second.split('\n')[0]).toBe('2');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/Times|Liberation ?Serif/i);
  });

  it('has English labels with --lang en', () => {
    const en = mkdtempSync(path.join(tmpdir(), 'bantin-docx-en-'));
    build(en, ['--lang', 'en', '--period', 'half']);
    const t = textOf(part(path.join(en, '2023-H1', 'digest.docx'), 'word/document.xml'));
    for (const s of ['COMMUNIST PARTY OF VIETNAM', 'REPORT', 'First half of 2023', 'Compared with the second half of 2022'.replace('the ', ''), 'DISSEMINATION OF DOCUMENTS', 'first half of 2023']) expect(t).toContain(s);
    expect(t).toContain(ISSUER);
  });
});

describe('renderDigestDocx', () => {
  const h1 = buildDigests(seedArticles, { generatedAt: '2023-07-01T02:00:00.000Z' }).find((d) => d.periodId === '2023-H1')!;

  it('gives the same bytes for the same digest (dates from generatedAt, not the clock)', async () => {
    const a = await renderDigestDocx(h1, { issuer: ISSUER });
    await new Promise((r) => setTimeout(r, 2100)); // zip times have 2-second steps
    const b = await renderDigestDocx(h1, { issuer: ISSUER });
    expect(a.equals(b)).toBe(true);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bantin-docx-core-')), 'd.docx');
    writeFileSync(file, a);
    expect(part(file, 'docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-07-01T02:00:00Z</dcterms:created>');
    expect(execFileSync('unzip', ['-Z', '-T', file], { encoding: 'utf8' })).toContain('20230701.020000');
  });

  it('drops characters XML cannot hold instead of writing a broken file', async () => {
    const hostile = { ...h1, meetings: h1.meetings.map((m) => ({ ...m, summary: `a\u0001b\u000bc\ud800d <w:p> & "` })) };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bantin-docx-hostile-')), 'd.docx');
    writeFileSync(file, await renderDigestDocx(hostile));
    const text = textOf(part(file, 'word/document.xml'));
    expect(text).toContain('abcd <w:p> & "');
    expect(() => stampZipEntries(Buffer.from('not a zip'), new Date())).toThrow(/not a zip/);
  });
});
