/**
 * Source URLs: only web addresses (`http:`/`https:`) are kept in records and digests. Anything else
 * (`javascript:`, `data:`, `file:`, relative paths, text) would be a link another consumer of the
 * JSON might follow; it is dropped, and the parser says so in the article's warnings.
 */
const WEB_URL = /^https?:\/\/[^\s<>"'`\\]+$/i;

/** The URL trimmed when it is an absolute http(s) address, else null. */
export function webUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  if (!WEB_URL.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? trimmed : null;
  } catch {
    return null;
  }
}
