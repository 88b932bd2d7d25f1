/**
 * Decode stage: bytes -> normalised Unicode text.
 *
 * Order of decisions: size limit, binary signatures, BOMs, valid UTF-8, then the legacy
 * Vietnamese encodings (Windows-1258, TCVN3/ABC, VNI) scored by how many words decode to
 * well-formed Vietnamese syllables. Pure: no I/O.
 */
import iconv from 'iconv-lite';
import type { RejectionReason } from './model.ts';
import { decodeHTMLStrict } from 'entities';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3' | 'vni';

export interface Decoded {
  ok: true;
  text: string;
  encoding: Encoding;
  /** True when the encoding was chosen by scoring rather than by a BOM or strict UTF-8. */
  guessed: boolean;
  /** Invalid UTF-8 sequences replaced with U+FFFD (lossy UTF-8 only). */
  replaced: number;
  /** True when the input bytes are exactly the UTF-8 of `text` (strict UTF-8 without a BOM). */
  exact: boolean;
  /** True when `text` holds none of the characters normaliseText replaces or removes (pass it on as its `plain` option). */
  plain: boolean;
}
export interface DecodeFailure {
  ok: false;
  reason: RejectionReason;
  message: string;
}
export type DecodeResult = Decoded | DecodeFailure;

export interface DecodeOptions {
  /** Reject inputs larger than this many bytes (checked before any decoding). */
  maxBytes?: number;
}

// ---------------------------------------------------------------- binary detection

interface Signature {
  name: string;
  bytes: number[];
  offset?: number;
}
const SIGNATURES: Signature[] = [
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'ZIP archive (or DOCX/XLSX/ODT)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'bzip2 archive', bytes: [0x42, 0x5a, 0x68] },
  { name: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'Microsoft Office (OLE) document', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'RIFF media (WebP/WAV/AVI)', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'MP4/QuickTime media', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { name: 'MP3 audio', bytes: [0x49, 0x44, 0x33] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Windows executable', bytes: [0x4d, 0x5a, 0x90, 0x00] },
  { name: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'BMP image', bytes: [0x42, 0x4d], offset: 0 },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66] },
];

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

/** Names the binary type of `bytes`, or null when they may be text. */
export function detectBinary(bytes: Uint8Array): string | null {
  for (const sig of SIGNATURES) {
    if (sig.name === 'BMP image') {
      // "BM" alone is too common a text start; require the BMP header's reserved zero bytes.
      if (startsWith(bytes, sig.bytes) && bytes.length > 10 && bytes[6] === 0 && bytes[7] === 0 && bytes[8] === 0 && bytes[9] === 0) {
        return sig.name;
      }
      continue;
    }
    if (startsWith(bytes, sig.bytes, sig.offset ?? 0)) return sig.name;
  }
  return null;
}

// ---------------------------------------------------------------- legacy tables

/**
 * TCVN 5712:1993 (TCVN3 / ABC fonts) is iconv-lite's `tcvn` (capitals in the C0 range, combining
 * tone marks at 0xB0-0xB4 composed on decoding): checked byte for byte against the table bantin kept
 * by hand before, in test/decode.test.ts.
 */
const TCVN = 'tcvn';

/** Windows-1252 bytes 0x80-0x9F (VNI text files are Windows-1252 bytes underneath). */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * VNI Windows: a base letter followed by a mark character (both Windows-1252), e.g. `aù` = á.
 * Each entry: Unicode letter, VNI spelling. Capitals use the capital forms of the mark characters.
 */
