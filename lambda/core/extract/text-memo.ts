/**
 * What an extractor finds in one text (a sentence, the title), computed once per article.
 *
 * Several extractors read the same sentences: person mentions for the people list and again for
 * the chair, dates for the year evidence and for the meeting anchor, meeting nouns for each anchor
 * rule. A memo is keyed by the text itself, so a finding is the same cached or not; findings are
 * shared and must be treated as read only. `extractFacts` clears every memo before an article; the
 * size cap bounds them for callers that use the extractors directly.
 */

const MAX_ENTRIES = 5000;
const memos: Array<Map<string, unknown>> = [];

/** `find`, memoised by its text argument. */
export function memoByText<T>(find: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  memos.push(memo as Map<string, unknown>);
  return (text: string): T => {
    let found = memo.get(text);
    if (found === undefined) {
      if (memo.size >= MAX_ENTRIES) memo.clear();
      found = find(text);
      memo.set(text, found);
    }
    return found;
  };
}

/** Forgets every finding (a new article starts). */
export function clearTextMemos(): void {
  for (const memo of memos) memo.clear();
}
