/**
 * A cheap guess of a text's main language: the dominant script by letter count, and for Latin script the
 * share of the commonest English function words. English running text has roughly 30–45 % of its tokens in
 * this list; French, German, Spanish or romanised text stay far below 10 % (the overlap is "a", "in", "on").
 * The guess only gates English-specific checks, so it needs to be right on whole documents, not on phrases.
 */

/** Function words of English (the ~40 commonest tokens of English news text). */
const ENGLISH = new Set([
  'the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'was', 'are', 'it',
  'at', 'from', 'this', 'be', 'or', 'an', 'have', 'has', 'not', 'which', 'will', 'their', 'its', 'were',
  'been', 'also', 'they', 'he', 'she', 'we', 'his', 'her', 'our', 'would', 'can', 'more', 'than', 'but',
]);

/** Share of English function words above which Latin-script text is called English. */
const ENGLISH_SHARE = 0.15;

/** Fewer Latin words than this are too few to judge: called English, so checks still run on short snippets. */
const MIN_WORDS = 20;

/** Letters sampled at most: the guess is stable long before that, and huge inputs stay cheap. */
const SAMPLE = 400_000;

type Script = 'Latin' | 'Hangul' | 'Han' | 'Kana' | 'Cyrillic' | 'Greek' | 'Arabic' | 'Hebrew' | 'Devanagari' | 'Thai';

function scriptOf(c: number): Script | null {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'Latin';
  if (c < 0xc0) return null;
  if (c <= 0x24f || (c >= 0x1e00 && c <= 0x1eff)) return c === 0xd7 || c === 0xf7 ? null : 'Latin';
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) return 'Hangul';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return 'Han';
  if (c >= 0x3040 && c <= 0x30ff) return 'Kana';
  if (c >= 0x400 && c <= 0x4ff) return 'Cyrillic';
  if (c >= 0x370 && c <= 0x3ff) return 'Greek';
  if (c >= 0x600 && c <= 0x6ff) return 'Arabic';
  if (c >= 0x590 && c <= 0x5ff) return 'Hebrew';
  if (c >= 0x900 && c <= 0x97f) return 'Devanagari';
  if (c >= 0xe00 && c <= 0xe7f) return 'Thai';
  return null;
}

/** `en`, or `other:<Script>` for the dominant script (`other:Latin` for non-English Latin text, `other:none` without letters). */
export function guessLanguage(text: string): string {
  const counts = new Map<Script, number>();
  const limit = Math.min(text.length, SAMPLE);
  for (let i = 0; i < limit; i++) {
    const script = scriptOf(text.charCodeAt(i));
    if (script !== null) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let best: Script | null = null;
  let bestCount = 0;
  for (const [script, count] of counts) {
    if (count > bestCount) {
      best = script;
      bestCount = count;
    }
  }
  if (best === null) return 'other:none';
  if (best !== 'Latin') return `other:${best}`;
  let words = 0;
  let english = 0;
  for (const m of text.slice(0, limit).matchAll(/[A-Za-z]+/g)) {
    words++;
    if (ENGLISH.has(m[0].toLowerCase())) english++;
  }
  return words < MIN_WORDS || english / words >= ENGLISH_SHARE ? 'en' : 'other:Latin';
}
