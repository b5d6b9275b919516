/** The align stage's public API. */
export { align } from './align.js';
export type { AlignOptions } from './align.js';
export type { CostParams } from './cost.js';
export { DEFAULT_COST_PARAMS } from './cost.js';
export type { VerdictFigures } from './verdict.js';
