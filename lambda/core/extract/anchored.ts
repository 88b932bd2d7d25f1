/**
 * Sticky patterns tried only near cheap anchors (issue 14): a pattern whose every match starts
 * close before something easy to find (a slash, a digit after a type word, a place name) is tried
 * there only, and gives the same matches as a global copy scanning the whole text.
 */

/**
 * The matches of a sticky `pattern`, exactly as a global copy finds them with exec() in a loop, when
 * every match is known to start at most `lead` code units before one of `anchors` (ascending
 * positions): the pattern is tried only there, each position once, left to right, and the next try
 * after a (non-empty) match is at its end, as exec() does. Used where the pattern alone, tried at every position
 * of the text, would cost far more than finding the anchors.
 */
export function matchesBefore(text: string, pattern: RegExp, anchors: readonly number[], lead: number): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let from = 0;
  for (const anchor of anchors) {
    for (let at = Math.max(from, anchor - lead); at <= anchor; at = from) {
      pattern.lastIndex = at;
      const m = pattern.exec(text);
      if (m) found.push(m);
      from = m ? at + m[0].length : at + 1;
    }
  }
  return found;
}

/** Where the matches of a global `pattern` start. */
export function positions(text: string, pattern: RegExp): number[] {
  const at: number[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) at.push(m.index);
  return at;
}

/** Where any of `words` starts, ascending; indexOf finds a plain word faster than a regular expression. */
export function wordPositions(text: string, words: readonly string[]): number[] {
  const at: number[] = [];
  for (const word of words) {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) at.push(i);
  }
  return words.length > 1 ? [...new Set(at)].sort((a, b) => a - b) : at;
}
