import type { Finding, FindingKind, Report, ReportLink, RuleMeta, Sentence, Severity, SeverityCounts, Span } from '../../types.js';
import { SEVERITIES } from '../../types.js';
import { countBySeverity, sortFindings } from '../model.js';
import { CLIENT_JS } from './client.js';
import { escapeAttr, escapeHtml, escapeText } from './escape.js';
import { DRIFT_CLASSES, DRIFT_INFO, KIND_INFO, RULE_LEGEND } from './legend.js';
import { cls, fmt, page } from './page.js';
import { REPORT_CSS } from './styles.js';

/** Which side of an alignment row a piece of text sits on. */
type Side = 'ref' | 'cand';

/** A stretch of one side's text, in that side's joined-text coordinates. */
interface Piece {
  start: number;
  end: number;
  /** `eq` kept, `del` only in the reference, `ins` only in the candidate. */
  op: 'eq' | 'del' | 'ins';
}

/** Overlapping finding spans on one side merged into one `<mark>` (marks cannot nest across each other). */
interface MarkCluster {
  start: number;
  end: number;
  findings: number[];
}

/** One side of one row, ready to render. */
interface SideView {
  text: string;
  pieces: Piece[];
  marks: MarkCluster[];
  /** Where each sentence of the side starts in `text`. */
  offsets: Map<string, number>;
  /** Why the word diff is not shown, or null when it is. */
  diffNote: string | null;
}

/** Severity letters drawn beside a mark, so severity is not told by colour alone. */
const SEVERITY_SYMBOL: Record<Severity, string> = { critical: '▲▲', major: '▲', minor: '●' };

/** Longest text shown in a findings-table cell; the full sentence is in its alignment row. */
const SNIPPET_CHARS = 90;

/** Longest evidence value shown; evidence is diagnostic, and a runaway value must not bloat the page. */
const EVIDENCE_CHARS = 300;

const severityRank = (s: Severity): number => {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
};

/**
 * The HTML report: one self-contained page (inline CSS and JS, no network, works from file:// and with
 * JavaScript off). `rules` fills the legend; it defaults to one entry per finding kind.
 *
 * Reading order follows what a reviewer needs first: verdict and figures, a drift strip of the whole
 * document, the worst findings (visible without scrolling at 1366×768), then the aligned sentences with the
 * word diff and every finding marked on both sides.
 */
export function renderHtml(report: Report, rules: readonly RuleMeta[] = RULE_LEGEND): string {
  const model = buildModel(report);
  const body =
    renderHeader(report, model) +
    renderTools(report, model) +
    '<main class="wrap">\n' +
    renderFindingsTable(report, model) +
    renderAlignment(report, model) +
    renderLegend(report, rules) +
    '</main>\n' +
    renderFooter(report);
  const title = `fidelity: ${report.candidate.path} vs ${report.reference.path}`;
  return page({ title, css: REPORT_CSS, body, script: CLIENT_JS });
}

/**
 * Finding indices in the report model's order (worst first, then reading order: `sortFindings`). The page
 * refers to findings by their index in `report.findings`, so the order is given as indices.
 */
export function findingOrder(findings: readonly Finding[]): number[] {
  const indices = new Map<Finding, number[]>();
  findings.forEach((f, i) => indices.set(f, [...(indices.get(f) ?? []), i]));
  return sortFindings(findings).map((f) => indices.get(f)!.shift()!);
}

// ---------------------------------------------------------------------------------------------------------
// Model: rows, where each finding sits, and each side's text with diff pieces and marks.

interface Model {
  /** Row index (0-based) holding each sentence id, per side. */
  rowOf: Record<Side, Map<string, number>>;
  /** The row a finding's entry and table link point at (its reference row, else its candidate row). */
  home: (number | null)[];
  /** Finding indices homed in each row. */
  rowFindings: number[][];
  /** Finding indices marked or listed in each row (a finding whose sides sit in two rows counts in both). */
  rowMarked: Set<number>[];
  views: { ref: SideView; cand: SideView }[];
  counts: SeverityCounts;
}

