/**
 * The decode stage's fast paths give the plain answers: normaliseText skips its SPECIAL_CHARS
 * replace for a text decodeBytes found free of them (by one pass over the bytes of strict UTF-8, else by the
 * pattern), and parseArticle hashes the input bytes for the id when they are exactly the
 * normalised text's UTF-8.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeLegacy, hasSpecialUtf8, normaliseText } from '../lambda/core/decode.ts';
import { parseArticle } from '../lambda/core/parse.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** normaliseText without any fast path (the rule as written before). */
function plainNormalise(text: string): string {
  const special = /[\u2028\u2029\u00a0\u2007\u202f\u3000\u200b-\u200d\u2060\ufeff\u00ad\ufffe\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(special, (c) => (c === '\u2028' || c === '\u2029' ? '\n' : '\u00a0\u2007\u202f\u3000'.includes(c) ? ' ' : ''))
    .normalize('NFC');
}

const line = 'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12 diễn ra sáng 3/5/2023.';
const specials = ['\u2028', '\u2029', '\u00a0', '\u2007', '\u202f', '\u3000', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\ufffe', '\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\u007f', '\u0085', '\u009f'];
const texts: string[] = [
  line,
  `${line}\n\n${line}\n`,
  `${line}\r\n${line}\r${line}`,
  `Ho\u0302\u0323i nghi\u0323 ${line}`, // NFD
  `${line}\t${line}  ${line}`, // tab and double space are not special
  ...specials.map((c) => `${line}${c}${line}`),
  ...specials.map((c) => `${c}${line}`),
  `${line}\u0001\u0002\u0003\u0004`,
  `${line} &amp; &#7879;`,
];

describe('normaliseText after decodeBytes (the text scanned once for special characters)', () => {
  it.each(texts.map((t, i) => [i, t]))('text %s normalises as the plain rule does', (_, text) => {
    const decoded = decodeBytes(utf8(text));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(normaliseText(decoded.text, { plain: decoded.plain })).toBe(plainNormalise(decoded.text));
    expect(normaliseText(decoded.text)).toBe(plainNormalise(decoded.text));
  });

  it('does not skip what decoded entities bring in, even for a text said to be plain', () => {
    expect(normaliseText(`${line}&nbsp;&#x2028;`, { plain: true, entities: true })).toBe(plainNormalise(`${line}\u00a0\u2028`));
  });

  it('for every code unit, found by the byte pass over strict UTF-8 exactly when the plain rule changes it', () => {
    const differing: string[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const text = `ab${String.fromCharCode(unit)}cd ${line}`;
      const decoded = decodeBytes(utf8(text));
      if (!decoded.ok) {
        if (unit !== 0) differing.push(`${unit.toString(16)} rejected`); // a NUL byte rejects the file first
        continue;
      }
      if (normaliseText(decoded.text, { plain: decoded.plain }) !== plainNormalise(text)) differing.push(unit.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('reads the bytes two at a time from any offset: a special character at any position, odd or even, in any buffer', () => {
    const special = /[\u2028\u2029\u00a0\u2007\u202f\u3000\u200b-\u200d\u2060\ufeff\u00ad\ufffe\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
    const wrong: string[] = [];
    for (const c of [...specials, '', 'ầ', '“', '\u2026', '\u00e2', '\u00c2']) {
      for (let at = 0; at <= 6; at++) {
        for (const [lead, after] of [0, 1, 2, 3].flatMap((l) => [[l, 'xyz'], [l, '']] as const)) {
          const text = `${'ab'.slice(0, at % 3)}${'ệ'.repeat(at >> 1)}${c}${after}`;
          const bytes = utf8(text);
          // The same bytes `lead` bytes into a larger buffer: the view starts at an even or an odd offset.
          const buffer = new Uint8Array(bytes.length + lead + 1);
          buffer.set(bytes, lead);
          const view = buffer.subarray(lead, lead + bytes.length);
          if (hasSpecialUtf8(view) !== special.test(text)) wrong.push(`${JSON.stringify(text)} at offset ${lead}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rejects mostly-control text as before', () => {
    expect(decodeBytes(utf8(`ab${'\u0001'.repeat(5)}`))).toMatchObject({ ok: false, reason: 'binary' });
  });
});

describe('Decoded.exact and the article id', () => {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

  it('is true only for strict UTF-8 without a BOM', () => {
    expect(decodeBytes(utf8(line))).toMatchObject({ ok: true, exact: true });
    expect(decodeBytes(utf8(`\ufeff${line}`))).toMatchObject({ ok: true, exact: false });
    expect(decodeBytes(new Uint8Array([...utf8(line), 0xff, ...utf8(line), ...utf8(line)]))).toMatchObject({ ok: true, exact: false });
    expect(decodeBytes(encodeLegacy(`${line} ${line}`, 'tcvn3'))).toMatchObject({ ok: true, exact: false });
  });

  const inputs: Array<[string, Uint8Array]> = [
    ...texts.map((t, i): [string, Uint8Array] => [`text ${i}`, utf8(t)]),
    ['BOM', utf8(`\ufeff${line}\n${line}`)],
    ['UTF-16LE', new Uint8Array([0xff, 0xfe, ...Array.from(line).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])])],
    ['TCVN3', encodeLegacy(`${line}\n${line}`, 'tcvn3')],
    ['lossy UTF-8', new Uint8Array([...utf8(`${line}\n${line}\n${line}`), 0xff])],
  ];
  it.each(inputs)('%s: id is the SHA-256 of the normalised text', (_, bytes) => {
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) throw new Error(decoded.message);
    const result = parseArticle({ key: 'k.txt', bytes });
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.article.id).toBe(sha(plainNormalise(decoded.text)));
  });
});
