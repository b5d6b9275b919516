import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { InputError } from '../errors.js';
import type { AuditOptions } from '../pipeline.js';
import { renderHtml, renderIndex, type IndexEntry } from '../6-report/html/index.js';
import { formatJson } from '../6-report/model.js';
import { formatGithub } from '../6-report/github.js';
import { formatJunit } from '../6-report/junit.js';
import { formatSarif, type PairFailure } from '../6-report/sarif.js';
import { formatText } from '../6-report/text.js';
import { ALL_RULES } from '../rules.js';
import { makeBaseline, type Baseline, type Gate } from '../settings.js';
import type { Report, Severity } from '../types.js';
import { loadConfig, loadGlossary } from './config.js';
import { assertNoInputOverwritten, displayPath, writeAtomic } from './files.js';
import type { CliIO } from './io.js';
import { resolvePairs, reportStem } from './pairs.js';
import { auditPairs, defaultJobs } from './pool.js';
import type { PairJob, PairResult } from './pair-task.js';

export const FORMATS = ['text', 'json', 'html', 'sarif', 'junit', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface AuditFlags {
  manifest?: string;
  out?: string;
  json?: string;
  html?: string;
  /** `text`, or `sarif=out.sarif,junit=out.xml`: formats to print (no `=`) or to write (with `=`). */
  format: string;
  failOn?: Severity;
  maxDrift?: number;
  glossary?: string;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  jobs?: number;
  /** Overall time budget in seconds. */
  timeout?: number;
  maxBytes?: number;
  alignMode?: 'monotonic' | 'non-monotonic';
}

interface FormatTarget {
  format: Format;
  /** Where to write it; undefined = stdout. */
  path?: string;
}

/**
 * `fidelity audit`. Exit code: 2 if any pair could not be read (the others are still audited and reported),
 * else 1 if any pair failed its gate, else 0.
 */
export async function runAudit(positional: string[], flags: AuditFlags, io: CliIO): Promise<number> {
  const config = loadConfig(flags.config, io.cwd);
  const targets = parseFormats(flags.format);
  const pairs = resolvePairs(positional, flags.manifest, io.cwd);
  const batch = pairs.length > 1 || flags.manifest !== undefined;
  if (batch && (flags.json || flags.html)) {
    throw new InputError(flags.json ? '--json' : '--html', 'names one file, but this run audits several pairs', 'use --out <dir> instead');
  }
  const outDir = flags.out ?? (flags.json || flags.html ? undefined : 'reports');
  const options: AuditOptions = { boilerplatePatterns: config.boilerplate };
  const glossary = flags.glossary ? loadGlossary(flags.glossary, io.cwd) : config.glossary;
  if (glossary) options.glossary = glossary;
  const alignMode = flags.alignMode ?? config.alignMode;
  if (alignMode) options.alignMode = alignMode;
  const gate: Gate = { ...config.gate };
  if (flags.failOn) gate.failOn = flags.failOn;
  if (flags.maxDrift !== undefined) gate.maxDrift = flags.maxDrift;
  const baseline = flags.baseline ? readBaseline(flags.baseline, io.cwd) : undefined;

  // Refuse to overwrite an input before doing any work.
  const inputs = pairs.flatMap((p) => [p.reference, p.candidate]);
  const fixedOutputs = [flags.json, flags.html, flags.writeBaseline, ...targets.map((t) => t.path)].filter((p): p is string => p !== undefined);
  const perPair = outDir === undefined ? [] : pairs.flatMap((p) => [join(outDir, `${reportStem(p)}.json`), join(outDir, `${reportStem(p)}.html`)]);
  assertNoInputOverwritten([...fixedOutputs, ...perPair], inputs, io.cwd);

  // Aggregate formats need every report at the end; otherwise workers write each report and send back only
  // its index entry and summary, so a 10k-pair archive never sits in memory.
  const printText = targets.some((t) => t.format === 'text' && t.path === undefined);
  const job: PairJob = {
    cwd: io.cwd,
    audit: options,
    settings: { rules: config.rules, ignore: config.ignore },
    gate,
    keepReport: targets.some((t) => t.format !== 'text') || flags.writeBaseline !== undefined,
    text: printText ? { color: io.color } : null,
  };
  if (flags.maxBytes !== undefined) job.maxBytes = flags.maxBytes;
  if (baseline) job.baseline = baseline;
  if (outDir !== undefined) job.outDir = outDir;
  if (flags.json) job.json = flags.json;
  if (flags.html) job.html = flags.html;

  const reports: Array<Report | undefined> = [];
  const failures: Array<PairFailure | undefined> = [];
  const entries: IndexEntry[] = new Array(pairs.length);
  const summaries: string[] = new Array(pairs.length);
  const totals = new Totals();
  let gateFailed = false;
  let printed = 0;
  let done = 0;

  const progress = io.progress && pairs.length > 1 ? new cliProgress.SingleBar({ stream: process.stderr, format: 'auditing [{bar}] {value}/{total} pairs  {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  progress?.start(pairs.length, 0);
  const onResult = (i: number, result: PairResult) => {
    const pair = pairs[i]!;
    if (!result.ok) {
      failures[i] = { reference: displayPath(pair.reference, io.cwd), candidate: displayPath(pair.candidate, io.cwd), message: result.error };
      entries[i] = { href: `${reportStem(pair)}.html`, reference: pair.reference, candidate: pair.candidate, verdict: null, drift: null, scores: null, counts: null, error: result.error };
      summaries[i] = '';
      io.stderr(`fidelity: ${result.error}\n`);
    } else {
      if (result.report) reports[i] = result.report;
      if (result.gateReasons.length > 0) gateFailed = true;
      entries[i] = result.entry;
      summaries[i] = result.summary;
      totals.add(result.entry);
    }
    // Print summaries in pair order as soon as the next one in line is ready, whatever order workers finish in.
    while (printed < pairs.length && summaries[printed] !== undefined) {
      if (summaries[printed]) io.stdout(summaries[printed]!);
      summaries[printed++] = '';
    }
    progress?.update(++done);
  };
  try {
    await auditPairs(pairs, {
      job,
      jobs: flags.jobs ?? (pairs.length > 1 ? defaultJobs() : 1),
      ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout * 1000 }),
      onResult,
    });
  } finally {
    progress?.stop();
  }
  const kept = reports.filter((r): r is Report => r !== undefined);
  const failed = failures.filter((f): f is PairFailure => f !== undefined);

  if (batch && outDir !== undefined) writeAtomic(join(outDir, 'index.html'), renderIndex(entries), io.cwd);
  if (flags.writeBaseline) writeAtomic(flags.writeBaseline, JSON.stringify(makeBaseline(kept), null, 2) + '\n', io.cwd);

  for (const target of targets) {
    if (target.format === 'text' && target.path === undefined) continue; // printed per pair above
    const content = formatAll(target.format, kept, failed, batch, gate);
    if (content === null) continue;
    if (target.path) writeAtomic(target.path, content, io.cwd);
    else io.stdout(content);
  }
  if (batch && printText) io.stdout(totals.line(failed.length, outDir));
  return failed.length > 0 ? 2 : gateFailed ? 1 : 0;
}

function formatAll(format: Format, reports: Report[], failures: PairFailure[], batch: boolean, gate: Gate): string | null {
  switch (format) {
    case 'text':
      return reports.map((r) => formatText(r, { color: false, worst: Number.MAX_SAFE_INTEGER })).join('');
    case 'json':
      return batch ? JSON.stringify(reports, null, 2) + '\n' : reports[0] ? formatJson(reports[0]) : null;
    case 'html':
      if (!batch) return reports[0] ? renderHtml(reports[0], ALL_RULES) : null;
      throw new InputError('--format html', 'prints one report, but this run audits several pairs', 'use --out <dir> for the per-pair HTML reports and index.html');
    case 'sarif':
      return formatSarif(reports, ALL_RULES, failures);
    case 'junit':
      return formatJunit(reports, ALL_RULES, gate.failOn ?? 'major', failures);
    case 'github':
      return formatGithub(reports);
  }
}

/** `--format text`, `--format json`, or `--format sarif=out.sarif,junit=out.xml,text`. */
export function parseFormats(spec: string): FormatTarget[] {
  const targets = spec.split(',').map((part): FormatTarget => {
    const [name, ...rest] = part.split('=');
    const format = (name ?? '').trim();
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new InputError('--format', `unknown format "${format}"`, `use one of ${FORMATS.join(', ')}, optionally as format=file`);
    }
    const path = rest.join('=').trim();
    return path ? { format: format as Format, path } : { format: format as Format };
  });
  if (targets.filter((t) => t.path === undefined && t.format !== 'text').length > 1) {
    throw new InputError('--format', 'prints more than one machine format on stdout', 'write all but one to files: --format sarif=out.sarif,json');
  }
  return targets;
}

