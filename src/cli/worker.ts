import { parentPort, workerData } from 'node:worker_threads';
import type { Pair } from './pairs.js';
import { preparePair, runPairTaskAsync, type PairJob } from './pair-task.js';

/**
 * A pool worker: takes each pair it is sent from files to written reports, with the job it was started with.
 * The pool keeps two pairs queued here, so while one pair's reports are being written (on libuv's thread
 * pool) the next is already being audited. Writes are chained, so a worker writes its pairs in the order it
 * was sent them, as the synchronous loop does.
 */
const job = workerData as PairJob;
let written: Promise<void> = Promise.resolve();
parentPort!.on('message', (msg: { index: number; pair: Pair }) => {
  const prepared = preparePair(msg.pair, job);
  written = written.then(async () => {
    parentPort!.postMessage({ index: msg.index, result: await runPairTaskAsync(prepared, job) });
  });
});
