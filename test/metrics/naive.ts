/**
 * Straightforward, unoptimised reference implementations of the three metrics, written the way the
 * sacreBLEU description reads: the mteval-v13a regex cascade, n-grams as joined strings counted in Maps,
 * TER recomputing every candidate's full edit distance from the first row. They are the oracles of the
 * property tests (the fast code must agree with them on random input) and the in-run baseline of the
 * benchmark (test/bench/metrics.ts).
 */
import { pyRstrip, pySplit } from '../../src/4-compare/metrics/pytext.js';

// --- BLEU ------------------------------------------------------------------------------------------------

/** mteval-v13a as sacreBLEU runs it: four regex substitutions on the padded line, then split. */
export function naive13a(line: string): string[] {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  line = ` ${line} `;
  line = line.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
  line = line.replace(/([^0-9])([.,])/g, '$1 $2 ');
  line = line.replace(/([.,])([^0-9])/g, ' $1 $2');
  line = line.replace(/([0-9])(-)/g, '$1 $2 ');
  return pySplit(line);
}

function wordNgrams(tokens: string[], maxOrder: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = `${n}\u0000${tokens.slice(i, i + n).join('\u0001')}`;
      m.set(key, (m.get(key) ?? 0) + 1);
    }
  }
  return m;
}

/** BLEU statistics `[hypLen, refLen, correct.., total..]` (13a, case-sensitive, max order 4). */
export function naiveBleuStats(hyp: string, refs: string[], maxOrder = 4): number[] {
  const hypTokens = naive13a(pyRstrip(hyp));
  const refMax = new Map<string, number>();
  const refLens: number[] = [];
  for (const ref of refs) {
    const toks = naive13a(pyRstrip(ref));
    refLens.push(toks.length);
    for (const [k, c] of wordNgrams(toks, maxOrder)) refMax.set(k, Math.max(refMax.get(k) ?? 0, c));
  }
  let refLen = -1;
  let diff = -1;
  for (const l of refLens) {
    const d = Math.abs(hypTokens.length - l);
    if (diff === -1 || d < diff || (d === diff && l < refLen)) {
      diff = d;
      refLen = l;
    }
  }
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const [k, c] of wordNgrams(hypTokens, maxOrder)) {
    const n = Number(k.slice(0, k.indexOf('\u0000')));
    total[n - 1]! += c;
    correct[n - 1]! += Math.min(c, refMax.get(k) ?? 0);
  }
  return [hypTokens.length, refLen, ...correct, ...total];
}

// --- chrF ------------------------------------------------------------------------------------------------

const PUNCTS = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

function removePunctuation(sent: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sent)) {
    if ([...w].length === 1) out.push(w);
    else if (PUNCTS.has(w[w.length - 1]!)) out.push(w.slice(0, -1), w[w.length - 1]!);
    else if (PUNCTS.has(w[0]!)) out.push(w[0]!, w.slice(1));
    else out.push(w);
  }
  return out;
}

function counter(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(it, (m.get(it) ?? 0) + 1);
  return m;
}

function charNgrams(s: string, n: number): Map<string, number> {
  const cps = [...s];
  const out: string[] = [];
  for (let i = 0; i + n <= cps.length; i++) out.push(cps.slice(i, i + n).join(''));
  return counter(out);
}

function matchStats(h: Map<string, number>, r: Map<string, number>): [number, number, number] {
  let hypCount = 0;
  let match = 0;
  for (const [k, c] of h) {
    hypCount += c;
    match += Math.min(c, r.get(k) ?? 0);
  }
  let refCount = 0;
  for (const c of r.values()) refCount += c;
  return [r.size > 0 ? hypCount : 0, refCount, match];
}

/** chrF statistics for one reference (default chrF/chrF++ settings apart from the orders). */
export function naiveChrfStats(hyp: string, ref: string, charOrder = 6, wordOrder = 0, whitespace = false): number[] {
  // sacreBLEU removes every whitespace character unless `whitespace` (then the text is used as it is).
  const strip = (s: string): string => (whitespace ? s : pySplit(s).join(''));
  const stats: number[] = [];
  for (let n = 1; n <= charOrder; n++) stats.push(...matchStats(charNgrams(strip(hyp), n), charNgrams(strip(ref), n)));
  const hw = removePunctuation(hyp);
  const rw = removePunctuation(ref);
  for (let n = 1; n <= wordOrder; n++) {
    const grams = (ws: string[]): Map<string, number> => {
      const out: string[] = [];
      for (let i = 0; i + n <= ws.length; i++) out.push(ws.slice(i, i + n).join(' '));
      return counter(out);
    };
    stats.push(...matchStats(grams(hw), grams(rw)));
  }
  return stats;
}

// --- TER -------------------------------------------------------------------------------------------------

type Op = ' ' | 's' | 'i' | 'd' | 'x';
const INF = 1e16;

