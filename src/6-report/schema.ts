/**
 * JSON Schema (draft 2020-12) of the report, schema version 1. `fidelity schema` prints it; the tests validate
 * every report they produce against it, so the documented format and the written one cannot drift apart.
 */
const span = {
  type: ['object', 'null'],
  required: ['text', 'sentence', 'start', 'end'],
  additionalProperties: false,
  properties: {
    text: { type: 'string', description: 'the span text, equal to the document text sliced at [start, end)' },
    sentence: { type: 'string', pattern: '^[rc][1-9][0-9]*$', description: 'id of the sentence that holds the span' },
    start: { type: 'integer', minimum: 0, description: 'UTF-16 offset into the decoded document text' },
    end: { type: 'integer', minimum: 0, description: 'offset just past the span (exclusive)' },
  },
} as const;

const scores = {
  type: 'object',
  required: ['chrF', 'bleu', 'ter'],
  additionalProperties: false,
  properties: {
    chrF: { type: 'number', minimum: 0, maximum: 100, description: 'chrF (sacreBLEU defaults), 0–100' },
    bleu: { type: 'number', minimum: 0, maximum: 100, description: 'BLEU (sentence BLEU per link, corpus BLEU in the summary), 0–100' },
    ter: { type: 'number', minimum: 0, description: 'TER, 0 = no edits; can exceed 100' },
  },
} as const;

const severity = { enum: ['critical', 'major', 'minor'] } as const;
const driftClass = { enum: ['identical', 'minor', 'major', 'meaning-changed', 'omitted', 'added', 'boilerplate'] } as const;
const verdict = { enum: ['translation', 'related', 'unrelated'] } as const;

const document = {
  type: 'object',
  required: ['path', 'sha256', 'language', 'warnings', 'sentences'],
  additionalProperties: false,
  properties: {
    path: { type: 'string', description: 'path relative to the working directory, with / separators' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the raw file bytes' },
    language: { type: 'string', description: '"en", or "other:<script>" when the text is not English' },
    warnings: { type: 'array', items: { type: 'string' } },
    sentences: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'text', 'start', 'end', 'boilerplate', 'line', 'column'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[rc][1-9][0-9]*$' },
          text: { type: 'string' },
          start: { type: 'integer', minimum: 0 },
          end: { type: 'integer', minimum: 0 },
          boilerplate: { type: 'boolean', description: 'scraper or template noise rather than content' },
          line: { type: 'integer', minimum: 1, description: '1-based line of the first character' },
          column: { type: 'integer', minimum: 1, description: '1-based column (UTF-16 units) of the first character' },
        },
      },
    },
  },
} as const;

export const REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://fidelity.invalid/schema/report-v1.json',
  title: 'fidelity audit report',
  type: 'object',
  required: ['schemaVersion', 'tool', 'signature', 'reference', 'candidate', 'alignment', 'findings', 'summary'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    tool: {
      type: 'object',
      required: ['name', 'version'],
      additionalProperties: false,
      properties: { name: { const: 'fidelity' }, version: { type: 'string' } },
    },
    signature: { type: 'string', description: 'settings and versions that reproduce every number in the report' },
    reference: document,
    candidate: document,
    alignment: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ref', 'cand', 'type', 'confidence', 'moved', 'scores', 'drift', 'driftClass', 'diff'],
        additionalProperties: false,
        properties: {
          ref: { type: 'array', items: { type: 'string', pattern: '^r[1-9][0-9]*$' }, maxItems: 4 },
          cand: { type: 'array', items: { type: 'string', pattern: '^c[1-9][0-9]*$' }, maxItems: 4 },
          type: { type: 'string', pattern: '^[0-9]+-[0-9]+$' },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          moved: { type: 'boolean' },
          scores: { anyOf: [scores, { type: 'null' }] },
          drift: { type: 'number', minimum: 0, maximum: 1 },
          driftClass,
          diff: {
            type: ['array', 'null'],
            description: 'word diff: [op, text] with op "=" kept, "-" reference only, "+" candidate only; null when over budget',
            items: { type: 'array', prefixItems: [{ enum: ['=', '-', '+'] }, { type: 'string' }], minItems: 2, maxItems: 2 },
          },
        },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'kind', 'severity', 'message', 'reference', 'candidate', 'evidence'],
        additionalProperties: false,
        properties: {
          rule: { type: 'string' },
          kind: { type: 'string' },
          severity,
          message: { type: 'string' },
          reference: span,
          candidate: span,
          evidence: { type: 'object' },
          baselineState: { enum: ['new', 'unchanged'], description: 'only with --baseline: whether the finding was accepted before' },
        },
      },
    },
    summary: {
      type: 'object',
      required: ['verdict', 'verdictEvidence', 'alignmentMode', 'drift', 'scores', 'counts', 'driftClasses', 'budgetsHit'],
      additionalProperties: false,
      properties: {
        verdict,
        verdictEvidence: { type: 'object', additionalProperties: { type: ['number', 'string'] } },
        alignmentMode: { enum: ['monotonic', 'non-monotonic'] },
        drift: { type: 'number', minimum: 0, maximum: 1 },
        scores,
        counts: {
          type: 'object',
          required: ['critical', 'major', 'minor'],
          additionalProperties: false,
          properties: { critical: { type: 'integer', minimum: 0 }, major: { type: 'integer', minimum: 0 }, minor: { type: 'integer', minimum: 0 } },
        },
        driftClasses: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
        budgetsHit: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;
