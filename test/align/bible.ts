/**
 * bible-nt helpers shared by the align eval, bench and tests: chapters as documents, sentences mapped to the
 * verses their characters come from, and the verse-level gold turned into sentence links.
 *
 * Scoring (see `verseGold`): precision = right links / predicted links, recall = gold components recovered
 * (covered only by right links inside them) / gold components.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AlignmentLink, SegmentedDoc } from '../../src/types.js';
import type { Segmenter } from './segmenter.js';

export const BIBLE_PATH = fileURLToPath(
  new URL('../../../shared/eval/bible-nt/bible_nt_verse_aligned_chapters.jsonl', import.meta.url),
);
export const hasBible = existsSync(BIBLE_PATH);

/** bible-nt README: dev = Matthew–Acts, test = Romans–Revelation. */
export const DEV_BOOKS = new Set(['Matthew', 'Mark', 'Luke', 'John', 'Acts']);

export interface Verse {
  verse: number;
  text: string;
}

export interface BibleChapter {
  id: string;
  book: string;
  chapter: number;
  versionA: string;
  versionB: string;
  versesA: Verse[];
  versesB: Verse[];
}

export function loadBible(path = BIBLE_PATH): BibleChapter[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = JSON.parse(l) as {
        id: string;
        book: string;
        chapter: number;
        version_a: string;
        version_b: string;
        verses_a: Verse[];
        verses_b: Verse[];
      };
      return {
        id: r.id,
        book: r.book,
        chapter: r.chapter,
        versionA: r.version_a,
        versionB: r.version_b,
        versesA: r.verses_a,
        versesB: r.verses_b,
      };
    });
}

export function splitOf(ch: BibleChapter): 'dev' | 'test' {
  return DEV_BOOKS.has(ch.book) ? 'dev' : 'test';
}

/** A chapter text with the character range of each (non-empty) verse. */
export interface VerseText {
  text: string;
  ranges: { verse: number; start: number; end: number }[];
}

/** Non-empty verses joined by one space. */
export function joinVerses(verses: readonly Verse[]): VerseText {
  let text = '';
  const ranges: VerseText['ranges'] = [];
  for (const v of verses) {
    const t = v.text.replace(/\s+/g, ' ').trim();
    if (t === '') continue;
    if (text !== '') text += ' ';
    ranges.push({ verse: v.verse, start: text.length, end: text.length + t.length });
    text += t;
  }
  return { text, ranges };
}

/** Verses overlapped by each sentence of a document. */
export function sentenceVerses(doc: SegmentedDoc, vt: VerseText): number[][] {
  return doc.sentences.map((s) =>
    vt.ranges.filter((r) => r.start < s.end && s.start < r.end).map((r) => r.verse),
  );
}

/** A link's key: its sorted reference ids and candidate ids. */
export function linkKey(ref: readonly string[], cand: readonly string[]): string {
  return `${[...ref].sort().join(',')}|${[...cand].sort().join(',')}`;
}

/**
 * The verse gold of a chapter pair. A link is right when its reference sentences and its candidate
 * sentences come from the same verse set (verses present on one side only are ignored in that comparison,
 * so a sentence of a verse the other translation omits is rightly a 1-0 / 0-1 link). Gold units are the
 * connected components of the sentence–verse graph: the finest grouping the verse numbers can vouch for.
 */
export interface VerseGold {
  /** Verse set (restricted to verses present on both sides) of each reference / candidate sentence. */
  refVerses: Map<string, number[]>;
  candVerses: Map<string, number[]>;
  /** Component number of each sentence id (`r…` and `c…` ids are distinct). */
  component: Map<string, number>;
  /** Number of components. */
  components: number;
  /** Link shapes of the components, e.g. {"1-1": 30, "2-1": 4}. */
  shapes: Record<string, number>;
}

