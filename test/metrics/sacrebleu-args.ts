/**
 * Maps the sacreBLEU Python arguments recorded in the shared test vectors (`args`) to our metric options,
 * and runs one vector. Shared by the vector tests.
 */
import { BLEU, CHRF, TER, computeBleu, type SmoothMethod, type BleuTokenizerName } from '../../src/4-compare/metrics/index.js';
import { tercomTokenize } from '../../src/4-compare/metrics/tokenizers.js';
import { pyRstrip } from '../../src/4-compare/metrics/pytext.js';

export interface Vector {
  id: string;
  metric: 'BLEU' | 'chrF' | 'TER' | 'TER_tokenizer';
  level: 'corpus' | 'sentence' | 'stats' | 'string';
  args: Record<string, unknown>;
  hypotheses: string[] | null;
  references: string[][] | null;
  expected: unknown;
  expected_scale?: string;
  tolerance: number;
  computed_sacrebleu_2_6_0?: unknown;
  signature?: string;
  comparison?: string;
}

type Args = Record<string, unknown>;
const b = (a: Args, k: string): boolean | undefined => (a[k] === undefined ? undefined : Boolean(a[k]));
const n = (a: Args, k: string): number | undefined => (typeof a[k] === 'number' ? (a[k] as number) : undefined);

export function bleuFromArgs(a: Args): BLEU {
  return new BLEU({
    lowercase: b(a, 'lowercase'),
    force: b(a, 'force'),
    tokenize: a.tokenize as BleuTokenizerName | undefined,
    smoothMethod: a.smooth_method as SmoothMethod | undefined,
    smoothValue: (a.smooth_value as number | null | undefined) ?? null,
    maxNgramOrder: n(a, 'max_ngram_order'),
    effectiveOrder: b(a, 'effective_order'),
  });
}

export function chrfFromArgs(a: Args): CHRF {
  return new CHRF({
    charOrder: n(a, 'char_order'),
    wordOrder: n(a, 'word_order'),
    beta: n(a, 'beta'),
    lowercase: b(a, 'lowercase'),
    whitespace: b(a, 'whitespace'),
    epsSmoothing: b(a, 'eps_smoothing'),
  });
}

export function terFromArgs(a: Args): TER {
  return new TER({
    normalized: b(a, 'normalized'),
    noPunct: b(a, 'no_punct'),
    asianSupport: b(a, 'asian_support'),
    caseSensitive: b(a, 'case_sensitive'),
  });
}

/** What our implementation gives for a vector, on the vector's own scale. */
export function run(v: Vector): { value: unknown; signature?: string } {
  const a = v.args ?? {};
  if (v.metric === 'TER_tokenizer') {
    return {
      value: tercomTokenize(pyRstrip(v.hypotheses![0]!), {
        normalized: Boolean(a.normalized),
        noPunct: Boolean(a.no_punct),
        asianSupport: Boolean(a.asian_support),
        caseSensitive: Boolean(a.case_sensitive),
      }),
    };
  }
  if (v.level === 'stats') {
    const r = computeBleu(
      a.correct as number[],
      a.total as number[],
      a.sys_len as number,
      a.ref_len as number,
      (a.smooth_method as SmoothMethod | undefined) ?? 'exp',
      (a.smooth_value as number | null | undefined) ?? null,
    );
    return { value: r.score / 100 };
  }
  const metric = v.metric === 'BLEU' ? bleuFromArgs(a) : v.metric === 'chrF' ? chrfFromArgs(a) : terFromArgs(a);
  const hyps = v.hypotheses!;
  const refs = v.references!;
  const s =
    v.level === 'sentence' && hyps.length === 1
      ? metric.sentenceScore(hyps[0]!, refs.map((r) => r[0]!))
      : metric.corpusScore(hyps, refs);
  if (v.expected !== null && typeof v.expected === 'object') {
    // BLEU statistics vectors: {common, total}
    const N = (metric as BLEU).maxNgramOrder ?? 4;
    return { value: { common: s.stats.slice(2, 2 + N), total: s.stats.slice(2 + N, 2 + 2 * N) } };
  }
  const scale = v.expected_scale ?? '';
  if (scale.startsWith('0-1') && !scale.startsWith('0-100')) return { value: s.score / 100, signature: s.signature };
  if (v.metric === 'TER' && v.comparison?.includes('TER fraction')) return { value: s.score / 100, signature: s.signature };
  return { value: s.score, signature: s.signature };
}