const VNI_PAIRS: [string, string][] = [];
{
  const tones: [string, string][] = [
    ['\u0301', 'ù'], ['\u0300', 'ø'], ['\u0309', 'û'], ['\u0303', 'õ'], ['\u0323', 'ï'],
  ];
  const hatTones: [string, string][] = [
    ['', 'â'], ['\u0301', 'á'], ['\u0300', 'à'], ['\u0309', 'å'], ['\u0303', 'ã'], ['\u0323', 'ä'],
  ];
  const breveTones: [string, string][] = [
    ['', 'ê'], ['\u0301', 'é'], ['\u0300', 'è'], ['\u0309', 'ú'], ['\u0303', 'ü'], ['\u0323', 'ë'],
  ];
  const add = (unicode: string, vni: string) => {
    VNI_PAIRS.push([unicode.normalize('NFC'), vni]);
    VNI_PAIRS.push([unicode.toUpperCase().normalize('NFC'), vni.toUpperCase()]);
  };
  for (const base of ['a', 'e', 'o', 'u', 'y']) for (const [mark, v] of tones) add(base + mark, base + v);
  for (const base of ['a', 'e', 'o']) for (const [mark, v] of hatTones) add(base + '\u0302' + mark, base + v);
  for (const [mark, v] of breveTones) add('a\u0306' + mark, 'a' + v);
  // ơ = ô, ư = ö; their toned forms take the ordinary tone marks.
  add('ơ', 'ô');
  add('ư', 'ö');
  for (const [mark, v] of tones) {
    add('ơ' + mark, 'ô' + v);
    add('ư' + mark, 'ö' + v);
  }
  // i and some toned letters are single characters.
  add('í', 'í');
  add('ì', 'ì');
  add('ỉ', 'æ');
  add('ĩ', 'ó');
  add('ị', 'ò');
  add('ỵ', 'î');
  add('đ', 'ñ');
  // Ỹ/ỹ written y + õ is covered by the tone loop; ý by y + ù.
}
const VNI_DECODE = new Map<string, string>();
for (const [uni, vni] of VNI_PAIRS) if (!VNI_DECODE.has(vni)) VNI_DECODE.set(vni, uni);

/** Reverse tables, for tests and fixtures: Unicode text -> legacy bytes. */
export function encodeLegacy(text: string, encoding: 'tcvn3' | 'vni' | 'windows-1258'): Uint8Array {
  const nfc = text.normalize('NFC');
  if (encoding === 'windows-1258') {
    // Windows-1258 spells most toned vowels as base + combining tone: encode the NFD-ish form.
    return new Uint8Array(iconv.encode(toCp1258Form(nfc), 'windows1258'));
  }
  if (encoding === 'tcvn3') return new Uint8Array(iconv.encode(nfc, TCVN));
  const rev = new Map<string, string>();
  for (const [uni, vni] of VNI_PAIRS) if (!rev.has(uni)) rev.set(uni, vni);
  let latin = '';
  for (const ch of nfc) latin += rev.get(ch) ?? ch;
  return new Uint8Array(iconv.encode(latin, 'windows1252'));
}

/** Windows-1258 has precomposed forms only for some letters; split the others into base + combining tone. */
function toCp1258Form(nfc: string): string {
  let out = '';
  for (const ch of nfc) {
    const encoded = iconv.encode(ch, 'windows1258');
    if (encoded.length === 1 && (encoded[0] !== 0x3f || ch === '?')) {
      out += ch;
      continue;
    }
    // keep the base with its shape mark (â, ă, ê, ô, ơ, ư) precomposed, the tone separate
    const d = ch.normalize('NFD');
    const tone = d.match(/[\u0300\u0301\u0303\u0309\u0323]/)?.[0] ?? '';
    out += d.replace(/[\u0300\u0301\u0303\u0309\u0323]/, '').normalize('NFC') + tone;
  }
  return out;
}

function decodeTcvn3(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), TCVN);
}

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_C1[b - 0x80] : String.fromCharCode(b);
  return out;
}

function decodeVni(bytes: Uint8Array): string {
  const latin = decodeCp1252(bytes);
  let out = '';
  for (let i = 0; i < latin.length; i++) {
    const pair = VNI_DECODE.get(latin.slice(i, i + 2));
    if (pair !== undefined) {
      out += pair;
      i++;
      continue;
    }
    out += VNI_DECODE.get(latin[i]!) ?? latin[i];
  }
  return out;
}

