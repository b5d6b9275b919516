import { parentPort, workerData } from 'node:worker_threads';
import type { Pair } from './pairs.js';
import { preparePair, type PairInputs, type PairJob } from './pair-task.js';

/**
 * A pool worker: audits and renders each pair it is sent (its files already read by the pool's thread), with
 * the job it was started with, and sends back the result with the report files to write. The pool's thread
 * writes them: it is otherwise idle, and a read or write that waits on the kernel (a rename over an earlier run's report, writeback of a 10k-pair batch's
 * gigabyte of reports) then never stalls an audit. The pool keeps two pairs queued here, so the next pair is
 * audited while the last one's reports are written.
 */
const job = workerData as PairJob;
parentPort!.on('message', (msg: { index: number; pair: Pair; inputs: PairInputs }) => {
  parentPort!.postMessage({ index: msg.index, prepared: preparePair(msg.pair, job, msg.inputs) });
});
