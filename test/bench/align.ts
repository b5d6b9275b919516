/**
 * Align speed bench: two texts of 10,000 and 100,000 sentences built from bible-nt (BSB as reference,
 * Twentieth Century NT as candidate — independent translations, not copies), repeated until long enough,
 * each repetition of the candidate perturbed differently (seeded: 5% dropped, 5% foreign sentences
 * inserted, 5% split, 5% merged). Prints the median of several runs, the peak resident memory, the
 * ratio time(100k)/time(10k) and the date.
 *
 *   npx tsx test/bench/align.ts            (bars: 100k < 10 s, peak RSS < 1 GB, ratio ≤ 12)
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { align } from '../../src/3-align/index.js';
import type { SegmentedDoc } from '../../src/types.js';
import { loadBible, joinVerses, hasBible } from '../align/bible.js';
import { loadSegmenter } from '../align/segmenter.js';
import { perturb, docFromSentences } from '../align/perturb.js';

export interface BenchResult {
  sentences: number;
  refSentences: number;
  candSentences: number;
  runsMs: number[];
  medianMs: number;
  links: number;
  gaveUp: string | null;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
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
}
