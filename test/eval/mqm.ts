/**
 * Drift against human judgment: `npm run eval:mqm` prints, with the date, the segment-level Kendall tau-b of
 * −drift against WMT21 zh→en MQM scores (Freitag et al. 2021, ../shared/eval/mqm-zhen/; TED talks = dev,
 * newstest2021 = test), all rows pooled, beside the same figure for our sentence chrF, chrF++, BLEU and −TER
 * and for sacreBLEU 2.6.0 (baseline-correlations.json).
 *
 * Every row is audited as two one-segment documents — `audit(reference, MT output)` — and the document drift
 * is taken, whatever the pipeline does with the segment (it may split it into sentences and align them).
 * The string metrics are computed on the raw texts, as sacreBLEU was for the baselines.
 *
 * Two controls keep the figures honest: MQM is a *sum* of weighted errors, so longer segments score worse
 * and anything that grows with length correlates; "reference length alone" shows how far length goes, and the
 * "within length" column averages tau-b over five reference-length strata (quintiles), where length cannot help.
 *
 * Bars (brief): drift ≥ 0.20 on newstest2021 and above every single string metric on both splits.
 */
import { DRIFT_CLASS_BOUNDS } from '../../src/4-compare/drift.js';
import { CHRF, sentenceScores } from '../../src/4-compare/metrics/index.js';
import {
  auditPair,
  fmt,
  isMain,
  kendallTauB,
  loadBaselines,
  loadMqm,
  MQM_DIR,
  padRow,
  requireShared,
  type MqmRow,
  type Split,
} from './common.js';
import { median } from '../support/random.js';

/** Per-row figures: higher = worse for drift and TER, better for the others. */
export interface MqmScored {
  split: Split;
  mqm: number;
  drift: number;
  chrF: number;
  chrFpp: number;
  bleu: number;
  ter: number;
  refWords: number;
  /** Errors marked Major by the raters (TED only). */
  majorErrors?: number;
  verdict: string;
  /** Milliseconds spent in `audit` for this row. */
  auditMs: number;
}

export type MqmMetric = 'drift' | 'chrF' | 'chrF++' | 'BLEU' | 'TER' | 'reference length';

export interface MqmEval {
  date: string;
  rows: Record<Split, number>;
  /** Kendall tau-b of each metric (oriented so that higher = better agreement with MQM), pooled. */
  tau: Record<Split, Record<MqmMetric, number>>;
  /** Mean tau-b over five reference-length strata. */
  tauWithinLength: Record<Split, Record<MqmMetric, number>>;
  /** sacreBLEU 2.6.0 baselines by metric name (sentBLEU, chrF, chrF++, negTER). */
  baselines: Record<Split, Record<string, number>>;
  /** Dev (TED) rows by drift band: how many, the share with an MQM major error, the mean MQM score. */
  bands: { from: number; to: number; n: number; majorShare: number; meanMqm: number }[];
  /** How the pipeline judged the one-segment documents (entity findings only count for `translation`). */
  verdicts: Record<Split, Record<string, number>>;
  timing: { auditTotalMs: number; auditMedianMs: number; metricsTotalMs: number; tauMs: number };
}

const chrfpp = new CHRF({ wordOrder: 2 });

export function scoreMqmRows(rows: readonly MqmRow[]): MqmScored[] {
  return rows.map((r) => {
    const s = sentenceScores(r.hypothesis, r.reference);
    const t0 = performance.now();
    const report = auditPair(r.reference, r.hypothesis);
    const auditMs = performance.now() - t0;
    return {
      split: r.split,
      mqm: r.mqm_score,
      drift: report.summary.drift,
      chrF: s.chrF,
      chrFpp: chrfpp.value(chrfpp.stats(r.hypothesis, [r.reference])),
      bleu: s.bleu,
      ter: s.ter,
      refWords: r.reference.split(/\s+/).filter(Boolean).length,
      ...(r.majorErrors !== undefined ? { majorErrors: r.majorErrors } : {}),
      verdict: report.summary.verdict,
      auditMs,
    };
  });
}

/** Each metric as "higher = better translation", the orientation MQM has. */
const ORIENTED: Record<MqmMetric, (s: MqmScored) => number> = {
  drift: (s) => -s.drift,
  chrF: (s) => s.chrF,
  'chrF++': (s) => s.chrFpp,
  BLEU: (s) => s.bleu,
  TER: (s) => -s.ter,
  'reference length': (s) => -s.refWords,
};
export const MQM_METRICS = Object.keys(ORIENTED) as MqmMetric[];

function tauOf(rows: readonly MqmScored[], metric: MqmMetric): number {
  return kendallTauB(rows.map(ORIENTED[metric]), rows.map((r) => r.mqm));
}

/** Mean tau-b over the quintiles of reference length (ties in length stay in one stratum). */
function tauWithinLength(rows: readonly MqmScored[], metric: MqmMetric): number {
  const sorted = [...rows].sort((a, b) => a.refWords - b.refWords);
  const taus: number[] = [];
  let start = 0;
  for (let q = 1; q <= 5; q++) {
    let end = q === 5 ? sorted.length : Math.floor((q * sorted.length) / 5);
    while (end < sorted.length && end > 0 && sorted[end]!.refWords === sorted[end - 1]!.refWords) end++;
    if (end - start >= 2) taus.push(tauOf(sorted.slice(start, end), metric));
    start = end;
  }
  return taus.reduce((a, b) => a + b, 0) / taus.length;
}

