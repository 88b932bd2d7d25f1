/**
 * What an extractor finds in one text (a sentence, the title), computed once per article.
 *
 * Several extractors read the same sentences: person mentions for the people list and again for
 * the chair, dates for the year evidence and for the meeting anchor, meeting nouns for each anchor
 * rule. `extractFacts` starts an article with its texts (`startArticle`: the title, then sentence i
 * as text number i + 1); a caller that passes a text with its number gets the finding kept in a
 * slot of that number (no hashing of the sentence), any other text is memoised by the text itself.
 * A finding is the same cached or not; findings are shared and must be treated as read only. The
 * size cap bounds the by-text memo for callers that use the extractors directly.
 */

const MAX_ENTRIES = 5000;

interface Memo {
  byText: Map<string, unknown>;
  byNumber: unknown[];
}
const memos: Memo[] = [];
/** The texts of the article being read: the title (or ''), then sentence i at i + 1. */
let articleTexts: readonly string[] = [];

/** The number of a body sentence among the article's texts (the title is 0). */
export const textNumber = (sentence: { index: number }): number => sentence.index + 1;

/**
 * `find`, memoised: by the text number `at` when `text` is that text of the current article,
 * else by the text. `find` is given the number too, to pass on to the memos it reads.
 */
export function memoByText<T>(find: (text: string, at?: number) => T): (text: string, at?: number) => T {
  const memo: Memo = { byText: new Map(), byNumber: [] };
  memos.push(memo);
  const byText = memo.byText as Map<string, T>;
  return (text: string, at?: number): T => {
    if (at !== undefined && articleTexts[at] === text) {
      let found = memo.byNumber[at] as T | undefined;
      if (found === undefined) memo.byNumber[at] = found = find(text, at);
      return found;
    }
    let found = byText.get(text);
    if (found === undefined) {
      if (byText.size >= MAX_ENTRIES) byText.clear();
      found = find(text);
      byText.set(text, found);
    }
    return found;
  };
}

/** Forgets every finding and starts an article with these texts (the title or '', then the sentences). */
export function startArticle(texts: readonly string[]): void {
  articleTexts = texts;
  for (const memo of memos) {
    if (memo.byText.size > 0) memo.byText.clear();
    memo.byNumber = new Array(texts.length);
  }
}

/** Forgets every finding (a new article starts). */
export function clearTextMemos(): void {
  startArticle([]);
}