function decodeLegacy(bytes: Uint8Array, encoding: 'windows-1258' | 'tcvn3' | 'vni'): string {
  if (encoding === 'tcvn3') return decodeTcvn3(bytes);
  if (encoding === 'vni') return decodeVni(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows1258');
}

// ---------------------------------------------------------------- scoring

const VOWELS = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
const VIET_LETTERS = new Set((VOWELS + 'đ' + VOWELS.toUpperCase() + 'Đ').split(''));
const SYLLABLE = new RegExp(
  `^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?[${VOWELS}]{1,3}(ch|ng|nh|c|m|n|p|t)?$`,
);
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * How Vietnamese a text looks: words containing non-ASCII letters that form valid syllables score
 * +1, those that do not score -2, and characters outside Vietnamese/Latin punctuation cost 1.
 */
export function vietnameseScore(text: string): number {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  let score = 0;
  for (const raw of sample.split(/[\s.,;:!?()"'“”‘’«»\[\]{}<>\/\\|=+*&%$#@^~`_–—…•-]+/)) {
    if (raw === '' || raw.length > 12) {
      if (raw.length > 12 && /[^\x00-\x7f]/.test(raw)) score -= 2;
      continue;
    }
    if (!/[^\x00-\x7f]/.test(raw)) continue;
    const word = raw.toLowerCase();
    const tones = word.normalize('NFD').match(TONE_MARKS)?.length ?? 0;
    if (tones <= 1 && SYLLABLE.test(word)) score += 1;
    else score -= 2;
  }
  return score;
}

/** Share of characters that are ASCII text, Vietnamese letters or common typographic punctuation. */
function plausibleShare(text: string): number {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  if (sample.length === 0) return 0;
  let good = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) good++;
    else if (VIET_LETTERS.has(ch) || '“”‘’–—…•·«»°€\u00a0'.includes(ch)) good++;
  }
  return good / sample.length;
}

// ---------------------------------------------------------------- UTF-8 / UTF-16

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lossyUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Counts valid multi-byte UTF-8 sequences and invalid bytes (stops early once the picture is clear). */
function utf8Stats(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len = 0;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) len = 3;
    else if (b >= 0xf0 && b <= 0xf4) len = 4;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) {
      multibyte++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

function looksLikeBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // Vietnamese UTF-16 has many ASCII letters (high byte 0) and Latin Extended (high byte 0x00/0x01/0x1E).
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', skip: number): string {
  const body = bytes.subarray(skip, skip + ((bytes.length - skip) & ~1));
  if (encoding === 'utf-16le') return new TextDecoder('utf-16le').decode(body);
  const swapped = new Uint8Array(body.length);
  for (let i = 0; i + 1 < body.length; i += 2) {
    swapped[i] = body[i + 1]!;
    swapped[i + 1] = body[i]!;
  }
  return new TextDecoder('utf-16le').decode(swapped);
}

// ---------------------------------------------------------------- main entry

function fail(reason: RejectionReason, message: string): DecodeFailure {
  return { ok: false, reason, message };
}

