/**
 * Normalisation for *comparison* only: reports always quote the original text. Typographic variants that a
 * republisher's CMS introduces (curly quotes, non-breaking spaces, en dashes, full-width forms) are not
 * changes a reviewer cares about, so metrics and entity matching see them folded.
 */
export function normalizeForCompare(text: string): string {
  if (isPlainAscii(text)) return text;
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Printable ASCII without a backtick, single spaces between non-spaces and none at the ends: text that
 * `normalizeForCompare` returns unchanged (NFKC leaves ASCII alone and no replacement applies). Most
 * sentences of English text are like this, and the compare stage normalises every link's two sides.
 */
function isPlainAscii(text: string): boolean {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else {
      if (c < 33 || c > 126 || c === 96) return false;
      prevSpace = false;
    }
  }
  return true;
}
