/**
 * Batch throughput (issue 7): N press-release-sized pairs, made from the corpus with seeded random edits, audited
 * by the built CLI with 1 and 2 worker threads. Prints wall time, pairs/s, the 2-vs-1 ratio and peak RSS of the
 * whole process tree (worker threads live in the one process, so VmHWM of the CLI process covers them).
 *
 *   npx tsx test/bench/batch.ts [pairs=10000] [runs=3]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng, median } from '../support/random.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');

/** Edits a text the way republishing damages it: dropped, swapped and misspelt words, changed digits. */
export function perturb(text: string, random: () => number, rate = 0.06): string {
  return text
    .split(/(\s+)/)
    .map((tok) => {
      if (/^\s+$/.test(tok) || random() > rate) return tok;
      const r = random();
      if (r < 0.3) return '';
      if (r < 0.55 && tok.length > 3) {
        const i = 1 + Math.floor(random() * (tok.length - 2));
        return tok.slice(0, i) + tok[i + 1] + tok[i] + tok.slice(i + 2);
      }
      if (r < 0.7) return tok.replace(/\d/, (d) => String((Number(d) + 1) % 10));
      if (r < 0.85) return tok.toUpperCase();
      return tok + ' also';
    })
    .join('');
}

export function makePairs(dir: string, n: number, seed = 42): string {
  const corpus = join(root, 'corpus');
  const texts = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(corpus, f), 'utf8'));
  const random = rng(seed);
  mkdirSync(join(dir, 'ref'), { recursive: true });
  mkdirSync(join(dir, 'cand'), { recursive: true });
  const pairs = [];
  for (let i = 0; i < n; i++) {
    const base = texts[i % texts.length]!;
    const name = `p${String(i).padStart(5, '0')}.txt`;
    writeFileSync(join(dir, 'ref', name), base);
    writeFileSync(join(dir, 'cand', name), perturb(base, random));
    pairs.push({ reference: `ref/${name}`, candidate: `cand/${name}` });
  }
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ pairs }));
  return manifest;
}

interface Run {
  seconds: number;
  peakRssMiB: number;
  code: number | null;
}

/** Runs the CLI, polling VmHWM (the kernel's peak-RSS high-water mark) until it exits. */
function runCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolveRun) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // the process has exited
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 1) process.stderr.write(stderr);
      resolveRun({ seconds: Number(process.hrtime.bigint() - start) / 1e9, peakRssMiB: peak, code });
    });
  });
}

export async function benchBatch(n = 10000, runs = 3): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-batch-'));
  try {
    const manifest = makePairs(dir, n);
    console.log(`batch bench ${new Date().toISOString().slice(0, 10)}: ${n} pairs from the corpus with seeded edits, ${runs} runs each, median`);
    const rows: Record<number, Run[]> = { 1: [], 2: [] };
    for (let r = 0; r < runs; r++) {
      for (const jobs of [1, 2]) {
        const out = join(dir, `out-${jobs}`);
        rows[jobs]!.push(await runCli(['audit', '--manifest', manifest, '--out', out, '--jobs', String(jobs)], dir));
      }
    }
    for (const jobs of [1, 2]) {
      const s = median(rows[jobs]!.map((x) => x.seconds));
      const mem = Math.max(...rows[jobs]!.map((x) => x.peakRssMiB));
      console.log(`  jobs=${jobs}: ${s.toFixed(1)} s, ${(n / s).toFixed(0)} pairs/s, peak RSS ${mem.toFixed(0)} MiB, exit ${rows[jobs]![0]!.code}`);
    }
    const ratio = median(rows[1]!.map((x) => x.seconds)) / median(rows[2]!.map((x) => x.seconds));
    console.log(`  2 workers vs 1: ${ratio.toFixed(2)}× (bar ≥ 1.7×); 2-worker time bar < 60 s; peak memory bar < 1536 MiB`);
    const digest = (out: string) => {
      const h = createHash('sha256');
      for (const f of readdirSync(out).sort()) h.update(f).update(readFileSync(join(out, f)));
      return h.digest('hex');
    };
    console.log(`  reports byte-identical for --jobs 1 and 2: ${digest(join(dir, 'out-1')) === digest(join(dir, 'out-2')) ? 'yes' : 'NO'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchBatch(Number(process.argv[2] ?? 10000), Number(process.argv[3] ?? 3));
}
