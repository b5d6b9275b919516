/**
 * Speed and memory of the string metrics. Run: `npx tsx test/bench/metrics.ts` (prints the date, medians
 * over several runs, ratios). Also exported as `benchMetrics()` for the project's `npm run bench`.
 *
 * Pairs are made deterministically (seeded) from the project's corpus (real English: corpus/*.txt): a
 * reference is a run of consecutive words, the hypothesis the same run with random substitutions,
 * deletions, insertions and one block move, like a machine round-trip. 30-word sentence pairs and 300-word
 * paragraph pairs, as in sacreBLEU's published figures (chrF 1,600/s, sentence BLEU 8,900/s, TER 230/s on
 * 30 words; chrF 630/s, BLEU 3,900/s on 300 words). Because the machine is shared and noisy, each metric is
 * also timed against an unoptimised reference implementation (test/metrics/naive.ts: regex tokenizer,
 * Map-of-strings n-gram counting, TER recomputing every edit distance) in the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { BLEU, CHRF, TER, type StringMetric } from '../../src/4-compare/metrics/index.js';
import { setBleuFastPath } from '../../src/4-compare/metrics/bleu.js';
import { naiveBleuStats, naiveChrfStats, naiveTerStats } from '../metrics/naive.js';
import { rng, median } from '../support/random.js';

export interface BenchRow {
  metric: string;
  words: number;
  /** Median pairs per second (wall clock) over the runs, single thread. */
  pairsPerSec: number;
  /** Median pairs per CPU second of this process (robust to other processes competing for the cores). */
  pairsPerCpuSec: number;
  /** Median pairs per CPU second of the unoptimised reference implementation in the same run (null: not run). */
  baselinePairsPerCpuSec: number | null;
  /** sacreBLEU 2.6.0's published figure for such pairs (null: none published). */
  sacrebleuPairsPerSec: number | null;
  runs: number;
  pairsPerRun: number;
}

export interface MemoryRow {
  pairs: number;
  heapUsedMB: number;
  rssMB: number;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = resolve(HERE, '../../corpus');

function corpusWords(): string[] {
  const words: string[] = [];
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).sort()) {
    words.push(...readFileSync(resolve(CORPUS, f), 'utf8').split(/\s+/).filter((w) => w !== '' && w !== '[ad_1]'));
  }
  return words;
}

/** An endless, seeded stream of (hypothesis, reference) pairs of `n` reference words. */
export function* pairStream(n: number, seed = 1): Generator<{ hyp: string; ref: string }> {
  const words = corpusWords();
  const rand = rng(seed);
  for (;;) {
    const start = Math.floor(rand() * words.length);
    const ref: string[] = [];
    for (let i = 0; i < n; i++) ref.push(words[(start + i) % words.length]!);
    const hyp: string[] = [];
    for (const w of ref) {
      const r = rand();
      if (r < 0.05) continue; // deletion
      if (r < 0.15) hyp.push(words[Math.floor(rand() * words.length)]!); // substitution
      else hyp.push(w);
      if (rand() < 0.05) hyp.push(words[Math.floor(rand() * words.length)]!); // insertion
    }
    if (hyp.length > 6) {
      // one block move
      const len = 1 + Math.floor(rand() * 3);
      const from = Math.floor(rand() * (hyp.length - len));
      const block = hyp.splice(from, len);
      hyp.splice(Math.floor(rand() * hyp.length), 0, ...block);
    }
    yield { hyp: hyp.join(' '), ref: ref.join(' ') };
  }
}

function take(n: number, words: number, seed: number): { hyp: string; ref: string }[] {
  const out: { hyp: string; ref: string }[] = [];
  for (const p of pairStream(words, seed)) {
    out.push(p);
    if (out.length === n) break;
  }
  return out;
}

let sink = 0;

/**
 * Median pairs per wall second and per CPU second of `fn` over `runs` timed runs on `pairs`. Steady state,
 * as sacreBLEU's figures are: a warm-up of at least half a second first (a single pass over 400 long pairs
 * is ~10 ms, before the optimising compiler has finished with the hot functions, which left the median
 * ~25% under the steady rate), and each run repeats the pairs for at least `minRunMs` so that one
 * scheduler hiccup on this shared machine does not make a run.
 */
