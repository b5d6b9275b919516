import { join } from 'node:path';
import { InputError } from '../errors.js';
import { audit, type AuditOptions } from '../pipeline.js';
import { indexEntry, renderHtml, type IndexEntry } from '../6-report/html/index.js';
import { formatJson } from '../6-report/model.js';
import { formatText } from '../6-report/text.js';
import { ALL_RULES } from '../rules.js';
import { applySettings, gateConfigured, gateFailures, markBaseline, type Baseline, type FindingSettings, type Gate } from '../settings.js';
import type { Report } from '../types.js';
import { readSource, writeAtomic } from './files.js';
import { reportStem, type Pair } from './pairs.js';

/** Everything a worker needs to take a pair from its files to its written reports (structured-cloneable). */
export interface PairJob {
  cwd: string;
  maxBytes?: number;
  audit: AuditOptions;
  settings: FindingSettings;
  baseline?: Baseline;
  gate: Gate;
  /** Write `<ref-stem>--<cand-stem>.json` and `.html` here. */
  outDir?: string;
  /** Write exactly these files (single-pair runs). */
  json?: string;
  html?: string;
  /** Send the whole report back (aggregate formats, baselines); otherwise only what the index and summary need. */
  keepReport: boolean;
  /** Render the terminal summary, with or without colour; null when no text summary is printed. */
  text: { color: boolean } | null;
}

/** A pair's outcome: what the batch needs of it, or the one-line reason it could not be audited. */
export type PairResult =
  | { ok: true; entry: IndexEntry; summary: string; gateReasons: string[]; report?: Report }
  | { ok: false; error: string };

/**
 * One pair from files to reports: read, audit, apply the config's rule settings and the baseline, write the
 * JSON and HTML, and return the small index entry and summary. It runs in the worker, so rendering and writing
 * happen in parallel too and a 10k-pair batch never ships every report through one thread. Input and output
 * errors become a failed result, so the batch goes on and says which pair failed.
 */
export function runPairTask(pair: Pair, job: PairJob): PairResult {
  try {
    const reference = readSource(pair.reference, job.cwd, job.maxBytes);
    const candidate = readSource(pair.candidate, job.cwd, job.maxBytes);
    let report = applySettings(audit(reference, candidate, job.audit), job.settings);
    if (job.baseline) report = markBaseline(report, job.baseline);
    const stem = reportStem(pair);
    const json = formatJson(report);
    const html = renderHtml(report, ALL_RULES);
    if (job.outDir !== undefined) {
      writeAtomic(join(job.outDir, `${stem}.json`), json, job.cwd);
      writeAtomic(join(job.outDir, `${stem}.html`), html, job.cwd);
    }
    if (job.json) writeAtomic(job.json, json, job.cwd);
    if (job.html) writeAtomic(job.html, html, job.cwd);
    const gateReasons = gateFailures(report, job.gate);
    const summary = job.text
      ? formatText(report, { color: job.text.color, worst: 5 }) + (gateReasons.length ? `  gate failed: ${gateReasons.join('; ')}\n` : '')
      : '';
    return { ok: true, entry: indexEntry(report, `${stem}.html`, gateConfigured(job.gate) ? gateReasons : undefined), summary, gateReasons, ...(job.keepReport ? { report } : {}) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: e.message };
    throw e;
  }
}
