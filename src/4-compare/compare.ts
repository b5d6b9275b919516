import { normalizeForCompare } from '../1-ingest/normalize.js';
import type { Alignment, Finding, Scores, ScoredLink, SegmentedDoc, Sentence } from '../types.js';
import { wordDiff } from './diff.js';
import { clamp01, driftClassOf, driftWithFindings, lexicalDrift, linkDrift, missingWords, roundDrift } from './drift.js';
import { CHRF } from './metrics/index.js';
import { corpusScores, linkScores, linkStats, type LinkStats } from './scores.js';

/** The compare stage's result: links with figures, and what the whole document adds up to. */
export interface Comparison {
  links: ScoredLink[];
  /**
   * Document scores from statistics summed over the links, as sacreBLEU's corpus scores: omitted reference
   * text counts against the candidate (an empty hypothesis); added text and boilerplate do not enter (they have
   * no reference to be scored against; drift and findings account for them).
   */
  scores: Scores;
  /** Links whose word diff hit its edit budget (reported, never silent). */
  diffBudgetHits: number;
}

/**
 * Scores every aligned link: string metrics on the normalised texts, a word diff on the original texts (what a
 * reviewer reads), and drift. Entity findings are folded into drift afterwards by `applyFindings`, because the
 * checks stage runs on the alignment independently of these figures.
 */
export function compare(reference: SegmentedDoc, candidate: SegmentedDoc, alignment: Alignment): Comparison {
  const refById = indexSentences(reference.sentences);
  const candById = indexSentences(candidate.sentences);
  let diffBudgetHits = 0;
  const stats: LinkStats[] = [];
  const links = alignment.links.map((link): ScoredLink => {
    const refText = joinText(link.ref, refById);
    const candSentences = link.cand.map((id) => candById.get(id)!);
    const candText = joinText(link.cand, candById);
    if (link.ref.length === 0) {
      const boilerplate = candSentences.length > 0 && candSentences.every((s) => s.boilerplate);
      return { ...link, scores: null, drift: boilerplate ? 0 : 1, driftClass: boilerplate ? 'boilerplate' : 'added', diff: null };
    }
    if (link.cand.length === 0) {
      // Template noise in the reference (a page's "Leave a Reply") is not content the candidate had to keep.
      if (link.ref.every((id) => refById.get(id)!.boilerplate)) return { ...link, scores: null, drift: 0, driftClass: 'boilerplate', diff: null };
      stats.push(linkStats('', normalizeForCompare(refText)));
      return { ...link, scores: null, drift: 1, driftClass: 'omitted', diff: null };
    }
    const normRef = normalizeForCompare(refText);
    const normCand = normalizeForCompare(candText);
    const identical = normRef === normCand;
    const own = linkStats(normCand, normRef);
    stats.push(own);
    const scores = linkScores(own);
    const drift = identical ? 0 : linkDrift(normRef, normCand, scores);
    const diff = wordDiff(refText, candText);
    if (diff === null) diffBudgetHits++;
    return { ...link, scores, drift, driftClass: driftClassOf(drift, identical, []), diff };
  });
  return { links, scores: corpusScores(stats), diffBudgetHits };
}

/**
 * Folds entity findings into each link's drift and class. A finding belongs to the link that holds its
 * reference sentence, or, for candidate-only findings, its candidate sentence.
 */
export function applyFindings(links: ScoredLink[], findings: readonly Finding[]): ScoredLink[] {
  const linkOfSentence = new Map<string, number>();
  links.forEach((link, i) => {
    for (const id of link.ref) linkOfSentence.set(id, i);
    for (const id of link.cand) if (!linkOfSentence.has(id)) linkOfSentence.set(id, i);
  });
  const byLink = new Map<number, Finding[]>();
  for (const f of findings) {
    const sentence = f.reference?.sentence ?? f.candidate?.sentence;
    const i = sentence === undefined ? undefined : linkOfSentence.get(sentence);
    if (i === undefined) continue;
    byLink.set(i, [...(byLink.get(i) ?? []), f]);
  }
  return links.map((link, i) => {
    const own = byLink.get(i);
    if (!own || link.scores === null) return link;
    const drift = driftWithFindings(link.drift, own);
    return { ...link, drift, driftClass: driftClassOf(drift, false, own) };
  });
}

/**
 * Document drift: the mean link drift weighted by text length, so a dropped paragraph weighs what it held.
 * Added candidate text counts too (by its own length); boilerplate does not.
 *
 * Unlinked sentences between the same two linked neighbours (omitted reference sentences next to added candidate
 * sentences) are scored together, as one replaced passage, by their drift against each other and weighted by the
 * longer side: the reader gets *some* text there, and how far it drifted is measurable. Scoring them 1 each made
 * a one-sentence translation that the aligner did not dare to link as drifted as a blank page (WMT21 MQM, DEMETR).
 * An unmatched side alone keeps drift 1. The links themselves keep their classes (`omitted`/`added`).
 */
export function documentDrift(links: readonly ScoredLink[], reference: SegmentedDoc, candidate: SegmentedDoc): number {
  const refById = indexSentences(reference.sentences);
  const candById = indexSentences(candidate.sentences);
  const refLen = lengthIndex(reference.sentences);
  const candLen = lengthIndex(candidate.sentences);
  let weighted = 0;
  let total = 0;
  let gapRef: string[] = [];
  let gapCand: string[] = [];
  const flushGap = (): void => {
    const lr = sum(gapRef.map((id) => refLen.get(id) ?? 0));
    const lc = sum(gapCand.map((id) => candLen.get(id) ?? 0));
    if (gapRef.length > 0 && gapCand.length > 0) {
      const w = Math.max(lr, lc);
      weighted += w * replacedDrift(joinText(gapRef, refById), joinText(gapCand, candById));
      total += w;
    } else {
      weighted += lr + lc;
      total += lr + lc;
    }
    gapRef = [];
    gapCand = [];
  };
  for (const link of links) {
    if (link.driftClass === 'boilerplate') continue;
    if (link.driftClass === 'omitted' || link.driftClass === 'added') {
      gapRef.push(...link.ref);
      gapCand.push(...link.cand);
      continue;
    }
    flushGap();
    const w = sum(link.ref.map((id) => refLen.get(id) ?? 0));
    weighted += w * link.drift;
    total += w;
  }
  flushGap();
  return total === 0 ? 0 : roundDrift(clamp01(weighted / total));
}

const gapChrf = new CHRF();

/** Drift of an unlinked reference passage against the unlinked candidate text beside it (chrF only: TER is quadratic). */
function replacedDrift(reference: string, candidate: string): number {
  const ref = normalizeForCompare(reference);
  const cand = normalizeForCompare(candidate);
  const chrF = gapChrf.value(gapChrf.stats(cand, [ref]));
  return lexicalDrift({ chrF }, missingWords(ref, cand));
}

export function indexSentences(sentences: readonly Sentence[]): Map<string, Sentence> {
  return new Map(sentences.map((s) => [s.id, s]));
}

/** Texts of a link side joined by a space: the sentences were adjacent in the document. */
export function joinText(ids: readonly string[], byId: Map<string, Sentence>): string {
  return ids.map((id) => byId.get(id)?.text ?? '').join(' ');
}


function lengthIndex(sentences: readonly Sentence[]): Map<string, number> {
  return new Map(sentences.map((s) => [s.id, s.end - s.start]));
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
