/**
 * A text's UTF-16 code units in a typed array, for the walks that look at every character (the
 * capitalised runs of the people extractor, the token hashes of the near-duplicate check). One
 * native copy (`Buffer#write`, UTF-16LE) and then typed-array reads cost about half of
 * `charCodeAt` on each character, most of all on the sliced strings sentences are.
 *
 * The array is shared and reused: it holds `text` until the next call, and its length is its
 * capacity, not the text's. The unit at `text.length` is 0 (a sentinel: no letter, digit or space),
 * so a walk may read one unit past the end.
 */
import { endianness } from 'node:os';

const LITTLE_ENDIAN = endianness() === 'LE';

let bytes = Buffer.allocUnsafeSlow(2 * 4096);
let units = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);

export function codeUnits(text: string): Uint16Array {
  const n = text.length;
  if (n + 1 > units.length) {
    bytes = Buffer.allocUnsafeSlow(2 * Math.max(n + 1, 2 * units.length));
    units = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  }
  if (LITTLE_ENDIAN) bytes.write(text, 0, 2 * n, 'utf16le');
  else for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  units[n] = 0;
  return units;
}
