/**
 * Drift against DEMETR's perturbations (Karpinska et al. 2022, ../shared/eval/demetr/): `npm run eval:demetr`
 * prints, with the date, for each of the 35 perturbation types and each split (dev = item_id % 5 ≠ 0, test =
 * item_id % 5 == 0) the share of items where
 *
 *   drift(reference, perturbed MT) > drift(reference, clean MT)      (audit's document drift, both as documents)
 *
 * beside chrF's share, chrF(ref, perturbed) < chrF(ref, clean) (sacreBLEU chrF2 on the raw texts), with the
 * type's severity from perturbations.tsv. Only `pert_check=true` rows count (the others are unchanged text).
 * Ties count as failures for both: a perturbation that moves drift by nothing was not seen.
 *
 * The baselines are printed as they are: for `base_id35_reference` (the reference itself as the "perturbed"
 * MT) a good metric has share 0, since the perturbed text is *better*.
 *
 * Bars (brief), test split: drift's share ≥ chrF's on every critical and major type; ≥ 99 % on the named-entity
 * and number types (ne_replaced id9, numbers_replaced id10, ne_removed id25).
 */
import { DRIFT_CLASS_BOUNDS as B } from '../../src/4-compare/drift.js';
import { CHRF } from '../../src/4-compare/metrics/index.js';
import {
  auditPair,
  DEMETR_DIR,
  demetrSplit,
  isMain,
  loadDemetr,
  loadPerturbations,
  padRow,
  pct,
  requireShared,
  type DemetrRow,
  type Split,
} from './common.js';

export interface Share {
  n: number;
  hits: number;
  share: number;
}

export interface TypeResult {
  name: string;
  id: number;
  severity: string;
  group: string;
  drift: Record<Split, Share>;
  chrF: Record<Split, Share>;
}

export interface DemetrEval {
  date: string;
  types: TypeResult[];
  /** Audits run (clean translations are audited once per distinct pair). */
  audits: number;
  auditMs: number;
  /** Dev items: drift of the correct (clean) translations and of the unrelated ones (base_id33_shuffle_trans). */
  dev: { clean: number[]; unrelated: number[] };
  /** How the pipeline judged the perturbed one-sentence documents. */
  verdicts: Record<string, number>;
}

/** The named-entity and number types held to 99 %. */
export const ENTITY_TYPE_IDS = [9, 10, 25];

const chrf = new CHRF();
const chrfOf = (hyp: string, ref: string) => chrf.value(chrf.stats(hyp, [ref]));

function share(hits: number, n: number): Share {
  return { n, hits, share: n === 0 ? 0 : hits / n };
}

export function evaluateDemetr(rows: readonly DemetrRow[] = loadDemetr()): DemetrEval {
  const cleanDrift = new Map<string, number>();
  let audits = 0;
  let auditMs = 0;
  const verdicts: Record<string, number> = {};
  const dev = { clean: [] as number[], unrelated: [] as number[] };
  const drift = (ref: string, hyp: string): number => {
    const t0 = performance.now();
    const report = auditPair(ref, hyp);
    auditMs += performance.now() - t0;
    audits++;
    verdicts[report.summary.verdict] = (verdicts[report.summary.verdict] ?? 0) + 1;
    return report.summary.drift;
  };
  const counts = new Map<number, Record<Split, { n: number; drift: number; chrF: number }>>();
  for (const r of rows) {
    const key = `${r.reference}\u0000${r.hypothesis_clean}`;
    let clean = cleanDrift.get(key);
    if (clean === undefined) {
      cleanDrift.set(key, (clean = drift(r.reference, r.hypothesis_clean)));
      if (demetrSplit(r.item_id) === 'dev') dev.clean.push(clean);
    }
    const perturbed = drift(r.reference, r.hypothesis_perturbed);
    if (r.type === 'base_id33_shuffle_trans' && demetrSplit(r.item_id) === 'dev') dev.unrelated.push(perturbed);
    let c = counts.get(r.pert_id);
    if (!c) counts.set(r.pert_id, (c = { dev: { n: 0, drift: 0, chrF: 0 }, test: { n: 0, drift: 0, chrF: 0 } }));
    const s = c[demetrSplit(r.item_id)];
    s.n++;
    if (perturbed > clean) s.drift++;
    if (chrfOf(r.hypothesis_perturbed, r.reference) < chrfOf(r.hypothesis_clean, r.reference)) s.chrF++;
  }
  const types = loadPerturbations().map((p): TypeResult => {
    const c = counts.get(p.id) ?? { dev: { n: 0, drift: 0, chrF: 0 }, test: { n: 0, drift: 0, chrF: 0 } };
    return {
      name: p.name,
      id: p.id,
      severity: p.severity,
      group: p.group,
      drift: { dev: share(c.dev.drift, c.dev.n), test: share(c.test.drift, c.test.n) },
      chrF: { dev: share(c.dev.chrF, c.dev.n), test: share(c.test.chrF, c.test.n) },
    };
  });
  return { date: new Date().toISOString(), types, audits, auditMs, dev, verdicts };
}

