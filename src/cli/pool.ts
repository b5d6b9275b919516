import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { displayPath, readInput } from './files.js';
import type { Pair } from './pairs.js';
import { runPairTask, writePrepared, type PairInputs, type PairJob, type PairResult, type PreparedPair } from './pair-task.js';

export interface PoolOptions {
  job: PairJob;
  /** Worker threads; 1 runs the pairs in this thread. */
  jobs: number;
  /** Called as each pair finishes, in completion order (not pair order). */
  onResult: (index: number, result: PairResult) => void;
  /** Overall budget (`--timeout`): pairs not finished by then are reported as not audited, never dropped silently. */
  timeoutMs?: number;
}

/** Young-generation size of each worker's heap (see `auditPairs`). */
const YOUNG_GENERATION_MB = 96;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Audits pairs on a pool of worker threads, each of which loads the pipeline once and takes the next pair as it
 * frees up. Each result is handed to `onResult` as soon as it exists, with its pair index, so the caller can
 * write it out and let it go (a 10k-pair archive never sits in memory) and still order what it prints.
 */
export async function auditPairs(pairs: readonly Pair[], options: PoolOptions): Promise<void> {
  const jobs = Math.max(1, Math.min(options.jobs, pairs.length));
  // Only a worker can be stopped mid-pair, so a time budget always runs the pairs on workers.
  if (jobs === 1 && options.timeoutMs === undefined) {
    for (let i = 0; i < pairs.length; i++) options.onResult(i, runPairTask(pairs[i]!, options.job));
    return;
  }
  let next = 0;
  const reported = new Array<boolean>(pairs.length).fill(false);
  await new Promise<void>((resolvePool, rejectPool) => {
    let live = jobs;
    let failed = false;
    const workers: Worker[] = [];
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            failed = true;
            for (const w of workers) void w.terminate();
            const seconds = options.timeoutMs! / 1000;
            try {
              pairs.forEach((pair, i) => {
                if (!reported[i]) options.onResult(i, { ok: false, error: `${displayPath(pair.candidate, options.job.cwd)}: not audited — the --timeout of ${seconds} s was reached — raise --timeout or split the batch` });
              });
              resolvePool();
            } catch (e) {
              rejectPool(e);
            }
          }, options.timeoutMs);
    // On any failure stop every worker at once: a live worker would keep the process from exiting.
    const fail = (e: unknown) => {
      failed = true;
      clearTimeout(timer);
      for (const w of workers) void w.terminate();
      rejectPool(e);
    };
    for (let w = 0; w < jobs; w++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), {
        workerData: options.job,
        // A young generation of 96 MB (V8's default semi-space is 16 MB): an audit allocates a few MB of
        // short-lived tokens, n-grams and strings per pair, and with a larger nursery fewer of them survive a
        // scavenge into the old generation. 3–5 % less CPU in a 600-pair batch with 2 workers (3 runs each).
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      workers.push(worker);
      // Pairs sent to this worker and not yet reported, oldest first.
      const inFlight: number[] = [];
      // This thread reads each pair's files before sending it (a worker never waits on a read); a pair that
      // cannot be read is reported here and the next one is sent instead.
      const feed = () => {
        while (next < pairs.length && !failed) {
          const index = next++;
          const pair = pairs[index]!;
          let inputs: PairInputs;
          try {
            inputs = { reference: readInput(pair.reference, options.job.cwd, options.job.maxBytes), candidate: readInput(pair.candidate, options.job.cwd, options.job.maxBytes) };
          } catch (e) {
            if (!(e instanceof InputError)) return fail(e);
            reported[index] = true;
            try {
              options.onResult(index, { ok: false, error: e.message });
            } catch (e2) {
              return fail(e2);
            }
            continue;
          }
          inFlight.push(index);
          worker.postMessage({ index, pair, inputs });
          return;
        }
        if (inFlight.length === 0) void worker.terminate();
      };
      worker.on('message', (msg: { index: number; prepared: PreparedPair }) => {
        const at = inFlight.indexOf(msg.index);
        if (at >= 0) inFlight.splice(at, 1);
        if (reported[msg.index] || failed) return;
        reported[msg.index] = true;
        try {
          // This thread writes the reports (see worker.ts) while the worker audits its next pair.
          const result: PairResult = writePrepared(msg.prepared, options.job);
          options.onResult(msg.index, result);
        } catch (e) {
          fail(e);
          return;
        }
        feed();
      });
      worker.on('error', (e) => fail(new Error(`worker failed on ${pairs[inFlight[0] ?? -1]?.candidate ?? 'startup'}: ${e.message}`)));
      worker.on('exit', () => {
        if (--live === 0 && !failed) {
          clearTimeout(timer);
          resolvePool();
        }
      });
      // Two pairs per worker: it audits the second while this thread writes the first one's reports.
      feed();
      feed();
    }
  });
}
