import { createHash } from 'node:crypto';
import { normalizeForCompare } from '../1-ingest/normalize.js';
import type { Finding } from '../types.js';

/**
 * A finding's identity across runs: the rule, the normalised reference text and the normalised candidate text —
 * not offsets or sentence ids, so that an unrelated edit elsewhere in either file does not make an accepted
 * finding "new" again. Two identical findings in one document (the same name garbled the same way twice)
 * share a fingerprint on purpose: accepting one accepts the pattern.
 */
export function fingerprint(finding: Finding): string {
  const norm = (s: string | undefined) => (s === undefined ? '' : normalizeForCompare(s).toLowerCase());
  const key = [finding.rule, norm(finding.reference?.text), norm(finding.candidate?.text)].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
