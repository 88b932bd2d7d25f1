/**
 * White space collapsed to single spaces: `text.replace(/\s+/g, ' ')`, with a pattern that leaves
 * single spaces alone (a run of two or more white-space characters, or one that is not a space):
 * the same text, without a match and a copy at every space between words (about half the time on
 * article text).
 */
const WHITE_SPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

export function collapseWhiteSpace(text: string): string {
  return text.replace(WHITE_SPACE_TO_COLLAPSE, ' ');
}
