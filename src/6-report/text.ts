import type { Finding, Report, Severity } from '../types.js';

export interface TextOptions {
  /** ANSI colours; the CLI turns them on only when stdout is a TTY and NO_COLOR is unset. */
  color: boolean;
  /** How many of the worst findings to list per pair. */
  worst: number;
}

const COLORS: Record<Severity | 'dim' | 'bold', [string, string]> = {
  critical: ['\x1b[1;31m', '\x1b[0m'],
  major: ['\x1b[33m', '\x1b[0m'],
  minor: ['\x1b[36m', '\x1b[0m'],
  dim: ['\x1b[2m', '\x1b[0m'],
  bold: ['\x1b[1m', '\x1b[0m'],
};

/**
 * The terminal summary of one pair, "stylish" like ESLint's: a header line with verdict and scores, the counts,
 * then the worst findings one per line with the sentence ids a reviewer can look up in the HTML report.
 */
export function formatText(report: Report, options: TextOptions = { color: false, worst: 8 }): string {
  const paint = (key: keyof typeof COLORS, s: string) => (options.color ? COLORS[key][0] + s + COLORS[key][1] : s);
  const { summary } = report;
  const lines: string[] = [];
  lines.push(
    `${paint('bold', report.reference.path)} → ${paint('bold', report.candidate.path)}: ${paint('bold', summary.verdict)}` +
      `  drift ${summary.drift.toFixed(2)}  chrF ${summary.scores.chrF.toFixed(1)}  BLEU ${summary.scores.bleu.toFixed(1)}  TER ${summary.scores.ter.toFixed(1)}`,
  );
  const c = summary.counts;
  const classes = summary.driftClasses;
  lines.push(
    `  findings: ${paint('critical', `${c.critical} critical`)}, ${paint('major', `${c.major} major`)}, ${paint('minor', `${c.minor} minor`)}` +
      `   links: ${classes['meaning-changed']} meaning-changed, ${classes.major} major, ${classes.minor} minor, ${classes.identical} identical, ` +
      `${classes.omitted} omitted, ${classes.added} added, ${classes.boilerplate} boilerplate`,
  );
  for (const w of [...report.reference.warnings.map((m) => `${report.reference.path}: ${m}`), ...report.candidate.warnings.map((m) => `${report.candidate.path}: ${m}`)]) {
    lines.push(`  warning: ${w}`);
  }
  for (const b of summary.budgetsHit) lines.push(`  budget hit: ${b}`);
  for (const f of report.findings.slice(0, options.worst)) {
    lines.push(`  ${paint(f.severity, f.severity.padEnd(8))} ${paint('dim', f.rule.padEnd(34))} ${where(f).padEnd(9)} ${oneLine(f.message)}`);
  }
  const rest = report.findings.length - options.worst;
  if (rest > 0) lines.push(paint('dim', `  … and ${rest} more in the JSON/HTML report`));
  return lines.join('\n') + '\n';
}

function where(f: Finding): string {
  return [f.reference?.sentence, f.candidate?.sentence].filter(Boolean).join('→');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
