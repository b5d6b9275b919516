import type { Finding, Report, RuleMeta, Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import type { PairFailure } from './sarif.js';

/**
 * JUnit XML, the format every CI test tab reads: one <testsuite> per audited pair, holding one test case for the
 * pair itself (fails when the candidate is unrelated or a gate failed) and one per finding class (rule), which
 * fails when that rule found something at or above the gate severity; milder findings are listed in its
 * <system-out>. Pairs that could not be audited are suites with an <error>.
 */
export function formatJunit(reports: readonly Report[], rules: readonly RuleMeta[], failOn: Severity = 'major', failures: readonly PairFailure[] = []): string {
  const limit = SEVERITIES.indexOf(failOn);
  const fails = (f: Finding) => SEVERITIES.indexOf(f.severity) <= limit && f.baselineState !== 'unchanged';
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  for (const report of reports) {
    const name = `${report.reference.path} → ${report.candidate.path}`;
    const cases: string[] = [];
    let failed = 0;
    const pairFails = report.findings.some(fails);
    cases.push(
      testcase(name, 'audit', pairFails ? `${report.findings.filter(fails).length} finding(s) at or above ${failOn}; verdict ${report.summary.verdict}, drift ${report.summary.drift}` : null, `verdict ${report.summary.verdict}, drift ${report.summary.drift}`),
    );
    if (pairFails) failed++;
    for (const rule of rules) {
      const own = report.findings.filter((f) => f.rule === rule.id);
      const failing = own.filter(fails);
      const lines = own.map((f) => `[${f.severity}] ${[f.reference?.sentence, f.candidate?.sentence].filter(Boolean).join('→')} ${f.message}`);
      cases.push(testcase(name, rule.id, failing.length > 0 ? `${failing.length} ${rule.kind} finding(s)` : null, lines.join('\n'), failing.map((f) => f.message).join('\n')));
      if (failing.length > 0) failed++;
    }
    totalTests += cases.length;
    totalFailures += failed;
    suites.push(`  <testsuite name="${attr(name)}" tests="${cases.length}" failures="${failed}" errors="0">\n${cases.join('')}  </testsuite>\n`);
  }
  for (const f of failures) {
    const name = `${f.reference} → ${f.candidate}`;
    totalTests++;
    totalErrors++;
    suites.push(
      `  <testsuite name="${attr(name)}" tests="1" failures="0" errors="1">\n    <testcase classname="${attr(name)}" name="audit">\n      <error message="${attr(f.message)}"/>\n    </testcase>\n  </testsuite>\n`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fidelity" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}">\n${suites.join('')}</testsuites>\n`;
}

function testcase(suite: string, name: string, failure: string | null, out: string, details = ''): string {
  const body = [
    failure !== null ? `      <failure message="${attr(failure)}">${text(details)}</failure>\n` : '',
    out ? `      <system-out>${text(out)}</system-out>\n` : '',
  ].join('');
  return `    <testcase classname="${attr(suite)}" name="${attr(name)}"${body ? `>\n${body}    </testcase>\n` : '/>\n'}`;
}

/** XML 1.0 cannot carry most control characters at all, even escaped: drop them. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
