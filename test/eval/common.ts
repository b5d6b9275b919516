/**
 * Shared pieces of the drift evaluations (`npm run eval:mqm`, `npm run eval:demetr`): loaders for the external
 * data in ../shared/eval/, a tie-aware Kendall tau-b, a one-segment audit, and small printing helpers.
 *
 * Nothing here is tuned: the loaders only read and split the data the way its README prescribes
 * (MQM: TED = dev, newstest2021 = test; DEMETR: item_id % 5 == 0 = test, the rest dev).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { audit } from '../../src/pipeline.js';
import type { Report, SourceText } from '../../src/types.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const SHARED_EVAL = `${here}../../../shared/eval`;
export const MQM_DIR = `${SHARED_EVAL}/mqm-zhen`;
export const DEMETR_DIR = `${SHARED_EVAL}/demetr`;

export type Split = 'dev' | 'test';

/** Reads a JSON-lines file into objects (blank lines skipped). */
export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Throws under CI when the shared data is missing (a skipped evaluation must never pass silently there). */
export function requireShared(dir: string): boolean {
  const has = existsSync(dir);
  if (!has && process.env.CI) throw new Error(`${dir} is missing; CI must run with ../shared/eval present.`);
  return has;
}

// --- MQM (WMT21 zh→en) ---------------------------------------------------------------------------------------

export interface MqmRow {
  id: string;
  testset: string;
  system: string;
  seg_id: number;
  /** Minus the weighted error count: 0 is best (Major 5, Minor 1, minor punctuation 0.1, non-translation 25). */
  mqm_score: number;
  reference: string;
  hypothesis: string;
  split: Split;
  /** Number of errors the raters marked Major (TED only: newstest2021 comes without error spans). */
  majorErrors?: number;
}

/**
 * Both MQM sets. Human translations that were themselves rated (`ref-A`/`ref-B` as systems in TED) are left
 * out, as in the sacreBLEU baselines of baseline-correlations.json (13 MT systems × 529 TED segments = 6,877
 * rows; 8 × 650 = 5,200 newstest rows, two of them with an empty hypothesis, kept: they are real outputs).
 */
export function loadMqm(): MqmRow[] {
  const ted = readJsonl<Omit<MqmRow, 'split'>>(`${MQM_DIR}/mqm_tedtalks_zhen_with_text_and_spans.jsonl`)
    .filter((r) => !/^ref-/i.test(r.system))
    .map((r) => ({ ...pickMqm(r), split: 'dev' as const }));
  const news = readJsonl<Omit<MqmRow, 'split'>>(`${MQM_DIR}/mqm_newstest2021_zhen_with_text.jsonl`)
    .filter((r) => !/^ref-/i.test(r.system))
    .map((r) => ({ ...pickMqm(r), split: 'test' as const }));
  return [...ted, ...news];
}

function pickMqm(r: Omit<MqmRow, 'split'> & { errors?: { severity: string }[] }): Omit<MqmRow, 'split'> {
  return {
    ...(r.errors ? { majorErrors: r.errors.filter((e) => e.severity === 'Major').length } : {}),
    id: r.id,
    testset: r.testset,
    system: r.system,
    seg_id: r.seg_id,
    mqm_score: r.mqm_score,
    reference: r.reference ?? '',
    hypothesis: r.hypothesis ?? '',
  };
}

export interface BaselineCorrelations {
  newstest2021: Record<string, number>;
  ted: Record<string, number>;
}

/** sacreBLEU 2.6.0 segment-level Kendall tau-b (flat) from baseline-correlations.json, by metric name. */
export function loadBaselines(): BaselineCorrelations {
  const raw = JSON.parse(readFileSync(`${MQM_DIR}/baseline-correlations.json`, 'utf8')) as Record<
    string,
    { results: Record<string, { kendall_tau_b_flat: number }> }
  >;
  const flat = (k: string) => Object.fromEntries(Object.entries(raw[k]!.results).map(([m, v]) => [m, v.kendall_tau_b_flat]));
  return { newstest2021: flat('newstest2021_zhen'), ted: flat('tedtalks_zhen') };
}

// --- DEMETR --------------------------------------------------------------------------------------------------

