/**
 * Speed of the segment stage, printed with the date (not a unit test: timings vary with the machine).
 *
 *   npx tsx test/segment/bench.ts
 *
 * Inputs: the five corpus documents repeated to ~100,000 sentences (~2M words); a 5 MB line of words with
 * no punctuation (the over-long cap must keep it linear). Baseline: wink-nlp's `readDoc` (tokenising plus
 * sentence detection) on the same large text. Medians over several runs.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { segmentDocument, segmentSentences } from '../../src/2-segment/index.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(runs: number, f: () => unknown): { ms: number; result: unknown } {
  const times: number[] = [];
  let result: unknown;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

async function main(): Promise<void> {
  console.log(`fidelity segment bench — ${new Date().toISOString()} — node ${process.version}`);
  const docs = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(`${CORPUS}/${f}`, 'utf8'));
  const one = docs.join('\n\n');
  const perCopy = segmentSentences(one).length;
  const copies = Math.ceil(100_000 / perCopy);
  const big = Array.from({ length: copies }, () => one).join('\n\n');
  const words = big.split(/\s+/).length;
  const sentences = segmentSentences(big).length;
  console.log(`large text: ${(big.length / 1e6).toFixed(1)} M chars, ${(words / 1e6).toFixed(2)} M words, ${sentences} sentences`);

  const spans = time(5, () => segmentSentences(big));
  console.log(`  segmentSentences   median of 5: ${spans.ms.toFixed(0)} ms`);
  const source = { path: 'big.txt', text: big, sha256: '', warnings: [] };
  const doc = time(5, () => segmentDocument(source, { idPrefix: 'r' }));
  console.log(`  segmentDocument    median of 5: ${doc.ms.toFixed(0)} ms (with boilerplate marks and language)`);

  const words5 = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ';
  const line = words5.repeat(Math.ceil(5_000_000 / words5.length)).slice(0, 5_000_000);
  const longRun = time(3, () => segmentDocument({ path: 'line.txt', text: line, sha256: '', warnings: [] }));
  const longDoc = longRun.result as ReturnType<typeof segmentDocument>;
  console.log(
    `5 MB line, no punctuation: median of 3: ${longRun.ms.toFixed(0)} ms, ${longDoc.sentences.length} pieces, warning: ${longDoc.warnings[0] ?? 'none'}`,
  );

  try {
    const winkNLP = (await import('wink-nlp')).default;
    const model = (await import('wink-eng-lite-web-model')).default;
    const t0 = performance.now();
    const nlp = winkNLP(model, ['sbd']);
    console.log(`wink-nlp model load: ${(performance.now() - t0).toFixed(0)} ms`);
    const wink = time(3, () => nlp.readDoc(big).sentences().length());
    console.log(`  wink-nlp readDoc   median of 3: ${wink.ms.toFixed(0)} ms, ${String(wink.result)} sentences`);
  } catch (e) {
    console.log(`wink-nlp baseline unavailable: ${(e as Error).message}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
