/**
 * Align speed bench: two texts of 10,000 and 100,000 sentences built from bible-nt (BSB as reference,
 * Twentieth Century NT as candidate — independent translations, not copies), repeated until long enough,
 * each repetition of the candidate perturbed differently (seeded: 5% dropped, 5% foreign sentences
 * inserted, 5% split, 5% merged). Prints the median of several runs, the peak resident memory, the
 * ratio time(100k)/time(10k) and the date.
 *
 * Then press-release-sized pairs (issue 7: 10,000 audits in < 60 s on 2 workers leave ~12 ms per pair for
 * the whole pipeline): corpus 000→001 (35 × 39 sentences) and 000→002 aligned again and again, and a fresh
 * copy of a corpus document with 6% random word edits (test/bench/batch.ts) for every run, as in a batch;
 * median and fastest of the runs after warm-up runs, with the load average (the machine is shared).
 *
 *   npx tsx test/bench/align.ts            (bars: 100k < 10 s, peak RSS < 1 GB, ratio ≤ 12; 000→001 ≤ 4 ms)
 *   npx tsx test/bench/align.ts small      (the small pairs only)
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { align } from '../../src/3-align/index.js';
import type { SegmentedDoc } from '../../src/types.js';
import { loadBible, joinVerses, hasBible } from '../align/bible.js';
import { loadSegmenter } from '../align/segmenter.js';
import { perturb, docFromSentences } from '../align/perturb.js';
import { perturb as editWords } from './batch.js';
import os from 'node:os';
import { median, rng } from '../support/random.js';

export interface BenchResult {
  sentences: number;
  refSentences: number;
  candSentences: number;
  runsMs: number[];
  medianMs: number;
  links: number;
  gaveUp: string | null;
}

/** Builds the reference and candidate documents of about `n` reference sentences. */
export async function buildBenchPair(n: number): Promise<{ ref: SegmentedDoc; cand: SegmentedDoc }> {
  const seg = await loadSegmenter();
  const chapters = loadBible().filter((c) => c.versionB === 'Twenty');
  const refCh: string[][] = [];
  const candCh: string[][] = [];
  for (const ch of chapters) {
    refCh.push(seg.fn(joinVerses(ch.versesA).text, 'a', 'r').sentences.map((s) => s.text));
    candCh.push(seg.fn(joinVerses(ch.versesB).text, 'b', 'c').sentences.map((s) => s.text));
  }
  const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url));
  const foreign = existsSync(corpusDir)
    ? readdirSync(corpusDir)
        .filter((f) => f.endsWith('.txt') && !f.startsWith('000') && !f.startsWith('001'))
        .flatMap((f) => seg.fn(readFileSync(corpusDir + f, 'utf8'), f, 'x').sentences.map((s) => s.text))
    : ['An unrelated sentence about the weather in the harbour.'];
  const ref: string[] = [];
  const cand: string[] = [];
  let rep = 0;
  outer: for (;;) {
    for (let k = 0; k < chapters.length; k++) {
      if (ref.length >= n) break outer;
      const room = n - ref.length;
      const r = refCh[k]!.slice(0, room);
      ref.push(...r);
      const pieces = perturb(candCh[k]!, foreign, {
        seed: rep * 100_003 + k,
        move: 0,
        drop: 0.05,
        insert: 0.05,
        splitMerge: 0.05,
        paragraphSize: 5,
      });
      cand.push(...pieces.map((p) => p.text).slice(0, Math.ceil((pieces.length * r.length) / Math.max(1, refCh[k]!.length))));
    }
    rep++;
  }
  return { ref: docFromSentences(ref, 'bench-ref', 'r'), cand: docFromSentences(cand, 'bench-cand', 'c') };
}

export async function benchAlign(sizes: readonly number[] = [10_000, 100_000], runs = 3): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const n of sizes) {
    const { ref, cand } = await buildBenchPair(n);
    const times: number[] = [];
    let last = align(ref, cand); // warm-up (JIT), not timed
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      last = align(ref, cand);
      times.push(performance.now() - t0);
    }
    out.push({
      sentences: n,
      refSentences: ref.sentences.length,
      candSentences: cand.sentences.length,
      runsMs: times.map((t) => Math.round(t)),
      medianMs: Math.round(median(times)),
      links: last.links.length,
      gaveUp: last.gaveUp?.reason ?? null,
    });
  }
  return out;
}

