/**
 * Builds SegmentedDoc + links for the checks tests. Uses the project's segmenter (src/2-segment) and aligner
 * (src/3-align) when they are there; until then a simple line/sentence splitter and a pairing by position.
 * The checks must be robust to imperfect alignment anyway (they fall back to neighbours and the whole text).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AlignmentLink, SegmentedDoc, Sentence } from '../../src/types.js';

type SegmentFn = (src: { path: string; text: string; sha256: string; warnings: string[] }, opts: { idPrefix: string }) => SegmentedDoc;
type AlignFn = (a: SegmentedDoc, b: SegmentedDoc) => { links: AlignmentLink[] };

const root = fileURLToPath(new URL('../../', import.meta.url));
let segmentFn: SegmentFn | undefined;
let alignFn: AlignFn | undefined;
try {
  if (existsSync(`${root}src/2-segment/index.ts`)) segmentFn = ((await import('../../src/2-segment/index.js')) as { segmentDocument: SegmentFn }).segmentDocument;
} catch {
  segmentFn = undefined;
}
try {
  if (existsSync(`${root}src/3-align/index.ts`)) alignFn = ((await import('../../src/3-align/index.js')) as { align: AlignFn }).align;
} catch {
  alignFn = undefined;
}

/** Abbreviations that end with a dot but do not end a sentence. */
const ABBREV = /(?:\b(?:\p{L}\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|St|Jr|Sr|No|vs|etc|Inc|Ltd|Co|Corp|Gen|Lt|Col|Capt)\.)$/u;

/** Lines, then sentences at [.!?] followed by space and a capital/quote/digit, not after an abbreviation. */
export function simpleSegment(text: string, idPrefix: string, path = 'doc.txt'): SegmentedDoc {
  const sentences: Sentence[] = [];
  const lineRe = /[^\n]+/g;
  for (const lm of text.matchAll(lineRe)) {
    const line = lm[0];
    const base = lm.index ?? 0;
    let start = 0;
    const push = (a: number, b: number) => {
      let s = a;
      let e = b;
      while (s < e && /\s/.test(line[s]!)) s++;
      while (e > s && /\s/.test(line[e - 1]!)) e--;
      if (e <= s) return;
      const t = line.slice(s, e);
      sentences.push({ id: `${idPrefix}${sentences.length + 1}`, text: t, start: base + s, end: base + e, boilerplate: /^\[[^\]]{1,20}\]$/.test(t) });
    };
    for (const m of line.matchAll(/[.!?]["”’)]?(?=\s+["“‘(]?[\p{Lu}\d])/gu)) {
      const end = (m.index ?? 0) + m[0].length;
      if (ABBREV.test(line.slice(start, (m.index ?? 0) + 1))) continue;
      push(start, end);
      start = end;
    }
    push(start, line.length);
  }
  return { path, sha256: '', text, sentences, warnings: [], language: 'en' };
}

/** Pair sentences by position (1-1), leftovers as 1-0 / 0-1. */
export function naiveLinks(ref: SegmentedDoc, cand: SegmentedDoc): AlignmentLink[] {
  const r = ref.sentences.filter((s) => !s.boilerplate);
  const c = cand.sentences.filter((s) => !s.boilerplate);
  const links: AlignmentLink[] = [];
  for (let i = 0; i < Math.max(r.length, c.length); i++) {
    const rs = r[i] ? [r[i]!.id] : [];
    const cs = c[i] ? [c[i]!.id] : [];
    links.push({ ref: rs, cand: cs, type: `${rs.length}-${cs.length}`, confidence: 0.5, moved: false });
  }
  return links;
}

export function segment(text: string, idPrefix: string): SegmentedDoc {
  if (segmentFn) return segmentFn({ path: `${idPrefix}.txt`, text, sha256: '', warnings: [] }, { idPrefix });
  return simpleSegment(text, idPrefix);
}

export function link(ref: SegmentedDoc, cand: SegmentedDoc): AlignmentLink[] {
  if (alignFn) return alignFn(ref, cand).links;
  return naiveLinks(ref, cand);
}

/** One reference sentence against one candidate sentence: a single 1-1 link (the DEMETR set-up). */
export function pair(ref: string, cand: string): { reference: SegmentedDoc; candidate: SegmentedDoc; links: AlignmentLink[] } {
  const reference: SegmentedDoc = { path: 'r', sha256: '', text: ref, sentences: [{ id: 'r1', text: ref, start: 0, end: ref.length, boilerplate: false }], warnings: [], language: 'en' };
  const candidate: SegmentedDoc = { path: 'c', sha256: '', text: cand, sentences: [{ id: 'c1', text: cand, start: 0, end: cand.length, boilerplate: false }], warnings: [], language: 'en' };
  return { reference, candidate, links: [{ ref: ['r1'], cand: ['c1'], type: '1-1', confidence: 1, moved: false }] };
}

/** Whole documents through segmentation and alignment. */
export function docs(refText: string, candText: string): { reference: SegmentedDoc; candidate: SegmentedDoc; links: AlignmentLink[] } {
  const reference = segment(refText, 'r');
  const candidate = segment(candText, 'c');
  return { reference, candidate, links: link(reference, candidate) };
}

export const usingProjectStages = { segment: !!segmentFn, align: !!alignFn };
