import { parentPort, workerData } from 'node:worker_threads';
import { auditPair } from './pool.js';
import type { Pair } from './pairs.js';

/** A pool worker: audits the pairs it is sent, one at a time, with the options it was started with. */
const { cwd, maxBytes, audit } = workerData as { cwd: string; maxBytes: number | undefined; audit: Parameters<typeof auditPair>[3] };
parentPort!.on('message', (msg: { index: number; pair: Pair }) => {
  parentPort!.postMessage({ index: msg.index, result: auditPair(msg.pair, cwd, maxBytes, audit) });
});
