/**
 * A simple local sentence splitter for the align tests and eval, used until (and wherever) the segment
 * stage is not available: lines, then sentence ends (. ! ? followed by space and an upper-case letter,
 * digit or quote), with a few common abbreviations protected. Offsets are exact (`text.slice(start, end)`).
 */
import type { SegmentedDoc, Sentence } from '../../src/types.js';

const ABBREV = /(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Vol|vs|etc|e\.g|i\.e|U\.S|D\.C|a\.m|p\.m|[A-Z])\.)$/;
const BOILER = /^\s*(?:\[ad_\d+\]|Leave a Reply|Start the text|End the text|Share this:?|Advertisement)\s*$/i;

export function splitSentences(text: string, idPrefix: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (start: number, end: number): void => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end <= start) return;
    const t = text.slice(start, end);
    out.push({ id: `${idPrefix}${out.length + 1}`, text: t, start, end, boilerplate: BOILER.test(t) });
  };
  const lineRe = /[^\n]+/g;
  for (const m of text.matchAll(lineRe)) {
    const line = m[0];
    const base = m.index!;
    let s = 0;
    const endRe = /[.!?]["'”’)]*(?=\s+["'“‘(]?[\p{Lu}\p{N}])/gu;
    for (const e of line.matchAll(endRe)) {
      const cut = e.index! + e[0].length;
      if (ABBREV.test(line.slice(Math.max(0, e.index! - 6), e.index! + 1))) continue;
      push(base + s, base + cut);
      s = cut;
    }
    push(base + s, base + line.length);
  }
  return out;
}

export function segmentLocal(text: string, path: string, idPrefix: string): SegmentedDoc {
  return { path, sha256: '', text, sentences: splitSentences(text, idPrefix), warnings: [], language: 'en' };
}