/** The brief's bars on one split: failures listed, empty when all hold. */
export function demetrBarFailures(e: DemetrEval, split: Split): string[] {
  const failures: string[] = [];
  for (const t of e.types) {
    if ((t.severity === 'critical' || t.severity === 'major') && t.drift[split].share < t.chrF[split].share) {
      failures.push(`${t.name}: drift ${pct(t.drift[split].share)} < chrF ${pct(t.chrF[split].share)}`);
    }
    if (ENTITY_TYPE_IDS.includes(t.id) && t.drift[split].share < 0.99) failures.push(`${t.name}: drift ${pct(t.drift[split].share)} < 99%`);
  }
  return failures;
}

export function formatDemetr(e: DemetrEval): string {
  const lines: string[] = [];
  lines.push(`DEMETR — share of items where the perturbation raises drift (lowers chrF); ties fail — ${e.date}`);
  lines.push('');
  const w = [32, 9, 6, 9, 9, 6, 9, 9];
  lines.push(padRow(['type', 'severity', 'n dev', 'drift', 'chrF', 'n test', 'drift', 'chrF'], w));
  for (const t of e.types) {
    const mark = (sp: Split) => (t.drift[sp].share < t.chrF[sp].share ? '<' : ' ');
    lines.push(
      padRow(
        [
          t.name,
          t.severity,
          String(t.drift.dev.n),
          `${mark('dev')}${pct(t.drift.dev.share)}`,
          pct(t.chrF.dev.share),
          String(t.drift.test.n),
          `${mark('test')}${pct(t.drift.test.share)}`,
          pct(t.chrF.test.share),
        ],
        w,
      ),
    );
  }
  lines.push('("<": drift below chrF on that split)');
  lines.push('');
  for (const sp of ['dev', 'test'] as const) {
    const f = demetrBarFailures(e, sp);
    lines.push(`bars ${sp}: ${f.length === 0 ? 'PASS' : `FAIL (${f.join('; ')})`}`);
  }
  lines.push('');
  const above = (xs: number[], t: number) => pct(xs.filter((x) => x >= t).length / xs.length);
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(3);
  lines.push(
    `class bounds (dev): correct translations (${e.dev.clean.length}) drift median ${q(e.dev.clean, 0.5)}, 90th percentile ${q(e.dev.clean, 0.9)}; ` +
      `${above(e.dev.clean, B.major)} ≥ ${B.major} (major), ${above(e.dev.clean, B.meaningChanged)} ≥ ${B.meaningChanged} (meaning-changed); ` +
      `unrelated translations (${e.dev.unrelated.length}): lowest ${q(e.dev.unrelated, 0)}, 1st percentile ${q(e.dev.unrelated, 0.01)}, ${above(e.dev.unrelated, B.meaningChanged)} ≥ ${B.meaningChanged}`,
  );
  lines.push(`verdicts of the one-sentence documents (all audits): ${Object.entries(e.verdicts).map(([k, n]) => `${k} ${n}`).join(', ')} (entity findings count only for translation)`);
  lines.push(`time: ${e.audits} audits in ${(e.auditMs / 1000).toFixed(1)} s (${(e.auditMs / e.audits).toFixed(2)} ms each on average)`);
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  if (!requireShared(DEMETR_DIR)) {
    console.log(`skipped: ${DEMETR_DIR} is absent`);
  } else {
    console.log(formatDemetr(evaluateDemetr()));
  }
}