function buildModel(report: Report): Model {
  const byId: Record<Side, Map<string, Sentence>> = {
    ref: new Map(report.reference.sentences.map((s) => [s.id, s])),
    cand: new Map(report.candidate.sentences.map((s) => [s.id, s])),
  };
  const rowOf: Record<Side, Map<string, number>> = { ref: new Map(), cand: new Map() };
  report.alignment.forEach((link, row) => {
    for (const id of link.ref) if (!rowOf.ref.has(id)) rowOf.ref.set(id, row);
    for (const id of link.cand) if (!rowOf.cand.has(id)) rowOf.cand.set(id, row);
  });

  const views = report.alignment.map((link) => ({
    ref: sideView(link, 'ref', byId.ref),
    cand: sideView(link, 'cand', byId.cand),
  }));

  const rowFindings: number[][] = report.alignment.map(() => []);
  const rowMarked: Set<number>[] = report.alignment.map(() => new Set());
  const spans: { side: Side; row: number; start: number; end: number; finding: number }[] = [];
  const home = report.findings.map((f, i) => {
    let h: number | null = null;
    for (const side of ['ref', 'cand'] as const) {
      const span = side === 'ref' ? f.reference : f.candidate;
      if (!span) continue;
      const row = rowOf[side].get(span.sentence);
      if (row === undefined) continue;
      h ??= row;
      const local = locateSpan(span, views[row]![side], byId[side].get(span.sentence));
      if (local) {
        spans.push({ side, row, ...local, finding: i });
        rowMarked[row]!.add(i);
      }
    }
    if (h !== null) {
      rowFindings[h]!.push(i);
      rowMarked[h]!.add(i); // counts for the row even if its span text could not be found to mark
    }
    return h;
  });

  for (const s of spans) views[s.row]![s.side].marks.push({ start: s.start, end: s.end, findings: [s.finding] });
  for (const v of views) {
    v.ref.marks = mergeClusters(v.ref.marks);
    v.cand.marks = mergeClusters(v.cand.marks);
  }
  return { rowOf, home, rowFindings, rowMarked, views, counts: countBySeverity(report.findings) };
}

/**
 * One side of a link: its joined text and word-diff pieces. The compare stage diffs the side's sentences
 * joined by a space, so the `=`/`-` ops rebuild the reference side and `=`/`+` the candidate side; each
 * sentence is then found in that text in order. If that does not hold (an older or foreign report), the
 * sentences are shown joined, without a diff, and the page says so rather than showing a wrong diff.
 */
function sideView(link: ReportLink, side: Side, byId: Map<string, Sentence>): SideView {
  const ids = side === 'ref' ? link.ref : link.cand;
  const sentences = ids.map((id) => byId.get(id));
  const plain = (note: string | null): SideView => {
    const offsets = new Map<string, number>();
    let text = '';
    sentences.forEach((s, k) => {
      if (k > 0) text += ' ';
      if (s) offsets.set(s.id, text.length);
      text += s?.text ?? '';
    });
    return { text, pieces: text ? [{ start: 0, end: text.length, op: 'eq' }] : [], marks: [], offsets, diffNote: note };
  };
  if (ids.length === 0) return plain(null);
  // One side empty: nothing to diff against, and no note is needed.
  if (link.ref.length === 0 || link.cand.length === 0) return plain(null);
  if (link.diff === null) return plain('Word diff not shown: the diff budget was hit for this link.');

  const skip = side === 'ref' ? '+' : '-';
  const pieces: Piece[] = [];
  let text = '';
  for (const [op, value] of link.diff) {
    if (op === skip || value === '') continue;
    pieces.push({ start: text.length, end: text.length + value.length, op: op === '=' ? 'eq' : side === 'ref' ? 'del' : 'ins' });
    text += value;
  }
  const offsets = new Map<string, number>();
  let cursor = 0;
  for (const s of sentences) {
    if (!s) return plain('Word diff not shown: a sentence of this link is missing from the report.');
    const at = text.indexOf(s.text, cursor);
    if (at < 0) return plain('Word diff not shown: it does not match the sentence texts.');
    offsets.set(s.id, at);
    cursor = at + s.text.length;
  }
  return { text, pieces, marks: [], offsets, diffNote: null };
}