export function verseGold(ref: SegmentedDoc, refVerses: number[][], cand: SegmentedDoc, candVerses: number[][]): VerseGold {
  const inRef = new Set(refVerses.flat());
  const inCand = new Set(candVerses.flat());
  const shared = (vs: number[]): number[] => vs.filter((v) => inRef.has(v) && inCand.has(v)).sort((a, b) => a - b);
  // Union–find over sentence nodes and verse nodes.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    if (p !== x) {
      p = find(p);
      parent.set(x, p);
    }
    return p;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const rv = new Map<string, number[]>();
  const cv = new Map<string, number[]>();
  ref.sentences.forEach((s, k) => {
    rv.set(s.id, shared(refVerses[k]!));
    find(`s:${s.id}`);
    for (const v of refVerses[k]!) union(`s:${s.id}`, `v:${v}`);
  });
  cand.sentences.forEach((s, k) => {
    cv.set(s.id, shared(candVerses[k]!));
    find(`s:${s.id}`);
    for (const v of candVerses[k]!) union(`s:${s.id}`, `v:${v}`);
  });
  const roots = new Map<string, number>();
  const component = new Map<string, number>();
  const sizes: { r: number; c: number }[] = [];
  const visit = (id: string, side: 'r' | 'c'): void => {
    const root = find(`s:${id}`);
    let k = roots.get(root);
    if (k === undefined) {
      k = roots.size;
      roots.set(root, k);
      sizes.push({ r: 0, c: 0 });
    }
    component.set(id, k);
    sizes[k]![side]++;
  };
  for (const s of ref.sentences) visit(s.id, 'r');
  for (const s of cand.sentences) visit(s.id, 'c');
  const shapes: Record<string, number> = {};
  for (const z of sizes) shapes[`${z.r}-${z.c}`] = (shapes[`${z.r}-${z.c}`] ?? 0) + 1;
  return { refVerses: rv, candVerses: cv, component, components: roots.size, shapes };
}

export interface LinkCounts {
  /** Predicted links that are right. */
  right: number;
  predicted: number;
  /** Gold components covered only by right links lying inside them. */
  recovered: number;
  gold: number;
}

function union(ids: readonly string[], verses: Map<string, number[]>): string {
  return [...new Set(ids.flatMap((id) => verses.get(id) ?? []))].sort((a, b) => a - b).join(',');
}

export function countLinks(pred: readonly AlignmentLink[], gold: VerseGold): LinkCounts {
  let right = 0;
  const spoiled = new Set<number>();
  for (const l of pred) {
    const ok = union(l.ref, gold.refVerses) === union(l.cand, gold.candVerses);
    const comps = new Set([...l.ref, ...l.cand].map((id) => gold.component.get(id)!));
    if (ok && comps.size === 1) right++;
    else for (const c of comps) spoiled.add(c);
  }
  return { right, predicted: pred.length, recovered: gold.components - spoiled.size, gold: gold.components };
}

export function prf(c: LinkCounts): { precision: number; recall: number; f1: number } {
  const precision = c.predicted > 0 ? c.right / c.predicted : 0;
  const recall = c.gold > 0 ? c.recovered / c.gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** A chapter as two segmented documents plus the gold. */
export interface ChapterCase {
  chapter: BibleChapter;
  ref: SegmentedDoc;
  cand: SegmentedDoc;
  refVerses: number[][];
  candVerses: number[][];
  gold: VerseGold;
}

export function chapterCase(ch: BibleChapter, seg: Segmenter): ChapterCase {
  const a = joinVerses(ch.versesA);
  const b = joinVerses(ch.versesB);
  const ref = seg(a.text, `${ch.id}:${ch.versionA}`, 'r');
  const cand = seg(b.text, `${ch.id}:${ch.versionB}`, 'c');
  const refVerses = sentenceVerses(ref, a);
  const candVerses = sentenceVerses(cand, b);
  return { chapter: ch, ref, cand, refVerses, candVerses, gold: verseGold(ref, refVerses, cand, candVerses) };
}
