/**
 * Per-stage CPU profile of the batch audit (issue 7): where the CPU time of one press-release-sized pair goes,
 * in CPU ms per pair, median over several rounds after a JIT warm-up. The pairs are the batch bench's (corpus
 * texts with seeded edits, `perturb` of batch.ts); the stages are the ones `audit` (src/pipeline.ts) and the
 * batch worker (src/cli/pair-task.ts) run, in the same order, timed one by one with `process.cpuUsage()`.
 * File reads and writes are left out (the batch bench measures them); decoding is in.
 *
 *   npx tsx test/bench/stages.ts [pairs per round=200] [rounds=5] [warm-up pairs=150]
 *   STAGES_AB=/path/to/other/checkout npx tsx test/bench/stages.ts …
 *
 * With STAGES_AB, the same pairs also go through the other checkout's src/ (loaded as a second module
 * instance in this process), alternating pair by pair, so both see the same machine load: on a 2-core machine
 * shared with other CPU work, runs in separate processes minutes apart differ by more than the changes measured.
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Finding, SourceText } from '../../src/types.js';
import { median, rng } from '../support/random.js';
import { perturb } from './batch.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STAGES = ['decode', 'segment', 'align', 'compare', 'checks', 'findings', 'docDrift', 'build', 'json', 'html', 'other'] as const;
type Stage = (typeof STAGES)[number];

const perRound = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 5);
const warm = Number(process.argv[4] ?? 150);

/** The stage functions of one checkout's src/ (the pipeline of src/pipeline.ts and src/cli/pair-task.ts). */
async function loadStages(checkout: string) {
  const m = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(checkout, 'src', path)).href)) as T;
  return {
    decode: (await m<typeof import('../../src/1-ingest/decode.js')>('1-ingest/decode.ts')).decode,
    segmentDocument: (await m<typeof import('../../src/2-segment/index.js')>('2-segment/index.ts')).segmentDocument,
    align: (await m<typeof import('../../src/3-align/index.js')>('3-align/index.ts')).align,
    ...(await m<typeof import('../../src/4-compare/compare.js')>('4-compare/compare.ts')),
    sentenceFindings: (await m<typeof import('../../src/4-compare/findings.js')>('4-compare/findings.ts')).sentenceFindings,
    checkEntities: (await m<typeof import('../../src/5-checks/index.js')>('5-checks/index.ts')).checkEntities,
    ...(await m<typeof import('../../src/6-report/model.js')>('6-report/model.ts')),
    ...(await m<typeof import('../../src/6-report/html/index.js')>('6-report/html/index.ts')),
    ALL_RULES: (await m<typeof import('../../src/rules.js')>('rules.ts')).ALL_RULES,
    applySettings: (await m<typeof import('../../src/settings.js')>('settings.ts')).applySettings,
  };
}
type Stages = Awaited<ReturnType<typeof loadStages>>;
const variants: Array<{ name: string; st: Stages }> = [{ name: 'this checkout', st: await loadStages(root) }];
if (process.env.STAGES_AB) variants.push({ name: resolve(process.env.STAGES_AB), st: await loadStages(resolve(process.env.STAGES_AB)) });

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
function auditTimed(st: Stages, refBytes: Uint8Array, candBytes: Uint8Array, acc: Record<Stage, number>): string {
  const { decode, segmentDocument, align, compare, checkEntities, applyFindings, sentenceFindings, documentDrift, buildReport, applySettings, formatJson, renderHtml, indexEntry, ALL_RULES } = st;
  let t = process.cpuUsage();
  const lap = (stage: Stage) => {
    const d = process.cpuUsage(t);
    acc[stage] += d.user + d.system;
    t = process.cpuUsage();
  };
  const reference: SourceText = decode(refBytes, 'ref.txt');
  const candidate: SourceText = decode(candBytes, 'cand.txt');
  lap('decode');
  const ref = segmentDocument(reference, { idPrefix: 'r', boilerplatePatterns: [], remember: true });
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
  return json + html + JSON.stringify(entry);
}

const zero = (): Record<Stage, number> => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
let differ = 0;
for (let i = 0; i < warm; i++) for (const v of variants) auditTimed(v.st, pairs[i]![0], pairs[i]![1], zero());

const perStage = variants.map(() => Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>);
const totals = variants.map((): number[] => []);
for (let r = 0; r < rounds; r++) {
  const acc = variants.map(zero);
  for (let i = 0; i < perRound; i++) {
    const p = pairs[warm + r * perRound + i]!;
    // Alternate which variant goes first, so neither always runs on a warmer cache.
    const out: string[] = [];
    for (let k = 0; k < variants.length; k++) {
      const v = (i + k) % variants.length;
      out[v] = auditTimed(variants[v]!.st, p[0], p[1], acc[v]!);
    }
    if (out.some((o) => o !== out[0])) differ++;
  }
  variants.forEach((_, v) => {
    let total = 0;
    for (const s of STAGES) {
      perStage[v]![s].push(acc[v]![s] / 1000 / perRound);
      total += acc[v]![s];
    }
    totals[v]!.push(total / 1000 / perRound);
  });
}

console.log(
  `stage profile ${new Date().toISOString()}: ${rounds} rounds of ${perRound} pairs after ${warm} warm-up pairs; ` +
    `CPU ms per pair (process.cpuUsage, includes GC), median of rounds; node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
);
console.log(`  ${'stage'.padEnd(9)} ${variants.map((v, k) => (k === 0 ? 'this' : 'other').padStart(7)).join(' ')}${variants.length > 1 ? '   this/other' : ''}`);
for (const s of [...STAGES, 'total' as const]) {
  const m = variants.map((_, v) => median(s === 'total' ? totals[v]! : perStage[v]![s]));
  console.log(`  ${s.padEnd(9)} ${m.map((x) => x.toFixed(2).padStart(7)).join(' ')}${m.length > 1 ? `   ${(m[0]! / m[1]!).toFixed(2)}` : ''}`);
}
variants.forEach((v, k) => console.log(`  rounds (${v.name}): ${totals[k]!.map((x) => x.toFixed(2)).join(' ')}`));
if (variants.length > 1) console.log(`  JSON + HTML + index entry identical in both: ${differ === 0 ? 'yes' : `NO (${differ} of ${rounds * perRound} pairs differ)`}`);
