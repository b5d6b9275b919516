/**
 * The entity rule registry: one entry per rule id the checks stage can report. The same metadata fills SARIF
 * `tool.driver.rules[]`, the HTML legend and the README's rule table, so a rule is described once.
 */
import type { FindingKind, RuleMeta, Severity } from '../types.js';

export const RULE = {
  glossary: 'glossary/violation',
  caseOnly: 'entity/case-only',
  misspelling: 'entity/misspelling',
  expansion: 'entity/expansion-corrupted',
  mistranslated: 'entity/mistranslated',
  replaced: 'entity/replaced',
  dropped: 'entity/dropped',
  number: 'entity/number-or-date-changed',
  title: 'entity/title-or-role-changed',
  inserted: 'entity/inserted',
} as const;

export type EntityRuleId = (typeof RULE)[keyof typeof RULE];

export const ENTITY_RULES: readonly RuleMeta[] = [
  {
    id: RULE.glossary,
    kind: 'glossary-violation',
    defaultSeverity: 'major',
    description: 'A protected glossary term of the reference is missing from the corresponding candidate text, which neither has it verbatim nor as an allowed variant.',
    example: 'glossary term "Northern Rail Pact" → "Northern Railway Agreement"',
  },
  {
    id: RULE.caseOnly,
    kind: 'case-only',
    defaultSeverity: 'minor',
    description: 'A name or acronym is present but with different capitalisation; the referent is still recognisable.',
    example: 'NGOs → NGOS, Coastal Survey Office → coastal survey office',
  },
  {
    id: RULE.misspelling,
    kind: 'misspelling',
    defaultSeverity: 'major',
    description: 'A name or acronym is spelled differently (close by edit distance, Jaro-Winkler without case, or the same sound key); identifiable but wrong.',
    example: 'TESA → Tessa, Valdstrom → Valdestrom',
  },
  {
    id: RULE.expansion,
    kind: 'expansion-corrupted',
    defaultSeverity: 'critical',
    description: 'The words of a spelled-out name or acronym expansion were lost, replaced or inserted; critical when a word was replaced so the name now means something else, major when words were only lost.',
    example: 'Coastal Flood Warning Service → Coastal Fraud Warning Service',
  },
  {
    id: RULE.mistranslated,
    kind: 'mistranslated',
    defaultSeverity: 'critical',
    description: 'An acronym or name was rendered as an ordinary dictionary word that sounds or looks like it (a garbled form of the same name, found in its place by spelling or sound).',
    example: 'BEL → Bell',
  },
  {
    id: RULE.replaced,
    kind: 'mistranslated',
    defaultSeverity: 'critical',
    description: 'A name was replaced by a different name at the same place: the candidate now names something else. Unlike entity/mistranslated, the new words do not resemble the old ones; they are found by a word diff of the aligned sentences, where the name is missing and other capitalised words took its place.',
    example: 'Vardenholt → Brandtner (another name where the first stood)',
  },
  {
    id: RULE.dropped,
    kind: 'dropped',
    defaultSeverity: 'critical',
    description: 'An entity of the reference is found nowhere in the candidate (aligned sentence, neighbours, whole text); critical for acronyms and defined names (missions, agencies), major for other names, titles, numbers and for one half of a definition left out, minor for spelled-out small numbers and for a mention whose name still appears elsewhere.',
    example: 'TRIMOS → (missing)',
  },
  {
    id: RULE.number,
    kind: 'number-or-date-changed',
    defaultSeverity: 'critical',
    description: 'A number, ordinal, year, time or date has a different value in the candidate after normalising the format (11th = eleventh, 3 March 2019 = March 3, 2019).',
    example: '2019 → 2018, 3 March → 3 May',
  },
  {
    id: RULE.title,
    kind: 'title-or-role-changed',
    defaultSeverity: 'major',
    description: "A person's title or role changed: role words replaced or lost.",
    example: 'Senior Deputy Director → Senior Deputy Minister',
  },
  {
    id: RULE.inserted,
    kind: 'inserted',
    defaultSeverity: 'major',
    description: 'A name-like word appears in the candidate that matches nothing in the reference.',
    example: '(nothing) → Ostrelli',
  },
];

const byId = new Map(ENTITY_RULES.map((r) => [r.id, r]));

export function ruleMeta(id: EntityRuleId): { kind: FindingKind; defaultSeverity: Severity } {
  const r = byId.get(id)!;
  return { kind: r.kind, defaultSeverity: r.defaultSeverity };
}
