/**
 * `npm run bench`: every speed and memory benchmark, each in its own process so that one's heap and JIT state
 * do not colour another's figures. Each prints its date, medians over several runs and its bars.
 *
 *   npm run bench                 # all
 *   npm run bench -- metrics      # one or more of: metrics segment align batch
 *   BATCH_PAIRS=1000 npm run bench -- batch
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BENCHES: Record<string, string[]> = {
  metrics: ['test/bench/metrics.ts'],
  segment: ['test/segment/bench.ts'],
  align: ['test/bench/align.ts'],
  batch: ['test/bench/batch.ts', process.env.BATCH_PAIRS ?? '10000', process.env.BATCH_RUNS ?? '3'],
};
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);
console.log(`fidelity benchmarks ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
let failed = false;
for (const name of chosen) {
  const args = BENCHES[name];
  if (!args) {
    console.error(`bench: unknown benchmark "${name}" — choose from ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
