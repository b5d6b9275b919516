import type { Alignment, Finding, RuleMeta, ScoredLink, SegmentedDoc, Sentence } from '../types.js';
import { indexSentences } from './compare.js';

/** Rules that judge whole sentences and documents, from the alignment and the link figures. */
export const SENTENCE_RULES: RuleMeta[] = [
  {
    id: 'document/unrelated',
    kind: 'unrelated-document',
    defaultSeverity: 'critical',
    description: 'The candidate is not a rendering of the reference at all (wrong file?); no sentence or entity findings are reported.',
    example: 'a press release about another meeting given as the translation',
  },
  {
    id: 'sentence/omitted',
    kind: 'omitted-sentence',
    defaultSeverity: 'major',
    description: 'A reference sentence has no counterpart in the candidate.',
    example: 'the paragraph on export controls is missing',
  },
  {
    id: 'sentence/added',
    kind: 'added-sentence',
    defaultSeverity: 'major',
    description: 'A candidate sentence (not boilerplate) has no counterpart in the reference.',
    example: 'a sentence the republisher added',
  },
  {
    id: 'sentence/meaning-changed',
    kind: 'meaning-changed',
    defaultSeverity: 'major',
    description: 'An aligned sentence drifted so far that its meaning has probably changed, though no entity check fired.',
    example: '"the two sides committed to …" → "the two sides have refused …"',
  },
];

/**
 * Sentence- and document-level findings. For an unrelated candidate, one document finding replaces them all:
 * a CI job fed the wrong file should say so once, not report forty "meaning changes". For a related text
 * (an independent report of the same event) omissions and additions are its nature, not errors, so only
 * translations get omitted/added-sentence findings.
 */
export function sentenceFindings(
  reference: SegmentedDoc,
  candidate: SegmentedDoc,
  alignment: Alignment,
  links: readonly ScoredLink[],
  entityFindings: readonly Finding[],
): Finding[] {
  if (alignment.verdict === 'unrelated') {
    return [
      {
        rule: 'document/unrelated',
        kind: 'unrelated-document',
        severity: 'critical',
        message: `The candidate does not look like a rendering of the reference (${describeEvidence(alignment.verdictEvidence)}); check that the right files were paired.`,
        reference: null,
        candidate: null,
        evidence: { ...alignment.verdictEvidence },
      },
    ];
  }
  if (alignment.verdict !== 'translation') return [];
  const refById = indexSentences(reference.sentences);
  const candById = indexSentences(candidate.sentences);
  const findings: Finding[] = [];
  // Sentences an entity finding already explains: their drift needs no second, vaguer finding.
  const explained = new Set(entityFindings.flatMap((f) => [f.reference?.sentence, f.candidate?.sentence]).filter((x): x is string => x !== undefined));
  for (const link of links) {
    if (link.driftClass === 'meaning-changed' && !link.ref.some((id) => explained.has(id)) && !link.cand.some((id) => explained.has(id))) {
      const r = refById.get(link.ref[0]!)!;
      const c = candById.get(link.cand[0]!)!;
      const s = link.scores!;
      findings.push({
        ...sentenceFinding('sentence/meaning-changed', 'meaning-changed', `${link.ref.join('+')} → ${link.cand.join('+')} drifted to ${link.drift.toFixed(2)} (chrF ${s.chrF.toFixed(1)}, TER ${s.ter.toFixed(1)}): the sentence probably says something else now.`, r, c),
        evidence: { drift: link.drift, chrF: s.chrF, ter: s.ter, confidence: link.confidence },
      });
    } else if (link.driftClass === 'omitted') {
      for (const id of link.ref) {
        const s = refById.get(id)!;
        findings.push(sentenceFinding('sentence/omitted', 'omitted-sentence', `Reference sentence ${id} has no counterpart in the candidate: "${excerpt(s.text)}".`, s, null));
      }
    } else if (link.driftClass === 'added') {
      for (const id of link.cand) {
        const s = candById.get(id)!;
        findings.push(sentenceFinding('sentence/added', 'added-sentence', `Candidate sentence ${id} has no counterpart in the reference: "${excerpt(s.text)}".`, null, s));
      }
    }
  }
  return findings;
}

function sentenceFinding(rule: string, kind: Finding['kind'], message: string, ref: Sentence | null, cand: Sentence | null): Finding {
  const span = (s: Sentence | null) => (s ? { text: s.text, sentence: s.id, start: s.start, end: s.end } : null);
  return { rule, kind, severity: 'major', message, reference: span(ref), candidate: span(cand), evidence: {} };
}

function excerpt(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length <= max ? t : t.slice(0, max - 1) + '…';
}

function describeEvidence(evidence: Record<string, number | string>): string {
  return Object.entries(evidence)
    .slice(0, 3)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? Math.round(v * 100) / 100 : v}`)
    .join(', ');
}
