/** Locates ../shared/eval/sacrebleu; tests skip (with a printed reason) only when it is absent outside CI. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Vector } from './sacrebleu-args.js';

export const SACREBLEU_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/eval/sacrebleu');
export const hasShared = existsSync(SACREBLEU_DIR);
if (!hasShared && process.env.CI) {
  throw new Error(`CI=true but the sacreBLEU test vectors are missing at ${SACREBLEU_DIR}`);
}
if (!hasShared) console.warn(`[metrics] skipping sacreBLEU vector tests: ${SACREBLEU_DIR} is absent`);

export function readVectors(file: string): Vector[] {
  return readFileSync(resolve(SACREBLEU_DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Vector);
}
