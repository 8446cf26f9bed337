/**
 * Words as a reader counts them: runs of text with at least one letter or digit ("—" and
 * "-" alone are not words). The server counts the rendered text of a reply with it (for
 * `minWords`), and the editor counts what is being typed, so the two agree.
 */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
