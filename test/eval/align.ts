/**
 * Align evaluation (prints figures and the date):
 *
 *   npx tsx test/eval/align.ts            all sections
 *   npx tsx test/eval/align.ts bible      one section: bible | stress | verdicts | confidence
 *
 * 1. bible-nt (../shared/eval/bible-nt): two independent English translations per chapter, verse-numbered.
 *    Chapters are segmented (src/2-segment when present), aligned, and the links scored against the verse
 *    gold (test/align/bible.ts): precision = right links / links, recall = verse components recovered.
 *    dev = Matthew–Acts (the only part used for tuning), test = Romans–Revelation. Bar: F1 ≥ 0.95 on test.
 * 2. Synthetic stress (seeded): 20% of paragraphs moved, 10% of sentences dropped, 10% foreign sentences
 *    inserted, 10% split and 10% merged; F1 on the untouched links, and the moved sentences found.
 * 3. Verdicts: corpus pairs and corpus documents against bible chapters, and the verdict figures of
 *    bible-nt same-chapter (translation) and different-chapter (unrelated) pairs.
 * 4. Confidence: the logistic fit behind CONFIDENCE_FIT in src/3-align/align.ts (dev only).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { align, alignWithDetails, CONFIDENCE_FIT as CURRENT_FIT, DEFAULT_COST_PARAMS } from '../../src/3-align/index.js';
import type { Alignment, SegmentedDoc } from '../../src/types.js';
import type { AlignOptions } from '../../src/3-align/index.js';
import { loadBible, chapterCase, splitOf, countLinks, prf, hasBible, joinVerses } from '../align/bible.js';
import type { BibleChapter, LinkCounts } from '../align/bible.js';
import { loadSegmenter } from '../align/segmenter.js';
import type { Segmenter } from '../align/segmenter.js';
import { perturb, docFromSentences, STRESS } from '../align/perturb.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface BibleResult extends PRF {
  split: 'dev' | 'test';
  chapters: number;
  counts: LinkCounts;
  ms: number;
}

/** Aligns every chapter of a split and scores it against the verse gold. */
export function evalBible(seg: Segmenter, split: 'dev' | 'test', chapters = loadBible(), options: AlignOptions = {}): BibleResult {
  const cases = chapters.filter((c) => splitOf(c) === split).map((c) => chapterCase(c, seg));
  const tot: LinkCounts = { right: 0, predicted: 0, recovered: 0, gold: 0 };
  const t0 = performance.now();
  for (const k of cases) {
    const c = countLinks(align(k.ref, k.cand, options).links, k.gold);
    tot.right += c.right;
    tot.predicted += c.predicted;
    tot.recovered += c.recovered;
    tot.gold += c.gold;
  }
  return { split, chapters: cases.length, counts: tot, ms: performance.now() - t0, ...prf(tot) };
}

export interface StressResult {
  name: string;
  untouched: PRF;
  /** Moved sentences linked to their source and flagged `moved`. */
  movedFound: number;
  movedTotal: number;
  /** Links flagged `moved` that are right. */
  movedFlagPrecision: number;
  mode: Alignment['mode'];
}

/**
 * Perturbs `source` (seeded), aligns the source against the result and scores: untouched = candidate
 * sentences that are an unchanged source sentence in its place (not moved, split, merged or foreign).
 */
export function stressCase(name: string, source: readonly string[], foreign: readonly string[], seed: number): StressResult {
  const pieces = perturb(source, foreign, { ...STRESS, seed });
  const ref = docFromSentences(source, `${name}:ref`, 'r');
  const cand = docFromSentences(pieces.map((p) => p.text), `${name}:cand`, 'c');
  const a = align(ref, cand);
  const key = (r: number[], c: number[]): string => `${r.join(',')}|${c.join(',')}`;
  const goldUntouched = new Set<string>();
  const goldMoved = new Set<string>();
  const untouchedCand = new Set<number>();
  const untouchedRef = new Set<number>();
  // A piece is out of order when it is off the longest increasing chain of origins: a block "moved" to a
  // place where the order happens to hold (its neighbours dropped or moved too) is not a move.
  const outOfOrder = offChain(pieces.map((p) => (p.origin.length > 0 ? p.origin[0]! : -1)));
  pieces.forEach((p, k) => {
    if (p.origin.length !== 1 || p.reshaped) return;
    if (outOfOrder.has(k)) goldMoved.add(key(p.origin, [k]));
    else {
      goldUntouched.add(key(p.origin, [k]));
      untouchedCand.add(k);
      untouchedRef.add(p.origin[0]!);
    }
  });
  const idx = (id: string): number => Number(id.slice(1)) - 1;
  let predicted = 0;
  let right = 0;
  let movedFound = 0;
  let flagged = 0;
  let flaggedRight = 0;
  for (const l of a.links) {
    const r = l.ref.map(idx);
    const c = l.cand.map(idx);
    const k = key(r, c);
    if (r.some((x) => untouchedRef.has(x)) || c.some((y) => untouchedCand.has(y))) {
      predicted++;
      if (goldUntouched.has(k)) right++;
    }
    if (l.moved) {
      flagged++;
      if (goldMoved.has(k)) flaggedRight++;
    }
    if (goldMoved.has(k) && l.moved) movedFound++;
  }
  const precision = predicted > 0 ? right / predicted : 0;
  const recall = goldUntouched.size > 0 ? right / goldUntouched.size : 0;
  return {
    name,
    untouched: { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 },
    movedFound,
    movedTotal: goldMoved.size,
    movedFlagPrecision: flagged > 0 ? flaggedRight / flagged : 0,
    mode: a.mode,
  };
}

