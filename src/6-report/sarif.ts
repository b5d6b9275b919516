import type { Finding, Report, RuleMeta, Severity } from '../types.js';
import { fingerprint } from './fingerprint.js';
import { candidateAnchor, regionOf } from './locate.js';
import { TOOL_VERSION } from './model.js';

/** SARIF levels by severity: code-scanning UIs show `error` as failing, `note` as informational. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', major: 'warning', minor: 'note' };

/** A pair that could not be audited (unreadable file, …), reported as a tool notification, not a finding. */
export interface PairFailure {
  reference: string;
  candidate: string;
  message: string;
}

/**
 * SARIF 2.1.0 over one or more reports, modelled on ESLint's formatter: each rule listed once in
 * `tool.driver.rules[]` and results pointing at it by index; results located on the candidate file (what CI
 * annotates) with the reference place as a related location; `partialFingerprints` from the same fingerprint
 * the baseline uses, so code-scanning services track a finding across runs; tool failures reported apart from
 * findings in `invocations[].toolExecutionNotifications`.
 */
export function formatSarif(reports: readonly Report[], rules: readonly RuleMeta[], failures: readonly PairFailure[] = []): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((report) => report.findings.map((f) => result(report, f, ruleIndex)));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fidelity',
            version: TOOL_VERSION,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.kind,
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} Example: ${r.example}.` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { severity: r.defaultSeverity, kind: r.kind },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((f) => ({
              level: 'error',
              message: { text: f.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: f.candidate } } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(report: Report, f: Finding, ruleIndex: Map<string, number>) {
  const anchor = candidateAnchor(report, f);
  const candRegion = anchor ? regionOf(report.candidate, anchor) : null;
  const refRegion = f.reference ? regionOf(report.reference, f.reference) : null;
  const index = ruleIndex.get(f.rule);
  return {
    ruleId: f.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: report.candidate.path },
          ...(candRegion ? { region: candRegion } : {}),
        },
      },
    ],
    ...(f.reference
      ? {
          relatedLocations: [
            {
              id: 1,
              message: { text: `reference: ${f.reference.text}` },
              physicalLocation: { artifactLocation: { uri: report.reference.path }, ...(refRegion ? { region: refRegion } : {}) },
            },
          ],
        }
      : {}),
    partialFingerprints: { 'fidelityFinding/v1': fingerprint(f) },
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    properties: { severity: f.severity, kind: f.kind, reference: report.reference.path },
  };
}
