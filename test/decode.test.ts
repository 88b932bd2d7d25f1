import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeEntities, encodeLegacy, normaliseText, vietnameseScore } from '../lambda/core/decode.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/parser/${name}`, import.meta.url)));
const source = readFileSync(new URL('./fixtures/parser/source-utf8.txt', import.meta.url), 'utf8');
const utf8 = (s: string) => new TextEncoder().encode(s);

function decodedText(bytes: Uint8Array): { text: string; encoding: string; guessed: boolean } {
  const result = decodeBytes(bytes);
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.message}`);
  return { text: normaliseText(result.text), encoding: result.encoding, guessed: result.guessed };
}

describe('decodeBytes: encodings', () => {
  it.each([
    ['source-utf8.txt', 'utf-8', false],
    ['utf8-bom.txt', 'utf-8', false],
    ['utf16le-bom.txt', 'utf-16le', false],
    ['utf16be-bom.txt', 'utf-16be', false],
    // encoded with glibc iconv (independent of our tables)
    ['windows-1258.txt', 'windows-1258', true],
    ['tcvn3.txt', 'tcvn3', true],
    // encoded with our own reverse VNI table
    ['vni.txt', 'vni', true],
  ])('%s decodes to the original text as %s', (name, encoding, guessed) => {
    const got = decodedText(fixture(name));
    expect(got.encoding).toBe(encoding);
    expect(got.guessed).toBe(guessed);
    expect(got.text).toBe(source);
  });

  it('strips the UTF-8 BOM', () => {
    const got = decodedText(fixture('utf8-bom.txt'));
    expect(got.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(got.text.startsWith('Chi bộ')).toBe(true);
  });

  it('round-trips every Vietnamese letter through the legacy reverse tables', () => {
    const letters =
      'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    const text = `Tiếng Việt có đủ các chữ: ${letters} và ${letters.toUpperCase()}. Người dân được hưởng lợi.`;
    for (const encoding of ['tcvn3', 'vni', 'windows-1258'] as const) {
      const result = decodeBytes(encodeLegacy(text, encoding));
      expect(result.ok && result.encoding).toBe(encoding);
      if (!result.ok) continue;
      expect(normaliseText(result.text)).toBe(text);
    }
  });

  it('scores real Vietnamese above mis-decoded text', () => {
    expect(vietnameseScore('Đảng bộ tổ chức Hội nghị sơ kết')).toBeGreaterThan(0);
    expect(vietnameseScore('Chi boä Sôû Tö phaùp toå chöùc')).toBeLessThan(0);
    expect(vietnameseScore('Chi bé Së T­ ph¸p tæ chøc')).toBeLessThan(0);
  });

  it('keeps UTF-8 with a few broken bytes as UTF-8 and counts the replacements', () => {
    const bytes = new Uint8Array([...utf8(source.slice(0, 400)), 0xff, ...utf8(source.slice(400))]);
    const result = decodeBytes(bytes);
    expect(result.ok && result.encoding).toBe('utf-8');
    expect(result.ok && result.replaced).toBe(1);
    expect(result.ok && result.guessed).toBe(true);
  });
});

describe('normaliseText', () => {
  it('composes NFD, drops control and zero-width characters, turns U+00A0 into a space', () => {
    const got = decodedText(fixture('nfd-controls.txt'));
    expect(got.text).toBe(source);
    expect(normaliseText('a\u0008b\u200bc\u200cd\u200de\ufefff\u00a0g\u0000h')).toBe('abcdef gh');
    expect(normaliseText('Nghe\u0323\u0302 An')).toBe('Nghệ An');
    expect(normaliseText('một\r\nhai\rba')).toBe('một\nhai\nba');
  });

  it('decodes HTML entities in plain text only when asked', () => {
    expect(normaliseText('Bộ Tư pháp &amp; Sở&nbsp;TT&amp;TT &#7879; &#x1EC7;', { entities: true })).toBe(
      'Bộ Tư pháp & Sở TT&TT ệ ệ',
    );
    expect(normaliseText('&lt;p&gt;', { entities: false })).toBe('&lt;p&gt;');
    // Unknown names stay; invalid numbers become U+FFFD as HTML5 says; đ/Đ by name (the full HTML5 table).
    expect(decodeEntities('&bogus; &#0; &#xD800; &')).toBe('&bogus; \ufffd \ufffd &');
    expect(decodeEntities('&Dstrok;&#7843;ng &dstrok;&#7897;i')).toBe('Đảng đội');
  });
});

describe('decodeBytes: rejections', () => {
  const withText = (head: number[]) => new Uint8Array([...head, ...utf8(' some trailing text '.repeat(10))]);

  it.each([
    ['PDF document', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj')],
    ['JPEG image', withText([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])],
    ['PNG image', withText([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['GIF image', utf8('GIF89a....')],
    ['ZIP archive (or DOCX/XLSX/ODT)', withText([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['gzip archive', withText([0x1f, 0x8b, 0x08, 0x00])],
    ['Microsoft Office (OLE) document', withText([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
  ])('rejects a %s as binary, naming the type', (type, bytes) => {
    const result = decodeBytes(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('binary');
    expect(result.message).toContain(type);
  });

  it('rejects text with NUL bytes as binary', () => {
    const result = decodeBytes(new Uint8Array([0x41, 0x00, 0x01, 0x02, 0x00, 0x00, 0x05, 0x42, 0x00, 0x00, 0x00, 0x7f]));
    expect(result).toMatchObject({ ok: false, reason: 'binary' });
  });

  it('rejects empty and whitespace-only input as empty', () => {
    expect(decodeBytes(new Uint8Array())).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeBytes(utf8(' \n\t\r\n  \u00a0\u200b'))).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('rejects input over maxBytes before decoding', () => {
    expect(decodeBytes(utf8('x'.repeat(101)), { maxBytes: 100 })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(decodeBytes(utf8('x'.repeat(100)), { maxBytes: 100 }).ok).toBe(true);
  });

  it('rejects high-byte noise that is neither UTF-8 nor a Vietnamese legacy encoding', () => {
    const noise = new Uint8Array(2000);
    for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((i * 37) % 0x7f);
    expect(decodeBytes(noise)).toMatchObject({ ok: false, reason: 'undecodable' });
  });
});

describe('TCVN3 through iconv-lite', () => {
  // The table bantin kept by hand before using iconv-lite's `tcvn`: the reference for every byte.
  const HIGH =
    'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ' +
    '\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ' +
    'ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò' +
    'ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ';
  const LOW: Record<number, string> = { 0x01: 'Ú', 0x02: 'Ụ', 0x04: 'Ừ', 0x05: 'Ử', 0x06: 'Ữ', 0x11: 'Ứ', 0x12: 'Ự', 0x13: 'Ỳ', 0x14: 'Ỷ', 0x15: 'Ỹ', 0x16: 'Ý', 0x17: 'Ỵ' };

  it('decodes every byte as the hand-kept table did', async () => {
    const iconv = (await import('iconv-lite')).default;
    for (let b = 0; b < 256; b++) {
      const expected = b >= 0x80 ? HIGH[b - 0x80] : (LOW[b] ?? String.fromCharCode(b));
      expect(iconv.decode(Buffer.from([b]), 'tcvn'), `byte 0x${b.toString(16)}`).toBe(expected);
    }
  });

  it('round-trips Vietnamese text through encodeLegacy and the decoder', () => {
    const text = 'Đảng ủy Khối tổ chức Hội nghị sơ kết 6 tháng đầu năm. Ứng Ỵ Ú Ừ Ữ Ỹ';
    const decoded = decodeBytes(encodeLegacy(text, 'tcvn3'));
    expect(decoded.ok && normaliseText(decoded.text)).toBe(text);
    expect(decoded.ok && decoded.encoding).toBe('tcvn3');
  });
});
