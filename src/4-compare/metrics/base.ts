/**
 * The shape every string metric shares, after sacreBLEU's `Metric`: per-segment sufficient statistics, a
 * score from statistics, corpus scores from statistics summed over segments (never averaged sentence
 * scores), and a signature that says how to reproduce the number.
 */

/** The sacreBLEU release whose numbers these implementations reproduce (printed in every signature). */
export const SACREBLEU_VERSION = '2.6.0';

/** A score with everything needed to reproduce and explain it. */
export interface MetricScore {
  /** sacreBLEU's name for the metric: `BLEU`, `chrF2`, `chrF2++`, `TER`. */
  name: string;
  /** The score on sacreBLEU's scale (0–100; TER may exceed 100). */
  score: number;
  /** sacreBLEU-style signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
  signature: string;
  /** Extra figures sacreBLEU prints after the score (BLEU: precisions, BP, ratio, lengths); may be empty. */
  verbose: string;
  /** The sufficient statistics the score was computed from (summed over segments for a corpus). */
  stats: number[];
}

/** References of one segment: `null`/`undefined` marks a missing reference (variable number of references). */
export type SegmentRefs = readonly (string | null | undefined)[];

/** Number of references in signatures: a count, or `var` when it differs between segments. */
export type NRefs = number | 'var';

/** Signature fields in sacreBLEU's order, with `version` last. */
export function formatSignature(fields: [string, string | number | boolean][]): string {
  const parts = fields.map(([k, v]) => `${k}:${typeof v === 'boolean' ? (v ? 'yes' : 'no') : v}`);
  parts.push(`version:${SACREBLEU_VERSION}`);
  return parts.join('|');
}

/** Adds `b` into `a` element-wise (sacreBLEU `sum_of_lists`, done incrementally so corpora can stream). */
export function addStats(a: number[], b: readonly number[]): void {
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + b[i]!;
}

/** Tracks how many references the segments had, for the `nrefs` field. */
export class NRefsTracker {
  private seen = -1;
  private variable = false;
  add(n: number): void {
    if (this.seen === -1) this.seen = n;
    else if (this.seen !== n) this.variable = true;
  }
  get value(): NRefs {
    return this.variable ? 'var' : Math.max(this.seen, 0);
  }
}

/**
 * Base class of BLEU, chrF and TER. Subclasses provide the per-segment statistics and the score from
 * statistics; sentence and corpus scores go through the same path.
 */
export abstract class StringMetric {
  /** Name used to prefix error messages (sacreBLEU prefixes them with the class name). */
  abstract readonly id: string;

  /** Statistics of one segment against its (pre-filtered, non-empty list of) references. */
  protected abstract segmentStats(hyp: string, refs: readonly string[]): number[];

  /** The score (sacreBLEU scale) and its verbose part from (summed) statistics. */
  abstract scoreFromStats(stats: readonly number[]): { score: number; verbose: string };

  /** Just the score from statistics (no formatting; the fast path for per-link scores). */
  abstract value(stats: readonly number[]): number;

  /** The signature for `nrefs` references. */
  abstract signature(nrefs: NRefs): string;

  /** sacreBLEU's score name (`BLEU`, `chrF2++`, …). */
  abstract readonly scoreName: string;

  /** Throws a TypeError prefixed with the metric's name, saying how to fix the input. */
  fail(message: string): never {
    throw new TypeError(`${this.id}: ${message}`);
  }

  /** Keeps the defined references of a segment; fails when none is left. */
  protected definedRefs(refs: SegmentRefs, where: string): string[] {
    const out: string[] = [];
    for (const r of refs) {
      if (r === null || r === undefined) continue;
      if (typeof r !== 'string') this.fail(`each reference should be a string (${where}).`);
      out.push(r);
    }
    // sacreBLEU 2.x keeps empty-string references (TER('a', ['']) = 100) but drops undefined ones, which is how
    // a variable number of references per segment is expressed.
    if (out.length === 0) this.fail(`no reference for ${where}; give at least one (it may be empty).`);
    return out;
  }

  /** Sufficient statistics of one segment (`refs`: its references; `null` entries are skipped). */
  stats(hyp: string, refs: SegmentRefs): number[] {
    if (typeof hyp !== 'string') this.fail('the hypothesis should be a string.');
    if (!Array.isArray(refs)) this.fail('`refs` should be an array of reference strings.');
    return this.segmentStats(hyp, this.definedRefs(refs, 'the segment'));
  }

  /** Builds the score object from summed statistics. */
  fromStats(stats: readonly number[], nrefs: NRefs): MetricScore {
    const { score, verbose } = this.scoreFromStats(stats);
    return { name: this.scoreName, score, signature: this.signature(nrefs), verbose, stats: [...stats] };
  }

  /** Score of one hypothesis against one or more references. */
  sentenceScore(hyp: string, refs: SegmentRefs): MetricScore {
    if (typeof hyp !== 'string') this.fail('the hypothesis should be a string.');
    if (!Array.isArray(refs) || typeof refs === 'string') this.fail('`refs` should be an array of strings.');
    const defined = this.definedRefs(refs, 'the sentence');
    return this.fromStats(this.segmentStats(hyp, defined), defined.length);
  }

  /**
   * Corpus score: statistics summed over segments. `refStreams[k][i]` is the k-th reference of segment i
   * (sacreBLEU's layout); a `null` entry means segment i has no k-th reference.
   */
  corpusScore(hyps: readonly string[], refStreams: readonly SegmentRefs[]): MetricScore {
    if (!Array.isArray(hyps)) this.fail('`hyps` should be an array of strings.');
    if (!Array.isArray(refStreams) || refStreams.length === 0) {
      this.fail('`refStreams` should be a non-empty array of reference streams (arrays of strings).');
    }
    for (const stream of refStreams) {
      if (!Array.isArray(stream)) this.fail('each reference stream should be an array of strings.');
      if (stream.length !== hyps.length) {
        this.fail(`each reference stream should have the same length as \`hyps\` (${stream.length} ≠ ${hyps.length}).`);
      }
    }
    const acc = this.accumulator();
    for (let i = 0; i < hyps.length; i++) {
      const hyp = hyps[i];
      if (typeof hyp !== 'string') this.fail(`hypothesis ${i + 1} is not a string.`);
      acc.add(
        hyp,
        refStreams.map((s) => s[i]),
      );
    }
    return acc.score();
  }

  /** A streaming corpus scorer: add segments one by one, memory stays constant. */
  accumulator(): CorpusAccumulator {
    return new CorpusAccumulator(this);
  }
}

/** Sums segment statistics as they come; `score()` gives the corpus score so far. */
export class CorpusAccumulator {
  private sum: number[] = [];
  private nrefs = new NRefsTracker();
  /** Number of segments added. */
  segments = 0;

  constructor(readonly metric: StringMetric) {}

  /** Adds one segment; returns its statistics (for sentence-level output). */
  add(hyp: string, refs: SegmentRefs): number[] {
    const st = this.metric.stats(hyp, refs);
    let n = 0;
    for (const r of refs) if (r !== null && r !== undefined) n++;
    this.nrefs.add(n);
    addStats(this.sum, st);
    this.segments++;
    return st;
  }

  /** Adds statistics computed elsewhere (e.g. in a worker). */
  addStats(stats: readonly number[], nrefs: number): void {
    this.nrefs.add(nrefs);
    addStats(this.sum, stats);
    this.segments++;
  }

  score(): MetricScore {
    if (this.segments === 0) this.metric.fail('no segment to score; add at least one.');
    return this.metric.fromStats(this.sum, this.nrefs.value);
  }
}
