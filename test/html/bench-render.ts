/**
 * Size and speed of the HTML writer. Run: `npx tsx test/html/bench-render.ts`
 * Prints the date, then for each report: sentences, findings, page bytes and the median render time of 9 runs.
 */
import { renderHtml } from '../../src/6-report/html/index.js';
import type { Report } from '../../src/types.js';
import { loadFixture, makeReport } from './helpers.js';

function synthetic(n: number): Report {
  const base = loadFixture().reference.sentences.map((s) => s.text);
  const ref = Array.from({ length: n }, (_, i) => base[i % base.length]!);
  const cand = ref.map((s) => s.replace(/the /g, 'a ').replace(/ROK/g, 'Rock'));
  const findings = ref.flatMap((s, i) => (s.includes('ROK') ? [{ ref: [`r${i + 1}`, 'ROK'] as [string, string], cand: [`c${i + 1}`, 'Rock'] as [string, string] }] : []));
  return makeReport({ ref, cand, findings });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const cases: [string, Report][] = [
  ['fixture 000→001 excerpt', loadFixture()],
  ['synthetic 100 sentences', synthetic(100)],
  ['synthetic 1000 sentences', synthetic(1000)],
];

console.log(`fidelity HTML writer, ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
for (const [name, report] of cases) {
  renderHtml(report); // warm up
  const times: number[] = [];
  let bytes = 0;
  for (let k = 0; k < 9; k++) {
    const t = performance.now();
    bytes = Buffer.byteLength(renderHtml(report), 'utf8');
    times.push(performance.now() - t);
  }
  console.log(
    `${name.padEnd(26)} ${String(report.reference.sentences.length).padStart(5)} sentences ${String(report.findings.length).padStart(4)} findings ` +
      `${(bytes / 1024).toFixed(1).padStart(8)} KiB  median ${median(times).toFixed(1)} ms`,
  );
}
