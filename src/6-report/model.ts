import type {
  Alignment,
  DocumentRecord,
  DriftClass,
  Finding,
  Report,
  Scores,
  ScoredLink,
  SegmentedDoc,
  Severity,
  SeverityCounts,
} from '../types.js';
import { SEVERITIES } from '../types.js';

export const TOOL_VERSION = '0.1.0';

const DRIFT_CLASSES: readonly DriftClass[] = ['identical', 'minor', 'major', 'meaning-changed', 'omitted', 'added', 'boilerplate'];

export interface ReportParts {
  reference: SegmentedDoc;
  candidate: SegmentedDoc;
  alignment: Alignment;
  links: ScoredLink[];
  findings: Finding[];
  drift: number;
  scores: Scores;
  signature: string;
  budgetsHit: string[];
}

/**
 * Assembles the one report model every writer formats. Key order here is the key order of the JSON file, and
 * findings are sorted by severity, then position, so the same inputs always give the same bytes.
 */
export function buildReport(parts: ReportParts): Report {
  const findings = sortFindings(parts.findings);
  return {
    schemaVersion: 1,
    tool: { name: 'fidelity', version: TOOL_VERSION },
    signature: parts.signature,
    reference: documentRecord(parts.reference),
    candidate: documentRecord(parts.candidate),
    alignment: parts.links,
    findings,
    summary: {
      verdict: parts.alignment.verdict,
      verdictEvidence: parts.alignment.verdictEvidence,
      alignmentMode: parts.alignment.mode,
      drift: parts.drift,
      scores: parts.scores,
      counts: countBySeverity(findings),
      driftClasses: countDriftClasses(parts.links),
      budgetsHit: parts.budgetsHit,
    },
  };
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, major: 0, minor: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function countDriftClasses(links: readonly ScoredLink[]): Record<DriftClass, number> {
  const counts = Object.fromEntries(DRIFT_CLASSES.map((c) => [c, 0])) as Record<DriftClass, number>;
  for (const l of links) counts[l.driftClass]++;
  return counts;
}

function documentRecord(doc: SegmentedDoc): DocumentRecord {
  const lineStarts = [0];
  for (let i = 0; i < doc.text.length; i++) {
    const c = doc.text.charCodeAt(i);
    // \r\n, \n and a lone \r each end a line, as editors and CI annotation viewers count them.
    if (c === 10 || (c === 13 && doc.text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  let line = 0;
  const sentences = doc.sentences.map((s) => {
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= s.start) line++;
    return { ...s, line: line + 1, column: s.start - lineStarts[line]! + 1 };
  });
  return { path: doc.path, sha256: doc.sha256, language: doc.language, warnings: doc.warnings, sentences };
}

/** Worst first; then by where it sits in the reference (candidate-only findings by candidate position). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const pos = (f: Finding) => f.reference?.start ?? Number.MAX_SAFE_INTEGER;
  const cpos = (f: Finding) => f.candidate?.start ?? -1;
  return [...findings].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      pos(a) - pos(b) ||
      cpos(a) - cpos(b) ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.message, b.message),
  );
}

/** The JSON writer: the model serialised, two-space indented, one trailing newline. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** Code-unit order, not locale order: `localeCompare` depends on the machine's ICU data and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
