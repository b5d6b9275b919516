import type { DriftClass, Finding, Scores, Severity } from '../types.js';

/** Bumped whenever the weights or bounds below change, so old and new drift values are never compared. */
export const DRIFT_VERSION = '1';

/**
 * Drift of one aligned link in [0, 1]: 0 = same meaning and wording, 1 = nothing in common.
 *
 * Two parts, because string overlap alone misses what users audit for. (1) A lexical part from chrF and TER:
 * chrF rewards shared character n-grams and so forgives inflection and tokenisation noise, TER counts the
 * word edits a post-editor would make; against WMT21's MQM human error counts each alone reaches a Kendall
 * tau of only ~0.18 on newstest2021 (sacreBLEU baselines), and their errors differ, so they are averaged
 * (`npm run eval:mqm` prints the figures for drift and for each metric). (2) An entity part: a changed number or a name that now names something else
 * changes the meaning of a sentence that may still share 95% of its characters, so each finding adds a
 * penalty by severity. The weights are documented in the README ("Drift") and tuned on dev data only.
 */
export const DRIFT_WEIGHTS = {
  chrF: 0.5,
  ter: 0.5,
  finding: { critical: 0.3, major: 0.15, minor: 0.03 } satisfies Record<Severity, number>,
} as const;

/** Class boundaries on the drift value (used when no finding decides the class). */
export const DRIFT_CLASS_BOUNDS = { minor: 0.45, major: 0.7 } as const;

/** The string-overlap part of drift, from sacreBLEU-scale scores. */
export function lexicalDrift(scores: Scores): number {
  const chrF = clamp01(scores.chrF / 100);
  const ter = clamp01(scores.ter / 100);
  return clamp01(DRIFT_WEIGHTS.chrF * (1 - chrF) + DRIFT_WEIGHTS.ter * ter);
}

/** Adds the entity part to a lexical drift value. */
export function driftWithFindings(lexical: number, findings: readonly Finding[]): number {
  let drift = lexical;
  for (const f of findings) drift += DRIFT_WEIGHTS.finding[f.severity];
  return round4(clamp01(drift));
}

/**
 * Class of a link with both sides present. A critical finding means the sentence now says something else
 * whatever its overlap; a major one means it is at least a major drift.
 */
export function driftClassOf(drift: number, identical: boolean, findings: readonly Finding[]): DriftClass {
  if (identical && findings.length === 0) return 'identical';
  if (findings.some((f) => f.severity === 'critical') || drift >= DRIFT_CLASS_BOUNDS.major) return 'meaning-changed';
  if (findings.some((f) => f.severity === 'major') || drift >= DRIFT_CLASS_BOUNDS.minor) return 'major';
  return 'minor';
}

export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 1;
}

/** Reports carry 4 decimals: enough to rank, and stable across platforms' last-bit float differences. */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