/** Indices (with value ≥ 0) off the longest strictly increasing subsequence of `v`. */
function offChain(v: readonly number[]): Set<number> {
  const idx = v.map((x, k) => [x, k] as const).filter(([x]) => x >= 0);
  const tails: number[] = [];
  const tailAt: number[] = [];
  const prev = new Map<number, number>();
  for (const [x, k] of idx) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
    tailAt[lo] = k;
    prev.set(k, lo > 0 ? tailAt[lo - 1]! : -1);
  }
  const chain = new Set<number>();
  for (let k = tails.length > 0 ? tailAt[tails.length - 1]! : -1; k >= 0; k = prev.get(k)!) chain.add(k);
  return new Set(idx.filter(([, k]) => !chain.has(k)).map(([, k]) => k));
}

function corpusDocs(seg: Segmenter): { name: string; doc: SegmentedDoc }[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f, k) => ({ name: f, doc: seg(readFileSync(CORPUS + f, 'utf8'), `corpus/${f}`, k === 0 ? 'r' : 'c') }));
}

function chapterDoc(seg: Segmenter, ch: BibleChapter, side: 'A' | 'B', prefix: string): SegmentedDoc {
  return seg(joinVerses(side === 'A' ? ch.versesA : ch.versesB).text, `${ch.id}:${side}`, prefix);
}

/** Runs the stress cases: corpus 000 (5 seeds) and bible-nt books (the verses of the other translation). */
export function evalStress(seg: Segmenter, chapters: BibleChapter[] | null): StressResult[] {
  const out: StressResult[] = [];
  const docs = corpusDocs(seg);
  const foreignBible = chapters ? chapters.slice(0, 3).flatMap((c) => chapterDoc(seg, c, 'A', 'x').sentences.map((s) => s.text)) : [];
  const foreignCorpus = docs.slice(2).flatMap((d) => d.doc.sentences.map((s) => s.text));
  const src = docs[0]!.doc.sentences.map((s) => s.text);
  for (let seed = 1; seed <= 5; seed++) out.push(stressCase(`corpus 000 seed ${seed}`, src, foreignBible.length ? foreignBible : foreignCorpus, seed));
  if (chapters) {
    // A whole book per case, sentence-segmented: moves cross chapter boundaries.
    for (const book of ['Mark', 'Galatians', 'James']) {
      const text = chapters
        .filter((c) => c.book === book && c.versionB === 'Twenty')
        .map((c) => joinVerses(c.versesA).text)
        .join('\n');
      const sents = seg(text, book, 'r').sentences.map((s) => s.text);
      out.push(stressCase(`bible-nt ${book} (BSB) seed 7`, sents, foreignCorpus, 7));
    }
  }
  return out;
}

export interface VerdictRow {
  pair: string;
  expected: string;
  verdict: string;
  evidence: Record<string, number | string>;
}

