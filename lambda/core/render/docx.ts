/**
 * Digest -> an editable Word report (.docx) in the layout of Hướng dẫn 36-HD/VPTW for a Party
 * report: `ĐẢNG CỘNG SẢN VIỆT NAM` top right with its rule, the issuing body top left with `*`
 * under it, `Số   -BC/…` left blank for the office, the place and date line, `BÁO CÁO` and the
 * subject; Times New Roman, body 14 pt, A4, the guide's margins, page numbers from page 2.
 *
 * Everything the user may want to restyle is a named Word style (headings, body, list items,
 * notes, the `Bantin Table` table style), never direct formatting, and every table repeats its
 * header row on each page. Same words and order as the HTML and PDF (one view model, view.ts).
 *
 * Output is reproducible: the document's dates are the digest's `generatedAt` (docProps and
 * the zip entries), so the same digest gives the same bytes.
 */
import type { Digest } from '../digest-model.ts';
import type { Lang } from './labels.ts';
import { buildView, type DigestView, type MeetingView, type ReportOptions } from './view.ts';

type DocxModule = typeof import('docx');
type Child = import('docx').Paragraph | import('docx').Table;

/*
 * The docx library is imported on the first render, not when this module loads (like PDFKit):
 * a render Lambda that finds nothing to render never pays for it.
 */
let docxModule: Promise<DocxModule> | undefined;
function loadDocx(): Promise<DocxModule> {
  docxModule ??= import('docx').then(
    (m) => m,
    (error: unknown) => {
      docxModule = undefined;
      throw error;
    },
  );
  return docxModule;
}

/** Twentieths of a point per millimetre. */
const MM = 56.7;
/** A4 in twips, as Word writes it. */
export const DOCX_PAGE = { width: 11906, height: 16838 };
/** Hướng dẫn 36-HD/VPTW: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const DOCX_MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 15 };
const CONTENT_W = DOCX_PAGE.width - Math.round(DOCX_MARGIN_MM.left * MM) - Math.round(DOCX_MARGIN_MM.right * MM);
const FONT = 'Times New Roman';
/** Half-points. */
const PT = (pt: number): number => pt * 2;

export const STYLE = {
  body: 'BodyText',
  heading1: 'Heading1',
  heading2: 'Heading2',
  reportTitle: 'ReportTitle',
  reportSubject: 'ReportSubject',
  headerText: 'ReportHeader',
  item: 'MeetingItem',
  detail: 'MeetingDetail',
  note: 'Note',
  tableText: 'TableText',
  table: 'BantinTable',
} as const;

/** The table style: thin grid, header row bold on a light band (Word's "first row" conditional format). */
const TABLE_STYLE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="table" w:styleId="${STYLE.table}"><w:name w:val="Bantin Table"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/><w:vAlign w:val="center"/></w:tcPr></w:tblStylePr></w:style></w:styles>`;

/** Word stores dates in zip entries as local DOS time; these are written as the digest's UTC time. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * Sets every entry's modification time in a zip (local headers and central directory) to `date`:
 * the zip writer stamps the clock's time, which would make every render's bytes differ.
 */
export function stampZipEntries(zip: Buffer, date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('docx: not a zip archive');
  const entries = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('docx: malformed zip central directory');
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(day, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('docx: malformed zip entry');
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(day, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Strips characters XML 1.0 cannot hold (article text may contain control characters). */
const clean = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => {
  const code = c.charCodeAt(0);
  if (code <= 0xdbff) return /[\udc00-\udfff]/.test(all[i + 1] ?? '') ? c : '';
  return /[\ud800-\udbff]/.test(all[i - 1] ?? '') ? c : '';
});

function coreXml(v: DigestView, when: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(clean(`${v.report.reportWord} ${v.report.subject}`))}</dc:title>` +
    `<dc:subject>${xmlEscape(clean(v.periodLabel))}</dc:subject>` +
    '<dc:creator>bantin</dc:creator>' +
    `<cp:keywords>bantin, ${xmlEscape(v.periodId)}, generation ${v.generation}</cp:keywords>` +
    `<dc:language>${v.labels.pdfLang}</dc:language>` +
    '<cp:lastModifiedBy>bantin</cp:lastModifiedBy>' +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export interface DocxOptions extends ReportOptions {
  lang?: Lang;
}

