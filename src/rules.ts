import { SENTENCE_RULES } from './4-compare/findings.js';
import { ENTITY_RULES } from './5-checks/index.js';
import type { RuleMeta } from './types.js';

/** Every rule the tool can report, once: fills SARIF `rules[]`, the HTML legend and the README's rule table. */
export const ALL_RULES: readonly RuleMeta[] = [...ENTITY_RULES, ...SENTENCE_RULES];