export interface SmallPairResult {
  name: string;
  sentences: string;
  runs: number;
  medianMs: number;
  fastestMs: number;
}

/**
 * align() on press-release-sized pairs: `warmup` untimed runs, then `runs` timed ones. "edited copies" aligns
 * a new edited copy each run (cycling over the corpus documents), so the memos of features.ts see mostly
 * known sentences on the reference side and partly new ones on the candidate side, as in a batch.
 */
export async function benchSmallPairs(runs = 300, warmup = 60): Promise<SmallPairResult[]> {
  const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url));
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort();
  const texts = files.map((f) => readFileSync(corpusDir + f, 'utf8'));
  const seg = await loadSegmenter();
  const doc = (text: string, p: string, prefix: string): SegmentedDoc => seg.fn(text, p, prefix);
  const out: SmallPairResult[] = [];
  const time = (name: string, pairs: ReadonlyArray<readonly [SegmentedDoc, SegmentedDoc]>): void => {
    for (let k = 0; k < warmup; k++) align(...pairs[k % pairs.length]!);
    const times: number[] = [];
    for (let k = 0; k < runs; k++) {
      const [r, c] = pairs[(warmup + k) % pairs.length]!;
      const t0 = performance.now();
      align(r, c);
      times.push(performance.now() - t0);
    }
    const [r, c] = pairs[0]!;
    out.push({
      name,
      sentences: pairs.length === 1 ? `${r.sentences.length} × ${c.sentences.length}` : `${pairs.length} pairs`,
      runs,
      medianMs: median(times),
      fastestMs: Math.min(...times),
    });
  };
  const ref = doc(texts[0]!, files[0]!, 'r');
  time('000→001', [[ref, doc(texts[1]!, files[1]!, 'c')]]);
  time('000→002', [[ref, doc(texts[2]!, files[2]!, 'c')]]);
  const random = rng(2025);
  const edited: Array<[SegmentedDoc, SegmentedDoc]> = [];
  for (let k = 0; k < runs + warmup; k++) {
    const i = k % texts.length;
    edited.push([doc(texts[i]!, files[i]!, 'r'), doc(editWords(texts[i]!, random), files[i]!, 'c')]);
  }
  time('edited copies (6% of words)', edited);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === 'small') {
  const res = await benchSmallPairs();
  console.log(`align on small pairs — ${new Date().toISOString()} — node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const r of res) console.log(`  ${r.name} (${r.sentences}): median ${r.medianMs.toFixed(2)} ms, fastest ${r.fastestMs.toFixed(2)} ms over ${r.runs} runs`);
  console.log(`  000→001 ≤ 4 ms median: ${res[0]!.medianMs <= 4 ? 'yes' : 'NO'}`);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!hasBible) {
    console.log('align bench: ../shared/eval/bible-nt is absent; nothing to measure.');
    process.exit(0);
  }
  const runs = Number(process.env.RUNS ?? 3);
  const res = await benchAlign([10_000, 100_000], runs);
  console.log(`align bench — ${new Date().toISOString()} — node ${process.version}, median of ${runs} runs (after one warm-up)`);
  for (const r of res) {
    console.log(
      `  ${r.sentences.toLocaleString('en')} sentences (ref ${r.refSentences}, cand ${r.candSentences}): median ${(r.medianMs / 1000).toFixed(2)} s  runs ${r.runsMs.join(', ')} ms  links ${r.links}${r.gaveUp ? `  GAVE UP: ${r.gaveUp}` : ''}`,
    );
  }
  const ratio = res[1]!.medianMs / Math.max(1, res[0]!.medianMs);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`  time(100k)/time(10k) = ${ratio.toFixed(1)} (bar ≤ 12)`);
  console.log(`  peak resident memory of the whole process: ${rssMb.toFixed(0)} MB (bar < 1024)`);
  console.log(`  100k under 10 s: ${res[1]!.medianMs < 10_000 ? 'yes' : 'NO'}`);
  const small = await benchSmallPairs();
  console.log(`  small pairs (load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}):`);
  for (const r of small) console.log(`    ${r.name} (${r.sentences}): median ${r.medianMs.toFixed(2)} ms, fastest ${r.fastestMs.toFixed(2)} ms over ${r.runs} runs`);
  console.log(`    000→001 ≤ 4 ms median: ${small[0]!.medianMs <= 4 ? 'yes' : 'NO'}`);
}
