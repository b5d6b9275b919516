/**
 * The checks stage's public API: entity corruption checks over an aligned reference/candidate pair.
 *
 *   checkEntities({ reference, candidate, links, glossary? }) → Finding[]
 *   ENTITY_RULES: the rule registry (SARIF rules[], HTML legend, README)
 */
export { checkEntities, type CheckInput, type Glossary } from './check.js';
export { ENTITY_RULES, RULE } from './rules.js';
export { extractEntities, type Entity, type EntityType } from './extract.js';
export { tokenizeDoc, type TokenizedDoc, type Token } from './tokens.js';
export { phoneticKey, jaroWinkler, levenshtein, wordSimilarity } from './similarity.js';