/**
 * Where a finding span sits in a side's joined text. Spans carry document offsets; the sentence's own
 * offsets turn them into sentence offsets. When the offsets disagree with the span text (a checker bug or a
 * hand-edited report), the span text is searched in the sentence instead; null when it is not there.
 */
function locateSpan(span: Span, view: SideView, sentence: Sentence | undefined): { start: number; end: number } | null {
  if (!sentence) return null;
  const base = view.offsets.get(sentence.id);
  if (base === undefined) return null;
  let local = span.start - sentence.start;
  let len = span.end - span.start;
  if (!(local >= 0 && len > 0 && local + len <= sentence.text.length && sentence.text.slice(local, local + len) === span.text)) {
    if (span.text === '') return null;
    local = sentence.text.indexOf(span.text);
    len = span.text.length;
    if (local < 0) return null;
  }
  return { start: base + local, end: base + local + len };
}

/** Merges overlapping spans so marks never cross each other; touching spans stay separate. */
function mergeClusters(spans: MarkCluster[]): MarkCluster[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end || a.findings[0]! - b.findings[0]!);
  const out: MarkCluster[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      for (const f of s.findings) if (!last.findings.includes(f)) last.findings.push(f);
    } else out.push({ start: s.start, end: s.end, findings: [...s.findings] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Header, drift strip and tools.

const VERDICT_TEXT: Record<string, string> = {
  translation: 'The candidate is a rendering of the reference.',
  related: 'The candidate is about the same matter but is not a rendering of the reference.',
  unrelated: 'The candidate does not correspond to the reference.',
};

function renderHeader(report: Report, model: Model): string {
  const s = report.summary;
  const counts = SEVERITIES.map((sev) => {
    const n = model.counts[sev];
    return `<li><span class="badge sev-${sev}${n === 0 ? ' zero' : ''}">${n} ${sev}</span></li>`;
  }).join('');
  const verdict = cls(String(s.verdict));
  const alerts: string[] = [];
  // A candidate that is not a rendering makes every row below an omission or addition: say so first.
  if (s.verdict !== 'translation') alerts.push(`<strong>Verdict: ${escapeText(String(s.verdict))}.</strong> ${escapeText(VERDICT_TEXT[s.verdict] ?? '')}`);
  if (s.budgetsHit.length > 0) {
    alerts.push(`<strong>Incomplete run.</strong> Budgets hit: ${s.budgetsHit.map((b) => escapeText(b)).join('; ')}`);
  }
  const warnings = [
    ...report.reference.warnings.map((w) => `reference: ${w}`),
    ...report.candidate.warnings.map((w) => `candidate: ${w}`),
  ];
  if (warnings.length > 0) alerts.push(`<strong>Input warnings.</strong> ${warnings.map((w) => escapeText(w)).join('; ')}`);
  return (
    '<header class="top">\n<div class="wrap">\n' +
    '<div>' +
    '<h1>Fidelity report</h1>' +
    `<p class="docs"><span class="muted">Reference</span> <code>${escapeText(report.reference.path)}</code>` +
    `<span class="arrow" aria-hidden="true">→</span><span class="muted">Candidate</span> <code>${escapeText(report.candidate.path)}</code></p>` +
    // One line, cut with an ellipsis: signatures run to hundreds of characters; the footer shows it whole.
    `<p class="sig"><span class="visually-hidden">Signature: </span><code title="${escapeAttr(report.signature)}">${escapeText(report.signature)}</code>` +
    '<a href="#signature" class="noprint">full signature</a></p>' +
    '</div>\n' +
    '<div class="figures">' +
    `<p class="verdict v-${verdict}" title="${escapeAttr(VERDICT_TEXT[s.verdict] ?? '')}">Verdict: ${escapeText(String(s.verdict))}</p>` +
    '<dl>' +
    `<div><dt>Drift</dt><dd>${fmt(s.drift, 2)}</dd></div>` +
    `<div><dt>chrF</dt><dd>${fmt(s.scores.chrF, 1)}</dd></div>` +
    `<div><dt>BLEU</dt><dd>${fmt(s.scores.bleu, 1)}</dd></div>` +
    `<div><dt>TER</dt><dd>${fmt(s.scores.ter, 1)}</dd></div>` +
    '</dl>' +
    `<ul class="counts" aria-label="Findings by severity">${counts}</ul>` +
    '</div>\n' +
    alerts.map((a) => `<p class="alert" role="note">${a}</p>\n`).join('') +
    renderStrip(report, model) +
    '</div>\n</header>\n'
  );
}

/**
 * One mark per reference sentence in row order, coloured, patterned and lettered by drift class, with a bar
 * under it for the worst finding of its row. Rows without a reference sentence (added, boilerplate) get a
 * narrow mark so that the strip shows where the candidate inserted text.
 */
function renderStrip(report: Report, model: Model): string {
  const items: string[] = [];
  report.alignment.forEach((link, row) => {
    const info = DRIFT_INFO[link.driftClass] ?? { letter: '?', label: String(link.driftClass) };
    const dc = cls(String(link.driftClass));
    const marked = [...model.rowMarked[row]!];
    const worst = worstSeverity(marked.map((i) => report.findings[i]!.severity));
    const findingsText = marked.length === 0 ? '' : `, ${marked.length} finding${marked.length === 1 ? '' : 's'} (worst ${worst})`;
    const mark = (label: string, narrow: boolean): string => {
      const title = `Row ${row + 1}, ${label}: ${info.label}${link.scores ? `, drift ${fmt(link.drift, 2)}` : ''}${findingsText}`;
      return (
        `<li${narrow ? ' class="nr"' : ''}><a href="#row-${row + 1}" data-row="row-${row + 1}" class="dc-${dc}${worst ? ` ws-${worst}` : ''}" ` +
        `title="${escapeAttr(title)}" aria-label="${escapeAttr(title)}">${escapeHtml(info.letter)}</a></li>`
      );
    };
    if (link.ref.length === 0) items.push(mark(`candidate ${link.cand.join(', ')}`, true));
    for (const id of link.ref) items.push(mark(`reference ${id}`, false));
  });
  return (
    '<nav class="strip" id="strip" aria-labelledby="strip-h">' +
    `<h2 id="strip-h">Drift by sentence, in reference order (${report.reference.sentences.length} reference sentences)</h2>` +
    `<ol>${items.join('')}</ol></nav>\n`
  );
}

function worstSeverity(sevs: readonly Severity[]): Severity | null {
  let best: Severity | null = null;
  for (const s of sevs) if (best === null || severityRank(s) < severityRank(best)) best = s;
  return best;
}

/**
 * Filters and finding navigation. Hidden until the script shows it (without JavaScript they would do
 * nothing); the filter form folds into one line so the worst findings stay above the fold at 1366×768.
 */
function renderTools(report: Report, model: Model): string {
  const kinds = [...new Set(report.findings.map((f) => String(f.kind)))].sort();
  const driftPresent = DRIFT_CLASSES.filter((c) => report.alignment.some((l) => l.driftClass === c));
  const box = (name: string, value: string, label: string): string =>
    `<label><input type="checkbox" name="${name}" value="${escapeAttr(value)}" checked> ${label}</label>`;
  return (
    '<div class="tools noprint" id="tools" hidden>\n<div class="wrap">\n' +
    '<details class="filters"><summary>Filters <span id="filter-state" class="muted">(everything shown)</span></summary>' +
    '<form id="filters" aria-label="Filters">' +
    '<fieldset><legend>Severity</legend>' +
    SEVERITIES.map((s) => box('sev', s, `${s} (${model.counts[s]})`)).join('') +
    '</fieldset>' +
    '<fieldset><legend>Kind</legend>' +
    kinds.map((k) => box('kind', k, escapeText(KIND_INFO[k as FindingKind]?.label ?? k))).join('') +
    '</fieldset>' +
    '<fieldset><legend>Drift</legend>' +
    driftPresent.map((c) => box('drift', c, `<span class="dcb dc-${c}" aria-hidden="true">${escapeHtml(DRIFT_INFO[c].letter)}</span> ${DRIFT_INFO[c].label}`)).join('') +
    '</fieldset>' +
    '<fieldset><legend>Rows</legend><label><input type="checkbox" name="only"> only rows with findings</label></fieldset>' +
    '</form></details>' +
    '<div class="nav"><button type="button" id="prev" title="Previous finding (k)"><kbd>k</kbd> Previous</button>' +
    '<button type="button" id="next" title="Next finding (j)"><kbd>j</kbd> Next finding</button>' +
    '<span id="status" role="status" aria-live="polite"></span></div>\n' +
    '</div>\n</div>\n'
  );
}

// ---------------------------------------------------------------------------------------------------------
// Findings table.

function renderFindingsTable(report: Report, model: Model): string {
  const n = report.findings.length;
  const head =
    '<section id="findings" aria-labelledby="findings-h">\n<div class="section-head">' +
    `<h2 id="findings-h">Findings, worst first (${n})</h2>` +
    '<p>Each row links to its place in the aligned text below.</p></div>\n';
  if (n === 0) return `${head}<p class="empty">No findings.</p>\n</section>\n`;
  const rows = findingOrder(report.findings).map((i) => {
    const f = report.findings[i]!;
    const sev = cls(String(f.severity));
    const h = model.home[i];
    const where =
      h !== null && h !== undefined
        ? `<a href="#row-${h + 1}">Row ${h + 1}</a>`
        : f.reference === null && f.candidate === null
          ? '<span class="muted">whole document</span>'
          : '<span class="muted">not in the alignment</span>';
    const baseline = f.baselineState ? ` <span class="tag">${f.baselineState === 'new' ? 'new' : 'accepted before'}</span>` : '';
    return (
      `<tr id="fr-${i}" data-finding="${i}" data-sev="${escapeAttr(String(f.severity))}" data-kind="${escapeAttr(String(f.kind))}">` +
      `<td><span class="badge sev-${sev}">${escapeText(String(f.severity))}</span></td>` +
      `<td><span class="kind">${escapeText(KIND_INFO[f.kind]?.label ?? String(f.kind))}</span><br><code class="rule">${escapeText(f.rule)}</code></td>` +
      `<td class="pair">${renderPair(f)}</td>` +
      `<td class="what">${escapeText(f.message)}${baseline}</td>` +
      `<td>${where}</td></tr>`
    );
  });
  return (
    head +
    '<div class="scroll" tabindex="0" role="region" aria-labelledby="findings-h">\n<table class="findings">' +
    '<thead><tr><th scope="col">Severity</th><th scope="col">Kind · rule</th><th scope="col">Reference → candidate</th><th scope="col">What changed</th><th scope="col">Where</th></tr></thead>\n<tbody>\n' +
    rows.join('\n') +
    '\n</tbody></table>\n</div>\n</section>\n'
  );
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= SNIPPET_CHARS ? t : `${t.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`;
}

function renderPair(f: Finding): string {
  const side = (span: Span | null, c: string, none: string): string =>
    span ? `<span class="${c}" dir="auto">${escapeText(snippet(span.text))}</span>` : `<span class="none">${none}</span>`;
  return `${side(f.reference, 'from', 'not in reference')}<span class="arrow" aria-label="became">→</span>${side(f.candidate, 'to', 'missing')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Aligned sentences.

const SHAPE_LABEL = (link: ReportLink): string | null => {
  const r = link.ref.length;
  const c = link.cand.length;
  if (r === 0 || c === 0) return null;
  if (r === 1 && c > 1) return `split 1→${c}`;
  if (r > 1 && c === 1) return `merged ${r}→1`;
  if (r > 1 && c > 1) return `${r}→${c}`;
  return null;
};

function renderAlignment(report: Report, model: Model): string {
  const lang = (l: string): string => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l) ? ` lang="${l}"` : '');
  const refLang = lang(report.reference.language);
  const candLang = lang(report.candidate.language);
  const candById = new Map(report.candidate.sentences.map((s) => [s.id, s]));
  const rows = report.alignment.map((link, row) => {
    const n = row + 1;
    const dc = cls(String(link.driftClass));
    const marked = [...model.rowMarked[row]!].sort((a, b) => a - b);
    const classes = [`r-${dc}`];
    if (link.moved) classes.push('r-moved');
    if (marked.length > 0) classes.push('r-findings');
    const tags: string[] = [];
    const shape = SHAPE_LABEL(link);
    if (shape) tags.push(shape);
    if (link.moved) tags.push('moved');
    const boilerplate = link.cand.some((id) => candById.get(id)?.boilerplate);
    const view = model.views[row]!;
    const ids = `${link.ref.length ? escapeText(link.ref.join(' ')) : '—'} → ${link.cand.length ? escapeText(link.cand.join(' ')) : '—'}`;
    return (
      `<tr id="row-${n}" data-n="${n}" class="${classes.join(' ')}" data-drift="${escapeAttr(String(link.driftClass))}" data-finding="${marked.join(' ')}">` +
      `<th scope="row"><a href="#row-${n}" aria-label="Row ${n}">${n}</a> <span class="shape">${ids}</span>` +
      tags.map((t) => `<span class="tag">${t}</span>`).join('') +
      (link.moved ? '<span class="visually-hidden"> (candidate text moved from elsewhere)</span>' : '') +
      '</th>' +
      `<td class="txt ref" dir="auto"${refLang}>${renderSide(report, view.ref, link.ref.length ? null : 'no reference sentence: added in the candidate')}</td>` +
      `<td class="txt cand" dir="auto"${candLang}>${renderSide(report, view.cand, link.cand.length ? null : 'omitted: no candidate sentence')}` +
      (boilerplate ? ' <span class="tag">boilerplate</span>' : '') +
      renderRowFindings(report, model.rowFindings[row]!) +
      '</td>' +
      `<td class="drift">${renderDrift(link)}</td></tr>`
    );
  });
  return (
    '<section id="alignment" aria-labelledby="alignment-h">\n<div class="section-head">' +
    `<h2 id="alignment-h">Aligned sentences (${report.alignment.length} rows)</h2>` +
    '<p class="key"><span class="visually-hidden">Key: </span><del>deleted</del> <ins>inserted</ins> ' +
    SEVERITIES.map((sev) => `<mark class="sev-${sev}" data-sym="${SEVERITY_SYMBOL[sev]}">${sev} finding</mark>`).join(' ') +
    ` · focus a mark (<kbd>Tab</kbd><span class="needs-js" hidden>, <kbd>j</kbd>/<kbd>k</kbd></span>) for its evidence · alignment ${escapeText(report.summary.alignmentMode)}</p></div>\n` +
    '<table class="align"><caption class="visually-hidden">Reference sentences beside the candidate sentences they were aligned with, in reference order.</caption>' +
    '<colgroup><col class="c-row"><col><col><col class="c-drift"></colgroup>' +
    '<thead><tr><th scope="col">Row</th><th scope="col">Reference</th><th scope="col">Candidate</th><th scope="col">Drift</th></tr></thead>\n<tbody>\n' +
    rows.join('\n') +
    '\n</tbody></table>\n</section>\n'
  );
}

function renderDrift(link: ReportLink): string {
  const info = DRIFT_INFO[link.driftClass] ?? { letter: '?', label: String(link.driftClass) };
  const dc = cls(String(link.driftClass));
  const scores = link.scores
    ? `<span class="sc">chrF ${fmt(link.scores.chrF, 1)} · BLEU ${fmt(link.scores.bleu, 1)}</span><span class="sc">TER ${fmt(link.scores.ter, 1)} · conf. ${fmt(link.confidence, 2)}</span>`
    : `<span class="sc">conf. ${fmt(link.confidence, 2)}</span>`;
  return (
    `<span class="dcb dc-${dc}" aria-hidden="true">${escapeHtml(info.letter)}</span> <span class="dcl">${escapeText(info.label)}</span><br>` +
    `<span class="v">drift ${fmt(link.drift, 2)}</span>${scores}`
  );
}

/** A side's text with diff pieces (`<del>`/`<ins>`) inside finding marks; marks never cross each other. */
/** `/\s/` (without the u flag: per UTF-16 code unit). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function renderSide(report: Report, view: SideView, emptyNote: string | null): string {
  if (view.text === '') return emptyNote ? `<span class="empty">${emptyNote}</span>` : '';
  const piecesIn = (start: number, end: number): string => {
    let out = '';
    for (const p of view.pieces) {
      const a = Math.max(p.start, start);
      const b = Math.min(p.end, end);
      if (a >= b) continue;
      const t = view.text.slice(a, b);
      if (p.op === 'eq') {
        out += escapeText(t);
        continue;
      }
      // Spaces at the edges of a changed run stay outside <del>/<ins>: underlined or struck-through spaces
      // read as noise between every changed word.
      // As /^(\s*)([\s\S]*?)(\s*)$/, without the lazy group's quadratic backtracking on long runs.
      let i = 0;
      let j = t.length;
      while (i < j && isSpace(t.charCodeAt(i))) i++;
      while (j > i && isSpace(t.charCodeAt(j - 1))) j--;
      const core = t.slice(i, j);
      out += escapeText(t.slice(0, i)) + (core ? `<${p.op}>${escapeText(core)}</${p.op}>` : '') + escapeText(t.slice(j));
    }
    return out;
  };
  let out = '';
  let at = 0;
  for (const m of view.marks) {
    out += piecesIn(at, m.start);
    out += markOpen(report, m) + piecesIn(m.start, m.end) + '</mark>';
    at = m.end;
  }
  out += piecesIn(at, view.text.length);
  const note = view.diffNote ? ` <span class="muted" role="note">(${escapeText(view.diffNote)})</span>` : '';
  // <bdi> isolates the text, so a right-to-left candidate cannot reorder the tags shown after it.
  return `<bdi>${out}</bdi>${note}`;
}

function markOpen(report: Report, m: MarkCluster): string {
  const fs = m.findings.map((i) => report.findings[i]!);
  const worst = worstSeverity(fs.map((f) => f.severity)) ?? 'minor';
  const kinds = [...new Set(fs.map((f) => `kind-${cls(String(f.kind))}`))].join(' ');
  const tip = fs.map((f) => `${f.severity} · ${KIND_INFO[f.kind]?.label ?? f.kind}: ${f.message}`).join('\n');
  return (
    `<mark class="sev-${cls(worst)} ${kinds}" data-finding="${m.findings.join(' ')}" data-sym="${SEVERITY_SYMBOL[worst] ?? ''}" ` +
    `tabindex="0" aria-describedby="${m.findings.map((i) => `fd-${i}`).join(' ')}" data-tip="${escapeAttr(tip)}">`
  );
}

/** The row's findings with their evidence in a <details> panel: keyboard reachable, works without JS. */
function renderRowFindings(report: Report, indices: readonly number[]): string {
  if (indices.length === 0) return '';
  const sorted = [...indices].sort((a, b) => severityRank(report.findings[a]!.severity) - severityRank(report.findings[b]!.severity) || a - b);
  const items = sorted.map((i) => {
    const f = report.findings[i]!;
    return (
      `<li id="fd-${i}" data-finding="${i}"><span class="badge sev-${cls(String(f.severity))}">${escapeText(String(f.severity))}</span> ` +
      `<span class="kind">${escapeText(KIND_INFO[f.kind]?.label ?? String(f.kind))}</span> <code class="rule">${escapeText(f.rule)}</code>: ` +
      `${escapeText(f.message)} <a href="#fr-${i}" class="noprint">in the findings list</a>` +
      renderEvidence(f.evidence) +
      '</li>'
    );
  });
  const n = indices.length;
  return `<details class="fd"><summary>${n} finding${n === 1 ? '' : 's'}: evidence</summary><ol>${items.join('')}</ol></details>`;
}

function renderEvidence(evidence: Record<string, unknown>): string {
  const entries = Object.entries(evidence ?? {});
  if (entries.length === 0) return '';
  return `<dl class="ev">${entries.map(([k, v]) => `<dt>${escapeText(k)}</dt><dd>${escapeText(evidenceValue(v))}</dd>`).join('')}</dl>`;
}

/** Evidence values as a reviewer reads them: numbers to 3 decimals, strings as they are, the rest as JSON. */
export function evidenceValue(v: unknown): string {
  let s: string;
  if (typeof v === 'number') s = Number.isInteger(v) ? String(v) : fmt(v, 3);
  else if (typeof v === 'string') s = v;
  else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) s = v.join(', ');
  else s = JSON.stringify(v) ?? String(v);
  return s.length <= EVIDENCE_CHARS ? s : `${s.slice(0, EVIDENCE_CHARS - 1)}…`;
}

// ---------------------------------------------------------------------------------------------------------
// Legend and footer.

/**
 * The rules legend with how often each fired here. A finding counts under its rule id; when the legend
 * given does not list that id, under the legend's `kind/<kind>` entry (the default legend), else under an
 * entry made from its kind, so every rule that fired is explained.
 */
function renderLegend(report: Report, rules: readonly RuleMeta[]): string {
  const entries = [...rules];
  const byId = new Map(entries.map((r, i) => [r.id, i]));
  const fired = entries.map(() => 0);
  for (const f of report.findings) {
    let i = byId.get(f.rule) ?? byId.get(`kind/${f.kind}`);
    if (i === undefined) {
      const info = KIND_INFO[f.kind];
      i = entries.push({ id: f.rule, kind: f.kind, defaultSeverity: f.severity, description: info?.description ?? '', example: info?.example ?? '' }) - 1;
      byId.set(f.rule, i);
      fired.push(0);
    }
    fired[i]!++;
  }
  const ruleRows = entries
    .map(
      (r, i) =>
        `<tr><td><code>${escapeText(r.id)}</code></td><td>${escapeText(r.description)}` +
        (r.example ? ` <span class="muted">e.g. ${escapeText(r.example)}</span>` : '') +
        `</td><td><span class="badge sev-${cls(String(r.defaultSeverity))}">${escapeText(String(r.defaultSeverity))}</span></td>` +
        `<td class="num">${fired[i]}</td></tr>`,
    )
    .join('');
  const driftRows = DRIFT_CLASSES.map(
    (c) =>
      `<tr><td><span class="dcb dc-${c}" aria-hidden="true">${escapeHtml(DRIFT_INFO[c].letter)}</span></td><td>${DRIFT_INFO[c].label}</td>` +
      `<td>${DRIFT_INFO[c].description}</td><td class="num">${report.alignment.filter((l) => l.driftClass === c).length}</td></tr>`,
  ).join('');
  return (
    '<section id="legend" aria-labelledby="legend-h"><h2 id="legend-h">Legend</h2><div class="legend">' +
    '<table><caption>Rules</caption><thead><tr><th scope="col">Rule</th><th scope="col">Finds</th><th scope="col">Default</th><th scope="col" class="num">Here</th></tr></thead>' +
    `<tbody>${ruleRows}</tbody></table>` +
    '<table><caption>Drift classes</caption><thead><tr><th scope="col"><span class="visually-hidden">Mark</span></th><th scope="col">Class</th><th scope="col">Meaning</th><th scope="col" class="num">Rows</th></tr></thead>' +
    `<tbody>${driftRows}</tbody></table>` +
    '</div></section>\n'
  );
}

function renderFooter(report: Report): string {
  const ev = Object.entries(report.summary.verdictEvidence ?? {})
    .map(([k, v]) => `${escapeText(k)} ${escapeText(typeof v === 'number' ? evidenceValue(v) : String(v))}`)
    .join(' · ');
  const doc = (label: string, d: Report['reference']): string =>
    `<dt>${label}</dt><dd><code>${escapeText(d.path)}</code> · ${d.sentences.length} sentences · language ${escapeText(d.language)} · sha256 <code>${escapeText(d.sha256)}</code></dd>`;
  return (
    '<footer><div class="wrap"><dl>' +
    doc('Reference', report.reference) +
    doc('Candidate', report.candidate) +
    `<dt>Verdict evidence</dt><dd>${ev || '–'}</dd>` +
    `<dt id="signature">Signature</dt><dd><code>${escapeText(report.signature)}</code></dd>` +
    `<dt>Tool</dt><dd>${escapeText(report.tool.name)} ${escapeText(report.tool.version)}, report schema ${escapeText(String(report.schemaVersion))}</dd>` +
    '</dl></div></footer>\n'
  );
}
