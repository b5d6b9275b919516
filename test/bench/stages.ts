/**
 * Per-stage CPU profile of the batch audit (issue 7): where the CPU time of one press-release-sized pair goes,
 * in CPU ms per pair, median over several rounds after a JIT warm-up. The pairs are the batch bench's (corpus
 * texts with seeded edits, `perturb` of batch.ts); the stages are the ones `audit` (src/pipeline.ts) and the
 * batch worker (src/cli/pair-task.ts) run, in the same order, timed one by one with `process.cpuUsage()`.
 * File reads and writes are left out (the batch bench measures them); decoding is in.
 *
 *   npx tsx test/bench/stages.ts [pairs per round=200] [rounds=5] [warm-up pairs=150]
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '../../src/1-ingest/decode.js';
import { segmentDocument } from '../../src/2-segment/index.js';
import { align } from '../../src/3-align/index.js';
import { applyFindings, compare, documentDrift } from '../../src/4-compare/compare.js';
import { sentenceFindings } from '../../src/4-compare/findings.js';
import { checkEntities } from '../../src/5-checks/index.js';
import { buildReport, formatJson } from '../../src/6-report/model.js';
import { indexEntry, renderHtml } from '../../src/6-report/html/index.js';
import { ALL_RULES } from '../../src/rules.js';
import { applySettings } from '../../src/settings.js';
import type { Finding } from '../../src/types.js';
import { median, rng } from '../support/random.js';
import { perturb } from './batch.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STAGES = ['decode', 'segment', 'align', 'compare', 'checks', 'findings', 'docDrift', 'build', 'json', 'html', 'other'] as const;
type Stage = (typeof STAGES)[number];

const perRound = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 5);
const warm = Number(process.argv[4] ?? 150);

const corpus = join(root, 'corpus');
const texts = readdirSync(corpus)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(corpus, f), 'utf8'));
const random = rng(42);
const pairs: Array<[Uint8Array, Uint8Array]> = [];
for (let i = 0; i < warm + perRound * rounds; i++) {
  const base = texts[i % texts.length]!;
  pairs.push([Buffer.from(base), Buffer.from(perturb(base, random))]);
}

const RELATED_KINDS = new Set<Finding['kind']>(['misspelling', 'glossary-violation']);

/** One pair through the stages, adding each stage's CPU microseconds to `acc`. Mirrors pipeline.ts + pair-task.ts. */
function auditTimed(refBytes: Uint8Array, candBytes: Uint8Array, acc: Record<Stage, number>): number {
  let t = process.cpuUsage();
  const lap = (stage: Stage) => {
    const d = process.cpuUsage(t);
    acc[stage] += d.user + d.system;
    t = process.cpuUsage();
  };
  const reference = decode(refBytes, 'ref.txt');
  const candidate = decode(candBytes, 'cand.txt');
  lap('decode');
  const ref = segmentDocument(reference, { idPrefix: 'r', boilerplatePatterns: [] });
  const cand = segmentDocument(candidate, { idPrefix: 'c', boilerplatePatterns: [] });
  lap('segment');
  const alignment = align(ref, cand, {});
  lap('align');
  const comparison = compare(ref, cand, alignment);
  lap('compare');
  const checkable = alignment.verdict !== 'unrelated' && ref.language === 'en' && cand.language === 'en';
  const all = checkable ? checkEntities({ reference: ref, candidate: cand, links: alignment.links }) : [];
  lap('checks');
  const entityFindings = alignment.verdict === 'related' ? all.filter((f) => RELATED_KINDS.has(f.kind)) : all;
  const links = applyFindings(comparison.links, entityFindings);
  const findings = [...entityFindings, ...sentenceFindings(ref, cand, alignment, links, entityFindings)];
  lap('findings');
  const drift = documentDrift(links, ref, cand);
  lap('docDrift');
  let report = buildReport({ reference: ref, candidate: cand, alignment, links, findings, drift, scores: comparison.scores, signature: 'bench', budgetsHit: [] });
  report = applySettings(report, { rules: {}, ignore: [] });
  lap('build');
  const json = formatJson(report);
  lap('json');
  const html = renderHtml(report, ALL_RULES);
  lap('html');
  const entry = indexEntry(report, 'x.html');
  lap('other');
  return json.length + html.length + (entry.drift ?? 0);
}

const zero = (): Record<Stage, number> => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
let sink = 0;
for (let i = 0; i < warm; i++) sink += auditTimed(pairs[i]![0], pairs[i]![1], zero());

const perStage: Record<Stage, number[]> = Object.fromEntries(STAGES.map((s) => [s, []])) as unknown as Record<Stage, number[]>;
const totals: number[] = [];
for (let r = 0; r < rounds; r++) {
  const acc = zero();
  const t0 = process.cpuUsage();
  for (let i = 0; i < perRound; i++) {
    const p = pairs[warm + r * perRound + i]!;
    sink += auditTimed(p[0], p[1], acc);
  }
  const d = process.cpuUsage(t0);
  totals.push((d.user + d.system) / 1000 / perRound);
  for (const s of STAGES) perStage[s].push(acc[s] / 1000 / perRound);
}

console.log(
  `stage profile ${new Date().toISOString()}: ${rounds} rounds of ${perRound} pairs after ${warm} warm-up pairs; ` +
    `CPU ms per pair (process.cpuUsage, includes GC), median of rounds; node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
);
for (const s of STAGES) console.log(`  ${s.padEnd(9)} ${median(perStage[s]).toFixed(2).padStart(6)}`);
console.log(`  ${'total'.padEnd(9)} ${median(totals).toFixed(2).padStart(6)}   (rounds: ${totals.map((x) => x.toFixed(2)).join(' ')})`);
if (sink < 0) console.log(sink);
