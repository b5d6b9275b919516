/**
 * The one place that composes the stages:
 *
 *   decode (1-ingest) → segmentDocument (2-segment) → align (3-align) → compare (4-compare)
 *     → checkEntities (5-checks) → applyFindings + sentenceFindings (4-compare) → buildReport (6-report)
 *
 * Pure: text in, report out. The CLI reads files and writes the report's formats.
 */
import { segmentDocument } from './2-segment/index.js';
import { align, type AlignOptions } from './3-align/index.js';
import { applyFindings, compare, documentDrift } from './4-compare/compare.js';
import { sentenceFindings } from './4-compare/findings.js';
import { METRIC_SIGNATURE } from './4-compare/scores.js';
import { DRIFT_VERSION } from './4-compare/drift.js';
import { checkEntities, type Glossary } from './5-checks/index.js';
import { buildReport, TOOL_VERSION } from './6-report/model.js';
import type { Finding, Report, SourceText } from './types.js';

/** Finding kinds that still hold when the candidate is an independent text about the same event. */
const RELATED_KINDS = new Set<Finding['kind']>(['misspelling', 'glossary-violation']);

export interface AuditOptions {
  /** Protected terms checked first (`--glossary`). */
  glossary?: Glossary;
  /** Extra candidate lines to treat as boilerplate (config `boilerplate`). */
  boilerplatePatterns?: RegExp[];
  /** Force an alignment mode; by default the aligner chooses from the data. */
  alignMode?: AlignOptions['mode'];
}

export function audit(reference: SourceText, candidate: SourceText, options: AuditOptions = {}): Report {
  const boilerplatePatterns = options.boilerplatePatterns ?? [];
  // The reference of a batch is audited against many candidates: its segmentation is remembered.
  const ref = segmentDocument(reference, { idPrefix: 'r', boilerplatePatterns: [], remember: true });
  const cand = segmentDocument(candidate, { idPrefix: 'c', boilerplatePatterns });
  const alignment = align(ref, cand, options.alignMode ? { mode: options.alignMode } : {});
  const comparison = compare(ref, cand, alignment);

  // Entity checks only make sense when the candidate renders the reference and both are English text we can
  // analyse; on an unrelated or non-English candidate they would only invent findings.
  const checkable = alignment.verdict !== 'unrelated' && ref.language === 'en' && cand.language === 'en';
  if (!checkable && alignment.verdict !== 'unrelated') {
    const which = ref.language !== 'en' ? `the reference is ${ref.language}` : `the candidate is ${cand.language}`;
    cand.warnings.push(`entity checks skipped: they need English on both sides and ${which}`);
  }
  const allEntityFindings: Finding[] = checkable
    ? checkEntities({ reference: ref, candidate: cand, links: alignment.links, ...(options.glossary ? { glossary: options.glossary } : {}) })
    : [];
  // An independent report of the same event (`related`) leaves out, rewords and adds names by design: only a
  // misspelt name and a glossary violation are errors there too. Everything else would be noise.
  const entityFindings =
    alignment.verdict === 'related' ? allEntityFindings.filter((f) => RELATED_KINDS.has(f.kind)) : allEntityFindings;
  const links = applyFindings(comparison.links, entityFindings);
  const findings = [...entityFindings, ...sentenceFindings(ref, cand, alignment, links, entityFindings)];

  const budgetsHit: string[] = [];
  if (alignment.gaveUp) budgetsHit.push(`alignment: ${alignment.gaveUp.reason}`);
  if (comparison.diffBudgetHits > 0) budgetsHit.push(`word diff: ${comparison.diffBudgetHits} link(s) over the edit budget, shown without a diff`);

  return buildReport({
    reference: ref,
    candidate: cand,
    alignment,
    links,
    findings,
    drift: documentDrift(links, ref, cand),
    scores: comparison.scores,
    signature: `fidelity:${TOOL_VERSION}|align:${alignment.mode}|drift:${DRIFT_VERSION}|${METRIC_SIGNATURE}`,
    budgetsHit,
  });
}