export async function renderDigestDocx(digest: Digest, opts: DocxOptions = {}): Promise<Buffer> {
  const d = await loadDocx();
  const v = buildView(digest, opts.lang ?? 'vi', opts);
  const l = v.labels;
  const lang = l.pdfLang;

  const text = (s: string, run: Omit<import('docx').IRunOptions, 'text' | 'children'> = {}): import('docx').TextRun => new d.TextRun({ text: clean(s), ...run });
  const para = (style: string, children: (string | import('docx').TextRun)[], extra: Omit<import('docx').IParagraphOptions, 'style' | 'children'> = {}): import('docx').Paragraph =>
    new d.Paragraph({ style, children: children.map((c) => (typeof c === 'string' ? text(c) : c)), ...extra });
  const noBorders = d.TableBorders.NONE;

  /* ---------------------------------------------------------------- header block (36-HD/VPTW) */
  const cell = (children: import('docx').Paragraph[], width: number): import('docx').TableCell =>
    new d.TableCell({ children, width: { size: width, type: d.WidthType.DXA }, borders: { top: { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' } } });
  const leftW = Math.round(CONTENT_W * 0.44);
  const rightW = CONTENT_W - leftW;
  /** A borderless table of two columns (the report's header, its closing): left and right blocks side by side. */
  const twoColumns = (left: import('docx').Paragraph[], right: import('docx').Paragraph[]): import('docx').Table =>
    new d.Table({
      width: { size: CONTENT_W, type: d.WidthType.DXA },
      columnWidths: [leftW, rightW],
      layout: d.TableLayoutType.FIXED,
      borders: noBorders,
      rows: [new d.TableRow({ children: [cell(left, leftW), cell(right, rightW)] })],
    });
  const headerTable = twoColumns(
    [
      // The issuing body as given, shown in capitals by the run property (Word's "All caps"), so the text stays the user's.
      para(STYLE.headerText, [text(v.report.issuer, { bold: true, allCaps: true })], { alignment: d.AlignmentType.CENTER }),
      para(STYLE.headerText, ['*'], { alignment: d.AlignmentType.CENTER }),
      para(STYLE.headerText, [v.report.number], { alignment: d.AlignmentType.CENTER }),
    ],
    [
      para(STYLE.headerText, [text(v.report.party, { bold: true, size: PT(15), underline: { type: d.UnderlineType.SINGLE } })], { alignment: d.AlignmentType.CENTER }),
      para(STYLE.headerText, [''], { alignment: d.AlignmentType.CENTER }),
      para(STYLE.headerText, [text(v.report.dateLine, { italics: true })], { alignment: d.AlignmentType.RIGHT }),
    ],
  );

  const children: Child[] = [headerTable];
  children.push(para(STYLE.reportTitle, [v.report.reportWord], { spacing: { before: 480 } }));
  children.push(para(STYLE.reportSubject, [v.report.subject]));
  children.push(para(STYLE.reportSubject, ['-----']));

  // Opening: scope and key figures.
  const scope = `${l.periodSpan}: ${v.span}. ${l.scope}: ${v.counts.articles} ${l.articles.toLocaleLowerCase('vi')} · ${v.counts.meetings} ${l.meetings.toLocaleLowerCase('vi')} · ${v.counts.documents} ${l.documents.toLocaleLowerCase('vi')}. ${l.generatedOn}: ${v.generatedOn}.`;
  children.push(para(STYLE.body, [scope]));
  children.push(para(STYLE.note, [l.dataNote]));
  // A summary digest says so before anything else: why, and where the full lists are.
  if (v.summary) {
    const sv = v.summary;
    children.push(para(STYLE.heading2, [sv.title]));
    children.push(para(STYLE.body, [sv.notice]));
    children.push(para(STYLE.body, [sv.where]));
    if (sv.meetingsFile) children.push(para(STYLE.note, [`${sv.meetingsFile.label}: ${sv.meetingsFile.href}`]));
    if (sv.months.length) children.push(para(STYLE.body, [text(sv.monthsTitle, { bold: true })]));
    for (const m of sv.months) children.push(para(STYLE.detail, [`${m.label}: ${m.text}${m.note ? ` (${m.note})` : ''}`]));
  }

  /* ---------------------------------------------------------------- tables */
  const table = (headers: string[], rows: string[][], widths: number[]): import('docx').Table => {
    const total = widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((w) => Math.floor((w / total) * CONTENT_W));
    const row = (cells: string[], header: boolean): import('docx').TableRow =>
      new d.TableRow({
        tableHeader: header,
        cantSplit: true,
        children: cells.map(
          (c, i) =>
            new d.TableCell({
              width: { size: cols[i]!, type: d.WidthType.DXA },
              children: clean(c)
                .split('\n')
                .map((line) => para(STYLE.tableText, [line])),
            }),
        ),
      });
    return new d.Table({
      style: STYLE.table,
      width: { size: CONTENT_W, type: d.WidthType.DXA },
      columnWidths: cols,
      layout: d.TableLayoutType.FIXED,
      tableLook: { firstRow: true, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
      rows: [row(headers, true), ...rows.map((r) => row(r, false))],
    });
  };

  /* ---------------------------------------------------------------- I. sections by area of work */
  // Few runs per paragraph: a 1,000-article half-year has thousands of them, and each run is a tree of objects until packed.
  const meetingParagraphs = (m: MeetingView): import('docx').Paragraph[] => {
    const when = `${m.date}${m.dateNote ? ` (${m.dateNote})` : ''}`;
    const details = [
      m.kind,
      m.chair ? `${l.chair}: ${m.chair}` : null,
      m.format,
      m.attendance,
      m.covers ? `${l.covers}: ${m.covers}` : null,
      m.documents.length ? `${l.documentsDiscussed}: ${m.documents.join('; ')}` : null,
    ].filter((x): x is string => !!x);
    const out = [para(STYLE.item, [text(`${m.n}. ${when}`, { bold: true }), text(` — ${m.organizer ?? l.none}: ${details.join('; ')}.`)])];
    const sources = `${l.sources}: ${m.sourceNumbers.map((n) => `[${n}]`).join(' ')}`;
    out.push(para(STYLE.detail, [`${m.summary ? `${m.summary} ` : ''}(${sources})`]));
    if (m.warning) out.push(para(STYLE.detail, [text(m.warning, { italics: true })]));
    return out;
  };
  let part = 0;
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI'];
  const heading1 = (title: string): import('docx').Paragraph => para(STYLE.heading1, [`${roman[part++]}. ${title.toLocaleUpperCase('vi')}`]);

  children.push(heading1(l.sectionsTitle));
  for (const s of v.sections) {
    children.push(para(STYLE.heading2, [`${s.n}. ${s.title.replace(/^[IVX]+\.\s*/, '')} (${s.countText})`]));
    if (s.meetings.length === 0) children.push(para(STYLE.note, [l.noSectionMeetings]));
    for (const m of s.meetings) children.push(...meetingParagraphs(m));
  }

  /* ---------------------------------------------------------------- II. dissemination ledger */
  children.push(heading1(l.ledgerTitle));
  if (v.ledger.length === 0) children.push(para(STYLE.note, [l.noLedger]));
  else {
    children.push(para(STYLE.note, [l.ledgerNote]));
    children.push(
      table(
        ['TT', l.ledgerDocument, l.ledgerConferences, l.ledgerOrganizers, l.ledgerDates, l.ledgerBridgePoints, l.ledgerAttendance, l.ledgerPresent],
        v.ledger.map((r) => [
          String(r.n),
          // The code on a line of its own, so it never breaks at its hyphen.
          [r.code ? r.document.slice(0, -r.code.length).trim() : '', r.code ?? r.document, r.subject].filter(Boolean).join('\n'),
          `${r.conferences}\n(${r.meetingNumbers.map((n) => `#${n}`).join(' ')})`,
          r.organizers,
          r.dates,
          r.bridgePoints,
          r.attendance,
          r.presentOfExpected,
        ]),
        [6, 22, 9, 17, 14, 9, 12, 11],
      ),
    );
  }

  /* ---------------------------------------------------------------- III. comparisons */
  if (v.comparisons.length) {
    children.push(heading1(l.comparisonsTitle));
    v.comparisons.forEach((c, i) => {
      children.push(para(STYLE.heading2, [`${i + 1}. ${c.heading}`]));
      if (!c.hasData) children.push(para(STYLE.body, [c.note ?? '']));
      else
        children.push(
          table([l.indicator, l.thisPeriod, `${l.comparedPeriod}\n(${c.periodLabel})`, l.change], c.rows.map((r) => [r.label, r.current, r.compared, r.change]), [40, 19, 19, 22]),
        );
    });
  }

  /* ---------------------------------------------------------------- IV. documents, officials */
  children.push(heading1(l.sectionDocuments));
  if (v.documents.length === 0) children.push(para(STYLE.note, [l.noDocuments]));
  else
    children.push(
      table(
        [l.code, l.docType, l.issuer, l.issuedOn, l.subject, l.discussedAt],
        v.documents.map((doc) => [doc.code ?? doc.name, doc.type, doc.issuer, doc.issuedOn, doc.subject || l.none, doc.discussedAt.map((n) => `#${n}`).join(' ') || l.none]),
        [16, 12, 16, 15, 29, 12],
      ),
    );
  children.push(heading1(l.sectionOfficials));
  if (v.officials.length === 0) children.push(para(STYLE.note, [l.noOfficials]));
  else children.push(table([l.name, l.position, l.roles], v.officials.map((o) => [o.name, o.positions, o.role]), [28, 48, 24]));

  /* ---------------------------------------------------------------- closing and appendix */
  const closing = twoColumns(
    [para(STYLE.note, [text(l.recipients, { bold: true, italics: true, underline: { type: d.UnderlineType.SINGLE } })]), ...l.recipientsLines.map((x) => para(STYLE.note, [x]))],
    [para(STYLE.headerText, [text(l.signature, { bold: true })], { alignment: d.AlignmentType.CENTER })],
  );
  children.push(para(STYLE.body, ['']), closing);

  children.push(para(STYLE.heading1, [l.sectionSources.toLocaleUpperCase('vi')], { pageBreakBefore: true }));
  for (const s of v.sources) {
    const meta = [s.outlet, s.date, s.url].filter(Boolean).join(' · ');
    children.push(para(STYLE.detail, [`[${s.n}] ${s.title}${meta ? ` — ${meta}` : ''} (${s.files.join(', ')})${s.warning ? `. ${s.warning}` : ''}`]));
  }
  if (v.rejections.length) {
    children.push(para(STYLE.heading2, [l.sectionRejected]));
    children.push(table([l.file, l.reason], v.rejections.map((r) => [r.file, r.message ? `${r.reason} (${r.message})` : r.reason]), [45, 55]));
  }

  /* ---------------------------------------------------------------- styles and page */
  const body = { font: FONT, size: PT(14), language: { value: lang } };
  const doc = new d.Document({
    creator: 'bantin',
    title: `${v.report.reportWord} ${v.report.subject}`,
    description: v.periodLabel,
    styles: {
      default: {
        document: { run: body, paragraph: { spacing: { after: 0, line: 276 } } },
        heading1: { run: { font: FONT, size: PT(14), bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel: 0 } },
        heading2: { run: { font: FONT, size: PT(14), bold: true, italics: false, color: '000000' }, paragraph: { spacing: { before: 180, after: 60 }, keepNext: true, outlineLevel: 1 } },
      },
      paragraphStyles: [
        { id: STYLE.body, name: 'Body Text', basedOn: 'Normal', quickFormat: true, run: body, paragraph: { alignment: d.AlignmentType.JUSTIFIED, indent: { firstLine: Math.round(10 * MM) }, spacing: { before: 60, after: 60, line: 288 } } },
        { id: STYLE.headerText, name: 'Report Header', basedOn: 'Normal', quickFormat: true, run: body, paragraph: { spacing: { before: 0, after: 0, line: 240 } } },
        { id: STYLE.reportTitle, name: 'Report Title', basedOn: 'Normal', next: STYLE.reportSubject, quickFormat: true, run: { ...body, size: PT(16), bold: true }, paragraph: { alignment: d.AlignmentType.CENTER, keepNext: true } },
        { id: STYLE.reportSubject, name: 'Report Subject', basedOn: 'Normal', next: STYLE.body, quickFormat: true, run: { ...body, bold: true }, paragraph: { alignment: d.AlignmentType.CENTER, keepNext: true, spacing: { after: 120 } } },
        { id: STYLE.item, name: 'Meeting Item', basedOn: STYLE.body, quickFormat: true, run: body, paragraph: { alignment: d.AlignmentType.JUSTIFIED, indent: { firstLine: Math.round(10 * MM) }, spacing: { before: 120, after: 0 }, keepNext: true } },
        { id: STYLE.detail, name: 'Meeting Detail', basedOn: STYLE.body, quickFormat: true, run: { ...body, size: PT(13) }, paragraph: { alignment: d.AlignmentType.JUSTIFIED, indent: { left: Math.round(10 * MM), firstLine: 0 }, spacing: { before: 0, after: 0 } } },
        { id: STYLE.note, name: 'Note', basedOn: 'Normal', quickFormat: true, run: { ...body, size: PT(12), italics: true }, paragraph: { spacing: { before: 60, after: 60 } } },
        { id: STYLE.tableText, name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { ...body, size: PT(12) }, paragraph: { spacing: { before: 0, after: 0, line: 240 } } },
      ],
    },
    // The table style goes in as "external" styles: the library's own defaults (Normal, headings) are kept beside it.
    externalStyles: TABLE_STYLE_XML,
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: DOCX_PAGE.width, height: DOCX_PAGE.height, orientation: d.PageOrientation.PORTRAIT },
            margin: {
              top: Math.round(DOCX_MARGIN_MM.top * MM),
              bottom: Math.round(DOCX_MARGIN_MM.bottom * MM),
              left: Math.round(DOCX_MARGIN_MM.left * MM),
              right: Math.round(DOCX_MARGIN_MM.right * MM),
              header: Math.round(10 * MM),
              footer: Math.round(10 * MM),
            },
          },
        },
        // Page numbers at the top centre from page 2 (the first page has its own, empty header).
        headers: {
          default: new d.Header({ children: [new d.Paragraph({ style: STYLE.headerText, alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ children: [d.PageNumber.CURRENT] })] })] }),
          first: new d.Header({ children: [new d.Paragraph({ style: STYLE.headerText, children: [] })] }),
        },
        children,
      },
    ],
  });
  const when = new Date(digest.generatedAt);
  const stamp = Number.isNaN(when.getTime()) ? new Date(0) : when;
  const zip = await d.Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(v, stamp.toISOString().replace(/\.\d{3}Z$/, 'Z')) }]);
  return stampZipEntries(Buffer.from(zip), stamp);
}