export function evaluateMqm(rows: readonly MqmRow[] = loadMqm()): MqmEval {
  const tm = performance.now();
  const scored = scoreMqmRows(rows);
  const totalMs = performance.now() - tm;
  const auditTotalMs = scored.reduce((a, s) => a + s.auditMs, 0);
  const t0 = performance.now();
  const bySplit = (sp: Split) => scored.filter((s) => s.split === sp);
  const perSplit = <T>(f: (rs: MqmScored[]) => T): Record<Split, T> => ({ dev: f(bySplit('dev')), test: f(bySplit('test')) });
  const tau = perSplit((rs) => Object.fromEntries(MQM_METRICS.map((m) => [m, tauOf(rs, m)])) as Record<MqmMetric, number>);
  const within = perSplit((rs) => Object.fromEntries(MQM_METRICS.map((m) => [m, tauWithinLength(rs, m)])) as Record<MqmMetric, number>);
  const tauMs = performance.now() - t0;
  const b = loadBaselines();
  const dev = bySplit('dev');
  const bands = [0, 0.2, 0.4, 0.6, 0.8].map((from) => {
    const to = from + 0.2;
    const inBand = dev.filter((s) => s.drift >= from && (s.drift < to || to >= 1));
    const n = inBand.length;
    return {
      from,
      to,
      n,
      majorShare: n ? inBand.filter((s) => (s.majorErrors ?? 0) > 0).length / n : NaN,
      meanMqm: n ? inBand.reduce((a, s) => a + s.mqm, 0) / n : NaN,
    };
  });
  const verdicts = perSplit((rs) => {
    const c: Record<string, number> = {};
    for (const r of rs) c[r.verdict] = (c[r.verdict] ?? 0) + 1;
    return c;
  });
  return {
    date: new Date().toISOString(),
    rows: perSplit((rs) => rs.length),
    tau,
    tauWithinLength: within,
    baselines: { dev: b.ted, test: b.newstest2021 },
    bands,
    verdicts,
    timing: { auditTotalMs, auditMedianMs: median(scored.map((s) => s.auditMs)), metricsTotalMs: totalMs - auditTotalMs, tauMs },
  };
}

const BASELINE_NAME: Partial<Record<MqmMetric, string>> = { chrF: 'chrF', 'chrF++': 'chrF++', BLEU: 'sentBLEU', TER: 'negTER' };

export function formatMqm(e: MqmEval): string {
  const lines: string[] = [];
  lines.push(`MQM (WMT21 zh→en) — segment-level Kendall tau-b against mqm_score, all rows pooled — ${e.date}`);
  lines.push(`rows: TED (dev) ${e.rows.dev}, newstest2021 (test) ${e.rows.test}; drift = audit(reference, MT).summary.drift`);
  lines.push('');
  const w = [18, 10, 12, 14, 12, 14];
  lines.push(padRow(['metric', 'TED dev', 'sacreBLEU', 'within length', 'news test', 'sacreBLEU'], w));
  for (const m of MQM_METRICS) {
    const base = BASELINE_NAME[m];
    lines.push(
      padRow(
        [
          m === 'TER' ? '−TER' : m === 'drift' ? '−drift' : m === 'reference length' ? '−reference length' : m,
          fmt(e.tau.dev[m]),
          base ? fmt(e.baselines.dev[base]!) : '',
          fmt(e.tauWithinLength.dev[m]),
          fmt(e.tau.test[m]),
          base ? fmt(e.baselines.test[base]!) : '',
        ],
        w,
      ),
    );
  }
  lines.push(`(within length: mean tau-b over five reference-length strata, dev | test: drift ${fmt(e.tauWithinLength.dev.drift)} | ${fmt(e.tauWithinLength.test.drift)}, chrF ${fmt(e.tauWithinLength.dev.chrF)} | ${fmt(e.tauWithinLength.test.chrF)}, −TER ${fmt(e.tauWithinLength.dev.TER)} | ${fmt(e.tauWithinLength.test.TER)})`);
  lines.push('');
  const stringMetrics: MqmMetric[] = ['chrF', 'chrF++', 'BLEU', 'TER'];
  for (const sp of ['dev', 'test'] as const) {
    const best = Math.max(...stringMetrics.map((m) => e.tau[sp][m]), ...Object.values(e.baselines[sp]));
    lines.push(`bar ${sp}: drift ${fmt(e.tau[sp].drift)} above every string metric (best ${fmt(best)}): ${e.tau[sp].drift > best ? 'PASS' : 'FAIL'}`);
  }
  lines.push(`bar test: drift ≥ 0.20 on newstest2021: ${e.tau.test.drift >= 0.2 ? 'PASS' : 'FAIL'}`);
  lines.push('');
  lines.push(`TED (dev) by drift band — behind the class bounds (major from ${DRIFT_CLASS_BOUNDS.major}, meaning-changed from ${DRIFT_CLASS_BOUNDS.meaningChanged}):`);
  for (const b of e.bands) {
    lines.push(`  drift ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${String(b.n).padStart(5)} segments, ${(100 * b.majorShare).toFixed(0).padStart(3)}% with an MQM major error, mean MQM ${fmt(b.meanMqm, 2)}`);
  }
  const v = (sp: Split) => Object.entries(e.verdicts[sp]).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`verdicts of the one-segment documents: dev ${v('dev')}; test ${v('test')} (entity findings count only for translation)`);
  lines.push('');
  const t = e.timing;
  lines.push(
    `time: audit ${(t.auditTotalMs / 1000).toFixed(1)} s in all (median ${t.auditMedianMs.toFixed(2)} ms per row), string metrics ${(t.metricsTotalMs / 1000).toFixed(1)} s, tau-b ${t.tauMs.toFixed(0)} ms`,
  );
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  if (!requireShared(MQM_DIR)) {
    console.log(`skipped: ${MQM_DIR} is absent`);
  } else {
    console.log(formatMqm(evaluateMqm()));
  }
}
