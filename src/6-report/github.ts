import type { Report, Severity } from '../types.js';
import { candidateAnchor, regionOf } from './locate.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', major: 'warning', minor: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), one per finding, which the Actions UI
 * shows as annotations on the candidate file. Findings accepted by a baseline are left out: an annotation is
 * a call to act.
 */
export function formatGithub(reports: readonly Report[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      if (f.baselineState === 'unchanged') continue;
      const anchor = candidateAnchor(report, f);
      const region = anchor ? regionOf(report.candidate, anchor) : null;
      const props = [`file=${property(report.candidate.path)}`];
      if (region) {
        props.push(`line=${region.startLine}`, `col=${region.startColumn}`, `endLine=${region.endLine}`, `endColumn=${region.endColumn}`);
      }
      props.push(`title=${property(`fidelity ${f.rule} (${f.severity})`)}`);
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${data(f.message)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Escaping as the Actions runner's command parser expects it (toolkit's `escapeData` / `escapeProperty`). */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
