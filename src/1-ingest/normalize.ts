/**
 * Normalisation for *comparison* only: reports always quote the original text. Typographic variants that a
 * republisher's CMS introduces (curly quotes, non-breaking spaces, en dashes, full-width forms) are not
 * changes a reviewer cares about, so metrics and entity matching see them folded.
 */
export function normalizeForCompare(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
