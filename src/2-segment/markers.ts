/**
 * List-item markers ("1.", "2.)", "b)", "(iii)"). A paragraph that opens with a marker and later contains the
 * next marker in sequence is a run-in list; each item is a sentence (Golden Rules 31–39, extended #066,
 * #075, #076). Requiring the *successor* marker, as pragmatic_segmenter does, keeps "for 1. above … for 2.
 * above" (extended #023) and "by 1. In the UTC…" (extended #007) in prose.
 */

/** A marker as written: its label and the punctuation around it (the style must repeat along a list). */
export interface ListMarker {
  /** The label without punctuation: "1", "b", "iii". */
  label: string;
  /** "." | ")" | ".)" | "()" — "1." and "2)" are different lists. */
  style: string;
}

/** A marker token at `i`, followed by whitespace or the end: `(?label` + `.`/`)`/`.)`. */
const MARKER = /\(?(\d{1,3}|[A-Za-z]|[ivxlcdm]{2,6}|[IVXLCDM]{2,6})(\.\)|\.|\))(?=\s|$)/y;

/** The marker starting exactly at `i`, or null. */
export function markerAt(s: string, i: number): ListMarker | null {
  MARKER.lastIndex = i;
  const m = MARKER.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const paren = s.charCodeAt(i) === 40;
  if (paren && m[2] !== ')') return null;
  return { label: m[1], style: paren ? '()' : m[2] };
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

function romanValue(label: string): number | null {
  const lower = label.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(lower)) return null;
  let total = 0;
  for (let k = 0; k < lower.length; k++) {
    const v = ROMAN[lower[k] as string] ?? 0;
    const next = ROMAN[lower[k + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** True when `next` continues the list that `prev` belongs to (1→2, b→c, iii→iv, i→ii or i→j). */
export function isSuccessor(prev: ListMarker, next: ListMarker): boolean {
  if (prev.style !== next.style) return false;
  const a = prev.label;
  const b = next.label;
  if (/^\d+$/.test(a)) return /^\d+$/.test(b) && Number(b) === Number(a) + 1;
  if (a.length === 1 && b.length === 1 && b.charCodeAt(0) === a.charCodeAt(0) + 1) return true;
  const sameCase = (a === a.toLowerCase()) === (b === b.toLowerCase());
  const ra = romanValue(a);
  const rb = romanValue(b);
  return sameCase && ra !== null && rb !== null && rb === ra + 1;
}

/** True when `next` starts a new list ("1", "a", "A", "i", "I") in the style of the list `prev` belongs to. */
export function isListStart(prev: ListMarker, next: ListMarker): boolean {
  return prev.style === next.style && /^(?:1|a|A|i|I)$/.test(next.label) && next.label !== prev.label;
}
