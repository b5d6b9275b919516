/** The HTML writer: a self-contained report page per pair and an index page per batch. */
export { renderHtml, findingOrder, evidenceValue } from './render.js';
export { renderIndex, indexEntry, type IndexEntry } from './render-index.js';
export { RULE_LEGEND, KIND_INFO, DRIFT_INFO, DRIFT_CLASSES } from './legend.js';
export { escapeHtml, escapeText, escapeAttr, safeHref } from './escape.js';
export { PALETTE, CONTRAST_PAIRS } from './styles.js';
