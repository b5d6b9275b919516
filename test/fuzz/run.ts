/**
 * Fuzzing the whole pipeline (issue 8): random and mutated corpus texts through decode → audit → every writer,
 * for a bounded time. Reports any exception, any invariant broken, and any pair slower than the budget.
 *
 *   npm run fuzz -- [seconds=60] [seed=1]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '../../src/1-ingest/decode.js';
import { InputError } from '../../src/errors.js';
import { audit } from '../../src/pipeline.js';
import { renderHtml } from '../../src/6-report/html/index.js';
import { formatGithub } from '../../src/6-report/github.js';
import { formatJunit } from '../../src/6-report/junit.js';
import { formatJson } from '../../src/6-report/model.js';
import { formatSarif } from '../../src/6-report/sarif.js';
import { formatText } from '../../src/6-report/text.js';
import { ALL_RULES } from '../../src/rules.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.argv[2] ?? 60);
let seed = Number(process.argv[3] ?? 1) >>> 0;
/** A pair slower than this is a budget overrun worth a look (press-release-sized inputs take milliseconds). */
const SLOW_MS = 5000;

function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const corpus = readdirSync(join(root, 'corpus'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(root, 'corpus', f)));
const SNIPPETS = ['<script>alert(1)</script>', '\u202E', '\r', '\r\n', '\uFEFF', '…', '“', '’', 'U.S.', 'No. 3', '(', ')', '[ad_1]', '1.5 million', '’13', '19th', '\uD800', '한국', '𞥐', '\t', '  ', '.', '?!', 'KASA (Korea AeroSpace Administration)', 'e.g.', 'ACR-1'];

/** Byte-level and text-level mutations, as scrapers, encoders and machine translation produce them. */
function mutate(bytes: Buffer): Buffer {
  let b = Buffer.from(bytes);
  const n = 1 + Math.floor(random() * 8);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(random() * (b.length + 1));
    switch (Math.floor(random() * 7)) {
      case 0: b = Buffer.concat([b.subarray(0, at), Buffer.from(pick(SNIPPETS)), b.subarray(at)]); break;
      case 1: b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + Math.floor(random() * 400)))]); break;
      case 2: if (b.length) b[Math.min(at, b.length - 1)] = Math.floor(random() * 256); break;
      case 3: b = Buffer.concat([b.subarray(at), b.subarray(0, at)]); break;
      case 4: { const s = b.toString('utf8').split('\n'); s.sort(() => random() - 0.5); b = Buffer.from(s.join('\n')); break; }
      case 5: b = Buffer.from(b.toString('utf8').replace(/[.!?]/g, () => (random() < 0.3 ? '' : '.'))); break;
      case 6: b = Buffer.concat([b, pick(corpus).subarray(0, Math.floor(random() * 2000))]); break;
    }
  }
  return b;
}

function randomText(): Buffer {
  const len = Math.floor(random() * 3000);
  let s = '';
  while (s.length < len) s += random() < 0.7 ? pick(SNIPPETS) + ' ' : String.fromCodePoint(Math.floor(random() * 0x2ffff));
  return Buffer.from(s);
}

const started = Date.now();
let pairs = 0;
let refused = 0;
let crashes = 0;
let slow = 0;
let slowest = 0;
console.log(`fuzz ${new Date().toISOString().slice(0, 10)}: ${seconds} s, seed ${process.argv[3] ?? 1}`);
while (Date.now() - started < seconds * 1000) {
  const ref = random() < 0.8 ? pick(corpus) : randomText();
  const cand = random() < 0.8 ? mutate(random() < 0.7 ? ref : pick(corpus)) : randomText();
  pairs++;
  const t0 = performance.now();
  try {
    const report = audit(decode(ref, 'ref.txt'), decode(cand, 'cand.txt'));
    for (const s of report.candidate.sentences) if (cand.length && s.end < s.start) throw new Error(`bad offsets ${s.id}`);
    formatJson(report);
    renderHtml(report, ALL_RULES);
    formatSarif([report], ALL_RULES);
    formatJunit([report], ALL_RULES);
    formatGithub([report]);
    formatText(report);
  } catch (e) {
    if (e instanceof InputError) {
      refused++;
    } else {
      crashes++;
      console.log(`CRASH #${crashes} on pair ${pairs}: ${(e as Error).stack?.split('\n').slice(0, 4).join(' | ')}`);
      console.log(`  ref ${JSON.stringify(ref.toString('utf8').slice(0, 200))}…`);
      console.log(`  cand ${JSON.stringify(cand.toString('utf8').slice(0, 200))}…`);
    }
  }
  const ms = performance.now() - t0;
  slowest = Math.max(slowest, ms);
  if (ms > SLOW_MS) {
    slow++;
    console.log(`SLOW pair ${pairs}: ${ms.toFixed(0)} ms`);
  }
}
console.log(`${pairs} pairs, ${refused} refused as bad input (expected), ${crashes} crashes, ${slow} over ${SLOW_MS} ms (slowest ${slowest.toFixed(0)} ms)`);
process.exitCode = crashes > 0 || slow > 0 ? 1 : 0;