/** Full beam edit distance with trace, from the first row every time (no cache). */
function editDistance(h: string[], r: string[]): [number, string] {
  const nH = h.length;
  const nR = r.length;
  const ratio = nH ? nR / nH : 1;
  const beam = 25 < ratio / 2 ? Math.ceil(ratio / 2 + 25) : 25;
  const dist: [number, Op][][] = [];
  dist.push(Array.from({ length: nR + 1 }, (_, j) => [j, 'i'] as [number, Op]));
  for (let i = 1; i <= nH; i++) {
    const row: [number, Op][] = Array.from({ length: nR + 1 }, () => [INF, 'x'] as [number, Op]);
    dist.push(row);
    const diag = Math.floor(i * ratio);
    const lo = Math.max(0, diag - beam);
    const hi = i === nH ? nR + 1 : Math.min(nR + 1, diag + beam);
    for (let j = lo; j < hi; j++) {
      if (j === 0) {
        row[0] = [dist[i - 1]![0]![0] + 1, 'd'];
        continue;
      }
      const same = h[i - 1] === r[j - 1];
      const ops: [number, Op][] = [
        [dist[i - 1]![j - 1]![0] + (same ? 0 : 1), same ? ' ' : 's'],
        [dist[i - 1]![j]![0] + 1, 'd'],
        [row[j - 1]![0] + 1, 'i'],
      ];
      for (const [c, o] of ops) if (row[j]![0] > c) row[j] = [c, o];
    }
  }
  let trace = '';
  let i = nH;
  let j = nR;
  while (i > 0 || j > 0) {
    const op = dist[i]![j]![1];
    trace = op + trace;
    if (op === ' ' || op === 's') {
      i--;
      j--;
    } else if (op === 'i') j--;
    else if (op === 'd') i--;
    else throw new Error('undefined op');
  }
  return [dist[nH]![nR]![0], trace];
}

function performShift(w: string[], start: number, len: number, target: number): string[] {
  if (target < start) return [...w.slice(0, target), ...w.slice(start, start + len), ...w.slice(target, start), ...w.slice(start + len)];
  if (target > start + len) {
    return [...w.slice(0, start), ...w.slice(start + len, target), ...w.slice(start, start + len), ...w.slice(target)];
  }
  return [...w.slice(0, start), ...w.slice(start + len, len + target), ...w.slice(start, start + len), ...w.slice(len + target)];
}

/** Edits turning `h` into `r` (sacreBLEU `translation_edit_rate`), computed without any caching. */
export function naiveTerEdits(h: string[], r: string[]): number {
  return naiveTerTrace(h, r).edits;
}

/** The edits, shifts, candidates evaluated and final word order of the shift search. */
export function naiveTerTrace(h: string[], r: string[]): { edits: number; shifts: number; candidates: number; words: string[] } {
  if (r.length === 0) return { edits: h.length, shifts: 0, candidates: 0, words: h };
  let words = h;
  let shifts = 0;
  let checked = 0;
  for (;;) {
    const [pre, invTrace] = editDistance(words, r);
    const trace = [...invTrace].map((o) => (o === 'i' ? 'd' : o === 'd' ? 'i' : o));
    const align = new Map<number, number>();
    const hypErr: number[] = [];
    const refErr: number[] = [];
    let ph = -1;
    let pr = -1;
    for (const op of trace) {
      if (op === ' ' || op === 's') {
        ph++;
        pr++;
        align.set(pr, ph);
        hypErr.push(op === 's' ? 1 : 0);
        refErr.push(op === 's' ? 1 : 0);
      } else if (op === 'i') {
        ph++;
        hypErr.push(1);
      } else {
        pr++;
        align.set(pr, ph);
        refErr.push(1);
      }
    }
    const sum = (a: number[], s: number, e: number): number => a.slice(s, e).reduce((x, y) => x + y, 0);
    let best: { score: number; len: number; start: number; idx: number; words: string[] } | null = null;
    outer: for (let sh = 0; sh < words.length; sh++) {
      for (let sr = 0; sr < r.length; sr++) {
        if (Math.abs(sr - sh) > 50) continue;
        let len = 0;
        while (words[sh + len] === r[sr + len] && len < 10) {
          len++;
          const ok = sum(hypErr, sh, sh + len) !== 0 && sum(refErr, sr, sr + len) !== 0;
          const a = align.get(sr)!;
          if (ok && !(sh <= a && a < sh + len)) {
            let prevIdx = -1;
            for (let off = -1; off < len; off++) {
              let idx: number;
              if (sr + off === -1) idx = 0;
              else if (align.has(sr + off)) idx = align.get(sr + off)! + 1;
              else break;
              if (idx === prevIdx) continue;
              prevIdx = idx;
              const shifted = performShift(words, sh, len, idx);
              const score = pre - editDistance(shifted, r)[0];
              checked++;
              const better =
                best === null ||
                score > best.score ||
                (score === best.score &&
                  (len > best.len || (len === best.len && (-sh > -best.start || (sh === best.start && -idx > -best.idx)))));
              if (better) best = { score, len, start: sh, idx, words: shifted };
            }
            if (checked >= 1000) break outer;
          }
          if (words.length === sh + len || r.length === sr + len) break;
        }
      }
    }
    if (checked >= 1000 || best === null || best.score <= 0) return { edits: shifts + pre, shifts, candidates: checked, words };
    shifts++;
    words = best.words;
  }
}

/** TER statistics `[edits, refLen]` for one reference with default TER settings (lowercased, whitespace words). */
export function naiveTerStats(hyp: string, ref: string): number[] {
  const h = pySplit(hyp.toLowerCase());
  const r = pySplit(ref.toLowerCase());
  return [naiveTerEdits(h, r), r.length];
}
