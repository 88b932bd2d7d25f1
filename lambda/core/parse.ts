/**
 * The parser pipeline: decode -> format (text/HTML) -> clean -> metadata -> facts.
 * Pure: knows nothing of AWS or the file system. (Stub: being implemented.)
 */
import type { ParseInput, ParseResult } from './model.ts';

export function parseArticle(input: ParseInput): ParseResult {
  throw new Error('parseArticle: not implemented yet');
}