function time(
  pairs: { hyp: string; ref: string }[],
  runs: number,
  fn: (hyp: string, ref: string) => number,
  minRunMs = 200,
): { wall: number; cpu: number } {
  const warm = performance.now();
  do for (const p of pairs) sink += fn(p.hyp, p.ref);
  while (performance.now() - warm < 500);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let n = 0;
    do {
      for (const p of pairs) sink += fn(p.hyp, p.ref);
      n += pairs.length;
    } while (Number(process.hrtime.bigint() - t0) / 1e6 < minRunMs);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    wall.push(n / s);
    cpu.push(n / ((c.user + c.system) / 1e6));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const scoreOf = (m: StringMetric) => (hyp: string, ref: string) => m.value(m.stats(hyp, [ref]));

export interface BenchOptions {
  /** Timed passes per measurement (median reported); default 7. */
  runs?: number;
  /** Skip the slow baselines (for a quick look). */
  skipBaseline?: boolean;
}

/**
 * Speed rows: chrF, sentence BLEU and TER on 30-word pairs; chrF and BLEU on 300 words; informative: BLEU
 * on 300 words without its one-reference fast path, and TER on 300 words.
 */
export async function benchMetrics(opts: BenchOptions = {}): Promise<BenchRow[]> {
  const runs = opts.runs ?? 7;
  const chrf = new CHRF();
  const sentBleu = new BLEU({ effectiveOrder: true });
  const bleu = new BLEU();
  const ter = new TER();
  const chrfBase = (h: string, r: string): number => chrf.value(naiveChrfStats(h, r));
  const bleuBase = (h: string, r: string): number => sentBleu.value(naiveBleuStats(h, [r]));
  const corpusBleuBase = (h: string, r: string): number => bleu.value(naiveBleuStats(h, [r]));
  const terBase = (h: string, r: string): number => ter.value(naiveTerStats(h, r));

  const short = take(3000, 30, 30);
  const long = take(400, 300, 300);
  const rows: BenchRow[] = [];
  const add = (
    metric: string,
    words: number,
    pairs: { hyp: string; ref: string }[],
    fn: (h: string, r: string) => number,
    base: ((h: string, r: string) => number) | null,
    basePairs: number,
    published: number | null,
  ): void => {
    const t = time(pairs, runs, fn);
    const b = base && !opts.skipBaseline ? time(pairs.slice(0, basePairs), Math.min(runs, 5), base) : null;
    rows.push({
      metric,
      words,
      pairsPerSec: t.wall,
      pairsPerCpuSec: t.cpu,
      baselinePairsPerCpuSec: b ? b.cpu : null,
      sacrebleuPairsPerSec: published,
      runs,
      pairsPerRun: pairs.length,
    });
  };
  add('chrF', 30, short, scoreOf(chrf), chrfBase, 1000, 1600);
  add('sentence BLEU', 30, short, scoreOf(sentBleu), bleuBase, 1000, 8900);
  add('TER', 30, short, scoreOf(ter), terBase, 100, 230);
  add('chrF', 300, long, scoreOf(chrf), chrfBase, 100, 630);
  add('BLEU', 300, long, scoreOf(bleu), corpusBleuBase, 200, 3900);
  // The same BLEU without its one-reference fast path (bleu-fast.ts): what multi-reference input gets.
  setBleuFastPath(false);
  try {
    add('BLEU general', 300, long, scoreOf(bleu), null, 0, 3900);
  } finally {
    setBleuFastPath(true);
  }
  add('TER', 300, long.slice(0, 100), scoreOf(ter), null, 0, null);
  return rows;
}

function getGc(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose_gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/**
 * Heap and RSS after streaming 1k, 10k and 100k 30-word pairs through chrF, sentence BLEU and TER (pairs
 * are generated on the fly and not kept; corpus statistics are accumulated), after a forced GC.
 */
export function memoryProfile(checkpoints = [1000, 10000, 100000]): MemoryRow[] {
  const gc = getGc();
  const metrics = [new CHRF(), new BLEU({ effectiveOrder: true }), new TER()];
  const accs = metrics.map((m) => m.accumulator());
  const rows: MemoryRow[] = [];
  let n = 0;
  const last = checkpoints[checkpoints.length - 1]!;
  for (const { hyp, ref } of pairStream(30, 7)) {
    for (const a of accs) a.add(hyp, [ref]);
    n++;
    if (checkpoints.includes(n)) {
      gc?.();
      const m = process.memoryUsage();
      rows.push({ pairs: n, heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 });
    }
    if (n >= last) break;
  }
  sink += accs[0]!.score().score;
  return rows;
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

/**
 * Machine calibration: CPU ns per character of a plain `charCodeAt` loop over the 300-word pairs, and of
 * a loop that also hashes whitespace-separated tokens — the floor under any tokenizer on this machine.
 */
export function calibrate(): { plainNsPerChar: number; hashNsPerChar: number } {
  const strs = take(400, 300, 300).flatMap((p) => [p.hyp, p.ref]);
  let chars = 0;
  for (const s of strs) chars += s.length;
  const plain = (): number => {
    let x = 0;
    for (let j = 0; j < strs.length; j++) {
      const s = strs[j]!;
      for (let i = 0; i < s.length; i++) x += s.charCodeAt(i);
    }
    return x;
  };
  const hashed = (): number => {
    let x = 0;
    for (let j = 0; j < strs.length; j++) {
      const s = strs[j]!;
      let h = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x20) {
          x ^= h;
          h = 0;
        } else h = Math.imul(h ^ c, 16777619);
      }
    }
    return x;
  };
  const ns = (fn: () => number): number => {
    for (let i = 0; i < 10; i++) sink += fn();
    const c0 = process.cpuUsage();
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      sink += fn();
      n++;
    }
    const c = process.cpuUsage(c0);
    return ((c.user + c.system) * 1000) / (n * chars);
  };
  return { plainNsPerChar: ns(plain), hashNsPerChar: ns(hashed) };
}

