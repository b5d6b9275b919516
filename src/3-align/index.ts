/** The align stage's public API. */
export { align, alignWithDetails, CONFIDENCE_FIT } from './align.js';
export type { AlignOptions, LinkDetail } from './align.js';
export type { CostParams } from './cost.js';
export { DEFAULT_COST_PARAMS } from './cost.js';
export type { VerdictFigures } from './verdict.js';
