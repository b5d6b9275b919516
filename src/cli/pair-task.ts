import { join } from 'node:path';
import { InputError } from '../errors.js';
import { audit, type AuditOptions } from '../pipeline.js';
import { indexEntry, renderHtml, type IndexEntry } from '../6-report/html/index.js';
import { formatJson } from '../6-report/model.js';
import { formatText } from '../6-report/text.js';
import { ALL_RULES } from '../rules.js';
import { applySettings, gateConfigured, gateFailures, markBaseline, type Baseline, type FindingSettings, type Gate } from '../settings.js';
import type { Report } from '../types.js';
import { decodeSource, readSource, writeAtomic } from './files.js';
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

/** A pair's files, already read (`readInput`): the batch pool reads them, so a worker never waits on a read. */
export interface PairInputs {
  reference: Uint8Array;
  candidate: Uint8Array;
}

/** A pair audited and rendered, with the report files still to write. */
export interface PreparedPair {
  /** The pair's result once every write has succeeded. */
  result: PairResult;
  /** Files to write, in order: [path, content]. */
  writes: Array<[string, string]>;
}

/**
 * One pair from files to reports: read, audit, apply the config's rule settings and the baseline, write the
 * JSON and HTML, and return the small index entry and summary. It runs in the worker, so rendering and writing
 * happen in parallel too and a 10k-pair batch never ships every report through one thread. Input and output
 * errors become a failed result, so the batch goes on and says which pair failed.
 */
export function runPairTask(pair: Pair, job: PairJob): PairResult {
  return writePrepared(preparePair(pair, job), job);
}

/** Writes a prepared pair's report files, in order; a write that fails makes the pair's result a failure. */
export function writePrepared(prepared: PreparedPair, job: PairJob): PairResult {
  try {
    for (const [path, content] of prepared.writes) writeAtomic(path, content, job.cwd);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: e.message };
    throw e;
  }
  return prepared.result;
}

/** Everything of `runPairTask` but the writes: the CPU part, which a batch worker runs (see worker.ts). */
export function preparePair(pair: Pair, job: PairJob, inputs?: PairInputs): PreparedPair {
  try {
    const reference = inputs ? decodeSource(inputs.reference, pair.reference, job.cwd, job.maxBytes) : readSource(pair.reference, job.cwd, job.maxBytes);
    const candidate = inputs ? decodeSource(inputs.candidate, pair.candidate, job.cwd, job.maxBytes) : readSource(pair.candidate, job.cwd, job.maxBytes);
    let report = applySettings(audit(reference, candidate, job.audit), job.settings);
    if (job.baseline) report = markBaseline(report, job.baseline);
    const stem = reportStem(pair);
    const json = formatJson(report);
    const html = renderHtml(report, ALL_RULES);
    const writes: Array<[string, string]> = [];
    if (job.outDir !== undefined) {
      writes.push([join(job.outDir, `${stem}.json`), json]);
      writes.push([join(job.outDir, `${stem}.html`), html]);
    }
    if (job.json) writes.push([job.json, json]);
    if (job.html) writes.push([job.html, html]);
    const gateReasons = gateFailures(report, job.gate);
    const summary = job.text
      ? formatText(report, { color: job.text.color, worst: 5 }) + (gateReasons.length ? `  gate failed: ${gateReasons.join('; ')}\n` : '')
      : '';
    return { result: { ok: true, entry: indexEntry(report, `${stem}.html`, gateConfigured(job.gate) ? gateReasons : undefined), summary, gateReasons, ...(job.keepReport ? { report } : {}) }, writes };
  } catch (e) {
    if (e instanceof InputError) return { result: { ok: false, error: e.message }, writes: [] };
    throw e;
  }
}
