/**
 * Python string semantics the sacreBLEU metrics depend on.
 *
 * sacreBLEU splits on `str.split()` (Python's Unicode whitespace set), strips with `str.rstrip()`, and counts
 * character n-grams over code points. JavaScript's `\s` is a different set (it has U+FEFF and lacks
 * U+001C–U+001F and U+0085) and strings index UTF-16 code units, so both need an explicit port: the WMT17
 * `online-A` system output starts with U+FEFF, which Python keeps as a character and `\s` would drop.
 */

/** True for a code point that Python's `str.isspace()` accepts (and `str.split()` splits on). */
export function isPyWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python `s.split()`: the non-empty runs between whitespace. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  const n = s.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (isPyWhitespace(s.charCodeAt(i))) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPyWhitespace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPyWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isPyWhitespace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Python `' '.join(s.split())`: runs of whitespace become one space, none at the ends. */
export function pyNormalizeSpace(s: string): string {
  return pySplit(s).join(' ');
}

/** Python `str.lower()`. JavaScript's `toLowerCase` applies the same full Unicode mapping, final sigma included. */
export function pyLower(s: string): string {
  return s.toLowerCase();
}

/** Number of code points (Python `len`). */
export function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Formats like Python's `f'{x:.{digits}f}'`: round half to even on the exact binary value. `toFixed` rounds
 * exact ties away from zero (0.125 → "0.13" where Python prints "0.12"), which would change printed scores.
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  const s = x.toFixed(digits);
  // An exact tie needs the binary value to end exactly on a 5 at digit `digits + 1`; toFixed with more
  // digits shows whether it does (the expansion of a double is finite, at most ~1075 digits).
  const longer = x.toFixed(Math.min(100, digits + 30));
  const cut = longer.indexOf('.') + digits + 1;
  if (longer[cut] !== '5' || !/^0*$/.test(longer.slice(cut + 1))) return s;
  // Tie: toFixed rounded away from zero; Python keeps the even neighbour.
  const lastDigit = Number(s[s.length - 1]);
  if (lastDigit % 2 === 0) return s;
  const truncated = longer.slice(0, cut);
  return truncated.endsWith('.') ? truncated.slice(0, -1) : truncated;
}