async function main(): Promise<void> {
  const load = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`metrics benchmark — ${new Date().toISOString()} — node ${process.version}, single thread`);
  console.log(`${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average before: ${load()}`);
  const cal = calibrate();
  console.log(
    `calibration: plain charCodeAt loop ${cal.plainNsPerChar.toFixed(2)} CPU-ns/char, ` +
      `with token hashing ${cal.hashNsPerChar.toFixed(2)} CPU-ns/char (300-word pairs, ~3,600 chars per pair)`,
  );
  const rows = await benchMetrics();
  console.log(
    '\nmetric         words   pairs/s wall  pairs/CPU-s  baseline/CPU-s  ×baseline  sacreBLEU/s  ×sacreBLEU(wall)  ×sacreBLEU(CPU)',
  );
  for (const r of rows) {
    const xb = r.baselinePairsPerCpuSec ? (r.pairsPerCpuSec / r.baselinePairsPerCpuSec).toFixed(1) : '—';
    const xs = r.sacrebleuPairsPerSec ? (r.pairsPerSec / r.sacrebleuPairsPerSec).toFixed(1) : '—';
    const xc = r.sacrebleuPairsPerSec ? (r.pairsPerCpuSec / r.sacrebleuPairsPerSec).toFixed(1) : '—';
    console.log(
      `${r.metric.padEnd(14)} ${String(r.words).padStart(5)}  ${fmt(r.pairsPerSec).padStart(12)}  ${fmt(r.pairsPerCpuSec).padStart(11)}  ` +
        `${(r.baselinePairsPerCpuSec ? fmt(r.baselinePairsPerCpuSec) : '—').padStart(14)}  ${xb.padStart(9)}  ` +
        `${(r.sacrebleuPairsPerSec ? fmt(r.sacrebleuPairsPerSec) : '—').padStart(11)}  ${xs.padStart(16)}  ${xc.padStart(15)}`,
    );
  }
  console.log(`medians of ${rows[0]!.runs} runs (baseline: up to 5); load average after: ${load()}`);
  console.log('sacreBLEU figures: the published sacreBLEU 2.6.0 numbers for such pairs, not measured here.');
  console.log('\nmemory, streaming 30-word pairs through chrF + sentence BLEU + TER (after GC):');
  for (const m of memoryProfile()) {
    console.log(`  ${fmt(m.pairs).padStart(7)} pairs: heapUsed ${m.heapUsedMB.toFixed(1)} MB, rss ${m.rssMB.toFixed(1)} MB`);
  }
  if (sink === 42) console.log('');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
