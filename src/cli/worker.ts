import { parentPort, workerData } from 'node:worker_threads';
import type { Pair } from './pairs.js';
import { runPairTask, type PairJob } from './pair-task.js';

/** A pool worker: takes each pair it is sent from files to written reports, with the job it was started with. */
const job = workerData as PairJob;
parentPort!.on('message', (msg: { index: number; pair: Pair }) => {
  parentPort!.postMessage({ index: msg.index, result: runPairTask(msg.pair, job) });
});
