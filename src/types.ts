/**
 * The record types that flow through the pipeline:
 *
 *   ingest → segment → align → compare → checks → report
 *
 * Every stage is a pure function from one of these records to the next; only `src/cli` touches the file
 * system or the terminal. Offsets are always UTF-16 code-unit offsets into the *decoded* file text
 * (`SourceText.text`), end exclusive, so `text.slice(start, end)` gives back exactly what was reported.
 */

/** How bad a finding is, by consequence for a reader of the candidate. */
export type Severity = 'critical' | 'major' | 'minor';

/** Severities from worst to mildest; the order used for sorting and for `--fail-on` thresholds. */
export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor'];

/** A decoded input document (ingest stage output). */
export interface SourceText {
  /** Path as given by the user, made relative to the working directory by the CLI (never absolute in reports). */
  path: string;
  /** The decoded text: BOM stripped, line ends left as in the file. */
  text: string;
  /** SHA-256 of the raw bytes, hex; identifies exactly which file version was audited. */
  sha256: string;
  /** Non-fatal problems met while decoding (e.g. "3 invalid UTF-8 sequences replaced"). */
  warnings: string[];
}

/** A sentence (or title line, list item) of a document. */
export interface Sentence {
  /** `r1…` for the reference, `c1…` for the candidate, in text order. */
  id: string;
  /** The sentence text exactly as in the document: `doc.text.slice(start, end)`. */
  text: string;
  /** Offset of the first character in the decoded document text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** True when the line is scraper or template noise ("[ad_1]", "Leave a Reply") rather than content. */
  boilerplate: boolean;
}

/** A segmented document (segment stage output). */
export interface SegmentedDoc {
  path: string;
  sha256: string;
  text: string;
  sentences: Sentence[];
  warnings: string[];
  /** Best guess of the main language of the text (`en`, or `other` with the dominant script's name). */
  language: string;
}

/** Link shapes: number of reference sentences, dash, number of candidate sentences. */
export type LinkType = `${number}-${number}`;

/** One alignment link between reference and candidate sentences (align stage output). */
export interface AlignmentLink {
  /** Reference sentence ids, in text order; empty for an added candidate sentence. */
  ref: string[];
  /** Candidate sentence ids, in text order; empty for an omitted reference sentence. */
  cand: string[];
  /** `${ref.length}-${cand.length}`. */
  type: LinkType;
  /** How sure the aligner is that these sentences correspond, in [0, 1]. */
  confidence: number;
  /** True when the candidate side is out of the reference order (non-monotonic alignment found a moved block). */
  moved: boolean;
}

/** Whether the candidate is a rendering of the reference at all. */
export type Verdict = 'translation' | 'related' | 'unrelated';

/** The align stage's result: the links plus a document-level judgment. */
export interface Alignment {
  links: AlignmentLink[];
  verdict: Verdict;
  /** Figures the verdict rests on (coverage, mean similarity, shared entities…), for the report. */
  verdictEvidence: Record<string, number | string>;
  /** `monotonic` keeps text order; `non-monotonic` lets blocks move (rewrites). */
  mode: 'monotonic' | 'non-monotonic';
  /** Set when a budget was hit and the result is a fallback; never silent. */
  gaveUp?: { reason: string };
}

/** String-metric scores of one link or of the whole document, sacreBLEU scale (0–100; TER may exceed 100). */
export interface Scores {
  chrF: number;
  bleu: number;
  ter: number;
}

/** How far an aligned link drifted, in words a reviewer uses. */
export type DriftClass =
  | 'identical'
  | 'minor'
  | 'major'
  | 'meaning-changed'
  | 'omitted'
  | 'added'
  | 'boilerplate';

/** One word-diff operation: `=` kept, `-` only in the reference, `+` only in the candidate. */
export type DiffOp = ['=' | '-' | '+', string];

/** An alignment link with its comparison figures (compare stage output). */
export interface ScoredLink extends AlignmentLink {
  /** String metrics for the link; null when one side is empty (omitted/added/boilerplate). */
  scores: Scores | null;
  /** 0 = same meaning and wording … 1 = nothing in common; see README "Drift". */
  drift: number;
  driftClass: DriftClass;
  /** Word diff of the joined reference and candidate texts; `null` when the diff budget was hit. */
  diff: DiffOp[] | null;
}

/** Where a finding sits on one side. */
export interface Span {
  /** The text of the span, `doc.text.slice(start, end)`. */
  text: string;
  /** Id of the sentence holding the span. */
  sentence: string;
  start: number;
  end: number;
}

/** The kinds of entity finding. */
export type FindingKind =
  | 'case-only'
  | 'misspelling'
  | 'expansion-corrupted'
  | 'mistranslated'
  | 'dropped'
  | 'number-or-date-changed'
  | 'title-or-role-changed'
  | 'inserted'
  | 'glossary-violation'
  | 'omitted-sentence'
  | 'added-sentence'
  | 'meaning-changed'
  | 'unrelated-document';

/** One problem found in the candidate (checks stage output). */
export interface Finding {
  /** Rule id from the rule registry, e.g. `entity/misspelling`. */
  rule: string;
  kind: FindingKind;
  severity: Severity;
  /** One sentence a reviewer reads: what changed and why it matters. */
  message: string;
  /** The reference entity or sentence; null for candidate-only findings. */
  reference: Span | null;
  /** The candidate text that corresponds; null when it was dropped. */
  candidate: Span | null;
  /** The figures or words the finding rests on (similarities, phonetic keys, words replaced…). */
  evidence: Record<string, unknown>;
  /** Set only when the run compared against a baseline: `unchanged` findings were accepted before. */
  baselineState?: 'new' | 'unchanged';
}

/** Metadata of a check; fills the SARIF `rules[]`, the HTML legend and the README. */
export interface RuleMeta {
  id: string;
  kind: FindingKind;
  defaultSeverity: Severity;
  description: string;
  /** A short example of what it finds, "KASA → Cassa". */
  example: string;
}

/** Counts of findings by severity. */
export type SeverityCounts = Record<Severity, number>;

/** The JSON report (schema version 1), the one model every writer formats. */
export interface Report {
  schemaVersion: 1;
  tool: { name: 'fidelity'; version: string };
  /** Settings and versions that reproduce the numbers, sacreBLEU style: `align:…|chrF:…|bleu:…|ter:…|version:…`. */
  signature: string;
  reference: DocumentRecord;
  candidate: DocumentRecord;
  alignment: ReportLink[];
  findings: Finding[];
  summary: Summary;
}

export interface DocumentRecord {
  path: string;
  sha256: string;
  language: string;
  warnings: string[];
  sentences: ReportSentence[];
}

/** A sentence as the report carries it: with its 1-based line and column, for SARIF and CI annotations. */
export interface ReportSentence extends Sentence {
  /** 1-based line of the sentence's first character. */
  line: number;
  /** 1-based column (UTF-16 units) of the sentence's first character. */
  column: number;
}

export type ReportLink = ScoredLink;

export interface Summary {
  verdict: Verdict;
  verdictEvidence: Record<string, number | string>;
  alignmentMode: 'monotonic' | 'non-monotonic';
  /** Length-weighted mean drift over the reference. */
  drift: number;
  /** Corpus-level scores over the aligned content (not averaged sentence scores). */
  scores: Scores;
  counts: SeverityCounts;
  /** Links by drift class. */
  driftClasses: Record<DriftClass, number>;
  /** Budgets that were hit; empty when the run was complete. */
  budgetsHit: string[];
}