function readBaseline(path: string, cwd: string): Baseline {
  const shown = displayPath(path, cwd);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolve(cwd, path), 'utf8'));
  } catch (e) {
    throw new InputError(shown, `cannot read the baseline (${(e as Error).message})`, 'create one with --write-baseline');
  }
  const b = data as Partial<Baseline> | null;
  if (!b || b.version !== 1 || !Array.isArray(b.findings) || b.findings.some((f) => typeof f?.fingerprint !== 'string')) {
    throw new InputError(shown, 'is not a fidelity baseline (version 1)', 'create one with --write-baseline');
  }
  return b as Baseline;
}

/** Running totals for the batch's closing line, so reports need not be kept for it. */
class Totals {
  private verdicts = new Map<string, number>();
  private counts = { critical: 0, major: 0, minor: 0 };
  private audited = 0;

  add(entry: IndexEntry): void {
    this.audited++;
    if (entry.verdict) this.verdicts.set(entry.verdict, (this.verdicts.get(entry.verdict) ?? 0) + 1);
    for (const s of ['critical', 'major', 'minor'] as const) this.counts[s] += entry.counts?.[s] ?? 0;
  }

  line(failures: number, outDir: string | undefined): string {
    const v = [...this.verdicts.entries()].sort().map(([k, n]) => `${n} ${k}`).join(', ');
    const c = this.counts;
    return (
      `${this.audited + failures} pair(s): ${v || 'none audited'}${failures ? `, ${failures} could not be audited` : ''}; ` +
      `findings ${c.critical} critical, ${c.major} major, ${c.minor} minor` +
      (outDir !== undefined ? `; reports in ${outDir}/ (index.html)` : '') +
      '\n'
    );
  }
}