/** Share of C0/C1 control characters (other than tab/newline/CR/form feed) in decoded text. */
function controlShare(text: string): number {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  if (sample.length === 0) return 0;
  const controls = sample.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  return controls / sample.length;
}

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
    return fail('too-large', `file too large: ${bytes.length} bytes (limit ${options.maxBytes})`);
  }
  if (bytes.length === 0) return fail('empty', 'empty file (0 bytes)');

  const binary = detectBinary(bytes);
  if (binary) return fail('binary', `binary file (${binary})`);

  // BOMs decide outright.
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return finish(lossyUtf8.decode(bytes), 'utf-8', false, 0);
  if (startsWith(bytes, [0xff, 0xfe])) return finish(decodeUtf16(bytes, 'utf-16le', 2), 'utf-16le', false, 0);
  if (startsWith(bytes, [0xfe, 0xff])) return finish(decodeUtf16(bytes, 'utf-16be', 2), 'utf-16be', false, 0);

  if (bytes.indexOf(0) !== -1) {
    const utf16 = looksLikeBomlessUtf16(bytes);
    if (utf16) return finish(decodeUtf16(bytes, utf16, 0), utf16, true, 0);
    return fail('binary', 'binary file (contains NUL bytes)');
  }

  try {
    // Strict UTF-8 without a BOM (BOMs are handled above): the bytes are exactly the text's UTF-8.
    return finish(strictUtf8.decode(bytes), 'utf-8', false, 0, bytes);
  } catch {
    // not strict UTF-8: fall through to scoring
  }

  const stats = utf8Stats(bytes);
  // Mostly UTF-8 with a few broken bytes (truncated or spliced files): keep UTF-8, replace the damage.
  if (stats.multibyte >= 4 && stats.invalid * 20 <= stats.multibyte) {
    return finish(lossyUtf8.decode(bytes), 'utf-8', true, stats.invalid);
  }

  let best: { encoding: 'windows-1258' | 'tcvn3' | 'vni'; text: string; score: number } | null = null;
  for (const encoding of ['windows-1258', 'tcvn3', 'vni'] as const) {
    const text = decodeLegacy(bytes, encoding).normalize('NFC');
    const score = vietnameseScore(text);
    if (!best || score > best.score) best = { encoding, text, score };
  }
  let high = 0;
  for (const b of bytes) if (b >= 0x80) high++;
  const noWords = best !== null && (best.score < 0 || (best.score === 0 && high > bytes.length * 0.05));
  if (!best || noWords || plausibleShare(best.text) < 0.85 || controlShare(best.text) > 0.02) {
    return fail('undecodable', 'undecodable text: not UTF-8/UTF-16 and no Vietnamese legacy encoding fits');
  }
  return finish(best.text, best.encoding, true, 0);
}

/** `raw` decoded; `utf8` given when it is exactly the UTF-8 of `raw`. */
function finish(raw: string, encoding: Encoding, guessed: boolean, replaced: number, utf8?: Uint8Array): DecodeResult {
  // Nearly every text has no special character at all: one search for any answers both the control
  // check here (its characters are among SPECIAL_CHARS, so the share is 0) and normaliseText's.
  const plain = !(utf8 ? hasSpecialUtf8(utf8) : SPECIAL_CHAR.test(raw));
  if (!plain && controlShare(raw) > 0.1) return fail('binary', 'binary file (mostly control characters)');
  if (raw.trim() === '' || /^[\s\u200b-\u200d\u2060\ufeff\u00a0]*$/.test(raw)) {
    return fail('empty', 'empty file (whitespace only)');
  }
  return { ok: true, text: raw, encoding, guessed, replaced, exact: utf8 !== undefined, plain };
}

// ---------------------------------------------------------------- normalisation


/**
 * Decodes HTML character references (`&amp;`, `&#7879;`, `&#x1EC7;`, `&dstrok;`) in plain text,
 * with the `entities` package's full HTML5 table, strictly: a reference counts only with its `;`.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}

/**
 * Unicode clean-up shared by every format: NFC, line ends to `\n`, no control or zero-width
 * characters, no-break space as space, optionally HTML entities decoded (plain text only:
 * in HTML the DOM parser does it, and decoding first would turn `&lt;p&gt;` into markup).
 */
const SPACES = '\u00a0\u2007\u202f\u3000';
/** What normaliseText replaces or removes: line and paragraph separators, odd spaces, invisible and control characters. */
const SPECIAL_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x2028, 0x2029], [0x00a0, 0x00a0], [0x2007, 0x2007], [0x202f, 0x202f], [0x3000, 0x3000],
  [0x200b, 0x200d], [0x2060, 0x2060], [0xfeff, 0xfeff], [0x00ad, 0x00ad], [0xfffe, 0xfffe],
  [0x0000, 0x0008], [0x000b, 0x000c], [0x000e, 0x001f], [0x007f, 0x009f],
];
const unicodeEscape = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
const SPECIAL_CLASS = `[${SPECIAL_RANGES.map(([from, to]) => (from === to ? unicodeEscape(from) : `${unicodeEscape(from)}-${unicodeEscape(to)}`)).join('')}]`;
const SPECIAL_CHARS = new RegExp(SPECIAL_CLASS, 'g');
/** Any one of SPECIAL_CHARS (not global: `test` keeps no state). */
const SPECIAL_CHAR = new RegExp(SPECIAL_CLASS);