export interface DemetrRow {
  item_id: number;
  type: string;
  pert_id: number;
  severity: string;
  group: string;
  pert_check: boolean;
  reference: string;
  hypothesis_clean: string;
  hypothesis_perturbed: string;
}

export interface Perturbation {
  name: string;
  id: number;
  severity: string;
  group: string;
  description: string;
}

export function demetrSplit(itemId: number): Split {
  return itemId % 5 === 0 ? 'test' : 'dev';
}

/** All DEMETR rows whose perturbation was applied (`pert_check=false` rows are unchanged text). */
export function loadDemetr(): DemetrRow[] {
  return readJsonl<DemetrRow>(`${DEMETR_DIR}/demetr_all.jsonl`).filter((r) => r.pert_check);
}

export function loadPerturbations(): Perturbation[] {
  const lines = readFileSync(`${DEMETR_DIR}/perturbations.tsv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [name, id, severity, group, , , description] = l.split('\t');
    return { name: name!, id: Number(id), severity: severity!, group: group!, description: description ?? '' };
  });
}

// --- auditing one segment ------------------------------------------------------------------------------------

export function sourceText(path: string, text: string): SourceText {
  return { path, text, sha256: createHash('sha256').update(text).digest('hex'), warnings: [] };
}

/** The whole pipeline on two one-segment documents (a segment may hold several sentences). */
export function auditPair(reference: string, candidate: string): Report {
  return audit(sourceText('reference.txt', reference), sourceText('candidate.txt', candidate));
}

// --- Kendall tau-b -------------------------------------------------------------------------------------------

/**
 * Kendall's tau-b between x and y, ties in either variable handled (Knight 1966, "A computer method for
 * calculating Kendall's tau with ungrouped data", JASA 61:436; the algorithm scipy.stats.kendalltau uses):
 * sort by (x, y), count pairs tied in x and in both, then merge-sort y counting swaps (discordant pairs),
 * then count pairs tied in y. O(n log n).
 *
 *   tau_b = (n0 − n1 − n2 + n3 − 2·swaps) / sqrt((n0 − n1)(n0 − n2))
 *
 * with n0 = n(n−1)/2, n1 = pairs tied in x, n2 = pairs tied in y, n3 = pairs tied in both.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n !== y.length) throw new TypeError(`kendallTauB: x has ${n} values, y has ${y.length}`);
  if (n < 2) return NaN;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  const ys = idx.map((i) => y[i]!);
  const xs = idx.map((i) => x[i]!);
  const tiedPairs = (runs: number) => (runs * (runs - 1)) / 2;

  let n1 = 0; // tied in x
  let n3 = 0; // tied in x and y
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i]) j++;
    n1 += tiedPairs(j - i);
    for (let k = i; k < j; ) {
      let l = k + 1;
      while (l < j && ys[l] === ys[k]) l++;
      n3 += tiedPairs(l - k);
      k = l;
    }
    i = j;
  }

  // Bottom-up merge sort of ys counting inversions (strictly greater earlier element).
  let a = Float64Array.from(ys);
  let b = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (a[j]! < a[i]!) {
          swaps += mid - i;
          b[k++] = a[j++]!;
        } else b[k++] = a[i++]!;
      }
      while (i < mid) b[k++] = a[i++]!;
      while (j < hi) b[k++] = a[j++]!;
    }
    [a, b] = [b, a];
  }

  let n2 = 0; // tied in y (a is sorted now)
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && a[j] === a[i]) j++;
    n2 += tiedPairs(j - i);
    i = j;
  }
  const n0 = tiedPairs(n);
  const denom = Math.sqrt((n0 - n1) * (n0 - n2));
  return denom === 0 ? NaN : (n0 - n1 - n2 + n3 - 2 * swaps) / denom;
}

/** O(n²) reference implementation of tau-b, for checking `kendallTauB` on small inputs. */
export function kendallTauBNaive(x: readonly number[], y: readonly number[]): number {
  let conc = 0;
  let disc = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tx++;
      else if (dy === 0) ty++;
      else if (dx === dy) conc++;
      else disc++;
    }
  }
  return (conc - disc) / Math.sqrt((conc + disc + tx) * (conc + disc + ty));
}

// --- printing ------------------------------------------------------------------------------------------------

export function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

export function padRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

/** True when this module is the script node was started with (so the eval files can also be imported). */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(metaUrl) === process.argv[1];
}
