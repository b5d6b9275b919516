import type { DocumentRecord, Finding, Report, Span } from '../types.js';

/** A 1-based line/column region, as SARIF and CI annotations want it (end column exclusive). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}

/**
 * Where a span sits in lines and columns, computed from its sentence's own line and column, so the report needs
 * to carry no line table: a sentence's text holds every newline between its start and any offset inside it.
 */
export function regionOf(doc: DocumentRecord, span: Pick<Span, 'sentence' | 'start' | 'end'>): Region | null {
  const sentence = doc.sentences.find((s) => s.id === span.sentence);
  if (!sentence || span.start < sentence.start || span.end > sentence.end) return null;
  const at = (offset: number) => {
    let line = sentence.line;
    let column = sentence.column;
    const text = sentence.text;
    for (let i = 0; i < offset - sentence.start; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return { line, column };
  };
  const start = at(span.start);
  const end = at(span.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, charOffset: span.start, charLength: span.end - span.start };
}

/**
 * The candidate place a finding should be shown at: its candidate span, or — when the entity was dropped — the
 * candidate sentence(s) aligned to its reference sentence, so a CI annotation still lands where the reader looks.
 */
export function candidateAnchor(report: Report, finding: Finding): Span | null {
  if (finding.candidate) return finding.candidate;
  const refId = finding.reference?.sentence;
  if (!refId) return null;
  const link = report.alignment.find((l) => l.ref.includes(refId) && l.cand.length > 0);
  if (!link) return null;
  const first = report.candidate.sentences.find((s) => s.id === link.cand[0]);
  return first ? { text: first.text, sentence: first.id, start: first.start, end: first.end } : null;
}
