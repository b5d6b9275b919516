import type { DriftClass, FindingKind, RuleMeta, Severity } from '../../types.js';

/**
 * What each finding kind means, in a reviewer's words. The examples are invented, never taken from the
 * corpus, because the tool is measured on texts it has never seen.
 */
export const KIND_INFO: Readonly<Record<FindingKind, { label: string; description: string; example: string; severity: Severity }>> = {
  'case-only': { label: 'case only', description: 'The same name or acronym with different letter case.', example: 'UNESCO → Unesco', severity: 'minor' },
  misspelling: { label: 'misspelling', description: 'A name or acronym spelled differently, so a reader may not recognise it.', example: 'Schmidt → Shmidt', severity: 'major' },
  'expansion-corrupted': { label: 'expansion corrupted', description: 'The words an acronym stands for were changed.', example: 'World Health Organization (WHO) → World Wealth Organization (WHO)', severity: 'critical' },
  mistranslated: { label: 'mistranslated', description: 'A name was translated as if it were ordinary words.', example: 'Mr. Bush → Mr. Shrub', severity: 'major' },
  dropped: { label: 'dropped', description: 'A name, number or title of the reference is missing from the candidate.', example: 'the Council (EUCO) → the Council', severity: 'major' },
  'number-or-date-changed': { label: 'number or date changed', description: 'A figure, date or quantity differs.', example: 'March 3, 2021 → March 13, 2021', severity: 'critical' },
  'title-or-role-changed': { label: 'title or role changed', description: "A person's title or role differs.", example: 'Deputy Director → Director', severity: 'major' },
  inserted: { label: 'inserted', description: 'A name or figure appears in the candidate only.', example: '— → the Ministry of Defence', severity: 'minor' },
  'glossary-violation': { label: 'glossary violation', description: 'A term with a prescribed rendering was rendered another way.', example: 'Foreign Minister → Exterior Minister', severity: 'major' },
  'omitted-sentence': { label: 'omitted sentence', description: 'A reference sentence has no counterpart in the candidate.', example: 'sentence 12 → —', severity: 'major' },
  'added-sentence': { label: 'added sentence', description: 'A candidate sentence has no counterpart in the reference.', example: '— → "Click here to subscribe"', severity: 'minor' },
  'meaning-changed': { label: 'meaning changed', description: 'The sentence still corresponds, but says something else.', example: 'will attend → will not attend', severity: 'critical' },
  'unrelated-document': { label: 'unrelated document', description: 'The candidate is not a rendering of the reference at all.', example: 'a report of another meeting given as the translation', severity: 'critical' },
};

/**
 * The default legend: one entry per finding kind. Callers pass the real rule registry (the checks'
 * `ENTITY_RULES` and sentence rules) as `renderHtml`'s second argument; rules that fire but are missing
 * from the list given are still explained from their kind.
 */
export const RULE_LEGEND: readonly RuleMeta[] = (Object.keys(KIND_INFO) as FindingKind[]).map((kind) => ({
  id: `kind/${kind}`,
  kind,
  defaultSeverity: KIND_INFO[kind].severity,
  description: KIND_INFO[kind].description,
  example: KIND_INFO[kind].example,
}));

/** Drift classes in the order a reviewer reads them, each with a letter so colour is never the only signal. */
export const DRIFT_INFO: Readonly<Record<DriftClass, { letter: string; label: string; description: string }>> = {
  identical: { letter: '=', label: 'identical', description: 'Same wording.' },
  minor: { letter: 'm', label: 'minor drift', description: 'Reworded; meaning kept.' },
  major: { letter: 'M', label: 'major drift', description: 'Much reworded; check the meaning.' },
  'meaning-changed': { letter: '!', label: 'meaning changed', description: 'Says something else.' },
  omitted: { letter: '−', label: 'omitted', description: 'Reference sentence missing from the candidate.' },
  added: { letter: '+', label: 'added', description: 'Candidate sentence not in the reference.' },
  boilerplate: { letter: 'B', label: 'boilerplate', description: 'Scraper or template noise, not content.' },
};

export const DRIFT_CLASSES = Object.keys(DRIFT_INFO) as DriftClass[];
