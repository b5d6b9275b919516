import type { Finding, Report, Severity } from './types.js';
import { SEVERITIES } from './types.js';
import { countBySeverity } from './6-report/model.js';
import { fingerprint } from './6-report/fingerprint.js';

/** Per-rule setting from the config file: off, or a severity that replaces the rule's default. */
export type RuleSetting = 'off' | Severity;

/** What decides whether a pair passes a CI gate. */
export interface Gate {
  /** Fail when a (new) finding at or above this severity exists. */
  failOn?: Severity;
  /** Fail when the document drift is above this value. */
  maxDrift?: number;
  /** Fail when more reference sentences than this are omitted. */
  maxOmitted?: number;
}

/** Whether the gate checks anything (no gate: every pair passes, and reports say nothing about a gate). */
export function gateConfigured(gate: Gate): boolean {
  return gate.failOn !== undefined || gate.maxDrift !== undefined || gate.maxOmitted !== undefined;
}

export interface FindingSettings {
  rules?: Record<string, RuleSetting>;
  /** Regular expressions; a finding whose reference or candidate text matches one is dropped. */
  ignore?: RegExp[];
}

/**
 * The findings reducers, applied in a fixed order like textlint's message filters: rule switches and severity
 * overrides, then ignore patterns. Summary counts are recomputed so every writer sees the same numbers.
 */
export function applySettings(report: Report, settings: FindingSettings): Report {
  const ignore = settings.ignore ?? [];
  const findings: Finding[] = [];
  for (const f of report.findings) {
    const setting = settings.rules?.[f.rule];
    if (setting === 'off') continue;
    if (ignore.some((re) => (f.reference && re.test(f.reference.text)) || (f.candidate && re.test(f.candidate.text)))) continue;
    findings.push(setting ? { ...f, severity: setting } : f);
  }
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  // Severity overrides can change the worst-first order; positions keep their relative order (stable sort).
  findings.sort((a, b) => rank(a.severity) - rank(b.severity));
  return { ...report, findings, summary: { ...report.summary, counts: countBySeverity(findings) } };
}

/** A baseline: the fingerprints of findings a team has accepted. */
export interface Baseline {
  version: 1;
  findings: Array<{ fingerprint: string; rule: string; reference: string | null; candidate: string | null }>;
}

export function makeBaseline(reports: readonly Report[]): Baseline {
  const seen = new Map<string, Baseline['findings'][number]>();
  for (const r of reports) {
    for (const f of r.findings) {
      const fp = fingerprint(f);
      if (!seen.has(fp)) seen.set(fp, { fingerprint: fp, rule: f.rule, reference: f.reference?.text ?? null, candidate: f.candidate?.text ?? null });
    }
  }
  return { version: 1, findings: [...seen.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)) };
}

/** Marks each finding `new` or `unchanged` against a baseline. */
export function markBaseline(report: Report, baseline: Baseline): Report {
  const accepted = new Set(baseline.findings.map((f) => f.fingerprint));
  return { ...report, findings: report.findings.map((f) => ({ ...f, baselineState: accepted.has(fingerprint(f)) ? 'unchanged' : 'new' })) };
}

/** Why a report fails the gate, one reason per line; empty when it passes. Baselined findings never fail it. */
export function gateFailures(report: Report, gate: Gate): string[] {
  const reasons: string[] = [];
  if (gate.failOn) {
    const limit = SEVERITIES.indexOf(gate.failOn);
    const failing = report.findings.filter((f) => f.baselineState !== 'unchanged' && SEVERITIES.indexOf(f.severity) <= limit);
    if (failing.length > 0) reasons.push(`${failing.length} finding(s) at or above ${gate.failOn}`);
  }
  if (gate.maxDrift !== undefined && report.summary.drift > gate.maxDrift) {
    reasons.push(`drift ${report.summary.drift} is above ${gate.maxDrift}`);
  }
  if (gate.maxOmitted !== undefined) {
    const omitted = report.alignment.filter((l) => l.driftClass === 'omitted').reduce((n, l) => n + l.ref.length, 0);
    if (omitted > gate.maxOmitted) reasons.push(`${omitted} omitted reference sentence(s), more than ${gate.maxOmitted}`);
  }
  return reasons;
}