/**
 * SPECIAL_CHARS in UTF-8, by first byte: the length of the sequences with that first byte (in
 * UTF-8 the first byte decides it) and, for each sequence, its other bytes packed into one number.
 */
const SPECIAL_UTF8 = new Map<number, { length: number; rests: Set<number> }>();
{
  const encoder = new TextEncoder();
  for (const [from, to] of SPECIAL_RANGES) {
    for (let c = from; c <= to; c++) {
      const bytes = encoder.encode(String.fromCharCode(c));
      const entry = SPECIAL_UTF8.get(bytes[0]!) ?? { length: bytes.length, rests: new Set<number>() };
      entry.rests.add(packRest(bytes, 0, bytes.length));
      SPECIAL_UTF8.set(bytes[0]!, entry);
    }
  }
}

/** The bytes after `bytes[start]` up to `start + length`, as one number. */
function packRest(bytes: Uint8Array, start: number, length: number): number {
  let rest = 0;
  for (let k = start + 1; k < start + length; k++) rest = rest * 256 + bytes[k]!;
  return rest;
}

/** 1 for the first bytes of SPECIAL_UTF8. */
const SPECIAL_FIRST = new Uint8Array(256);
for (const first of SPECIAL_UTF8.keys()) SPECIAL_FIRST[first] = 1;
/** 1 for the two-byte values (as a Uint16Array reads them, either byte order) with a byte of SPECIAL_FIRST. */
const SPECIAL_IN_PAIR = new Uint8Array(65536);
// Filled from the few first bytes, not by visiting all 65,536 pairs (this runs when a Lambda starts).
for (const first of SPECIAL_UTF8.keys()) {
  for (let other = 0; other < 256; other++) SPECIAL_IN_PAIR[first | (other << 8)] = SPECIAL_IN_PAIR[other | (first << 8)] = 1;
}

/** True when a special character starts at `bytes[i]` (its first byte is in SPECIAL_FIRST and its other bytes are a special one's). */
function specialAt(bytes: Uint8Array, i: number): boolean {
  if (SPECIAL_FIRST[bytes[i]!] === 0) return false;
  const { length, rests } = SPECIAL_UTF8.get(bytes[i]!)!;
  return i + length <= bytes.length && rests.has(packRest(bytes, i, length));
}

/**
 * `SPECIAL_CHAR.test(text)` asked of valid UTF-8 bytes of `text`, in one pass over the bytes read
 * two at a time (one table lookup a pair costs a fraction of a scan of the text). The first bytes
 * looked for (ASCII, 0xC2 and up) never occur inside another character's sequence, so each hit
 * starts a character, and it is special exactly when its other bytes are a special one's.
 */
export function hasSpecialUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n === 0) return false;
  // A Uint16Array view needs an even offset into the buffer: an odd first byte is read alone.
  let start = 0;
  if ((bytes.byteOffset & 1) !== 0) {
    if (specialAt(bytes, 0)) return true;
    start = 1;
  }
  const pairs = (n - start) >> 1;
  const view = new Uint16Array(bytes.buffer, bytes.byteOffset + start, pairs);
  for (let k = 0; k < pairs; k++) {
    if (SPECIAL_IN_PAIR[view[k]!] === 0) continue;
    const i = start + 2 * k;
    if (specialAt(bytes, i) || specialAt(bytes, i + 1)) return true;
  }
  return start + 2 * pairs < n && specialAt(bytes, n - 1);
}

/**
 * `plain`: the caller knows `text` holds no SPECIAL_CHARS (`Decoded.plain`), so their replace would
 * change nothing and is skipped. Entities decoded first may bring some in: then it is not skipped.
 */
export function normaliseText(text: string, options: { entities?: boolean; plain?: boolean } = {}): string {
  let t = text;
  if (options.entities) t = decodeEntities(t);
  // One pass: line separators to \n, odd spaces to a space, invisible and control characters out.
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (!options.plain || options.entities) t = t.replace(SPECIAL_CHARS, (c) => (c === '\u2028' || c === '\u2029' ? '\n' : SPACES.includes(c) ? ' ' : ''));
  return t.normalize('NFC');
}