export function evalVerdicts(seg: Segmenter, chapters: BibleChapter[] | null): VerdictRow[] {
  const docs = corpusDocs(seg);
  const rows: VerdictRow[] = [];
  const expect = ['', 'translation', 'related', 'unrelated', 'unrelated'];
  for (let k = 1; k < docs.length; k++) {
    const a = align(docs[0]!.doc, docs[k]!.doc);
    rows.push({ pair: `${docs[0]!.name} → ${docs[k]!.name}`, expected: expect[k] ?? '?', verdict: a.verdict, evidence: a.verdictEvidence });
  }
  if (chapters) {
    const picks = ['BSB-vs-Twenty:Matthew:5', 'BSB-vs-Twenty:Acts:27', 'BSB-vs-Twenty:Romans:8', 'BSB-vs-Twenty:Revelation of John:21'];
    for (const id of picks) {
      const ch = chapters.find((c) => c.id === id);
      if (!ch) continue;
      for (const d of docs) {
        const b = chapterDoc(seg, ch, 'B', 'c');
        const a1 = align({ ...d.doc, sentences: d.doc.sentences.map((s, q) => ({ ...s, id: `r${q + 1}` })) }, b);
        rows.push({ pair: `${d.name} → ${id} (${ch.versionB})`, expected: 'unrelated', verdict: a1.verdict, evidence: a1.verdictEvidence });
        const a2 = align(chapterDoc(seg, ch, 'A', 'r'), { ...d.doc, sentences: d.doc.sentences.map((s, q) => ({ ...s, id: `c${q + 1}` })) });
        rows.push({ pair: `${id} (${ch.versionA}) → ${d.name}`, expected: 'unrelated', verdict: a2.verdict, evidence: a2.verdictEvidence });
      }
    }
  }
  return rows;
}

/** Verdict figures of bible-nt pairs by expected class (dev: same chapter = translation, other = unrelated). */
export function bibleVerdictTable(seg: Segmenter, chapters: BibleChapter[], split: 'dev' | 'test'): Record<string, { n: number; wrong: number; figures: Record<string, number[]> }> {
  const chs = chapters.filter((c) => splitOf(c) === split && c.versionB === 'Twenty');
  const table: Record<string, { n: number; wrong: number; figures: Record<string, number[]> }> = {};
  const add = (cls: string, a: Alignment): void => {
    const t = (table[cls] ??= { n: 0, wrong: 0, figures: {} });
    t.n++;
    if (a.verdict !== cls) t.wrong++;
    for (const [k, v] of Object.entries(a.verdictEvidence)) if (typeof v === 'number') (t.figures[k] ??= []).push(v);
  };
  const step = Math.max(1, Math.floor(chs.length / 40));
  for (let k = 0; k < chs.length; k += step) {
    const ch = chs[k]!;
    add('translation', align(chapterDoc(seg, ch, 'A', 'r'), chapterDoc(seg, ch, 'B', 'c')));
    const other = chs[(k + Math.floor(chs.length / 2)) % chs.length]!;
    add('unrelated', align(chapterDoc(seg, ch, 'A', 'r'), chapterDoc(seg, other, 'B', 'c')));
  }
  return table;
}

/** Logistic fit of P(link right) on z = (1 − sim)/bg, by Newton's method (dev only). */
export function fitConfidence(seg: Segmenter, chapters: BibleChapter[]): { intercept: number; slope: number; n: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  const dev = chapters.filter((c) => splitOf(c) === 'dev' && c.versionB === 'Twenty');
  dev.forEach((ch, k) => {
    const cc = chapterCase(ch, seg);
    const a = alignWithDetails(cc.ref, cc.cand);
    a.alignment.links.forEach((l, q) => {
      if (l.ref.length === 0 || l.cand.length === 0) return;
      xs.push(a.details[q]!.z);
      ys.push(countLinks([l], cc.gold).right);
    });
    const other = dev[(k + Math.floor(dev.length / 2)) % dev.length]!;
    const u = alignWithDetails(chapterDoc(seg, ch, 'A', 'r'), chapterDoc(seg, other, 'B', 'c'));
    u.alignment.links.forEach((l, q) => {
      if (l.ref.length === 0 || l.cand.length === 0) return;
      xs.push(u.details[q]!.z);
      ys.push(0);
    });
  });
  let a = 0;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < xs.length; i++) {
      const p = 1 / (1 + Math.exp(-(a + b * xs[i]!)));
      const w = p * (1 - p) + 1e-9;
      g0 += ys[i]! - p;
      g1 += (ys[i]! - p) * xs[i]!;
      h00 += w;
      h01 += w * xs[i]!;
      h11 += w * xs[i]! * xs[i]!;
    }
    const det = h00 * h11 - h01 * h01;
    a += (h11 * g0 - h01 * g1) / det;
    b += (h00 * g1 - h01 * g0) / det;
  }
  return { intercept: a, slope: b, n: xs.length };
}


function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function quantiles(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] ?? NaN;
  return `min ${q(0).toFixed(3)} q10 ${q(0.1).toFixed(3)} med ${q(0.5).toFixed(3)} q90 ${q(0.9).toFixed(3)} max ${q(1).toFixed(3)}`;
}

export async function main(sections: string[]): Promise<void> {
  const seg = (await loadSegmenter()).fn;
  const segName = (await loadSegmenter()).name;
  const all = sections.length === 0;
  const want = (s: string): boolean => all || sections.includes(s);
  console.log(`align eval — ${new Date().toISOString()} — segmenter: ${segName}`);
  if (!hasBible) {
    if (process.env.CI) throw new Error('align eval: ../shared/eval/bible-nt is absent but CI=true');
    console.log('  ../shared/eval/bible-nt is absent: bible sections skipped');
  }
  const chapters = hasBible ? loadBible() : null;
  if (want('bible') && chapters) {
    console.log('\n1. bible-nt verse gold (links right when both sides come from the same verse set)');
    for (const [label, options] of [
      [`default (links of up to ${DEFAULT_COST_PARAMS.maxGroup} sentences a side)`, {}],
      ['maxGroup 3 (links of up to 3 a side)', { maxGroup: 3 }],
    ] as const) {
      console.log(`  ${label}`);
      for (const split of ['dev', 'test'] as const) {
        const r = evalBible(seg, split, chapters, options);
        console.log(
          `    ${split.padEnd(4)} ${r.chapters} chapters: P ${pct(r.precision)}  R ${pct(r.recall)}  F1 ${pct(r.f1)}  (links ${r.counts.right}/${r.counts.predicted} right, components ${r.counts.recovered}/${r.counts.gold}; ${(r.ms / 1000).toFixed(1)} s)${split === 'test' ? `  bar F1 ≥ 95.0: ${r.f1 >= 0.95 ? 'met' : 'NOT met'}` : ''}`,
        );
      }
    }
  }
  if (want('stress')) {
    console.log('\n2. synthetic stress (20% paragraphs moved, 10% dropped, 10% foreign inserted, 10% split, 10% merged; seeded)');
    const rs = evalStress(seg, chapters);
    for (const r of rs) {
      console.log(
        `  ${r.name.padEnd(36)} untouched P ${pct(r.untouched.precision)} R ${pct(r.untouched.recall)} F1 ${pct(r.untouched.f1)}  moved found ${r.movedFound}/${r.movedTotal}  moved-flag precision ${pct(r.movedFlagPrecision)}  mode ${r.mode}`,
      );
    }
    const minF1 = Math.min(...rs.map((r) => r.untouched.f1));
    const moved = rs.reduce((s, r) => s + r.movedFound, 0);
    const movedTotal = rs.reduce((s, r) => s + r.movedTotal, 0);
    console.log(`  lowest untouched F1 ${pct(minF1)} (bar ≥ 95.0: ${minF1 >= 0.95 ? 'met' : 'NOT met'}); moved sentences found ${moved}/${movedTotal} (${pct(moved / Math.max(1, movedTotal))}%)`);
  }
  if (want('verdicts')) {
    console.log('\n3. verdicts');
    const rows = evalVerdicts(seg, chapters);
    let ok = 0;
    for (const r of rows) {
      if (r.verdict === r.expected) ok++;
      const e = r.evidence;
      console.log(
        `  ${r.verdict === r.expected ? 'ok ' : 'BAD'} ${r.pair.padEnd(72)} ${r.verdict.padEnd(11)} (expected ${r.expected}) coverage ${e.coverage} anywhere ${e.matchedAnywhere} meanSim ${e.meanSimilarity} sharedRare ${e.sharedRareWords} sharedEnt ${e.sharedEntities} order ${e.orderAgreement}`,
      );
    }
    console.log(`  ${ok}/${rows.length} verdicts as expected`);
    if (chapters) {
      for (const split of ['dev', 'test'] as const) {
        const t = bibleVerdictTable(seg, chapters, split);
        for (const [cls, v] of Object.entries(t)) {
          console.log(`  bible-nt ${split} ${cls}: ${v.n - v.wrong}/${v.n} right`);
          for (const f of ['coverage', 'matchedAnywhere', 'sharedRareWords', 'sharedEntities', 'meanSimilarity']) console.log(`      ${f.padEnd(16)} ${quantiles(v.figures[f] ?? [])}`);
        }
      }
    }
  }
  if (want('confidence') && chapters) {
    const fit = fitConfidence(seg, chapters);
    console.log(`\n4. confidence fit on dev (${fit.n} links): intercept ${fit.intercept.toFixed(3)}, slope ${fit.slope.toFixed(3)}  (in use: ${CURRENT_FIT.intercept}, ${CURRENT_FIT.slope})`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.slice(2));
}

